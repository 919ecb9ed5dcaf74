package cloudwatch

import (
	"errors"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// modelCodes maps the names of CloudWatch's modelled error shapes to the
// codes its API Reference documents (the awsQueryError codes). Over CBOR
// and JSON aws-sdk-go-v2 reports the documented code, taken from
// x-amzn-query-error; over Query it resolves <Code> to the shape and
// reports the shape's name. convert makes the code the same whichever
// protocol the connection speaks.
var modelCodes = map[string]string{
	"InvalidParameterValueException":       "InvalidParameterValue",
	"InvalidParameterCombinationException": "InvalidParameterCombination",
	"MissingRequiredParameterException":    "MissingParameter",
	"LimitExceededFault":                   "LimitExceeded",
	"InternalServiceFault":                 "InternalServiceError",
	"InvalidFormatFault":                   "InvalidFormat",
	"DashboardNotFoundError":               "ResourceNotFound",
	"DashboardInvalidInputError":           "InvalidParameterInput",
	"ValidationException":                  "ValidationError",
}

// convert is core.Error with CloudWatch's error code made the documented
// one (InvalidParameterValue, not InvalidParameterValueException) in
// every protocol; errors.As still finds aws-sdk-go-v2's typed error.
func convert(err error) error {
	err = core.Error(err)
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		if c, ok := modelCodes[ae.Code]; ok {
			ae.Code = c
		}
	}
	return err
}
