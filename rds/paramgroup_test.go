package rds_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
)

func newGroup(t *testing.T, conn *rds.Conn, name, family string) *rds.ParameterGroup {
	t.Helper()
	pg, err := conn.CreateParameterGroup(t.Context(), rds.ParameterGroupOptions{Name: name, Family: family, Description: "goboto test group"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pg.Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	return pg
}

func TestParameterGroupLifecycle(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	pg, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "tuned", Family: "mysql8.0", Description: "tuned MySQL"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"tuned", "mysql8.0", "tuned MySQL"}, []string{pg.Name, pg.Family, pg.Description}); diff != "" {
		t.Errorf("group (-want +got):\n%s", diff)
	}
	var names []string
	for g, err := range conn.ParameterGroups(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, g.Name)
	}
	if !slices.Contains(names, "tuned") || !slices.Contains(names, "default.mysql8.0") {
		t.Errorf("ParameterGroups = %q; want tuned and default.mysql8.0 among them", names)
	}

	bare := conn.ParameterGroup("tuned")
	if err := bare.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if bare.Family != "mysql8.0" || bare.ARN == "" {
		t.Errorf("Refresh: family %q ARN %q; want mysql8.0 and an ARN", bare.Family, bare.ARN)
	}

	// Load follows Marker past the first 100 parameters.
	srv.ResetCalls()
	if err := pg.Load(ctx); err != nil {
		t.Fatal(err)
	}
	n := len(pg.Parameters())
	if n <= 100 {
		t.Fatalf("Load read %d parameters; want more than 100", n)
	}
	if pages := count(srv, "DescribeDBParameters"); pages != (n+99)/100 {
		t.Errorf("Load made %d DescribeDBParameters calls for %d parameters; want %d", pages, n, (n+99)/100)
	}
	seen := map[string]bool{}
	for _, p := range pg.Parameters() {
		if seen[p.Name] {
			t.Errorf("parameter %s loaded twice", p.Name)
		}
		seen[p.Name] = true
	}

	p, ok := pg.Parameter("max_allowed_packet")
	if !ok {
		t.Fatal("no max_allowed_packet")
	}
	if p.DataType != "integer" || p.AllowedValues == "" || !p.IsModifiable || p.ApplyType != rds.ApplyTypeDynamic || p.Description == "" {
		t.Errorf("max_allowed_packet = %+v; want a modifiable dynamic integer with allowed values and a description", p)
	}

	// A bad value is refused locally, with the rule, and nothing is sent.
	srv.ResetCalls()
	err = pg.Set("max_allowed_packet", "-5")
	wantInvalid(t, err, "max_allowed_packet: -5 out of range "+p.AllowedValues)
	if err := pg.Apply(ctx, rds.ApplyImmediate); err != nil {
		t.Fatal(err)
	}
	if got := ops(srv); len(got) != 0 {
		t.Errorf("a refused value and an empty Apply sent %q", got)
	}

	if err := pg.Set("max_allowed_packet", "2048"); err != nil {
		t.Fatal(err)
	}
	if err := pg.Apply(ctx, rds.ApplyImmediate); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ModifyDBParameterGroup"}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if len(pg.Changes()) != 0 {
		t.Errorf("Changes after Apply = %v", pg.Changes())
	}
	// The fake agrees, as does a user-source listing.
	if err := pg.Load(ctx, rds.Source(rds.ParameterSourceUser)); err != nil {
		t.Fatal(err)
	}
	var user []string
	for _, p := range pg.Parameters() {
		user = append(user, p.Name+"="+p.Value+"/"+string(p.Source))
	}
	if diff := cmp.Diff([]string{"max_allowed_packet=2048/user"}, user); diff != "" {
		t.Errorf("user parameters (-want +got):\n%s", diff)
	}

	// Reset one parameter.
	if err := pg.Reset(ctx, "max_allowed_packet"); err != nil {
		t.Fatal(err)
	}
	if err := pg.Load(ctx, rds.Source(rds.ParameterSourceUser)); err != nil {
		t.Fatal(err)
	}
	if len(pg.Parameters()) != 0 {
		t.Errorf("user parameters after Reset: %v", pg.Parameters())
	}

	if err := pg.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	err = pg.Refresh(ctx)
	wantCode(t, err, "DBParameterGroupNotFound")
	if !goboto.IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
	wantCode(t, pg.Load(ctx), "DBParameterGroupNotFound")
}

