package autoscale_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/fakes"
)

// TestErrorsAreTyped checks each of AutoScaling's documented error codes
// (AutoScaling API Reference, CreateAutoScalingGroup and
// DeleteAutoScalingGroup "Errors": AlreadyExists, LimitExceeded,
// ResourceContention, ResourceInUse, ScalingActivityInProgress, and the
// common ValidationError) arrives as a *goboto.APIError with AWS's code,
// and that errors.As still finds aws-sdk-go-v2's typed fault in it. The
// fake is made to answer each code as AWS writes it (Query XML,
// status 400).
func TestErrorsAreTyped(t *testing.T) {
	cases := []struct {
		code string
		as   func(error) bool
	}{
		{"AlreadyExists", func(err error) bool { var e *types.AlreadyExistsFault; return errors.As(err, &e) }},
		{"LimitExceeded", func(err error) bool { var e *types.LimitExceededFault; return errors.As(err, &e) }},
		{"ResourceContention", func(err error) bool { var e *types.ResourceContentionFault; return errors.As(err, &e) }},
		{"ResourceInUse", func(err error) bool { var e *types.ResourceInUseFault; return errors.As(err, &e) }},
		{"ScalingActivityInProgress", func(err error) bool {
			var e *types.ScalingActivityInProgressFault
			return errors.As(err, &e)
		}},
		// ValidationError has no typed fault in the model: the code is
		// all there is.
		{"ValidationError", nil},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			srv := autoscaletest.Start(t)
			srv.Faults().Add(fakes.Fault{Operation: "DeleteAutoScalingGroup", Kind: fakes.ServerError,
				Err: &fakes.Error{Status: 400, Code: tc.code, Sender: true, Message: "refused by a test"}})
			err := autoscale.New(srv.Config("")).Group("web").Delete(t.Context())
			var ae *goboto.APIError
			if !errors.As(err, &ae) || ae.Code != tc.code || ae.StatusCode != 400 || ae.Operation != "DeleteAutoScalingGroup" {
				t.Fatalf("err = %#v, want a *goboto.APIError %s, 400, from DeleteAutoScalingGroup", err, tc.code)
			}
			if tc.as != nil && !tc.as(err) {
				t.Errorf("errors.As finds no aws-sdk-go-v2 %s fault in %v", tc.code, err)
			}
			if goboto.IsNotFound(err) {
				t.Errorf("%s counts as not found", tc.code)
			}
		})
	}
}
