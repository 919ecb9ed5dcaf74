package shapes_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/fake/shapes"
)

type tag struct {
	Key   string
	Value *string
}

type input struct {
	Name     string
	Size     *int32
	Weight   float64
	On       bool
	When     *time.Time
	Tags     []tag
	Names    []string
	Reserved any // a member the fake does not implement
}

func codec() shapes.Codec {
	return shapes.Codec{
		Namespace: "http://example.amazonaws.com/doc/2011-01-01/",
		Malformed: func(msg string) *fake.Error { return &fake.Error{Status: 400, Code: "Malformed", Message: msg} },
		BadValue:  func(msg string) *fake.Error { return &fake.Error{Status: 400, Code: "BadValue", Message: msg} },
	}
}

func query(params url.Values) *fake.Request {
	params.Set("Action", "Op")
	params.Set("Version", "2011-01-01")
	return &fake.Request{Protocol: fake.Query, Operation: "Op", Params: params, RequestID: "req-1"}
}

func TestDecodeQuery(t *testing.T) {
	var in input
	err := codec().Decode(query(url.Values{
		"Name": {"web"}, "Size": {"3"}, "Weight": {"1.5"}, "On": {"true"}, "When": {"2026-12-06T10:00:00Z"},
		"Tags.member.1.Key": {"a"}, "Tags.member.1.Value": {"1"}, "Tags.member.2.Key": {"b"},
		"Names.member.1": {"x"}, "Names.member.2": {"y"},
	}), &in)
	if err != nil {
		t.Fatal(err)
	}
	size, one, when := int32(3), "1", time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	want := input{Name: "web", Size: &size, Weight: 1.5, On: true, When: &when,
		Tags: []tag{{Key: "a", Value: &one}, {Key: "b"}}, Names: []string{"x", "y"}}
	if diff := cmp.Diff(want, in); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
}

func TestDecodeQueryRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params url.Values
		code   string
	}{
		{"unknown parameter", url.Values{"Colour": {"red"}}, "BadValue"},
		{"not a number", url.Values{"Size": {"three"}}, "Malformed"},
		{"number too large", url.Values{"Size": {"4294967296"}}, "Malformed"},
		{"bad timestamp", url.Values{"When": {"yesterday"}}, "BadValue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in input
			err := codec().Decode(query(tc.params), &in)
			var fe *fake.Error
			if !errors.As(err, &fe) || fe.Code != tc.code {
				t.Errorf("Decode = %v, want a %s error", err, tc.code)
			}
		})
	}
	// A member the fake does not implement is seen, so the handler can
	// refuse it, rather than dropped.
	var in input
	if err := codec().Decode(query(url.Values{"Reserved.member.1": {"x"}}), &in); err != nil {
		t.Fatal(err)
	}
	if in.Reserved == nil {
		t.Error("a parameter under an unimplemented member was dropped")
	}
}

type output struct {
	Items []tag
	Count int32
	At    time.Time
	Next  *string
}

func TestWriteQuery(t *testing.T) {
	rec := httptest.NewRecorder()
	v := "1"
	out := &output{Items: []tag{{Key: "a", Value: &v}, {Key: "<b>"}}, Count: 2, At: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)}
	if err := codec().Write(rec, query(url.Values{}), out); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/xml" {
		t.Errorf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	want := `<OpResponse xmlns="http://example.amazonaws.com/doc/2011-01-01/"><OpResult>` +
		`<Items><member><Key>a</Key><Value>1</Value></member><member><Key>&lt;b&gt;</Key></member></Items>` +
		`<Count>2</Count><At>2026-12-06T10:00:00Z</At></OpResult>` +
		`<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></OpResponse>`
	if got := strings.TrimPrefix(rec.Body.String(), `<?xml version="1.0" encoding="UTF-8"?>`+"\n"); got != want {
		t.Errorf("body:\n got %s\nwant %s", got, want)
	}
}