// modifiableDynamic returns n modifiable dynamic integer parameters of pg
// with a value each accepts: its lowest allowed number.
func modifiableDynamic(t *testing.T, pg *rds.ParameterGroup, n int) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range pg.Parameters() {
		if len(out) == n {
			break
		}
		if !p.IsModifiable || p.ApplyType != rds.ApplyTypeDynamic || p.DataType != "integer" {
			continue
		}
		a, err := rds.ParseAllowedValues(p.DataType, p.AllowedValues)
		if err != nil || len(a.Ranges) == 0 || a.Ranges[0].Min > 1e15 || a.Ranges[0].Min < -1e15 {
			continue
		}
		v := strconv.FormatInt(int64(a.Ranges[0].Min), 10)
		if v == p.Value {
			continue
		}
		out[p.Name] = v
	}
	if len(out) < n {
		t.Fatalf("only %d modifiable dynamic integer parameters; want %d", len(out), n)
	}
	return out
}

func TestApplyChunksOf20(t *testing.T) {
	for _, n := range []int{1, 20, 21, 45} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			srv, conn := startFake(t)
			pg := newGroup(t, conn, "chunks", "mysql8.0")
			want := modifiableDynamic(t, pg, n)
			for name, v := range want {
				if err := pg.Set(name, v); err != nil {
					t.Fatal(err)
				}
			}
			if got := len(pg.Changes()); got != n {
				t.Fatalf("Changes = %d; want %d", got, n)
			}
			srv.ResetCalls()
			if err := pg.Apply(t.Context(), rds.ApplyImmediate); err != nil {
				t.Fatal(err)
			}
			if got, wantCalls := count(srv, "ModifyDBParameterGroup"), (n+19)/20; got != wantCalls {
				t.Errorf("%d changes took %d calls; want %d", n, got, wantCalls)
			}
			if err := pg.Load(t.Context(), rds.Source(rds.ParameterSourceUser)); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, p := range pg.Parameters() {
				got[p.Name] = p.Value
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("user parameters (-want +got):\n%s", diff)
			}
		})
	}
}

func TestApplySendsOnlyChanges(t *testing.T) {
	srv, conn := startFake(t)
	pg := newGroup(t, conn, "only", "mysql8.0")
	// Setting a parameter to the value it has is no change.
	p, _ := pg.Parameter("max_allowed_packet")
	if err := p.Set(p.Value); p.Value != "" && err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	if err := pg.Apply(t.Context(), rds.ApplyPendingReboot); err != nil {
		t.Fatal(err)
	}
	if got := ops(srv); len(got) != 0 {
		t.Errorf("Apply with nothing changed sent %q", got)
	}
}

func TestApplyStaticImmediately(t *testing.T) {
	srv, conn := startFake(t)
	pg := newGroup(t, conn, "static", "mysql8.0")
	var static *rds.Parameter
	for _, p := range pg.Parameters() {
		if p.IsModifiable && p.ApplyType == rds.ApplyTypeStatic && p.DataType == "integer" {
			static = p
			break
		}
	}
	if static == nil {
		t.Fatal("no modifiable static integer parameter")
	}
	a, err := rds.ParseAllowedValues(static.DataType, static.AllowedValues)
	if err != nil || len(a.Ranges) == 0 {
		t.Fatalf("%s allowed values %q: %v", static.Name, static.AllowedValues, err)
	}
	v := strconv.FormatInt(int64(a.Ranges[0].Max), 10)
	if err := pg.Set("max_allowed_packet", "4096"); err != nil {
		t.Fatal(err)
	}
	if err := static.Set(v); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	err = pg.Apply(t.Context(), rds.ApplyImmediate)
	wantInvalid(t, err, fmt.Sprintf("%s: %s cannot apply immediately: the parameter is static; use ApplyPendingReboot", static.Name, v))
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused Apply sent %q", got)
	}
	if len(pg.Changes()) != 2 {
		t.Errorf("Changes after a refused Apply = %v; want both still there", pg.Changes())
	}
	if err := pg.Apply(t.Context(), rds.ApplyPendingReboot); err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, pg.Apply(t.Context(), "later"), "ApplyMethod: later is not immediate or pending-reboot")
}

func TestParameterGroupSetErrors(t *testing.T) {
	_, conn := startFake(t)
	unloaded := conn.ParameterGroup("default.mysql8.0")
	wantInvalid(t, unloaded.Set("max_allowed_packet", "2048"), "max_allowed_packet: 2048 cannot be checked: load the parameter group first")
	pg := newGroup(t, conn, "errs", "postgres16")
	wantInvalid(t, pg.Set("no_such_parameter", "1"), "no_such_parameter: 1 is not a parameter of errs")
	for _, p := range pg.Parameters() {
		if !p.IsModifiable {
			wantInvalid(t, pg.Set(p.Name, "x"), p.Name+": x not allowed: the parameter is not modifiable")
			return
		}
	}
	t.Error("postgres16 has no parameter that is not modifiable")
}

