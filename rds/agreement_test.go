package rds_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v2 "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/internal/catalog"
)

// goodAndBad returns, for a parameter, a value Set accepts and one it
// refuses ("" when every value of the type is allowed).
func goodAndBad(t *testing.T, p *rds.Parameter) (good, bad string) {
	t.Helper()
	a, err := rds.ParseAllowedValues(p.DataType, p.AllowedValues)
	if err != nil {
		t.Fatalf("%s: seed allowed values %q do not parse: %v", p.Name, p.AllowedValues, err)
	}
	switch p.DataType {
	case "integer":
		if len(a.Ranges) == 0 {
			return "1", "one"
		}
		// One more than the last bound lies outside every range (seeds
		// list ranges in ascending order).
		last := p.AllowedValues[strings.LastIndexAny(p.AllowedValues, ",-")+1:]
		n, ok := new(big.Int).SetString(last, 10)
		if !ok {
			t.Fatalf("%s: last bound of %q", p.Name, p.AllowedValues)
		}
		first := strings.Split(p.AllowedValues, ",")[0]
		if i := strings.Index(first[1:], "-"); i >= 0 {
			first = first[:i+1]
		}
		return first, n.Add(n, big.NewInt(1)).String()
	case "float":
		if len(a.Ranges) == 0 {
			return "1.5", "one"
		}
		first := strings.Split(p.AllowedValues, ",")[0]
		if i := strings.Index(first[1:], "-"); i >= 0 {
			first = first[:i+1]
		}
		return first, "not-a-number"
	case "boolean":
		return "1", "2"
	}
	if len(a.Values) == 0 {
		return "goboto", ""
	}
	return a.Values[0], "goboto-bogus"
}

// TestFakeAgreesWithSet checks, for every modifiable parameter of every
// family the catalog has, that a value Parameter.Set accepts is accepted by the fake and
// one Set refuses is refused by the fake too (sent past Set through the
// Client), so the local rules and the fake's own tell the same story.
func TestFakeAgreesWithSet(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	for _, family := range catalog.Families() {
		pg := newGroup(t, conn, "agree-"+strings.ReplaceAll(family, ".", "-"), family)
		checked := 0
		for _, p := range pg.Parameters() {
			if !p.IsModifiable {
				continue
			}
			good, bad := goodAndBad(t, p)
			if err := p.Set(good); err != nil {
				t.Errorf("%s: Set(%q) = %v", p.Name, good, err)
				continue
			}
			checked++
			if bad == "" {
				continue
			}
			if err := p.Check(bad); err == nil {
				t.Errorf("%s (%s %q): Check(%q) accepted", p.Name, p.DataType, p.AllowedValues, bad)
				continue
			}
			_, err := conn.Client().ModifyDBParameterGroup(ctx, &v2.ModifyDBParameterGroupInput{
				DBParameterGroupName: aws.String(pg.Name),
				Parameters: []types.Parameter{{ParameterName: aws.String(p.Name), ParameterValue: aws.String(bad),
					ApplyMethod: types.ApplyMethodPendingReboot}},
			})
			if err == nil {
				t.Errorf("%s (%s %q): the fake accepted %q, which Set refuses", p.Name, p.DataType, p.AllowedValues, bad)
				continue
			}
			wantCode(t, core.Error(err), "InvalidParameterValue")
		}
		if checked < 100 {
			t.Errorf("%s: only %d modifiable parameters checked", family, checked)
		}
		if err := pg.Apply(ctx, rds.ApplyPendingReboot); err != nil {
			t.Fatalf("%s: the fake refused values Set accepted: %v", family, err)
		}
	}
}
