package rds

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidPerformance(t *testing.T) {
	tests := []struct {
		name, engine, kind          string
		gib, iops, throughput, kept int32
		want                        string
	}{
		{"gp3 baseline", "mysql", "gp3", 20, 0, 0, 0, ""},
		{"gp3 iops under threshold", "mysql", "gp3", 399, 12000, 0, 0,
			"Iops: 12000 cannot be set for mysql gp3 storage under 400 GiB, which has 3000 IOPS and 125 MiBps"},
		{"gp3 throughput under threshold", "postgres", "gp3", 100, 0, 125, 0,
			"StorageThroughput: 125 cannot be set for postgres gp3 storage under 400 GiB, which has 3000 IOPS and 125 MiBps"},
		{"gp3 at threshold", "postgres", "gp3", 400, 12000, 3000, 0, ""},
		{"gp3 top", "mariadb", "gp3", 65536, 64000, 4000, 0, ""},
		{"gp3 iops low", "mysql", "gp3", 400, 11999, 0, 0, "Iops: 11999 out of range 12000-64000 for mysql gp3 at 400 GiB or more"},
		{"gp3 iops high", "mysql", "gp3", 400, 64001, 0, 0, "Iops: 64001 out of range 12000-64000 for mysql gp3 at 400 GiB or more"},
		{"gp3 throughput low", "mysql", "gp3", 400, 0, 499, 0, "StorageThroughput: 499 out of range 500-4000 MiBps for mysql gp3 at 400 GiB or more"},
		{"gp3 throughput high", "mysql", "gp3", 400, 64000, 4001, 0, "StorageThroughput: 4001 out of range 500-4000 MiBps for mysql gp3 at 400 GiB or more"},
		{"gp3 throughput per baseline iops", "mysql", "gp3", 400, 0, 3001, 0, "StorageThroughput: 3001 is more than 0.25 MiBps per IOPS of 12000 IOPS"},
		{"gp3 throughput per given iops", "mysql", "gp3", 400, 16000, 4000, 0, ""},
		{"gp3 throughput per kept iops", "mysql", "gp3", 400, 0, 4000, 16000, ""},
		{"gp3 kept under baseline", "mysql", "gp3", 400, 0, 3001, 3000, "StorageThroughput: 3001 is more than 0.25 MiBps per IOPS of 12000 IOPS"},
		{"oracle threshold", "oracle-ee", "gp3", 200, 12000, 0, 0, ""},
		{"oracle under threshold", "oracle-se2", "gp3", 199, 12000, 0, 0,
			"Iops: 12000 cannot be set for oracle-se2 gp3 storage under 200 GiB, which has 3000 IOPS and 125 MiBps"},
		{"sqlserver any size", "sqlserver-ex", "gp3", 20, 3000, 125, 0, ""},
		{"sqlserver iops high", "sqlserver-se", "gp3", 100, 16001, 0, 0, "Iops: 16001 out of range 3000-16000 for sqlserver-se gp3"},
		{"sqlserver iops per GiB", "sqlserver-ex", "gp3", 20, 12000, 0, 0, "Iops: 12000 is more than 500 IOPS per GiB of 20 GiB"},
		{"sqlserver throughput", "sqlserver-web", "gp3", 20, 0, 1001, 0, "StorageThroughput: 1001 out of range 125-1000 MiBps for sqlserver-web gp3"},
		{"sqlserver throughput per iops", "sqlserver-ee", "gp3", 100, 3000, 751, 0, "StorageThroughput: 751 is more than 0.25 MiBps per IOPS of 3000 IOPS"},
		{"gp2 iops", "mysql", "gp2", 400, 12000, 0, 0, "Iops: 12000 applies only to gp3, io1 and io2 storage, not gp2"},
		{"io1 throughput", "mysql", "io1", 400, 12000, 500, 0, "StorageThroughput: 500 applies only to gp3 storage, not io1"},
		{"standard iops", "mysql", "standard", 400, 1000, 0, 0, "Iops: 1000 applies only to gp3, io1 and io2 storage, not standard"},
		{"negative iops", "mysql", "gp3", 400, -1, 0, 0, "Iops: -1 must not be negative"},
		{"io1 half", "mysql", "io1", 2000, 1000, 0, 0, ""},
		{"io1 under half", "mysql", "io1", 2001, 1000, 0, 0, "Iops: 1000 must be 0.5 to 50 times the 2001 GiB of io1 storage"},
		{"io1 fifty", "postgres", "io1", 100, 5000, 0, 0, ""},
		{"io1 over fifty", "postgres", "io1", 100, 5001, 0, 0, "Iops: 5001 must be 0.5 to 50 times the 100 GiB of io1 storage"},
		{"io1 sqlserver under one", "sqlserver-ee", "io1", 1000, 999, 0, 0, "Iops: 999 must be 1 to 50 times the 1000 GiB of io1 storage"},
		{"io2 ratio left to RDS", "mysql", "io2", 100, 64000, 0, 0, ""},
		{"unknown engine", "aurora-mysql", "gp3", 0, 12000, 500, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := validPerformance(tt.engine, tt.kind, tt.gib, tt.iops, tt.throughput, tt.kept); err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("validPerformance(%q, %q, %d, %d, %d, %d) (-want +got):\n%s", tt.engine, tt.kind, tt.gib, tt.iops, tt.throughput, tt.kept, diff)
			}
		})
	}
}

