package sdbtest

import (
	"net/http"
	"strconv"

	"github.com/goboto/goboto/internal/fake"
)

// errorBoxUsage is the machine time SimpleDB bills for a refused request.
const errorBoxUsage = "0.0000137200"

// apiError returns a SimpleDB error answer. Codes, statuses and message
// texts follow the Developer Guide's "API Error Codes" table.
func apiError(status int, code, msg string) *fake.Error {
	return &fake.Error{Status: status, Code: code, Message: msg, Sender: status < 500, BoxUsage: errorBoxUsage}
}

func errMissing(param string) *fake.Error {
	return apiError(http.StatusBadRequest, "MissingParameter", "The request must contain the parameter "+param)
}

// errInvalid is InvalidParameterValue. Long values are cut so a huge
// input does not fill the answer.
func errInvalid(param, value, why string) *fake.Error {
	return apiError(http.StatusBadRequest, "InvalidParameterValue",
		"Value ("+short(value)+") for parameter "+param+" is invalid. "+why)
}

func short(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}

func errNoSuchDomain() *fake.Error {
	return apiError(http.StatusBadRequest, "NoSuchDomain", "The specified domain does not exist.")
}

func errInvalidNextToken() *fake.Error {
	return apiError(http.StatusBadRequest, "InvalidNextToken", "The specified next token is not valid.")
}

func errQuery(detail string) *fake.Error {
	msg := "The specified query expression syntax is not valid."
	if detail != "" {
		msg += " " + detail
	}
	return apiError(http.StatusBadRequest, "InvalidQueryExpression", msg)
}

func errItemAttributes(item string) *fake.Error {
	return apiError(http.StatusConflict, "NumberItemAttributesExceeded",
		"Too many attributes in this item. Item "+short(item)+" would hold more than "+strconv.Itoa(maxItemPairs)+" attribute name-value pairs.")
}

func errSubmittedAttributes(item string) *fake.Error {
	return apiError(http.StatusConflict, "NumberSubmittedAttributesExceeded",
		"Too many attributes for item "+short(item)+" in a single call. Up to "+strconv.Itoa(maxSubmittedPairs)+" attributes per call allowed.")
}

// serviceErrors are the answers the fake machinery gives on SimpleDB's
// behalf: its auth failures, throttling and internal errors.
func serviceErrors() fake.ErrorSet {
	return fake.ErrorSet{
		UnknownAccessKey: &fake.Error{Status: 403, Code: "InvalidClientTokenId", Sender: true,
			Message: "The AWS Access Key Id you provided does not exist in our records."},
		BadSignature: &fake.Error{Status: 403, Code: "SignatureDoesNotMatch", Sender: true,
			Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."},
		Expired: &fake.Error{Status: 400, Code: "RequestExpired", Sender: true,
			Message: "Request has expired. Timestamp date is outside the allowed window."},
		// The error table lists AuthMissingFailure, but SimpleDB has been
		// seen answering AuthFailure with this text; the fake follows what
		// SimpleDB sends.
		MissingAuth: &fake.Error{Status: 403, Code: "AuthFailure", Sender: true,
			Message: "AWS was not able to authenticate the request: access credentials are missing."},
		BadToken: &fake.Error{Status: 403, Code: "InvalidClientTokenId", Sender: true,
			Message: "The security token included in the request is invalid."},
		Throttle: &fake.Error{Status: 503, Code: "ServiceUnavailable",
			Message: "Service AmazonSimpleDB is currently unavailable. Please try again later."},
		ServerError: &fake.Error{Status: 500, Code: "InternalError",
			Message: "Request could not be executed due to an internal service error."},
	}
}
