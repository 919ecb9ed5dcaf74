package suite

// Differences are the places a backend is known to answer otherwise than
// Amazon SQS. Each flag says which answer matches SQS and on what
// evidence.
type Differences struct {
	// NoBatches: SendMessageBatch answers UnsupportedOperation. SQS
	// serves it (SQS API Reference, SendMessageBatch). sqstest differs
	// until its batch operations land (its package doc lists them as not
	// yet served).
	NoBatches bool
	// MaxMessage256KiB: TODO
	MaxMessage256KiB bool
	// NoMessageNotInflight: TODO
	NoMessageNotInflight bool
	// AcceptsDelayOver900: TODO
	AcceptsDelayOver900 bool
	// PurgeNotLimited: TODO
	PurgeNotLimited bool
	// DedupForgottenOnDelete: TODO
	DedupForgottenOnDelete bool
}

// SQSTestDifferences are the known differences of sqstest, goboto's fake.
func SQSTestDifferences() Differences {
	return Differences{NoBatches: true}
}

// MotoDifferences are the known differences of moto 5.2.1.
func MotoDifferences() Differences {
	return Differences{}
}

// FauxqsDifferences are the known differences of fauxqs 2.4.1.
func FauxqsDifferences() Differences {
	return Differences{}
}
