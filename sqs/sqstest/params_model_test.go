package sqstest

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// TestEveryOptionalMember sends each served operation once per optional
// member of its model input, set to a placeholder, at a seeded queue: a
// member the fake does not read is refused with UnsupportedOperation
// naming it and changes nothing, as the package doc promises; a member it
// reads is never refused that way; and every error is one the model
// declares for the operation or a common one.
func TestEveryOptionalMember(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "sqs")
	const name = "members"
	start := func(t *testing.T, op string) (awsmodel.Case, awsmodel.Values) {
		srv := Start(t)
		if err := srv.CreateQueue(fake.TestAccountID, "us-east-1", name); err != nil {
			t.Fatal(err)
		}
		c := awsmodel.NewCase(t, m, srv, "", srv.digest)
		c.Implemented = func(op string) bool { _, ok := served[op]; return ok }
		c.NotImplementedCodes = []string{"UnsupportedOperation"}
		return c, awsmodel.Values{
			"*.QueueUrl":              srv.URL() + "/" + fake.TestAccountID + "/" + name,
			"*.QueueName":             name,
			"SendMessage.MessageBody": "hello",
		}
	}
	refused := 0
	awsmodel.EachOptionalMember(t, m, slices.Sorted(maps.Keys(served)), start, func(t *testing.T, op string, mem awsmodel.Member, r awsmodel.Result) {
		top, _, _ := strings.Cut(mem.Path, ".")
		reads := slices.Contains(served[op], top)
		refusal := r.Code == "UnsupportedOperation" && strings.Contains(string(r.Body), "with "+top)
		declared := slices.Concat(m.ErrorCodes(op), awsmodel.CommonErrorCodes)
		switch {
		case r.Code != "" && !slices.Contains(declared, r.Code):
			t.Errorf("%s=%q: %s is declared neither for %s nor common: %s", mem.Path, mem.Value, r.Code, op, r.Body)
		case r.Code != "" && r.Changed():
			t.Errorf("%s=%q: answered %s but changed the state", mem.Path, mem.Value, r.Code)
		case !reads && !refusal:
			t.Errorf("%s=%q: not read by the fake but not refused by name (HTTP %d %s): %s", mem.Path, mem.Value, r.Status, r.Code, r.Body)
		case reads && refusal:
			t.Errorf("%s=%q: refused, but the fake claims to read it: %s", mem.Path, mem.Value, r.Body)
		}
		if refusal {
			refused++
		}
	})
	if refused == 0 {
		t.Error("no member was refused: the served table is not checked")
	}
}
