package awsmodel

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// T is the part of testing.TB that Conform uses; *testing.T satisfies it.
// It is an interface so the package's own tests can watch Conform fail.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
	Logf(format string, args ...any)
}

// Case describes one fake for Conform.
type Case struct {
	Model    *Model
	Endpoint string // base URL requests are built against
	Sign     Signer // SignV4 or SignV2 with the fake's test credentials
	Send     func(*http.Request) (*http.Response, error)

	// Digest returns a digest of the fake's whole state. Conform takes it
	// before and after each request.
	Digest func() string

	// Prepare, if set, runs before each operation: reset and seed the
	// fake so the operation has what Overrides point it at.
	Prepare func(op string) error

	// Implemented reports whether the fake's doc says it serves op.
	Implemented func(op string) bool

	// NotImplementedCodes are the codes the fake answers for an operation
	// it does not serve (InvalidAction for query services, NotImplemented
	// for S3, UnknownOperationException for JSON services). Each must
	// itself be documented (CommonErrorCodes or ExtraErrorCodes).
	NotImplementedCodes []string

	// ExtraErrorCodes are the service's documented codes that its model
	// does not list under each operation, such as S3's error-code list or
	// EC2's error-code page. Cite the page where the list is written.
	ExtraErrorCodes []string

	// OperationErrors adds documented error codes to one operation beyond
	// its model errors, for codes the service's docs give for that
	// operation. An implemented operation may answer only its own codes.
	OperationErrors map[string][]string

	// Overrides point requests at resources that exist; see Values.
	Overrides Values
	// Seed, if set, runs before each operation, after Prepare, and returns
	// Values for that operation alone, which win over Overrides: the IDs
	// of resources Prepare or Seed just made. Keys name the operation or
	// "*." as in Overrides.
	Seed func(op string) (Values, error)
	// Only, if set, limits Conform to these operations of the model (and
	// Unknown), so a test can give each operation a fresh fake.
	Only []string

	// Skip names operations not to send, each with the reason.
	Skip map[string]string

	// Unknown are action names the model does not have, sent with no
	// parameters to check how the fake refuses an operation it has never
	// heard of (query, ec2 and json protocols only).
	Unknown []string

	// Check, if set, is called with every answer for service-specific
	// checks ("PutAttributes changes the state", "a read changes nothing").
	Check func(Result) error

	// ErrorCode overrides how an error's code is read from an answer (a
	// HEAD's 404 has no body); nil means the package's ErrorCode.
	ErrorCode func(status int, h http.Header, body []byte) string
}

// Result is what Conform saw for one operation.
type Result struct {
	Operation     string
	Implemented   bool
	Status        int
	Code          string // the error code, for answers outside 2xx
	Body          []byte
	Before, After string // digests
}

// Changed reports whether the operation changed the fake's state.
func (r Result) Changed() bool { return r.Before != r.After }

