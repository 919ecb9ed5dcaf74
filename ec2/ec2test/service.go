package ec2test

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// handle dispatches an authenticated request by its Action. Each resource
// file adds its actions here.
func (s *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	var h func(http.ResponseWriter, *fake.Request) error
	switch r.Operation {
	case "DescribeRegions":
		h = s.describeRegions
	case "DescribeAvailabilityZones":
		h = s.describeAvailabilityZones
	case "":
		return &fake.Error{Status: http.StatusBadRequest, Code: "MissingAction", Sender: true,
			Message: "The request must contain the parameter Action."}
	default:
		return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAction", Sender: true,
			Message: fmt.Sprintf("The action %s is not valid for this web service.", r.Operation)}
	}
	// EC2 checks permissions and parameters before it honours DryRun; the
	// fake has no permissions to check.
	if r.Params.Get("DryRun") == "true" {
		return &fake.Error{Status: http.StatusPreconditionFailed, Code: "DryRunOperation", Sender: true,
			Message: "Request would have succeeded, but DryRun flag is set."}
	}
	return h(w, r)
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
