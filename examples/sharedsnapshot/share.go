package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/fakes"
)

func run(ctx context.Context, w io.Writer, env *exenv.Env, account string) (err error) {
	if account == "" {
		if !env.Local {
			return errors.New("-account is required with -aws")
		}
		account = fakes.OtherAccountID
	}
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	conn := ec2.New(env.Config)
	zone := env.Config.Region + "a"
	wait := []goboto.WaitOption{goboto.Timeout(10 * time.Minute), goboto.Interval(2 * time.Second)}
	if env.Local {
		wait = []goboto.WaitOption{goboto.Timeout(time.Minute), goboto.Interval(10 * time.Millisecond)}
	}

	say("> conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: %q, Type: \"gp3\", Tags: {Name: \"shared-demo\"}})", zone)
	vol, err := conn.CreateVolume(ctx, ec2.VolumeOptions{Size: 1, Zone: zone, Type: "gp3", Tags: ec2.Tags{"Name": "shared-demo"}})
	if err != nil {
		return err
	}
	defer func() {
		if derr := vol.Delete(context.Background()); derr != nil && err == nil {
			err = derr
		}
	}()
	if err := vol.Wait(ctx, ec2.VolumeAvailable, wait...); err != nil {
		return err
	}
	say("    %s is %s", kind(vol.ID), vol.State)

	say("> snap, err := vol.CreateSnapshot(ctx, \"nightly\")")
	snap, err := vol.CreateSnapshot(ctx, "nightly")
	if err != nil {
		return err
	}
	defer func() {
		if derr := snap.Delete(context.Background()); derr != nil && err == nil {
			err = derr
		}
	}()
	if err := snap.Wait(ctx, ec2.SnapshotCompleted, wait...); err != nil {
		return err
	}
	say("    %s %s, Name tag copied from the volume: %q", kind(snap.ID), snap.State, snap.Tags["Name"])

	show := func() error {
		p, err := snap.Permissions(ctx)
		if err != nil {
			return err
		}
		say("    permissions: accounts %v, everyone %v", p.Accounts, p.Everyone)
		return nil
	}
	say("> snap.Permissions(ctx)")
	if err := show(); err != nil {
		return err
	}
	say("> snap.Share(ctx, goboto.Accounts(%q))", account)
	if err := snap.Share(ctx, goboto.Accounts(account)); err != nil {
		return err
	}
	if err := show(); err != nil {
		return err
	}
	say("> snap.Share(ctx, goboto.Everyone())")
	if err := snap.Share(ctx, goboto.Everyone()); err != nil {
		return err
	}
	if err := show(); err != nil {
		return err
	}
	say("> snap.Unshare(ctx, goboto.Everyone())")
	if err := snap.Unshare(ctx, goboto.Everyone()); err != nil {
		return err
	}
	if err := show(); err != nil {
		return err
	}

	other, ok := env.OtherAccount(env.Config.Region)
	if !ok {
		say("> snap.ResetPermissions(ctx)")
		if err := snap.ResetPermissions(ctx); err != nil {
			return err
		}
		return show()
	}
	theirs := ec2.New(other)
	say("\nAs account %s:", account)
	say("> theirs.CreateVolume(ctx, ec2.VolumeOptions{Zone: %q, SnapshotID: snap.ID})", zone)
	v2, err := theirs.CreateVolume(ctx, ec2.VolumeOptions{Zone: zone, SnapshotID: snap.ID})
	if err != nil {
		return err
	}
	say("    created %s, %d GiB, from the shared snapshot", kind(v2.ID), v2.Size)
	if err := v2.Wait(ctx, ec2.VolumeAvailable, wait...); err != nil {
		return err
	}
	if err := v2.Delete(ctx); err != nil {
		return err
	}

	say("\nAs the owner again:")
	say("> snap.Unshare(ctx, goboto.Accounts(%q))", account)
	if err := snap.Unshare(ctx, goboto.Accounts(account)); err != nil {
		return err
	}
	if err := show(); err != nil {
		return err
	}
	say("\nAs account %s:", account)
	say("> theirs.CreateVolume(ctx, ec2.VolumeOptions{Zone: %q, SnapshotID: snap.ID})", zone)
	_, err = theirs.CreateVolume(ctx, ec2.VolumeOptions{Zone: zone, SnapshotID: snap.ID})
	var ae *goboto.APIError
	if !errors.As(err, &ae) {
		return fmt.Errorf("creating a volume from an unshared snapshot: want an AWS error, got %v", err)
	}
	say("    refused: %s (HTTP %d), goboto.IsNotFound = %v", ae.Code, ae.StatusCode, goboto.IsNotFound(err))
	return nil
}

// kind hides the random part of an ID so transcripts compare between runs.
func kind(id string) string {
	if i := strings.IndexByte(id, '-'); i >= 0 {
		return id[:i+1] + "…"
	}
	return id
}
