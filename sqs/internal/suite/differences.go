package suite

// Differences are the places a backend is known to answer otherwise than
// Amazon SQS. Each flag says which answer matches SQS and on what
// evidence; "the model" is SQS's API model (botocore's
// sqs/2012-11-05/service-2.json), "the query model" its query-protocol
// version as Debian's aws CLI 2.9 ships it.
type Differences struct {
	// FractionalTimestamps: GetQueueAttributes answers CreatedTimestamp
	// and LastModifiedTimestamp with a fraction ("1796556950.60227"), so
	// goboto's Queue.Created stays zero. SQS answers whole seconds (the
	// model, GetQueueAttributes: "CreatedTimestamp – Returns the time
	// when the queue was created in seconds (epoch time)"). moto differs.
	FractionalTimestamps bool
	// QueueAttributeRangesNotChecked: CreateQueue accepts DelaySeconds,
	// VisibilityTimeout, MessageRetentionPeriod and
	// ReceiveMessageWaitTimeSeconds out of range (only
	// MaximumMessageSize's is checked). SQS answers
	// InvalidAttributeValue (the model, SetQueueAttributes: "DelaySeconds
	// – ... An integer from 0 to 900", "VisibilityTimeout – ... from 0 to
	// 43,200", "MessageRetentionPeriod – ... from 60 seconds",
	// "ReceiveMessageWaitTimeSeconds – ... from 0 to 20"; CreateQueue
	// declares InvalidAttributeValue). moto differs.
	QueueAttributeRangesNotChecked bool
	// UnknownQueueAttributeAccepted: CreateQueue accepts an attribute
	// name SQS does not have ("Colour"). SQS answers InvalidAttributeName
	// (the model: "The specified attribute doesn't exist", declared by
	// CreateQueue). moto and fauxqs differ.
	UnknownQueueAttributeAccepted bool
	// QueueNameNotChecked: CreateQueue accepts "bad name!" and names of
	// 81 characters. SQS answers InvalidParameterValue (the model,
	// CreateQueue, QueueName: "A queue name can have up to 80 characters.
	// Valid values: alphanumeric characters, hyphens (-), and underscores
	// (_)"). fauxqs differs.
	QueueNameNotChecked bool
	// PrefixedErrorCodes: every error's legacy code (x-amzn-query-error)
	// is "AWS.SimpleQueueService." and the model's name:
	// AWS.SimpleQueueService.InvalidParameterValue,
	// ...MissingParameter, ...InvalidAttributeValue,
	// ...InvalidMessageContents, ...QueueNameExists. SQS gives that
	// prefix only to the codes its query model names so
	// (QueueDoesNotExist's AWS.SimpleQueueService.NonExistentQueue, the
	// batch errors, ...); the others keep their name (InvalidAttributeValue,
	// InvalidMessageContents have no error code in the query model), the
	// common errors theirs (AWS General Reference, "Common errors":
	// InvalidParameterValue, MissingParameter), and QueueNameExists is
	// "QueueAlreadyExists". fauxqs differs.
	PrefixedErrorCodes bool
	// FilteredAttributesMD5: a ReceiveMessage naming some message
	// attributes answers the MD5 of all the message's attributes, so
	// goboto's check fails with a *sqs.ChecksumError. SQS answers the MD5
	// of the attributes it returns, which is what the AWS SDKs check
	// (aws-sdk-java-v2's MessageMD5ChecksumInterceptor,
	// receiveMessageResultMd5Check, hashes message.messageAttributes()).
	// fauxqs differs.
	FilteredAttributesMD5 bool
	// ReceiptHandleNotChecked: DeleteMessage with a receipt handle the
	// server never gave succeeds. SQS answers ReceiptHandleIsInvalid (the
	// model, DeleteMessage, declares it: "The specified receipt handle
	// isn't valid"). fauxqs differs.
	ReceiptHandleNotChecked bool
	// AttributeCountNotChecked: SendMessage accepts 11 message
	// attributes. SQS answers InvalidParameterValue (SQS Developer Guide,
	// "Amazon SQS message attributes": "Each message can have up to 10
	// attributes"). moto and fauxqs differ.
	AttributeCountNotChecked bool
	// MessageContentsNotChecked: SendMessage accepts U+0000 and U+FFFE in
	// a body. SQS answers InvalidMessageContents (the model, SendMessage,
	// MessageBody: "A message can include only XML, JSON, and
	// unformatted text. The following Unicode characters are allowed: #x9
	// | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to
	// #x10FFFF"). moto differs.
	MessageContentsNotChecked bool
	// RefusesSupplementaryChars: a body with a character above U+FFFF (an
	// emoji) is InvalidMessageContents. SQS allows "#x10000 to #x10FFFF"
	// (the same MessageBody doc). fauxqs differs; its message lists the
	// ranges without that one.
	RefusesSupplementaryChars bool
	// AcceptsDelayOver900: SendMessage accepts a DelaySeconds of 901.
	// SQS answers InvalidParameterValue (the model, SendMessage,
	// DelaySeconds: "Valid values: 0 to 900. Maximum: 15 minutes").
	// fauxqs differs.
	AcceptsDelayOver900 bool
	// PurgeNotLimited: a second PurgeQueue within 60 seconds succeeds.
	// SQS answers PurgeQueueInProgress (the model: "Indicates that the
	// specified queue previously received a PurgeQueue request within the
	// last 60 seconds"). moto and fauxqs differ.
	PurgeNotLimited bool
	// NoMessageNotInflight: ChangeMessageVisibility of a message that is
	// visible again succeeds. SQS answers MessageNotInflight (the model,
	// ChangeMessageVisibility, declares it: "The specified message isn't
	// in flight"). moto differs.
	NoMessageNotInflight bool
	// DedupForgottenOnDelete: once a FIFO message is deleted, a send with
	// its deduplication ID is delivered. SQS drops it for the rest of the
	// 5-minute interval (the model, SendMessage, MessageDeduplicationId:
	// "any messages sent with the same message deduplication ID are
	// accepted successfully but aren't delivered during the 5-minute
	// deduplication interval"; the interval starts at the first send,
	// not at its delivery). moto differs (its FIFO deduplication looks
	// only at the messages still in the queue).
	DedupForgottenOnDelete bool
	// RandomSequenceNumbers: FIFO sequence numbers are random. SQS's
	// increase within a message group (the model, SendMessage,
	// SequenceNumber: "SequenceNumber continues to increase for a
	// particular MessageGroupId"). moto differs: moto/sqs/models.py
	// gives 20 random digits, and only to a send with an explicit
	// deduplication ID (none with content-based deduplication).
	RandomSequenceNumbers bool
}

// SQSTestDifferences are the known differences of sqstest, goboto's fake.
func SQSTestDifferences() Differences {
	return Differences{}
}

// MotoDifferences are the known differences of moto 5.2.1.
func MotoDifferences() Differences {
	return Differences{
		FractionalTimestamps:           true,
		QueueAttributeRangesNotChecked: true,
		UnknownQueueAttributeAccepted:  true,
		AttributeCountNotChecked:       true,
		MessageContentsNotChecked:      true,
		PurgeNotLimited:                true,
		NoMessageNotInflight:           true,
		DedupForgottenOnDelete:         true,
		RandomSequenceNumbers:          true,
	}
}

// FauxqsDifferences are the known differences of fauxqs 2.4.1.
func FauxqsDifferences() Differences {
	return Differences{
		UnknownQueueAttributeAccepted: true,
		QueueNameNotChecked:           true,
		PrefixedErrorCodes:            true,
		FilteredAttributesMD5:         true,
		ReceiptHandleNotChecked:       true,
		AttributeCountNotChecked:      true,
		RefusesSupplementaryChars:     true,
		AcceptsDelayOver900:           true,
		PurgeNotLimited:               true,
	}
}
