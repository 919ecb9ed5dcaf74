package awsmodel

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func loadTestModel(t *testing.T, name string) *Model {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func body(t *testing.T, req *http.Request) string {
	t.Helper()
	b, err := readBody(req)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParse(t *testing.T) {
	m := loadTestModel(t, "tiny-query.json")
	if diff := cmp.Diff([]string{"DeleteThing", "GetThing", "PutThing"}, m.OperationNames()); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
	// An error shape's error.code is what query services send; its shape
	// name is what JSON services send. Both count.
	if diff := cmp.Diff([]string{"ThingLimitFault", "ThingLimitExceeded", "BadNameError"}, m.ErrorCodes("PutThing")); diff != "" {
		t.Errorf("ErrorCodes(PutThing) (-want +got):\n%s", diff)
	}
	if got := m.ErrorCodes("DeleteThing"); len(got) != 0 {
		t.Errorf("ErrorCodes(DeleteThing) = %v; want none", got)
	}
	if got := m.Metadata.Signing(); got != "tinysvc" {
		t.Errorf("Signing() = %q; want the signingName", got)
	}

	bad := map[string]string{
		"no protocol":       `{"metadata":{},"operations":{},"shapes":{}}`,
		"undefined input":   `{"metadata":{"protocol":"query"},"operations":{"A":{"input":{"shape":"Nope"}}},"shapes":{}}`,
		"undefined member":  `{"metadata":{"protocol":"query"},"operations":{},"shapes":{"S":{"type":"structure","members":{"M":{"shape":"Nope"}}}}}`,
		"not json":          `{`,
		"undefined list el": `{"metadata":{"protocol":"query"},"operations":{},"shapes":{"L":{"type":"list","member":{"shape":"Nope"}}}}`,
	}
	for name, doc := range bad {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%s: Parse succeeded", name)
		}
	}
}

func TestQueryRequest(t *testing.T) {
	m := loadTestModel(t, "tiny-query.json")
	blob := base64.StdEncoding.EncodeToString([]byte("goboto"))
	tests := []struct {
		protocol string
		want     url.Values
	}{
		{"query", url.Values{
			"Action": {"PutThing"}, "Version": {"2020-01-01"},
			"Name": {"goboto"}, "Size": {"5"}, "Kind": {"small"},
			"Tags.Tag.1.Key":       {"goboto"},
			"Labels.entry.1.key":   {"goboto"},
			"Labels.entry.1.value": {"goboto"},
			// A flattened list takes its member's locationName.
			"PartId.1": {"goboto"},
			"When":     {"2024-01-02T03:04:05Z"},
			"Data":     {blob},
			"Enabled":  {"false"},
		}},
		// EC2 lists are always flat and named after the member's
		// capitalised locationName.
		{"ec2", url.Values{
			"Action": {"PutThing"}, "Version": {"2020-01-01"},
			"Name": {"goboto"}, "Size": {"5"}, "Kind": {"small"},
			"Tags.1.Key":           {"goboto"},
			"Labels.entry.1.key":   {"goboto"},
			"Labels.entry.1.value": {"goboto"},
			"Part.1":               {"goboto"},
			"When":                 {"2024-01-02T03:04:05Z"},
			"Data":                 {blob},
			"Enabled":              {"false"},
		}},
	}
	for _, tt := range tests {
		m.Protocol = tt.protocol
		req, err := m.Request("PutThing", "http://127.0.0.1:9/base/", nil)
		if err != nil {
			t.Fatal(err)
		}
		if req.Method != http.MethodPost || req.URL.Path != "/base/" {
			t.Errorf("%s: %s %s; want POST /base/", tt.protocol, req.Method, req.URL.Path)
		}
		if got := req.Header.Get("Content-Type"); got != "application/x-www-form-urlencoded; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", tt.protocol, got)
		}
		got, err := url.ParseQuery(body(t, req))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: form (-want +got):\n%s", tt.protocol, diff)
		}
	}
}

