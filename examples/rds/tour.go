package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/rds"
)

// Names of what the tour creates; it deletes them all before it returns.
const (
	dbSecurityGroup = "tour-dbsg"
	parameterGroup  = "tour-mysql8"
	instanceID      = "tour-db"
	snapshotID      = "tour-db-snap"
)

func run(ctx context.Context, w io.Writer, env *exenv.Env, account string) (err error) {
	if account == "" {
		if !env.Local {
			return errors.New("-account is required with -aws")
		}
		account = fakes.OtherAccountID
	}
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	conn := rds.New(env.Config)
	wait := []goboto.WaitOption{goboto.Timeout(40 * time.Minute), goboto.Interval(30 * time.Second)}
	if env.Local {
		wait = []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
	}
	// cleanup runs fn when run returns and keeps its error if run has none.
	cleanup := func(fn func(context.Context) error) {
		if derr := fn(context.Background()); derr != nil && err == nil {
			err = derr
		}
	}

	// 1. A DB security group admitting the instances of an EC2 security
	// group. Only EC2-Classic accounts have them, so not on real AWS today.
	var groups []string
	if env.Local {
		say("> g, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: %q, Description: \"the tour's database\"})", dbSecurityGroup)
		g, err := conn.CreateDBSecurityGroup(ctx, rds.DBSecurityGroupOptions{Name: dbSecurityGroup, Description: "the tour's database"})
		if err != nil {
			return err
		}
		defer cleanup(g.Delete)
		say("> g.Authorize(ctx, rds.EC2Group(\"web\", %q))", fakes.TestAccountID)
		if err := g.Authorize(ctx, rds.EC2Group("web", fakes.TestAccountID)); err != nil {
			return err
		}
		for _, s := range g.EC2SecurityGroups {
			say("    admits EC2 security group %s of %s: %s", s.Name, s.OwnerID, s.Status)
		}
		say("> g.WaitIngress(ctx, rds.EC2Group(\"web\", %q), rds.IngressAuthorized)", fakes.TestAccountID)
		if err := g.WaitIngress(ctx, rds.EC2Group("web", fakes.TestAccountID), rds.IngressAuthorized, wait...); err != nil {
			return err
		}
		for _, s := range g.EC2SecurityGroups {
			say("    then %s", s.Status)
		}
		groups = []string{dbSecurityGroup}
	} else {
		say("(DB security groups need EC2-Classic, which AWS retired; the instance uses the default VPC security group)")
	}

	// 2. A parameter group, checked locally before anything is sent.
	say("\n> pg, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: %q, Family: \"mysql8.0\", Description: \"the tour's settings\"})", parameterGroup)
	pg, err := conn.CreateParameterGroup(ctx, rds.ParameterGroupOptions{Name: parameterGroup, Family: "mysql8.0", Description: "the tour's settings"})
	if err != nil {
		return err
	}
	defer cleanup(pg.Delete)
	say("> pg.Load(ctx)")
	if err := pg.Load(ctx); err != nil {
		return err
	}
	say("    %d parameters, more than one page of 100", len(pg.Parameters()))
	p, ok := pg.Parameter("max_allowed_packet")
	if !ok {
		return errors.New("no max_allowed_packet in " + parameterGroup)
	}
	say("    max_allowed_packet: %s, allowed %s, %s", p.DataType, p.AllowedValues, p.ApplyType)
	say("> pg.Set(\"max_allowed_packet\", \"-5\")")
	err = pg.Set("max_allowed_packet", "-5")
	if err == nil {
		return errors.New("max_allowed_packet = -5 was accepted")
	}
	say("    refused before sending: %v", err)
	say("> pg.Set(\"max_alowed_packet\", \"2048\")")
	err = pg.Set("max_alowed_packet", "2048")
	if err == nil {
		return errors.New("max_alowed_packet was accepted")
	}
	say("    refused before sending: %v", err)
	say("> pg.Set(\"max_allowed_packet\", \"2048\")")
	if err := pg.Set("max_allowed_packet", "2048"); err != nil {
		return err
	}
	say("> pg.Apply(ctx, rds.ApplyImmediate)")
	if err := pg.Apply(ctx, rds.ApplyImmediate); err != nil {
		return err
	}
	say("> pg.Load(ctx, rds.Source(rds.ParameterSourceUser))")
	if err := pg.Load(ctx, rds.Source(rds.ParameterSourceUser)); err != nil {
		return err
	}
	for _, p := range pg.Parameters() {
		say("    %s = %s (source %s)", p.Name, p.Value, p.Source)
	}

	// 3. An instance using both, waited for.
	say("\n> db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{ID: %q, Engine: \"mysql\", Class: \"db.t3.micro\", AllocatedStorage: 20, ...})", instanceID)
	db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{
		ID: instanceID, Engine: rds.EngineMySQL, Class: "db.t3.micro", AllocatedStorage: 20,
		MasterUsername: "admin", MasterPassword: "tour-password-42",
		ParameterGroup: parameterGroup, SecurityGroups: groups,
	})
	if err != nil {
		return err
	}
	defer cleanup(func(ctx context.Context) error {
		if err := db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true}); err != nil {
			return err
		}
		// The parameter and security groups can go only once it has.
		return db.Wait(ctx, rds.InstanceDeleted, wait...)
	})
	say("    %s", db.Status)
	// Progress sees every poll; the tour prints only the last, as how
	// many polls see "creating" or "backing-up" depends on timing.
	var last string
	say("> db.Wait(ctx, rds.InstanceAvailable, goboto.Progress(...))")
	err = db.Wait(ctx, rds.InstanceAvailable, append(wait, goboto.Progress(func(s string, _ time.Duration) { last = s }))...)
	if err != nil {
		return err
	}
	say("    last progress report: %s", last)
	say("    endpoint %s", hideRandom(db.Endpoint.String()))
	for _, g := range db.ParameterGroups {
		say("    parameter group %s: %s", g.Name, g.Status)
	}

	// 4. A snapshot, shared with another account.
	say("\n> snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: %q, Tags: rds.Tags{\"purpose\": \"tour\"}})", snapshotID)
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: snapshotID, Tags: rds.Tags{"purpose": "tour"}})
	if err != nil {
		return err
	}
	defer cleanup(snap.Delete)
	if err := snap.Wait(ctx, rds.SnapshotAvailable, wait...); err != nil {
		return err
	}
	say("    %s of %s: %s, %d GiB", snap.Type, snap.InstanceID, snap.Status, snap.AllocatedStorage)
	say("> snap.Share(ctx, goboto.Accounts(%q))", account)
	if err := snap.Share(ctx, goboto.Accounts(account)); err != nil {
		return err
	}
	perms, err := snap.Permissions(ctx)
	if err != nil {
		return err
	}
	say("> snap.Permissions(ctx)")
	say("    restorable by %v", perms)

	other, ok := env.OtherAccount(env.Config.Region)
	if !ok {
		return nil
	}
	say("\nAs account %s:", account)
	say("> theirs.DBSnapshots(ctx, rds.SnapshotFilter{IncludeShared: true})")
	for s, err := range rds.New(other).DBSnapshots(ctx, rds.SnapshotFilter{IncludeShared: true}) {
		if err != nil {
			return err
		}
		say("    %s (%s, %s)", s.ARN, s.Type, s.Status)
	}
	return nil
}

// hideRandom replaces the random label of an RDS endpoint
// (tour-db.c9akciq32.us-east-1.rds.amazonaws.com:3306) so transcripts
// compare between runs.
func hideRandom(endpoint string) string {
	labels := strings.Split(endpoint, ".")
	if len(labels) > 2 {
		labels[1] = "…"
	}
	return strings.Join(labels, ".")
}
