package s3test

import (
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// s3err returns an S3 error answer.
func s3err(status int, code, msg string) *fake.Error {
	return &fake.Error{Status: status, Code: code, Message: msg, Sender: status < 500}
}

func errNoSuchBucket(name string) *fake.Error {
	e := s3err(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
	e.Extra = map[string]string{"BucketName": name}
	return e
}

func errNoSuchKey(key string) *fake.Error {
	e := s3err(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
	e.Extra = map[string]string{"Key": key}
	return e
}

func errAccessDenied() *fake.Error {
	return s3err(http.StatusForbidden, "AccessDenied", "Access Denied")
}

func errInvalidBucketName(name string) *fake.Error {
	e := s3err(http.StatusBadRequest, "InvalidBucketName", "The specified bucket is not valid.")
	e.Extra = map[string]string{"BucketName": name}
	return e
}

func errMalformedXML() *fake.Error {
	return s3err(http.StatusBadRequest, "MalformedXML",
		"The XML you provided was not well-formed or did not validate against our published schema")
}

func errInvalidArgument(msg, name, value string) *fake.Error {
	e := s3err(http.StatusBadRequest, "InvalidArgument", msg)
	e.Extra = map[string]string{"ArgumentName": name, "ArgumentValue": value}
	return e
}

func errNotImplemented() *fake.Error {
	return s3err(http.StatusNotImplemented, "NotImplemented",
		"A header you provided implies functionality that is not implemented")
}