// Conform sends every operation of c.Model (but Skip), and each of
// c.Unknown, to the fake and checks:
//
//   - an implemented operation answers 2xx, or an error code the model
//     (or OperationErrors) declares for that operation;
//   - an operation the fake does not implement, and every Unknown one,
//     answers one of NotImplementedCodes and leaves the state digest
//     unchanged;
//   - every error answer, implemented or not, leaves the digest
//     unchanged, since AWS refuses a request before acting on it;
//   - every error code is declared: by the operation in the model, by
//     OperationErrors, by CommonErrorCodes or by ExtraErrorCodes.
//
// It reports through t and returns every result for further checks.
func Conform(t T, c Case) []Result {
	t.Helper()
	if c.Model == nil || c.Send == nil || c.Digest == nil || c.Implemented == nil || c.Sign == nil || c.Endpoint == "" {
		t.Fatalf("awsmodel.Conform: Model, Endpoint, Sign, Send, Digest and Implemented are required")
		return nil
	}
	if len(c.NotImplementedCodes) == 0 {
		t.Fatalf("awsmodel.Conform: NotImplementedCodes is empty")
		return nil
	}
	if err := checkOverrides(c.Model, c.Overrides); err != nil {
		t.Fatalf("awsmodel.Conform: %v", err)
		return nil
	}
	for op := range c.Skip {
		if c.Model.Operations[op] == nil {
			t.Fatalf("awsmodel.Conform: Skip names %q, which the model does not have", op)
			return nil
		}
	}
	for _, op := range c.Only {
		if c.Model.Operations[op] == nil {
			t.Fatalf("awsmodel.Conform: Only names %q, which the model does not have", op)
			return nil
		}
	}
	common := slices.Concat(CommonErrorCodes, c.ExtraErrorCodes)
	var results []Result
	seen := map[string][]string{} // code -> operations that answered it
	for _, op := range c.Model.OperationNames() {
		if len(c.Only) > 0 && !slices.Contains(c.Only, op) {
			continue
		}
		if why, ok := c.Skip[op]; ok {
			t.Logf("%s: skipped: %s", op, why)
			continue
		}
		own := slices.Concat(c.Model.ErrorCodes(op), c.OperationErrors[op])
		res, ok := c.runOp(t, op)
		if !ok {
			continue
		}
		res.Implemented = c.Implemented(op)
		results = append(results, res)
		c.judge(t, res, own, common)
		if res.Code != "" {
			seen[res.Code] = append(seen[res.Code], op)
		}
	}
	for _, action := range c.Unknown {
		if c.Model.Operations[action] != nil {
			t.Errorf("Unknown action %q is in the model", action)
			continue
		}
		req, err := c.Model.RawRequest(action, c.Endpoint)
		if err != nil {
			t.Errorf("%s: %v", action, err)
			continue
		}
		res, ok := c.run(t, action, req)
		if !ok {
			continue
		}
		results = append(results, res)
		c.judge(t, res, nil, common)
		if res.Code != "" {
			seen[res.Code] = append(seen[res.Code], action)
		}
	}
	codes := make([]string, 0, len(seen))
	for code := range seen {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		t.Logf("error code %s answered by %s", code, strings.Join(seen[code], ", "))
	}
	return results
}

// runOp prepares the fake for op, builds op's request with Overrides and
// what Seed returns, and sends it (see run).
func (c *Case) runOp(t T, op string) (Result, bool) {
	t.Helper()
	if !c.prepare(t, op) {
		return Result{Operation: op}, false
	}
	ov := c.Overrides
	if c.Seed != nil {
		seeded, err := c.Seed(op)
		if err != nil {
			t.Errorf("%s: seed: %v", op, err)
			return Result{Operation: op}, false
		}
		ov = make(Values, len(c.Overrides)+len(seeded))
		maps.Copy(ov, c.Overrides)
		for k, v := range seeded {
			// A seeded "*.X" must beat the operation's own override of X,
			// which Input would otherwise apply last.
			if m, ok := strings.CutPrefix(k, "*."); ok {
				delete(ov, op+"."+m)
			}
			ov[k] = v
		}
		if err := checkOverrides(c.Model, filterValues(seeded, op)); err != nil {
			t.Errorf("%s: seed: %v", op, err)
			return Result{Operation: op}, false
		}
	}
	req, err := c.Model.Request(op, c.Endpoint, ov)
	if err != nil {
		t.Errorf("%s: %v", op, err)
		return Result{Operation: op}, false
	}
	return c.send(t, op, req)
}

// filterValues returns the keys of v that name op itself, which must
// all apply to it ("*." keys need not).
func filterValues(v Values, op string) Values {
	out := Values{}
	for k, val := range v {
		if strings.HasPrefix(k, op+".") {
			out[k] = val
		}
	}
	return out
}

func (c *Case) prepare(t T, op string) bool {
	t.Helper()
	if c.Prepare != nil {
		if err := c.Prepare(op); err != nil {
			t.Errorf("%s: prepare: %v", op, err)
			return false
		}
	}
	return true
}

