package rds_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v2 "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/rds"
)

// storage is what a handle says of its instance's storage.
type storage struct {
	Type                  string
	GiB, Iops, Throughput int32
}

func storageOf(db *rds.DBInstance) storage {
	return storage{db.StorageType, db.AllocatedStorage, db.Iops, db.StorageThroughput}
}

func TestCreateDBInstanceStorage(t *testing.T) {
	_, conn := startFake(t)
	tests := []struct {
		name string
		edit func(*rds.InstanceOptions)
		want storage
	}{
		{"default gp3", func(*rds.InstanceOptions) {}, storage{"gp3", 20, 3000, 125}},
		{"gp2", func(o *rds.InstanceOptions) { o.StorageType = "gp2" }, storage{"gp2", 20, 0, 0}},
		{"gp3 striped baseline", func(o *rds.InstanceOptions) { o.StorageType, o.AllocatedStorage = "gp3", 400 }, storage{"gp3", 400, 12000, 500}},
		{"gp3 provisioned", func(o *rds.InstanceOptions) {
			o.Engine, o.StorageType, o.AllocatedStorage, o.Iops, o.StorageThroughput = rds.EnginePostgres, "gp3", 1000, 40000, 2000
		}, storage{"gp3", 1000, 40000, 2000}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mysqlOptions("storage-" + string(rune('a'+i)))
			tt.edit(&o)
			db, err := conn.CreateDBInstance(t.Context(), o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, storageOf(db)); diff != "" {
				t.Errorf("CreateDBInstance's answer (-want +got):\n%s", diff)
			}
			again := conn.DBInstance(db.ID)
			if err := again.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, storageOf(again)); diff != "" {
				t.Errorf("after Refresh (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStorageRefused(t *testing.T) {
	srv, conn := startFake(t)
	tests := []struct {
		name string
		edit func(*rds.InstanceOptions)
		want string
	}{
		{"gp3 iops under threshold", func(o *rds.InstanceOptions) { o.StorageType, o.Iops = "gp3", 12000 },
			"Iops: 12000 cannot be set for mysql gp3 storage under 400 GiB, which has 3000 IOPS and 125 MiBps"},
		{"default throughput under threshold", func(o *rds.InstanceOptions) { o.StorageThroughput = 500 },
			"StorageThroughput: 500 cannot be set for mysql gp3 storage under 400 GiB, which has 3000 IOPS and 125 MiBps"},
		{"gp3 iops range", func(o *rds.InstanceOptions) { o.StorageType, o.AllocatedStorage, o.Iops = "gp3", 400, 70000 },
			"Iops: 70000 out of range 12000-64000 for mysql gp3 at 400 GiB or more"},
		{"gp3 throughput ratio", func(o *rds.InstanceOptions) {
			o.StorageType, o.AllocatedStorage, o.Iops, o.StorageThroughput = "gp3", 400, 12000, 4000
		}, "StorageThroughput: 4000 is more than 0.25 MiBps per IOPS of 12000 IOPS"},
		{"iops without type is io1", func(o *rds.InstanceOptions) { o.Iops = 12000 },
			"AllocatedStorage: 20 out of range 100-65536 GiB for mysql io1"},
		{"io1 needs iops", func(o *rds.InstanceOptions) { o.StorageType, o.AllocatedStorage = "io1", 100 }, "Iops: is required for io1 storage"},
		{"gp2 throughput", func(o *rds.InstanceOptions) { o.StorageType, o.StorageThroughput = "gp2", 125 },
			"StorageThroughput: 125 applies only to gp3 storage, not gp2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mysqlOptions("refused")
			tt.edit(&o)
			srv.ResetCalls()
			_, err := conn.CreateDBInstance(t.Context(), o)
			wantInvalid(t, err, tt.want)
			if got := ops(srv); len(got) != 0 {
				t.Errorf("refused create sent %q", got)
			}
		})
	}
}

func TestModifyStorageType(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	db := newInstance(t, conn, "switch")
	if diff := cmp.Diff(storage{"gp3", 20, 3000, 125}, storageOf(db)); diff != "" {
		t.Errorf("new instance (-want +got):\n%s", diff)
	}
	// gp3 under 400 GiB takes no IOPS: refused before any request.
	srv.ResetCalls()
	wantInvalid(t, db.Modify(ctx, rds.ModifyOptions{Iops: 12000}),
		"Iops: 12000 cannot be set for mysql gp3 storage under 400 GiB, which has 3000 IOPS and 125 MiBps")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused modify sent %q", got)
	}
	steps := []struct {
		name string
		o    rds.ModifyOptions
		want storage
	}{
		{"to gp2", rds.ModifyOptions{StorageType: "gp2"}, storage{"gp2", 20, 0, 0}},
		{"back to gp3, striped", rds.ModifyOptions{StorageType: "gp3", AllocatedStorage: 400, Iops: 16000, StorageThroughput: 1000},
			storage{"gp3", 400, 16000, 1000}},
		{"grow keeps provisioned", rds.ModifyOptions{AllocatedStorage: 500}, storage{"gp3", 500, 16000, 1000}},
		// 4000 MiBps needs 16000 IOPS, which the instance keeps.
		{"throughput on kept iops", rds.ModifyOptions{StorageThroughput: 4000}, storage{"gp3", 500, 16000, 4000}},
	}
	for _, st := range steps {
		st.o.ApplyImmediately = true
		if err := db.Modify(ctx, st.o); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if err := db.Wait(ctx, rds.InstanceAvailable, fast); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if diff := cmp.Diff(st.want, storageOf(db)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
	}
}

func TestRestoreStorage(t *testing.T) {
	srv, conn := startFake(t)
	ctx := t.Context()
	db := newInstance(t, conn, "origin")
	snap, err := db.CreateSnapshot(ctx, rds.SnapshotOptions{ID: "origin-snap"})
	if err != nil {
		t.Fatal(err)
	}
	if err := snap.Wait(ctx, rds.SnapshotAvailable, fast); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storage{"gp3", 20, 3000, 125}, storage{snap.StorageType, snap.AllocatedStorage, snap.Iops, snap.StorageThroughput}); diff != "" {
		t.Errorf("snapshot (-want +got):\n%s", diff)
	}
	srv.ResetCalls()
	_, err = snap.Restore(ctx, rds.RestoreOptions{ID: "copy", StorageThroughput: 500})
	wantInvalid(t, err, "StorageThroughput: 500 cannot be set for mysql gp3 storage under 400 GiB, which has 3000 IOPS and 125 MiBps")
	if got := ops(srv); len(got) != 0 {
		t.Errorf("refused restore sent %q", got)
	}
	restored, err := snap.Restore(ctx, rds.RestoreOptions{ID: "copy"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storage{"gp3", 20, 3000, 125}, storageOf(restored)); diff != "" {
		t.Errorf("restored (-want +got):\n%s", diff)
	}
}

// TestFakeAgreesWithStorageRules sends a grid of gp2 and gp3 storage
// through CreateDBInstance: what the local check refuses is sent past it
// through the Client, and the fake must refuse it too; what the check
// lets through, the fake must accept. Iops without StorageType means io1,
// which the fake does not model, so those are left out.
func TestFakeAgreesWithStorageRules(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	refused, accepted := 0, 0
	n := 0
	for _, kind := range []string{"", "gp2", "gp3"} {
		for _, gib := range []int32{20, 399, 400, 1000} {
			for _, iops := range []int32{0, 3000, 12000, 16000, 64001} {
				for _, throughput := range []int32{0, 125, 500, 4000, 4001} {
					if kind == "" && iops > 0 {
						continue
					}
					n++
					o := mysqlOptions(fmt.Sprintf("grid-%d", n))
					o.StorageType, o.AllocatedStorage, o.Iops, o.StorageThroughput = kind, gib, iops, throughput
					name := fmt.Sprintf("%q %d GiB, %d IOPS, %d MiBps", kind, gib, iops, throughput)
					_, err := conn.CreateDBInstance(ctx, o)
					var ve *goboto.ValidationError
					switch {
					case errors.As(err, &ve):
						refused++
						in := &v2.CreateDBInstanceInput{
							DBInstanceIdentifier: aws.String(o.ID), DBInstanceClass: aws.String(o.Class), Engine: aws.String(o.Engine),
							AllocatedStorage: aws.Int32(gib), MasterUsername: aws.String(o.MasterUsername),
							MasterUserPassword: aws.String(string(o.MasterPassword)),
						}
						if kind != "" {
							in.StorageType = aws.String(kind)
						}
						if iops != 0 {
							in.Iops = aws.Int32(iops)
						}
						if throughput != 0 {
							in.StorageThroughput = aws.Int32(throughput)
						}
						if _, err := conn.Client().CreateDBInstance(ctx, in); err == nil {
							t.Errorf("%s: the fake accepted what the check refuses (%v)", name, ve)
						}
					case err != nil:
						t.Errorf("%s: the check let through what the fake refuses: %v", name, err)
					default:
						accepted++
					}
				}
			}
		}
	}
	t.Logf("%d combinations refused by both, %d accepted by both", refused, accepted)
	if refused < 50 || accepted < 20 {
		t.Errorf("grid too one-sided: %d refused, %d accepted", refused, accepted)
	}
}
