package autoscaletest

import (
	"net/http"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/fake/shapes"
)

// Each operation's input and output are Go structs whose field names are
// the model's member names (types.go and each resource's file); package
// shapes reads the Query parameters into them and writes the XML
// answers from them. A member typed any is one the fake does not
// implement: a request that sets it is refused, never ignored.

// xmlNamespace is AutoScaling's Query namespace.
const xmlNamespace = "http://autoscaling.amazonaws.com/doc/2011-01-01/"

// apiVersion is the only API version AutoScaling has.
const apiVersion = "2011-01-01"

func codec() shapes.Codec {
	return shapes.Codec{
		Namespace: xmlNamespace,
		Malformed: func(msg string) *fake.Error { return errValidation("%s", msg) },
		BadValue:  func(msg string) *fake.Error { return errValidation("%s", msg) },
	}
}

// decode fills in (a pointer to an input struct) from r's parameters.
func decode(r *fake.Request, in any) error { return codec().Decode(r, in) }

// writeOutput answers 200 with out (a pointer to an output struct, or
// nil for an operation with no output).
func writeOutput(w http.ResponseWriter, r *fake.Request, out any) error {
	return codec().Write(w, r, out)
}
