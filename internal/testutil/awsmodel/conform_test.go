package awsmodel

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/sigv2"
)

func TestErrorCode(t *testing.T) {
	tests := []struct {
		name   string
		header http.Header
		body   string
		want   string
	}{
		{"query", nil, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code></Error></ErrorResponse>`, "InvalidAction"},
		{"ec2 and sdb", nil, `<?xml version="1.0"?><Response><Errors><Error><Code>NoSuchDomain</Code><Message>x</Message></Error></Errors></Response>`, "NoSuchDomain"},
		{"s3", nil, `<Error><Code> NoSuchKey </Code></Error>`, "NoSuchKey"},
		{"json __type", nil, `{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"x"}`, "QueueDoesNotExist"},
		{"json code", nil, `{"code":"ValidationException"}`, "ValidationException"},
		{"header type", http.Header{"X-Amzn-Errortype": {"ThrottlingException:http://internal.amazon.com/"}}, `{}`, "ThrottlingException"},
		{"query compatible: the model's name wins", http.Header{"X-Amzn-Query-Error": {"AWS.SimpleQueueService.NonExistentQueue;Sender"}},
			`{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}`, "QueueDoesNotExist"},
		{"query header alone", http.Header{"X-Amzn-Query-Error": {"AWS.SimpleQueueService.NonExistentQueue;Sender"}},
			``, "AWS.SimpleQueueService.NonExistentQueue"},
		{"no body", nil, ``, ""},
		{"not an error document", nil, `<ListResult><Name>x</Name></ListResult>`, ""},
	}
	for _, tt := range tests {
		h := tt.header
		if h == nil {
			h = http.Header{}
		}
		if got := ErrorCode(h, []byte(tt.body)); got != tt.want {
			t.Errorf("%s: ErrorCode = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestSignV2(t *testing.T) {
	m := loadTestModel(t, "tiny-query.json")
	req, err := m.Request("GetThing", "http://127.0.0.1:9", nil)
	if err != nil {
		t.Fatal(err)
	}
	creds := aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := SignV2(creds, func() time.Time { return now })(req); err != nil {
		t.Fatal(err)
	}
	form, err := url.ParseQuery(body(t, req))
	if err != nil {
		t.Fatal(err)
	}
	if !sigv2.Verify(form, req.Method, req.URL.Host, req.URL.EscapedPath(), "secret") {
		t.Errorf("signature does not verify: %v", form)
	}
	if sigv2.Verify(form, req.Method, req.URL.Host, req.URL.EscapedPath(), "other") {
		t.Error("signature verifies with another secret")
	}
	if got := form.Get("Timestamp"); got != "2024-05-06T07:08:09Z" {
		t.Errorf("Timestamp %q", got)
	}
}

func TestSignV4(t *testing.T) {
	m := loadTestModel(t, "tiny-json.json")
	req, err := m.Request("SendNote", "http://127.0.0.1:9", nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	creds := aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	if err := SignV4(creds, "eu-west-1", m.Metadata.Signing(), func() time.Time { return now })(req); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body(t, req)))
	if got := req.Header.Get("X-Amz-Content-Sha256"); got != hex.EncodeToString(sum[:]) {
		t.Errorf("X-Amz-Content-Sha256 = %q; want the body's hash", got)
	}
	auth := req.Header.Get("Authorization")
	if want := "AWS4-HMAC-SHA256 Credential=AKID/20240506/eu-west-1/tq/aws4_request"; !strings.HasPrefix(auth, want) {
		t.Errorf("Authorization = %q; want prefix %q", auth, want)
	}
}

// recorder is a T that keeps what Conform reports, so a test can check
// that Conform fails where it should.
type recorder struct {
	mu     sync.Mutex
	errors []string
	fatal  string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(f string, a ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(f, a...))
}
func (r *recorder) Fatalf(f string, a ...any) {
	r.mu.Lock()
	r.fatal = fmt.Sprintf(f, a...)
	r.mu.Unlock()
	runtime.Goexit()
}
func (r *recorder) Skipf(f string, a ...any) { r.Fatalf("skip: "+f, a...) }
func (r *recorder) Logf(string, ...any)      {}

// run calls Conform on its own goroutine, as Fatalf ends it.
func (r *recorder) run(c Case) []Result {
	var res []Result
	done := make(chan struct{})
	go func() {
		defer close(done)
		res = Conform(r, c)
	}()
	<-done
	return res
}

// tinyFake serves the tiny-query model's operations as a query service
// would, with behaviour a test can break.
type tinyFake struct {
	mu     sync.Mutex
	things map[string]bool
	// faults
	deleteChanges    bool   // DeleteThing (not implemented) deletes anyway
	deleteSucceeds   bool   // DeleteThing answers 200
	getCode          string // GetThing answers this error code
	unknownCode      string // code for actions the fake does not know; default InvalidAction
	putChangesOnFail bool   // PutThing stores then answers an error
}

func (f *tinyFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if !sigv2.Verify(r.PostForm, r.Method, r.Host, r.URL.EscapedPath(), "secret") {
		fail(w, http.StatusForbidden, "SignatureDoesNotMatch")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	name := r.PostForm.Get("Name")
	switch r.PostForm.Get("Action") {
	case "PutThing":
		if f.putChangesOnFail {
			f.things["partial"] = true
			fail(w, http.StatusBadRequest, "ThingLimitExceeded")
			return
		}
		f.things[name] = true
		fmt.Fprint(w, `<PutThingResponse/>`)
	case "GetThing":
		switch {
		case f.getCode != "":
			fail(w, http.StatusBadRequest, f.getCode)
		case !f.things[name]:
			fail(w, http.StatusNotFound, "NoSuchThing")
		default:
			fmt.Fprint(w, `<GetThingResponse/>`)
		}
	case "DeleteThing":
		if f.deleteChanges {
			delete(f.things, name)
		}
		if f.deleteSucceeds {
			fmt.Fprint(w, `<DeleteThingResponse/>`)
			return
		}
		fallthrough
	default:
		code := f.unknownCode
		if code == "" {
			code = "InvalidAction"
		}
		fail(w, http.StatusBadRequest, code)
	}
}

func fail(w http.ResponseWriter, status int, code string) {
	w.WriteHeader(status)
	fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code></Error></ErrorResponse>`, code)
}

func (f *tinyFake) digest() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	names := make([]string, 0, len(f.things))
	for n := range f.things {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

func tinyCase(t *testing.T, f *tinyFake) Case {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return Case{
		Model:               loadTestModel(t, "tiny-query.json"),
		Endpoint:            srv.URL,
		Sign:                SignV2(aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}, nil),
		Send:                srv.Client().Do,
		Digest:              f.digest,
		Prepare:             func(string) error { f.mu.Lock(); f.things = map[string]bool{"goboto": true}; f.mu.Unlock(); return nil },
		Implemented:         func(op string) bool { return op != "DeleteThing" },
		NotImplementedCodes: []string{"InvalidAction"},
		Unknown:             []string{"FrobThing"},
	}
}

func TestConform(t *testing.T) {
	tests := []struct {
		name  string
		fault func(*tinyFake, *Case)
		want  []string // substrings of the reported errors, in order
	}{
		{"faithful fake", func(*tinyFake, *Case) {}, nil},
		{"unimplemented operation changes state", func(f *tinyFake, _ *Case) { f.deleteChanges = true },
			[]string{"DeleteThing: answered InvalidAction (HTTP 400) but changed the state"}},
		{"unimplemented operation answers 200", func(f *tinyFake, _ *Case) { f.deleteSucceeds = true },
			[]string{"DeleteThing: not implemented, but answered HTTP 200"}},
		{"unimplemented operation answers 200 and changes state", func(f *tinyFake, _ *Case) { f.deleteSucceeds, f.deleteChanges = true, true },
			[]string{"DeleteThing: not implemented, but answered HTTP 200", "DeleteThing: not implemented, but changed the state"}},
		{"undeclared error code", func(f *tinyFake, _ *Case) { f.getCode = "ThingGone" },
			[]string{"GetThing: error code ThingGone (HTTP 400) is declared neither", "GetThing: documented as implemented, but answered ThingGone"}},
		{"common code on an implemented operation", func(f *tinyFake, _ *Case) { f.getCode = "InvalidParameterValue" },
			[]string{"GetThing: documented as implemented, but answered InvalidParameterValue"}},
		{"code documented by the caller", func(f *tinyFake, c *Case) {
			f.getCode = "ThingGone"
			c.OperationErrors = map[string][]string{"GetThing": {"ThingGone"}}
		}, nil},
		{"wrong refusal for an unknown action", func(f *tinyFake, _ *Case) { f.unknownCode = "UnknownOperation" },
			[]string{"DeleteThing: error code UnknownOperation", "DeleteThing: not implemented, but answered UnknownOperation",
				"FrobThing: error code UnknownOperation", "FrobThing: not implemented, but answered UnknownOperation"}},
		{"error after a change", func(f *tinyFake, _ *Case) { f.putChangesOnFail = true },
			[]string{"PutThing: answered ThingLimitExceeded (HTTP 400) but changed the state"}},
		{"fake refuses the signature", func(_ *tinyFake, c *Case) {
			c.Sign = SignV2(aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "wrong"}, nil)
		}, []string{
			"DeleteThing: not implemented, but answered SignatureDoesNotMatch",
			"GetThing: documented as implemented, but answered SignatureDoesNotMatch",
			"PutThing: documented as implemented, but answered SignatureDoesNotMatch",
			"FrobThing: not implemented, but answered SignatureDoesNotMatch",
		}},
		{"check hook", func(_ *tinyFake, c *Case) {
			c.Check = func(r Result) error {
				if r.Operation == "PutThing" && !r.Changed() {
					return fmt.Errorf("stored nothing")
				}
				return nil
			}
		}, []string{"PutThing: stored nothing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &tinyFake{}
			c := tinyCase(t, f)
			tt.fault(f, &c)
			var r recorder
			res := r.run(c)
			if r.fatal != "" {
				t.Fatalf("Conform stopped: %s", r.fatal)
			}
			if len(res) != 4 {
				t.Errorf("Conform returned %d results; want 4", len(res))
			}
			if len(r.errors) != len(tt.want) {
				t.Fatalf("Conform reported %d errors; want %d:\n%s", len(r.errors), len(tt.want), strings.Join(r.errors, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(r.errors[i], w) {
					t.Errorf("error %d = %q; want it to contain %q", i, r.errors[i], w)
				}
			}
		})
	}
}

func TestConformSetup(t *testing.T) {
	tests := []struct {
		name  string
		fault func(*Case)
	}{
		{"no digest", func(c *Case) { c.Digest = nil }},
		{"no not-implemented codes", func(c *Case) { c.NotImplementedCodes = nil }},
		{"override of no operation", func(c *Case) { c.Overrides = Values{"PutThings.Name": "x"} }},
		{"skip of no operation", func(c *Case) { c.Skip = map[string]string{"PutThings": "typo"} }},
		{"only of no operation", func(c *Case) { c.Only = []string{"PutThings"} }},
	}
	for _, tt := range tests {
		c := tinyCase(t, &tinyFake{})
		tt.fault(&c)
		var r recorder
		r.run(c)
		if r.fatal == "" {
			t.Errorf("%s: Conform did not stop", tt.name)
		}
	}

	// Skipped operations are not sent.
	f := &tinyFake{deleteChanges: true}
	c := tinyCase(t, f)
	c.Skip = map[string]string{"DeleteThing": "flaky"}
	var r recorder
	res := r.run(c)
	var ops []string
	for _, x := range res {
		ops = append(ops, x.Operation)
	}
	if diff := cmp.Diff([]string{"GetThing", "PutThing", "FrobThing"}, ops); diff != "" || len(r.errors) > 0 {
		t.Errorf("with Skip: operations (-want +got):\n%s\nerrors: %v", diff, r.errors)
	}
}

// Only limits the operations sent; Seed points each at what it made, and
// its Values win over Overrides.
func TestConformOnlyAndSeed(t *testing.T) {
	f := &tinyFake{}
	c := tinyCase(t, f)
	c.Only = []string{"GetThing"}
	c.Unknown = nil
	c.Overrides = Values{"GetThing.Name": "zzz"} // no such thing: NoSuchThing
	var seeded []string
	c.Seed = func(op string) (Values, error) {
		seeded = append(seeded, op)
		f.mu.Lock()
		f.things["fresh"] = true
		f.mu.Unlock()
		return Values{"*.Name": "fresh"}, nil
	}
	var r recorder
	res := r.run(c)
	if len(r.errors) > 0 || r.fatal != "" {
		t.Fatalf("errors: %v %s", r.errors, r.fatal)
	}
	if len(res) != 1 || res[0].Operation != "GetThing" || res[0].Status != http.StatusOK {
		t.Errorf("results %+v; want GetThing answered 200 for the seeded name", res)
	}
	if diff := cmp.Diff([]string{"GetThing"}, seeded); diff != "" {
		t.Errorf("seeded (-want +got):\n%s", diff)
	}

	// A seeded key naming a member the operation lacks is reported.
	c.Seed = func(string) (Values, error) { return Values{"GetThing.Size": "1"}, nil }
	r = recorder{}
	r.run(c)
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "seed") {
		t.Errorf("errors %v; want one about the seed", r.errors)
	}
}
