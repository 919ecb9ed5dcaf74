package autoscaletest

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// AutoScaling's errors, as the model's awsQueryError codes name them
// (AlreadyExists, LimitExceeded, ResourceInUse, ScalingActivityInProgress,
// ResourceContention, ServiceLinkedRoleFailure, InvalidNextToken) and the
// common ValidationError of the Query services (AWS General Reference,
// "Common Errors").

func errValidation(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "ValidationError", Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errAlreadyExists(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "AlreadyExists", Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errLimitExceeded(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "LimitExceeded", Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errResourceInUse(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "ResourceInUse", Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errScalingActivityInProgress(format string, args ...any) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "ScalingActivityInProgress", Sender: true, Message: fmt.Sprintf(format, args...)}
}

func errInvalidNextToken() *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidNextToken", Sender: true, Message: "The token is invalid."}
}

// errUnsupported answers an operation, or a member of one, that
// AutoScaling has and this fake does not implement: it changes nothing
// and says so, with the common errors' InvalidAction, as rdstest does,
// rather than pretend.
func errUnsupported(what string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAction", Sender: true,
		Message: "autoscaletest does not implement " + what + " yet; it changed nothing."}
}

// errInvalidAction answers an action AutoScaling does not have.
func errInvalidAction(action string) *fake.Error {
	return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAction", Sender: true,
		Message: fmt.Sprintf("Could not find operation %s for version %s", action, apiVersion)}
}
