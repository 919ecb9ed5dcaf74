package rdstest_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds/rdstest"
)

// storage is what DescribeDBInstances says of an instance's storage.
type storage struct {
	Type                    string
	GiB, Iops, Throughput   int32
	PendingType             string
	PendingGiB, PendingIops int32
	PendingThroughput       int32
}

func storageOf(i types.DBInstance) storage {
	s := storage{Type: aws.ToString(i.StorageType), GiB: aws.ToInt32(i.AllocatedStorage),
		Iops: aws.ToInt32(i.Iops), Throughput: aws.ToInt32(i.StorageThroughput)}
	if p := i.PendingModifiedValues; p != nil {
		s.PendingType, s.PendingGiB = aws.ToString(p.StorageType), aws.ToInt32(p.AllocatedStorage)
		s.PendingIops, s.PendingThroughput = aws.ToInt32(p.Iops), aws.ToInt32(p.StorageThroughput)
	}
	return s
}

func describeStorage(t *testing.T, c *awsrds.Client, id string) storage {
	t.Helper()
	out, err := c.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
	if err != nil {
		t.Fatalf("DescribeDBInstances(%s): %v", id, err)
	}
	return storageOf(out.DBInstances[0])
}

func slug(name string) string {
	return "db-" + strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(name), "-"), "-")
}

