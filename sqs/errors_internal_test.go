package sqs

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
)

// TestConvert checks convert for both shapes aws-sdk-go-v2 has returned
// a legacy code in: a generic error (before its schema-based serde,
// aws-sdk-go-v2#1319) and its typed error carrying the legacy code.
func TestConvert(t *testing.T) {
	legacyCode := "AWS.SimpleQueueService.NonExistentQueue"
	tests := map[string]error{
		"generic": &smithy.GenericAPIError{Code: legacyCode, Message: "The specified queue does not exist."},
		"typed":   &types.QueueDoesNotExist{ErrorCodeOverride: aws.String(legacyCode), Message: aws.String("The specified queue does not exist.")},
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			err := convert(in)
			var ae *goboto.APIError
			var typed *types.QueueDoesNotExist
			if !errors.As(err, &ae) || ae.Code != "QueueDoesNotExist" || !goboto.IsNotFound(err) || !errors.As(err, &typed) {
				t.Errorf("convert = %#v; want a not-found QueueDoesNotExist matching the typed error", err)
			}
			if name == "typed" && ae.Err != in {
				t.Errorf("convert wrapped a chain that already held the typed error: %v", ae.Err)
			}
		})
	}
	if err := convert(&smithy.GenericAPIError{Code: "InvalidParameterValue"}); !errors.As(err, new(*goboto.APIError)) {
		t.Errorf("convert(InvalidParameterValue) = %v", err)
	}
}
