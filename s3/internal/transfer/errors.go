package transfer

import "strconv"

// Error says a transfer failed, and what became of its multipart upload;
// package s3 turns it into its TransferError, field for field.
type Error struct {
	Op          string // "Upload", "Resume" or "Download"
	Bucket, Key string
	UploadID    string // "" when there was none
	Part        int    // 0 when no one part failed
	Aborted     bool
	AbortErr    error
	Err         error
}

func (e *Error) Error() string {
	s := "s3: " + e.Op + " " + e.Bucket + "/" + e.Key
	if e.Part > 0 {
		s += " part " + strconv.Itoa(e.Part)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	switch {
	case e.AbortErr != nil:
		s += " (abort of upload " + e.UploadID + " failed: " + e.AbortErr.Error() + ")"
	case e.UploadID != "" && !e.Aborted:
		s += " (upload " + e.UploadID + " kept for Resume)"
	}
	return s
}

func (e *Error) Unwrap() []error {
	if e.AbortErr != nil {
		return []error{e.Err, e.AbortErr}
	}
	return []error{e.Err}
}

// ChecksumError says downloaded bytes do not match the checksum S3 holds
// for them; package s3 turns it into its ChecksumError.
type ChecksumError struct {
	Bucket, Key string
	Algorithm   Checksum
	Want, Got   string // base64, as S3 writes them
	Size        int64
}

func (e *ChecksumError) Error() string {
	return "s3: " + e.Bucket + "/" + e.Key + ": " + string(e.Algorithm) + " of " + strconv.FormatInt(e.Size, 10) +
		" bytes received is " + e.Got + ", S3 has " + e.Want
}

// partError is a failed part's number and cause.
type partError struct {
	part int
	err  error
}

func (e *partError) Error() string { return "part " + strconv.Itoa(e.part) + ": " + e.err.Error() }
func (e *partError) Unwrap() error { return e.err }
