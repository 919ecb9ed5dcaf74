package autoscale

import (
	"errors"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

// TestInBatches pins how the batch calls split and report: API
// Reference, BatchPutScheduledUpdateGroupAction and
// BatchDeleteScheduledAction take "up to 50" actions a call and answer
// the ones that failed (FailedScheduledUpdateGroupActions,
// FailedScheduledActions) by name; a call AutoScaling refuses as a whole
// fails each of its items with the call's error.
func TestInBatches(t *testing.T) {
	names := make([]string, 120)
	for i := range names {
		names[i] = "a" + strconv.Itoa(i)
	}
	refused := &smithy.GenericAPIError{Code: "Throttling", Message: "Rate exceeded"}
	var calls [][2]int
	err := inBatches("BatchDeleteScheduledAction", names, func(start, end int) ([]types.FailedScheduledUpdateGroupActionRequest, error) {
		calls = append(calls, [2]int{start, end})
		switch start {
		case 0:
			return []types.FailedScheduledUpdateGroupActionRequest{
				{ScheduledActionName: aws.String("a7"), ErrorCode: aws.String("ValidationError"), ErrorMessage: aws.String("no such action")},
				// A name the call was not given has no index.
				{ScheduledActionName: aws.String("ghost"), ErrorCode: aws.String("X")},
			}, nil
		case 50:
			return nil, refused
		}
		return nil, nil
	})
	if diff := cmp.Diff([][2]int{{0, 50}, {50, 100}, {100, 120}}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	be, ok := err.(*BatchError)
	if !ok {
		t.Fatalf("inBatches = %T %v, want *BatchError", err, err)
	}
	apiErr := &goboto.APIError{Code: "Throttling", Message: "Rate exceeded", Err: refused}
	want := []BatchFailure{{Index: 7, Name: "a7", Code: "ValidationError", Message: "no such action"}, {Index: -1, Name: "ghost", Code: "X"}}
	for i := 50; i < 100; i++ {
		want = append(want, BatchFailure{Index: i, Name: names[i], Err: apiErr})
	}
	// Each failure holds the call's error converted (a *goboto.APIError).
	sameAPIError := cmp.Comparer(func(a, b error) bool {
		var x, y *goboto.APIError
		if a == nil || b == nil {
			return a == b
		}
		return errors.As(a, &x) && errors.As(b, &y) && x.Code == y.Code && x.Message == y.Message
	})
	if diff := cmp.Diff(want, be.Failed, sameAPIError); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	if be.Operation != "BatchDeleteScheduledAction" {
		t.Errorf("Operation = %q", be.Operation)
	}

	calls = nil
	if err := inBatches("op", names[:3], func(start, end int) ([]types.FailedScheduledUpdateGroupActionRequest, error) {
		calls = append(calls, [2]int{start, end})
		return nil, nil
	}); err != nil {
		t.Errorf("inBatches with nothing failed = %v, want nil", err)
	}
	if diff := cmp.Diff([][2]int{{0, 3}}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
