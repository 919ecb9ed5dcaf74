package s3

// MinPartSizeForTest lowers the 5 MiB floor of PartSize to n bytes, so
// that a test can move as many parts in far less memory against a fake
// told the same (s3test.WithMinPartSize). Only tests can reach it.
func MinPartSizeForTest(n int64) TransferOption {
	return func(o *TransferOptions) { o.minPartSize = n }
}