func TestStorageKind(t *testing.T) {
	tests := []struct {
		storageType string
		iops        int32
		want        string
	}{
		{"", 0, "gp3"},
		{"", 1000, "io1"},
		{"GP2", 0, "gp2"},
		{"gp3", 12000, "gp3"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, storageKind(tt.storageType, tt.iops)); diff != "" {
			t.Errorf("storageKind(%q, %d) (-want +got):\n%s", tt.storageType, tt.iops, diff)
		}
	}
}

func TestValidStorageChange(t *testing.T) {
	tests := []struct {
		name, curType    string
		curIops, gib     int32
		newType          string
		iops, throughput int32
		want             string
	}{
		{"keeps current type", "gp3", 0, 20, "", 0, 0, ""},
		{"current type given in any case", "Standard", 0, 100, "", 1000, 0,
			"Iops: 1000 applies only to gp3, io1 and io2 storage, not standard"},
		{"no type anywhere checks size as gp3", "", 0, 10, "", 0, 0, "AllocatedStorage: 10 out of range 20-65536 GiB for mysql gp3"},
		{"no type anywhere skips performance", "", 0, 400, "", 0, 3001, ""},
		{"new type in any case", "gp2", 0, 400, "GP3", 0, 3001, "StorageThroughput: 3001 is more than 0.25 MiBps per IOPS of 12000 IOPS"},
		{"new type size", "gp3", 0, 50, "io1", 0, 0, "AllocatedStorage: 50 out of range 100-65536 GiB for mysql io1"},
		{"unknown new type", "gp3", 0, 100, "magnetic", 0, 0, "StorageType: magnetic is not one of gp2, gp3, io1, io2, standard"},
		{"iops kept on the same type", "GP3", 16000, 400, "gp3", 0, 4000, ""},
		{"iops dropped with the type", "io1", 16000, 400, "gp3", 0, 4000, "StorageThroughput: 4000 is more than 0.25 MiBps per IOPS of 12000 IOPS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := validStorageChange("mysql", tt.curType, tt.curIops, tt.gib, tt.newType, tt.iops, tt.throughput); err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("validStorageChange(mysql, %q, %d, %d, %q, %d, %d) (-want +got):\n%s",
					tt.curType, tt.curIops, tt.gib, tt.newType, tt.iops, tt.throughput, diff)
			}
		})
	}
}
