package cloudwatchtest

import (
	"net/http"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/fake/shapes"
)

// CloudWatch speaks three protocols with one model: RPC v2 CBOR (today's
// SDKs), JSON 1.0 (boto3) and Query (the aws CLI v2.9, boto 2). Each
// operation's input and output are Go structs whose field names are the
// model's member names; package shapes moves them between the structs
// and each protocol's documents, so every operation is served alike in
// all three.

// xmlNamespace is CloudWatch's Query namespace.
const xmlNamespace = "http://monitoring.amazonaws.com/doc/2010-08-01/"

func codec() shapes.Codec {
	return shapes.Codec{
		Namespace: xmlNamespace,
		Malformed: func(msg string) *fake.Error { return errSerialization("%s", msg) },
		BadValue:  func(msg string) *fake.Error { return errInvalidParameterValue("%s", msg) },
	}
}

// decodeInput fills in (a pointer to an input struct) from r in the
// protocol r speaks. A member the input does not have is refused, never
// ignored.
func decodeInput(r *fake.Request, in any) error { return codec().Decode(r, in) }

// writeOutput answers 200 with out (a pointer to an output struct, or nil
// for an operation with no output) in the protocol r speaks.
func writeOutput(w http.ResponseWriter, r *fake.Request, out any) error {
	return codec().Write(w, r, out)
}
