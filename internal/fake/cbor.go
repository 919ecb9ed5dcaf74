package fake

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// Smithy RPC v2 CBOR (smithy.protocols#rpcv2Cbor) carries requests and
// answers as CBOR documents: POST /service/<ServiceName>/operation/<Op>,
// with Smithy-Protocol: rpc-v2-cbor on both sides, Content-Type
// application/cbor, timestamps as tag 1 (epoch seconds), and errors as
// {"__type": code, "message": text}. Services decode requests with
// ParseCBOR and answer with WriteCBOR; errors are rendered by
// RenderError.

// CBORContentType is the media type of RPC v2 CBOR bodies.
const CBORContentType = "application/cbor"

// ParseCBOR decodes a request body into Go values: map[string]any for a
// map, []any for a list, string, []byte, bool, nil, int64 (uint64 when it
// does not fit), float64 and time.Time (tag 1). An empty body is an empty
// map, as an operation whose input has no members is sent with none.
// Other tags (big numbers, dates as strings) are refused: no service
// goboto fakes uses them, and a fake never reinterprets what it does not
// understand.
func ParseCBOR(body []byte) (map[string]any, error) {
	if len(body) == 0 {
		return map[string]any{}, nil
	}
	v, err := cbor.Decode(body)
	if err != nil {
		return nil, err
	}
	out, err := fromCBOR(v)
	if err != nil {
		return nil, err
	}
	m, ok := out.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("cbor: top-level value is %T, want a map", out)
	}
	return m, nil
}

func fromCBOR(v cbor.Value) (any, error) {
	switch v := v.(type) {
	case cbor.Map:
		m := make(map[string]any, len(v))
		for k, x := range v {
			g, err := fromCBOR(x)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			m[k] = g
		}
		return m, nil
	case cbor.List:
		l := make([]any, len(v))
		for i, x := range v {
			g, err := fromCBOR(x)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			l[i] = g
		}
		return l, nil
	case cbor.String:
		return string(v), nil
	case cbor.Slice:
		return []byte(v), nil
	case cbor.Bool:
		return bool(v), nil
	case *cbor.Nil, *cbor.Undefined:
		return nil, nil
	case cbor.Uint:
		if v <= math.MaxInt64 {
			return int64(v), nil
		}
		return uint64(v), nil
	case cbor.NegInt:
		n, err := cbor.AsInt64(v)
		if err != nil {
			return nil, err
		}
		return n, nil
	case cbor.Float32:
		return float64(v), nil
	case cbor.Float64:
		return float64(v), nil
	case *cbor.Tag:
		if v.ID != 1 {
			return nil, fmt.Errorf("cbor: tag %d is not supported", v.ID)
		}
		return timeFromEpoch(v.Value)
	}
	return nil, fmt.Errorf("cbor: unexpected value %T", v)
}

// timeFromEpoch reads tag 1's value, whole or fractional seconds, to the
// millisecond, as Smithy's timestamps are.
func timeFromEpoch(v cbor.Value) (time.Time, error) {
	switch v := v.(type) {
	case cbor.Float64:
		return time.UnixMilli(int64(math.Round(float64(v) * 1e3))).UTC(), nil
	case cbor.Float32:
		return time.UnixMilli(int64(math.Round(float64(v) * 1e3))).UTC(), nil
	}
	n, err := cbor.AsInt64(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("cbor: timestamp: %w", err)
	}
	return time.Unix(n, 0).UTC(), nil
}

// EncodeCBOR encodes the Go values ParseCBOR yields (and the other
// integer types, float32, []string and map[string]string) as CBOR.
// time.Time becomes tag 1 with fractional epoch seconds, the form
// aws-sdk-go-v2 reads. Map keys come out in no set order, as CBOR allows.
func EncodeCBOR(v any) ([]byte, error) {
	c, err := toCBOR(v)
	if err != nil {
		return nil, err
	}
	return cbor.Encode(c), nil
}

func toCBOR(v any) (cbor.Value, error) {
	switch v := v.(type) {
	case nil:
		return &cbor.Nil{}, nil
	case map[string]any:
		m := make(cbor.Map, len(v))
		for k, x := range v {
			c, err := toCBOR(x)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			m[k] = c
		}
		return m, nil
	case map[string]string:
		m := make(cbor.Map, len(v))
		for k, s := range v {
			m[k] = cbor.String(s)
		}
		return m, nil
	case []any:
		l := make(cbor.List, len(v))
		for i, x := range v {
			c, err := toCBOR(x)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			l[i] = c
		}
		return l, nil
	case []string:
		l := make(cbor.List, len(v))
		for i, s := range v {
			l[i] = cbor.String(s)
		}
		return l, nil
	case string:
		return cbor.String(v), nil
	case []byte:
		return cbor.Slice(v), nil
	case bool:
		return cbor.Bool(v), nil
	case int:
		return cborInt(int64(v)), nil
	case int32:
		return cborInt(int64(v)), nil
	case int64:
		return cborInt(v), nil
	case uint64:
		return cbor.Uint(v), nil
	case float32:
		return cbor.Float64(v), nil
	case float64:
		return cbor.Float64(v), nil
	case time.Time:
		return &cbor.Tag{ID: 1, Value: cbor.Float64(float64(v.UnixMilli()) / 1e3)}, nil
	}
	return nil, fmt.Errorf("cbor: cannot encode %T", v)
}

func cborInt(n int64) cbor.Value {
	if n < 0 {
		return cbor.NegInt(uint64(-(n + 1)) + 1)
	}
	return cbor.Uint(uint64(n))
}

// WriteCBOR answers 200 with v encoded as an RPC v2 CBOR document. An
// operation with no output answers an empty map ({}), as AWS does.
func WriteCBOR(w http.ResponseWriter, v any) error {
	if v == nil {
		v = map[string]any{}
	}
	body, err := EncodeCBOR(v)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Smithy-Protocol", "rpc-v2-cbor")
	h.Set("Content-Type", CBORContentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(body)
	return err
}
