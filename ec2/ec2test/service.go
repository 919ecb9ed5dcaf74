package ec2test

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// handle dispatches an authenticated request by its Action. Each resource
// file adds its actions here.
func (s *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	h, ok := s.actions[r.Operation]
	switch {
	case r.Operation == "":
		return &fake.Error{Status: http.StatusBadRequest, Code: "MissingAction", Sender: true,
			Message: "The request must contain the parameter Action."}
	case !ok && knownAction(r.Operation):
		// EC2 API Reference, "Error codes for the Amazon EC2 API", common
		// client errors: UnsupportedOperation, "The specified request
		// includes an unsupported operation". The action is EC2's, so
		// InvalidAction ("The action or operation requested is invalid")
		// would tell the caller it misspelt it.
		return &fake.Error{Status: http.StatusBadRequest, Code: "UnsupportedOperation", Sender: true,
			Message: fmt.Sprintf("The action %s is not implemented by the fake EC2 (ec2test); it changed nothing.", r.Operation)}
	case !ok:
		return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAction", Sender: true,
			Message: fmt.Sprintf("The action %s is not valid for this web service.", r.Operation)}
	}
	if err := checkTagSpecs(r); err != nil {
		return err
	}
	if err := checkParams(s.params[r.Operation], r); err != nil {
		return err
	}
	// EC2 checks permissions and parameters before it honours DryRun; the
	// fake has no permissions to check.
	if r.Params.Get("DryRun") == "true" {
		return &fake.Error{Status: http.StatusPreconditionFailed, Code: "DryRunOperation", Sender: true,
			Message: "Request would have succeeded, but DryRun flag is set."}
	}
	// Actions answer into a buffer under their family's lock; the answer
	// goes out once every lock is released.
	buf := newResponseBuffer()
	if err := h(buf, r); err != nil {
		return err
	}
	buf.writeTo(w)
	return nil
}

// action serves one EC2 action.
type action func(http.ResponseWriter, *fake.Request) error

// allActions gathers every resource family's actions.
func (s *Backend) allActions() map[string]action {
	m := map[string]action{
		"DescribeRegions":           s.describeRegions,
		"DescribeAvailabilityZones": s.describeAvailabilityZones,
		"DescribeInstanceTypes":     s.describeInstanceTypes, // instancetype.go
	}
	for _, family := range []map[string]action{s.computeActions(), s.networkActions(), s.marketActions(), s.vpcActions(), s.templateActions()} {
		for name, h := range family {
			m[name] = h
		}
	}
	return m
}

// namespace is the xmlns of EC2's answers, which names the API version the
// client asked for.
func namespace(version string) string {
	return "http://ec2.amazonaws.com/doc/" + version + "/"
}

// responseNamespace echoes the request's Version, as EC2 does.
func responseNamespace(r *fake.Request) string {
	if v := r.Params.Get("Version"); v != "" {
		return namespace(v)
	}
	return namespace(apiVersion)
}