func TestCreateParameterGroupErrors(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	for _, tt := range []struct{ name, family, desc, want string }{
		{"bad--name", "mysql8.0", "d", "DBParameterGroupName: bad--name must not contain two consecutive hyphens"},
		{"ok", "", "d", "DBParameterGroupFamily: is required"},
		{"ok", "mysql8.0", "", "Description: is required"},
	} {
		_, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: tt.name, Family: tt.family, Description: tt.desc})
		wantInvalid(t, err, tt.want)
	}
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused creates sent %q", got)
	}
	if _, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "dup", Family: "mysql8.0", Description: "d"}); err != nil {
		t.Fatal(err)
	}
	_, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "dup", Family: "mysql8.0", Description: "d"})
	wantCode(t, err, "DBParameterGroupAlreadyExists")
	_, err = conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: "nofamily", Family: "mysql1.0", Description: "d"})
	wantCode(t, err, "InvalidParameterValue")
	wantCode(t, conn.ParameterGroup("missing").Delete(ctx), "DBParameterGroupNotFound")
}

func TestDefaultGroupNotModifiable(t *testing.T) {
	_, conn := startFake(t)
	pg := conn.ParameterGroup("default.mysql8.0")
	if err := pg.Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := pg.Set("max_allowed_packet", "2048"); err != nil {
		t.Fatal(err)
	}
	// AWS answers "Cannot modify a default parameter group." with
	// InvalidParameterValue, and refuses deleting one with
	// InvalidDBParameterGroupState.
	wantCode(t, pg.Apply(t.Context(), rds.ApplyImmediate), "InvalidParameterValue")
	wantCode(t, pg.Delete(t.Context()), "InvalidDBParameterGroupState")
}

func TestEngineDefaultParameters(t *testing.T) {
	srv, conn := startFake(t)
	for _, family := range []string{"mysql8.0", "postgres16"} {
		srv.ResetCalls()
		var names []string
		for p, err := range conn.EngineDefaultParameters(t.Context(), family) {
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, p.Name)
		}
		if len(names) <= 100 {
			t.Errorf("%s: %d engine defaults; want more than 100", family, len(names))
		}
		if got := count(srv, "DescribeEngineDefaultParameters"); got < 2 {
			t.Errorf("%s: %d pages; want at least 2", family, got)
		}
		pg := newGroup(t, conn, "cmp-"+family[:5], family)
		var loaded []string
		for _, p := range pg.Parameters() {
			loaded = append(loaded, p.Name)
		}
		if diff := cmp.Diff(names, loaded); diff != "" {
			t.Errorf("%s: engine defaults and a new group's parameters differ (-defaults +group):\n%s", family, diff)
		}
	}
	for _, err := range conn.EngineDefaultParameters(t.Context(), "") {
		wantInvalid(t, err, "DBParameterGroupFamily: is required")
	}
	// Stopping early fetches no further page.
	srv.ResetCalls()
	for range conn.EngineDefaultParameters(t.Context(), "mysql8.0") {
		break
	}
	if got := count(srv, "DescribeEngineDefaultParameters"); got != 1 {
		t.Errorf("breaking after the first parameter fetched %d pages; want 1", got)
	}
}

// TestApplyStopsAtARefusedChunk has RDS refuse the second of two chunks:
// the first chunk's 20 parameters are applied and no longer changed, the
// second's 5 are still Changes, and nothing of the refused chunk reached
// the group.
func TestApplyStopsAtARefusedChunk(t *testing.T) {
	srv, conn := startFake(t)
	pg := newGroup(t, conn, "halfway", "mysql8.0")
	values := modifiableDynamic(t, pg, 25)
	var order []string // the order Apply sends them in: the group's
	for _, p := range pg.Parameters() {
		if v, ok := values[p.Name]; ok {
			order = append(order, p.Name)
			if err := p.Set(v); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Widen one parameter of the second chunk past what RDS allows, so
	// that Set takes a value the fake refuses.
	bad, _ := pg.Parameter(order[22])
	bad.AllowedValues = ""
	if err := bad.Set("-999999999999"); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	wantCode(t, pg.Apply(t.Context(), rds.ApplyImmediate), "InvalidParameterValue")
	if got := count(srv, "ModifyDBParameterGroup"); got != 2 {
		t.Errorf("%d ModifyDBParameterGroup calls; want 2", got)
	}
	var left []string
	for _, p := range pg.Changes() {
		left = append(left, p.Name)
	}
	if diff := cmp.Diff(order[20:], left); diff != "" {
		t.Errorf("Changes after the refused chunk (-want +got):\n%s", diff)
	}
	if err := pg.Load(t.Context(), rds.Source(rds.ParameterSourceUser)); err != nil {
		t.Fatal(err)
	}
	var applied []string
	for _, p := range pg.Parameters() {
		applied = append(applied, p.Name)
	}
	if diff := cmp.Diff(order[:20], applied); diff != "" {
		t.Errorf("parameters RDS applied (-want +got):\n%s", diff)
	}
}