func TestOverrides(t *testing.T) {
	m := loadTestModel(t, "tiny-query.json")
	tests := []struct {
		name string
		ov   Values
		want map[string]string // form fields to check; "" means absent
	}{
		{"wildcard", Values{"*.Name": "thing-1"}, map[string]string{"Name": "thing-1"}},
		{"operation wins over wildcard", Values{"*.Name": "thing-1", "PutThing.Name": "thing-2"}, map[string]string{"Name": "thing-2"}},
		{"optional member", Values{"PutThing.Note": "hello"}, map[string]string{"Note": "hello"}},
		{"list element grows the list", Values{"PutThing.Tags.2.Key": "k2", "PutThing.Tags.2.Value": "v2"},
			map[string]string{"Tags.Tag.1.Key": "goboto", "Tags.Tag.2.Key": "k2", "Tags.Tag.2.Value": "v2"}},
		{"map entry", Values{"PutThing.Labels.team": "blue"},
			map[string]string{"Labels.entry.2.key": "team", "Labels.entry.2.value": "blue"}},
		{"omit a required member", Values{"PutThing.Kind": Omit}, map[string]string{"Kind": ""}},
		{"other operations untouched", Values{"GetThing.Name": "nope"}, map[string]string{"Name": "goboto"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := m.Request("PutThing", "http://127.0.0.1:9", tt.ov)
			if err != nil {
				t.Fatal(err)
			}
			form, _ := url.ParseQuery(body(t, req))
			got := map[string]string{}
			for k := range tt.want {
				got[k] = form.Get(k)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	bad := []Values{
		{"PutThing.Nope": "x"},
		{"PutThing.Size": "five"},
		{"PutThing.Enabled": "maybe"},
		{"PutThing.When": "yesterday"},
		{"PutThing.Tags": "x"},
		{"PutThing.Tags.zero.Key": "x"},
		{"PutThing.Name.Sub": "x"},
	}
	for _, ov := range bad {
		if _, err := m.Request("PutThing", "http://127.0.0.1:9", ov); err == nil {
			t.Errorf("%v: Request succeeded", ov)
		}
	}
	// Conform refuses overrides that would silently apply to nothing.
	for _, ov := range []Values{{"NoSuchOp.Name": "x"}, {"*.Nope": "x"}, {"PutThing": "x"}} {
		if err := checkOverrides(m, ov); err == nil {
			t.Errorf("checkOverrides(%v) = nil", ov)
		}
	}
}

func TestPlaceholder(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name  string
		shape Shape
		want  string
	}{
		{"plain", Shape{Type: "string"}, "goboto"},
		{"enum", Shape{Type: "string", Enum: []string{"gp3", "io2"}}, "gp3"},
		{"padded to min", Shape{Type: "string", Min: f(10)}, "gobotoaaaa"},
		{"cut to max", Shape{Type: "string", Max: f(3)}, "gob"},
		{"digits pattern", Shape{Type: "string", Pattern: "^[0-9]+$"}, "1"},
		{"arn pattern", Shape{Type: "string", Pattern: "^arn:aws:iam::\\d{12}:role/.+$"}, "arn:aws:iam::123456789012:role/goboto"},
		{"integer min", Shape{Type: "integer", Min: f(3000)}, "3000"},
		{"integer max", Shape{Type: "long", Max: f(0)}, "0"},
		{"boolean", Shape{Type: "boolean"}, "false"},
		{"timestamp", Shape{Type: "timestamp"}, "2024-01-02T03:04:05Z"},
	}
	for _, tt := range tests {
		if got := placeholder(&tt.shape); got != tt.want {
			t.Errorf("%s: placeholder = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestRestXMLRequest(t *testing.T) {
	m := loadTestModel(t, "tiny-rest.json")
	req, err := m.Request("PutObjectThing", "http://127.0.0.1:9", Values{
		"PutObjectThing.Key":        "dir/a b.txt",
		"PutObjectThing.Version":    "v1",
		"PutObjectThing.Meta.color": "red",
		"PutObjectThing.Attrs.1":    "ETag",
		"PutObjectThing.Attrs.2":    "Checksum",
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{
		"method":  req.Method,
		"path":    req.URL.EscapedPath(),
		"query":   req.URL.RawQuery,
		"mode":    req.Header.Get("X-Bin-Mode"),
		"meta":    req.Header.Get("X-Bin-Meta-Color"),
		"attrs":   req.Header.Get("X-Bin-Attrs"),
		"md5 set": map[bool]string{true: "yes", false: "no"}[req.Header.Get("Content-MD5") != ""],
		"body":    body(t, req),
	}
	want := map[string]string{
		"method": "PUT",
		// The greedy label keeps its slashes; the space is escaped.
		"path":  "/goboto/dir/a%20b.txt",
		"query": "thing&versionId=v1",
		"mode":  "goboto",
		"meta":  "red",
		// A list header is its elements joined by commas.
		"attrs":   "ETag,Checksum",
		"md5 set": "yes",
		"body": `<Thing xmlns="http://bin.example.com/doc/2021-02-03/">` +
			`<Rule><ID>goboto</ID></Rule><Status>goboto</Status></Thing>`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	req, err = m.Request("GetBin", "http://127.0.0.1:9", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := req.Method+" "+req.URL.RequestURI(), "GET /goboto?x-id=GetBin"; got != want {
		t.Errorf("GetBin: %s; want %s", got, want)
	}
	if req.Body != http.NoBody || req.Header.Get("Content-MD5") != "" {
		t.Errorf("GetBin has a body")
	}
}

func TestJSONRequest(t *testing.T) {
	m := loadTestModel(t, "tiny-json.json")
	req, err := m.Request("SendNote", "http://127.0.0.1:9", Values{"SendNote.QueueUrl": "http://q/1"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"application/x-amz-json-1.0", "TinyQueue.SendNote"},
		[]string{req.Header.Get("Content-Type"), req.Header.Get("X-Amz-Target")}); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(body(t, req)), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"QueueUrl": "http://q/1",
		"Delay":    float64(1),
		"At":       float64(1704164645), // 2024-01-02T03:04:05Z in epoch seconds
		"Body":     base64.StdEncoding.EncodeToString([]byte("goboto")),
		"Attrs":    map[string]any{"goboto": "goboto"},
		"Urgent":   false,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if got := m.ErrorCodes("SendNote"); !cmp.Equal(got, []string{"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"}) {
		t.Errorf("ErrorCodes = %v", got)
	}

	raw, err := m.RawRequest("NoSuchThing", "http://127.0.0.1:9")
	if err != nil {
		t.Fatal(err)
	}
	if got := raw.Header.Get("X-Amz-Target"); got != "TinyQueue.NoSuchThing" {
		t.Errorf("RawRequest target %q", got)
	}
	if _, err := loadTestModel(t, "tiny-rest.json").RawRequest("X", "http://127.0.0.1:9"); err == nil {
		t.Error("RawRequest for rest-xml succeeded")
	}
}

func TestUnsupportedProtocol(t *testing.T) {
	m := loadTestModel(t, "tiny-json.json")
	m.Protocol = "smithy-rpc-v2-cbor"
	if _, err := m.Request("SendNote", "http://127.0.0.1:9", nil); err == nil {
		t.Error("Request for smithy-rpc-v2-cbor succeeded")
	}
}

func TestRequestBodiesRewind(t *testing.T) {
	// Signers read the body; what is sent must still be all of it.
	m := loadTestModel(t, "tiny-query.json")
	req, err := m.Request("GetThing", "http://127.0.0.1:9", nil)
	if err != nil {
		t.Fatal(err)
	}
	first := body(t, req)
	b, _ := io.ReadAll(req.Body)
	if string(b) != first || req.ContentLength != int64(len(first)) {
		t.Errorf("body after a read = %q (length %d); want %q", b, req.ContentLength, first)
	}
}
