package rdstest

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// TestEveryOptionalMember sets, for each action the fake serves, each
// optional input member of RDS's API model in turn (awsmodel's
// placeholder value) on a request pointed at freshly seeded resources. A
// member unsupportedTable lists must be refused with
// InvalidParameterCombination naming it, and the state left as it was;
// any other must be honoured: a success, or a code the model declares for
// the action or AWS's common errors, with no change when it is an error.
// TestEveryParameterReadOrRefused checks the others are read.
func TestEveryOptionalMember(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "rds")
	b, _ := NewBackend()
	refused := 0
	var srv *Server
	start := func(t *testing.T, op string) (awsmodel.Case, awsmodel.Values) {
		srv = Start(t)
		ov := seedRDS(t, srv)
		seedRDSFor(t, srv, op)
		return rdsConform(t, m, srv), ov
	}
	awsmodel.EachOptionalMember(t, m, slices.Sorted(maps.Keys(b.actions)), start, func(t *testing.T, op string, mem awsmodel.Member, r awsmodel.Result) {
		changed, code, body := r.Changed(), r.Code, r.Body
		declared := slices.Concat(m.ErrorCodes(op), awsmodel.CommonErrorCodes)
		top, _, _ := strings.Cut(mem.Path, ".")
		unsupported := slices.ContainsFunc(srv.unsupported[op], func(u unsupportedParam) bool {
			return u.name == top && !slices.ContainsFunc(u.harmless, func(h string) bool { return strings.EqualFold(h, mem.Value) })
		})
		refusal := code == CodeInvalidParameterCombination && strings.Contains(string(body), "parameter "+top+" of")
		switch {
		case code != "" && !slices.Contains(declared, code):
			t.Errorf("%s=%q: %s is declared neither for %s nor common: %s", mem.Wire, mem.Value, code, op, body)
		case code != "" && changed:
			t.Errorf("%s=%q: answered %s but changed the state", mem.Wire, mem.Value, code)
		case unsupported && !refusal:
			t.Errorf("%s=%q: unsupported but not refused by name (HTTP %d %s): %s", mem.Wire, mem.Value, r.Status, code, body)
		case !unsupported && refusal:
			t.Errorf("%s=%q: refused, but the fake claims to read it: %s", mem.Wire, mem.Value, body)
		}
		if refusal {
			refused++
		}
	})
	if refused == 0 {
		t.Error("no member was refused: the unsupported table is not checked")
	}
}
