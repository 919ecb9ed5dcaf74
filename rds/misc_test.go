package rds_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v2 "github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/rds/rdstest"
)

func TestPasswordNeverPrinted(t *testing.T) {
	o := rds.InstanceOptions{ID: "db", MasterPassword: "hunter2-secret"}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("create", "opts", o, "pw", o.MasterPassword)
	js, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		fmt.Sprint(o), fmt.Sprintf("%v", o), fmt.Sprintf("%+v", o), fmt.Sprintf("%#v", o),
		fmt.Sprintf("%s", o.MasterPassword), fmt.Sprintf("%q", o.MasterPassword), fmt.Sprintf("%x", o.MasterPassword),
		string(js), logged.String(),
	} {
		if strings.Contains(s, "hunter2") {
			t.Errorf("password shown in %s", s)
		}
		if !strings.Contains(s, "[REDACTED]") {
			t.Errorf("%s does not say [REDACTED]", s)
		}
	}
	if got := fmt.Sprint(rds.Password("")); got != "" {
		t.Errorf("empty password prints %q", got)
	}
}

func TestEventFilterRefused(t *testing.T) {
	_, conn := startFake(t)
	start := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		f    rds.EventFilter
		want string
	}{
		{rds.EventFilter{SourceID: "mydb"}, "SourceType: is required with SourceIdentifier"},
		{rds.EventFilter{Duration: time.Second}, "Duration: 1s out of range 1m-336h"},
		{rds.EventFilter{Duration: 15 * 24 * time.Hour}, "Duration: 360h0m0s out of range 1m-336h"},
		{rds.EventFilter{Duration: time.Hour, StartTime: start}, "Duration: 1h0m0s cannot be given with StartTime or EndTime"},
		{rds.EventFilter{StartTime: start, EndTime: start.Add(-time.Hour)}, "EndTime: 2026-11-22T23:00:00Z is before StartTime"},
	} {
		n := 0
		for _, err := range conn.Events(t.Context(), tt.f) {
			n++
			wantInvalid(t, err, tt.want)
		}
		if n != 1 {
			t.Errorf("%+v yielded %d times; want one error", tt.f, n)
		}
	}
}

func TestEventsBySource(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	if _, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: "evgroup", Description: "d"}); err != nil {
		t.Fatal(err)
	}
	db := newInstance(t, conn, "evdb")
	var types []string
	for e, err := range conn.Events(ctx, rds.EventFilter{SourceType: rds.SourceInstance, Duration: time.Hour}) {
		if err != nil {
			t.Fatal(err)
		}
		if e.SourceID != db.ID || e.Date.IsZero() || e.Message == "" {
			t.Errorf("event %+v; want one of evdb with a date and message", e)
		}
		types = append(types, e.SourceType)
	}
	if len(types) == 0 {
		t.Error("no events for a new instance")
	}
	for e, err := range conn.Events(ctx, rds.EventFilter{SourceType: rds.SourceSnapshot}) {
		if err != nil {
			t.Fatal(err)
		}
		t.Errorf("snapshot event %+v with no snapshot", e)
	}
}

func TestStrings(t *testing.T) {
	_, conn := startFake(t)
	got := []string{conn.String(), conn.DBInstance("a").String(), conn.DBSnapshot("b").String(),
		conn.ParameterGroup("c").String(), conn.DBSecurityGroup("d").String(), (&rds.Parameter{Name: "e"}).String(),
		rds.Endpoint{}.String(), rds.Endpoint{Address: "h", Port: 5432}.String()}
	want := []string{"RDSConnection:" + conn.Region(), "DBInstance:a", "DBSnapshot:b", "ParameterGroup:c",
		"DBSecurityGroup:d", "Parameter:e", "", "h:5432"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("String %d = %q; want %q", i, got[i], want[i])
		}
	}
	if conn.Client() == nil {
		t.Error("Client() = nil")
	}
}

func TestPasswordNotLogged(t *testing.T) {
	srv := rdstest.Start(t)
	var logged bytes.Buffer
	l := slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	conn := rds.New(srv.Config(""), goboto.WithLogger(l))
	o := mysqlOptions("logged")
	o.MasterPassword = "hunter2-secret"
	conn.CreateDBInstance(t.Context(), o) // the outcome does not matter here
	db := conn.DBInstance("logged")
	db.Modify(t.Context(), rds.ModifyOptions{MasterPassword: "hunter3-secret", ApplyImmediately: true})
	if !strings.Contains(logged.String(), "CreateDBInstance") {
		t.Fatalf("nothing logged: %s", logged.String())
	}
	if strings.Contains(logged.String(), "hunter") {
		t.Errorf("password in the log:\n%s", logged.String())
	}
}

// TestPasswordNotInFakeLogsOrErrors sends passwords the fake refuses and
// accepts, past the local checks, and looks for them in both sides' logs
// and in the errors.
func TestPasswordNotInFakeLogsOrErrors(t *testing.T) {
	var serverLog, clientLog bytes.Buffer
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	srv := rdstest.Start(t, fakes.WithLogger(slog.New(slog.NewTextHandler(&serverLog, debug))))
	conn := rds.New(srv.Config(""), goboto.WithLogger(slog.New(slog.NewTextHandler(&clientLog, debug))))
	ctx := t.Context()
	var texts []string
	for i, pw := range []string{"sekrit@home-1", "sk", "sekrit-ok-3"} {
		_, err := conn.Client().CreateDBInstance(ctx, &v2.CreateDBInstanceInput{
			DBInstanceIdentifier: aws.String("pw-" + strconv.Itoa(i)), DBInstanceClass: aws.String("db.t3.micro"),
			Engine: aws.String("mysql"), AllocatedStorage: aws.Int32(20),
			MasterUsername: aws.String("admin"), MasterUserPassword: aws.String(pw),
		})
		if (err == nil) != (i == 2) {
			t.Fatalf("password %d: err = %v; want the fake to refuse the first two only", i, err)
		}
		if err != nil {
			wantCode(t, core.Error(err), "InvalidParameterValue")
			texts = append(texts, err.Error(), core.Error(err).Error())
		}
	}
	db := conn.DBInstance("pw-2")
	if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if err := db.Modify(ctx, rds.ModifyOptions{MasterPassword: "sekrit-new-4"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	texts = append(texts, fmt.Sprintf("%+v", *db))
	if !strings.Contains(clientLog.String(), "CreateDBInstance") {
		t.Fatalf("the client logged nothing:\n%s", clientLog.String())
	}
	for name, s := range map[string]string{"server log": serverLog.String(), "client log": clientLog.String(), "errors": strings.Join(texts, "\n")} {
		if i := strings.Index(s, "sekrit"); i >= 0 {
			t.Errorf("a password in the %s: ...%s...", name, s[max(0, i-80):min(len(s), i+40)])
		}
		if strings.Contains(s, "=sk&") || strings.Contains(s, "=sk ") {
			t.Errorf("the short password in the %s:\n%s", name, s)
		}
	}
}
