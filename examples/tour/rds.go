package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/rds"
)

func rdsChapter(ctx context.Context, t *transcript, env *exenv.Env) (err error) {
	conn := rds.New(env.Config)
	t.call("conn := rds.New(cfg)   // %s", env.Config.Region)

	// Engine defaults are free to read, and Check needs no request.
	t.call("for p, err := range conn.EngineDefaultParameters(ctx, \"mysql8.0\")")
	var packet *rds.Parameter
	n := 0
	for p, err := range conn.EngineDefaultParameters(ctx, "mysql8.0") {
		if err != nil {
			return err
		}
		n++
		if p.Name == "max_allowed_packet" {
			packet = p
		}
	}
	if packet == nil {
		return errors.New("mysql8.0 has no max_allowed_packet")
	}
	t.result("%d parameters; max_allowed_packet is %s, allowed %s, %s", n, packet.DataType, packet.AllowedValues, packet.ApplyType)
	for _, v := range []string{"-5", "{DBInstanceClassMemory*3/4}", "2048"} {
		t.call("p.Check(%q)", v)
		err := packet.Check(v)
		var verr *goboto.ValidationError
		switch {
		case err == nil:
			t.result("ok")
		case errors.As(err, &verr):
			t.result("refused before sending: %v", err)
		default:
			return err
		}
	}

	if !env.Local {
		t.result("a DB instance costs money: on a real account this chapter stops here")
		return nil
	}
	wait := []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
	t.call("db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{ID: \"tour-db\", Engine: \"postgres\", Class: \"db.t3.micro\", AllocatedStorage: 20, ...})")
	db, err := conn.CreateDBInstance(ctx, rds.InstanceOptions{
		ID: "tour-db", Engine: rds.EnginePostgres, Class: "db.t3.micro", AllocatedStorage: 20,
		MasterUsername: "tour", MasterPassword: "tour-password-42",
	})
	if err != nil {
		return err
	}
	defer func() {
		t.call("db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true}); db.Wait(ctx, rds.InstanceDeleted)")
		derr := db.Delete(ctx, rds.DeleteOptions{SkipFinalSnapshot: true})
		if derr == nil {
			derr = db.Wait(ctx, rds.InstanceDeleted, wait...)
		}
		if derr != nil && err == nil {
			err = derr
		}
	}()
	t.call("db.Wait(ctx, rds.InstanceAvailable)")
	if err := db.Wait(ctx, rds.InstanceAvailable, wait...); err != nil {
		return err
	}
	// The endpoint's middle label is random; the tour shows its shape.
	host := db.Endpoint.String()
	if parts := strings.SplitN(host, ".", 3); len(parts) == 3 {
		host = parts[0] + ".…." + parts[2]
	}
	t.result("%s, endpoint %s", db.Status, host)
	return nil
}