// run prepares, signs and sends one request, with digests either side.
func (c *Case) run(t T, op string, req *http.Request) (Result, bool) {
	t.Helper()
	if !c.prepare(t, op) {
		return Result{Operation: op}, false
	}
	return c.send(t, op, req)
}

// send signs and sends a prepared request, with digests either side.
func (c *Case) send(t T, op string, req *http.Request) (Result, bool) {
	t.Helper()
	res := Result{Operation: op}
	if err := c.Sign(req); err != nil {
		t.Errorf("%s: sign: %v", op, err)
		return res, false
	}
	res.Before = c.Digest()
	resp, err := c.Send(req)
	if err != nil {
		t.Errorf("%s: send: %v", op, err)
		return res, false
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Errorf("%s: reading the answer: %v", op, err)
		return res, false
	}
	res.After = c.Digest()
	res.Status, res.Body = resp.StatusCode, body
	if res.Status < 200 || res.Status > 299 {
		if c.ErrorCode != nil {
			res.Code = c.ErrorCode(res.Status, resp.Header, body)
		} else {
			res.Code = ErrorCode(resp.Header, body)
		}
	}
	return res, true
}

func (c *Case) judge(t T, r Result, own, common []string) {
	t.Helper()
	ok2xx := r.Status >= 200 && r.Status <= 299
	switch {
	case !ok2xx && r.Code == "":
		t.Errorf("%s: HTTP %d with no error code: %s", r.Operation, r.Status, snippet(r.Body))
	case !ok2xx && !slices.Contains(own, r.Code) && !slices.Contains(common, r.Code):
		t.Errorf("%s: error code %s (HTTP %d) is declared neither by the model for this operation nor as a common or documented code: %s",
			r.Operation, r.Code, r.Status, snippet(r.Body))
	}
	if !ok2xx && r.Changed() {
		t.Errorf("%s: answered %s (HTTP %d) but changed the state", r.Operation, r.Code, r.Status)
	}
	if r.Implemented {
		if !ok2xx && !slices.Contains(own, r.Code) {
			t.Errorf("%s: documented as implemented, but answered %s (HTTP %d), which is not one of its own errors %v: %s",
				r.Operation, r.Code, r.Status, own, snippet(r.Body))
		}
	} else {
		if ok2xx {
			t.Errorf("%s: not implemented, but answered HTTP %d: %s", r.Operation, r.Status, snippet(r.Body))
		} else if !slices.Contains(c.NotImplementedCodes, r.Code) {
			t.Errorf("%s: not implemented, but answered %s (HTTP %d), not one of %v: %s",
				r.Operation, r.Code, r.Status, c.NotImplementedCodes, snippet(r.Body))
		}
		if ok2xx && r.Changed() {
			t.Errorf("%s: not implemented, but changed the state", r.Operation)
		}
	}
	if c.Check != nil {
		if err := c.Check(r); err != nil {
			t.Errorf("%s: %v", r.Operation, err)
		}
	}
}

// checkOverrides makes sure every override names an operation and a
// member path the model has, so a typo cannot silently test nothing.
func checkOverrides(m *Model, ov Values) error {
	for k := range ov {
		op, rest, _ := strings.Cut(k, ".")
		if rest == "" {
			return fmt.Errorf("override %q names no member", k)
		}
		if op == "*" {
			used := false
			for _, o := range m.Operations {
				if o.Input != nil && m.Shapes[o.Input.Shape].Members[strings.Split(rest, ".")[0]] != nil {
					used = true
					break
				}
			}
			if !used {
				return fmt.Errorf("override %q applies to no operation", k)
			}
			continue
		}
		if m.Operations[op] == nil {
			return fmt.Errorf("override %q names operation %q, which the model does not have", k, op)
		}
		if _, err := m.Input(op, Values{k: ov[k]}); err != nil {
			return err
		}
	}
	return nil
}

func snippet(b []byte) string {
	const max = 300
	s := strings.TrimSpace(string(b))
	if len(s) > max {
		s = s[:max] + "..."
	}
	return s
}