func TestCreateStorage(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	for _, tc := range []struct {
		name                  string
		engine, kind          string
		gib, iops, throughput int32
		want                  storage
	}{
		{"default is gp3", "mysql", "", 20, 0, 0, storage{Type: "gp3", GiB: 20, Iops: 3000, Throughput: 125}},
		{"postgres default", "postgres", "", 100, 0, 0, storage{Type: "gp3", GiB: 100, Iops: 3000, Throughput: 125}},
		{"gp2 has no iops", "mysql", "gp2", 20, 0, 0, storage{Type: "gp2", GiB: 20}},
		{"gp3 just below threshold", "mysql", "gp3", 399, 0, 0, storage{Type: "gp3", GiB: 399, Iops: 3000, Throughput: 125}},
		{"gp3 threshold baseline", "postgres", "gp3", 400, 0, 0, storage{Type: "gp3", GiB: 400, Iops: 12000, Throughput: 500}},
		{"gp3 provisioned", "mysql", "gp3", 500, 20000, 1000, storage{Type: "gp3", GiB: 500, Iops: 20000, Throughput: 1000}},
		{"gp3 iops only", "mysql", "gp3", 400, 64000, 0, storage{Type: "gp3", GiB: 400, Iops: 64000, Throughput: 500}},
		{"gp3 throughput only", "postgres", "gp3", 400, 0, 3000, storage{Type: "gp3", GiB: 400, Iops: 12000, Throughput: 3000}},
		{"gp3 top", "mysql", "gp3", 65536, 64000, 4000, storage{Type: "gp3", GiB: 65536, Iops: 64000, Throughput: 4000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := slug(tc.name)
			createInstance(t, c, id, func(in *awsrds.CreateDBInstanceInput) {
				in.Engine, in.AllocatedStorage = aws.String(tc.engine), aws.Int32(tc.gib)
				if tc.kind != "" {
					in.StorageType = aws.String(tc.kind)
				}
				if tc.iops != 0 {
					in.Iops = aws.Int32(tc.iops)
				}
				if tc.throughput != 0 {
					in.StorageThroughput = aws.Int32(tc.throughput)
				}
			})
			if diff := cmp.Diff(tc.want, describeStorage(t, c, id)); diff != "" {
				t.Errorf("storage (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCreateStorageErrors(t *testing.T) {
	srv := rdstest.Start(t)
	c := client(t, srv)
	type result struct{ Code, Message string }
	for _, tc := range []struct {
		name                  string
		kind                  string
		gib, iops, throughput int32
		want                  result
	}{
		{"gp3 iops below threshold", "gp3", 399, 12000, 0, result{"InvalidParameterCombination",
			"You can't specify IOPS or storage throughput for engine mysql and a storage size less than 400."}},
		{"default type throughput below threshold", "", 20, 0, 125, result{"InvalidParameterCombination",
			"You can't specify IOPS or storage throughput for engine mysql and a storage size less than 400."}},
		{"gp3 baseline iops below threshold", "gp3", 100, 3000, 0, result{Code: "InvalidParameterCombination"}},
		{"gp3 iops under range", "gp3", 400, 11999, 0, result{Code: "InvalidParameterCombination"}},
		{"gp3 iops over range", "gp3", 400, 64001, 0, result{Code: "InvalidParameterCombination"}},
		{"gp3 throughput under range", "gp3", 400, 0, 499, result{Code: "InvalidParameterCombination"}},
		{"gp3 throughput over range", "gp3", 400, 16000, 4001, result{Code: "InvalidParameterCombination"}},
		{"gp3 throughput per iops", "gp3", 400, 12000, 3001, result{Code: "InvalidParameterCombination"}},
		{"gp3 storage low", "gp3", 19, 0, 0, result{Code: "InvalidParameterCombination"}},
		{"gp3 storage high", "gp3", 65537, 0, 0, result{Code: "InvalidParameterCombination"}},
		{"gp2 iops", "gp2", 400, 12000, 0, result{Code: "InvalidParameterCombination"}},
		{"gp2 throughput", "gp2", 400, 0, 500, result{Code: "InvalidParameterCombination"}},
		{"iops without type is io1", "", 400, 12000, 0, result{Code: "InvalidParameterValue"}},
		{"io1", "io1", 400, 12000, 0, result{Code: "InvalidParameterValue"}},
		{"unknown type", "floppy", 20, 0, 0, result{Code: "InvalidParameterValue"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := mysqlInput(slug(tc.name))
			in.AllocatedStorage = aws.Int32(tc.gib)
			if tc.kind != "" {
				in.StorageType = aws.String(tc.kind)
			}
			if tc.iops != 0 {
				in.Iops = aws.Int32(tc.iops)
			}
			if tc.throughput != 0 {
				in.StorageThroughput = aws.Int32(tc.throughput)
			}
			_, err := c.CreateDBInstance(t.Context(), in)
			got := result{Code: code(err)}
			var ae smithy.APIError
			if tc.want.Message != "" && errors.As(err, &ae) {
				got.Message = ae.ErrorMessage()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("CreateDBInstance error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModifyStorage(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	gp3 := func(gib, iops, throughput int32) func(*awsrds.CreateDBInstanceInput) {
		return func(in *awsrds.CreateDBInstanceInput) {
			in.StorageType, in.AllocatedStorage = aws.String("gp3"), aws.Int32(gib)
			if iops != 0 {
				in.Iops, in.StorageThroughput = aws.Int32(iops), aws.Int32(throughput)
			}
		}
	}
	gp2 := func(in *awsrds.CreateDBInstanceInput) { in.StorageType = aws.String("gp2") }
	for _, tc := range []struct {
		name          string
		create        func(*awsrds.CreateDBInstanceInput)
		modify        awsrds.ModifyDBInstanceInput
		pending, want storage
	}{
		{"gp2 to gp3", gp2, awsrds.ModifyDBInstanceInput{StorageType: aws.String("gp3")},
			storage{Type: "gp2", GiB: 20, PendingType: "gp3", PendingIops: 3000, PendingThroughput: 125},
			storage{Type: "gp3", GiB: 20, Iops: 3000, Throughput: 125}},
		{"gp3 to gp2", gp3(20, 0, 0), awsrds.ModifyDBInstanceInput{StorageType: aws.String("gp2")},
			storage{Type: "gp3", GiB: 20, Iops: 3000, Throughput: 125, PendingType: "gp2"},
			storage{Type: "gp2", GiB: 20}},
		{"grow past threshold", gp3(300, 0, 0), awsrds.ModifyDBInstanceInput{AllocatedStorage: aws.Int32(400)},
			storage{Type: "gp3", GiB: 300, Iops: 3000, Throughput: 125, PendingGiB: 400, PendingIops: 12000, PendingThroughput: 500},
			storage{Type: "gp3", GiB: 400, Iops: 12000, Throughput: 500}},
		{"grow keeps provisioned", gp3(400, 20000, 1000), awsrds.ModifyDBInstanceInput{AllocatedStorage: aws.Int32(500)},
			storage{Type: "gp3", GiB: 400, Iops: 20000, Throughput: 1000, PendingGiB: 500},
			storage{Type: "gp3", GiB: 500, Iops: 20000, Throughput: 1000}},
		{"provision iops", gp3(400, 0, 0), awsrds.ModifyDBInstanceInput{Iops: aws.Int32(16000), StorageThroughput: aws.Int32(4000)},
			storage{Type: "gp3", GiB: 400, Iops: 12000, Throughput: 500, PendingIops: 16000, PendingThroughput: 4000},
			storage{Type: "gp3", GiB: 400, Iops: 16000, Throughput: 4000}},
		{"gp2 to gp3 provisioned", func(in *awsrds.CreateDBInstanceInput) { gp2(in); in.AllocatedStorage = aws.Int32(400) },
			awsrds.ModifyDBInstanceInput{StorageType: aws.String("gp3"), Iops: aws.Int32(15000)},
			storage{Type: "gp2", GiB: 400, PendingType: "gp3", PendingIops: 15000, PendingThroughput: 500},
			storage{Type: "gp3", GiB: 400, Iops: 15000, Throughput: 500}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := slug(tc.name)
			createInstance(t, c, id, tc.create)
			srv.Settle()
			in := tc.modify
			in.DBInstanceIdentifier = aws.String(id)
			out, err := c.ModifyDBInstance(ctx, &in)
			if err != nil {
				t.Fatalf("ModifyDBInstance: %v", err)
			}
			if diff := cmp.Diff(tc.pending, storageOf(*out.DBInstance)); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.pending, describeStorage(t, c, id)); diff != "" {
				t.Errorf("before maintenance (-want +got):\n%s", diff)
			}
			srv.RunMaintenance()
			if diff := cmp.Diff(tc.want, describeStorage(t, c, id)); diff != "" {
				t.Errorf("after maintenance (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModifyStorageErrors(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	createInstance(t, c, "small", nil)
	createInstance(t, c, "large", func(in *awsrds.CreateDBInstanceInput) {
		in.AllocatedStorage, in.Iops, in.StorageThroughput, in.StorageType = aws.Int32(400), aws.Int32(12000), aws.Int32(3000), aws.String("gp3")
	})
	srv.Settle()
	for _, tc := range []struct {
		name string
		in   awsrds.ModifyDBInstanceInput
		want string
	}{
		{"iops below threshold", awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("small"), Iops: aws.Int32(12000)}, "InvalidParameterCombination"},
		{"iops with growth below threshold", awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("small"),
			AllocatedStorage: aws.Int32(399), StorageThroughput: aws.Int32(500)}, "InvalidParameterCombination"},
		{"throughput to gp2", awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("large"),
			StorageType: aws.String("gp2"), StorageThroughput: aws.Int32(500)}, "InvalidParameterCombination"},
		{"io1", awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("small"), StorageType: aws.String("io1")}, "InvalidParameterValue"},
		// The instance keeps 3000 MiBps, which 11999 IOPS cannot carry
		// (0.25 MiBps per IOPS), and 11999 is under the range anyway.
		{"iops under range", awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("large"), Iops: aws.Int32(11999)}, "InvalidParameterCombination"},
		{"throughput over kept iops", awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("large"), StorageThroughput: aws.Int32(3001)}, "InvalidParameterCombination"},
		{"shrink", awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("large"), AllocatedStorage: aws.Int32(399)}, "InvalidParameterCombination"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			if _, err := c.ModifyDBInstance(t.Context(), &in); code(err) != tc.want {
				t.Errorf("code %q (%v), want %q", code(err), err, tc.want)
			}
		})
	}
	// Nothing was changed by the refused requests.
	want := storage{Type: "gp3", GiB: 400, Iops: 12000, Throughput: 3000}
	if diff := cmp.Diff(want, describeStorage(t, c, "large")); diff != "" {
		t.Errorf("large after refusals (-want +got):\n%s", diff)
	}
}

func TestSnapshotKeepsStorage(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "src", func(in *awsrds.CreateDBInstanceInput) {
		in.StorageType, in.AllocatedStorage, in.Iops, in.StorageThroughput = aws.String("gp3"), aws.Int32(500), aws.Int32(20000), aws.Int32(800)
	})
	srv.Settle()
	if _, err := c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("src"), DBSnapshotIdentifier: aws.String("snap")}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	out, err := c.DescribeDBSnapshots(ctx, &awsrds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: aws.String("snap")})
	if err != nil {
		t.Fatal(err)
	}
	s := out.DBSnapshots[0]
	got := storage{Type: aws.ToString(s.StorageType), GiB: aws.ToInt32(s.AllocatedStorage), Iops: aws.ToInt32(s.Iops), Throughput: aws.ToInt32(s.StorageThroughput)}
	if diff := cmp.Diff(storage{Type: "gp3", GiB: 500, Iops: 20000, Throughput: 800}, got); diff != "" {
		t.Errorf("snapshot storage (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		name string
		edit func(*awsrds.RestoreDBInstanceFromDBSnapshotInput)
		want storage
	}{
		{"as the snapshot", func(*awsrds.RestoreDBInstanceFromDBSnapshotInput) {}, storage{Type: "gp3", GiB: 500, Iops: 20000, Throughput: 800}},
		{"more iops", func(in *awsrds.RestoreDBInstanceFromDBSnapshotInput) { in.Iops = aws.Int32(30000) },
			storage{Type: "gp3", GiB: 500, Iops: 30000, Throughput: 800}},
		{"as gp2", func(in *awsrds.RestoreDBInstanceFromDBSnapshotInput) { in.StorageType = aws.String("gp2") }, storage{Type: "gp2", GiB: 500}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := slug(tc.name)
			in := &awsrds.RestoreDBInstanceFromDBSnapshotInput{DBInstanceIdentifier: aws.String(id), DBSnapshotIdentifier: aws.String("snap")}
			tc.edit(in)
			if _, err := c.RestoreDBInstanceFromDBSnapshot(ctx, in); err != nil {
				t.Fatalf("RestoreDBInstanceFromDBSnapshot: %v", err)
			}
			if diff := cmp.Diff(tc.want, describeStorage(t, c, id)); diff != "" {
				t.Errorf("restored storage (-want +got):\n%s", diff)
			}
		})
	}
	_, err = c.RestoreDBInstanceFromDBSnapshot(ctx, &awsrds.RestoreDBInstanceFromDBSnapshotInput{
		DBInstanceIdentifier: aws.String("too-fast"), DBSnapshotIdentifier: aws.String("snap"), StorageThroughput: aws.Int32(5001)})
	if code(err) != "InvalidParameterCombination" {
		t.Errorf("restore with 5001 MiBps: %v, want InvalidParameterCombination", err)
	}
}
