package rds

import (
	"strings"
	"testing"
)

func TestValidStorage(t *testing.T) {
	tests := []struct {
		engine, storageType string
		gib                 int32
		want                string
	}{
		{"mysql", "", 20, ""},
		{"mysql", "", 19, "AllocatedStorage: 19 out of range 20-65536 GiB for mysql gp3"},
		{"mysql", "gp3", 65536, ""},
		{"mysql", "gp3", 65537, "AllocatedStorage: 65537 out of range 20-65536 GiB for mysql gp3"},
		{"postgres", "io1", 99, "AllocatedStorage: 99 out of range 100-65536 GiB for postgres io1"},
		{"postgres", "standard", 5, ""},
		{"mariadb", "standard", 3073, "AllocatedStorage: 3073 out of range 5-3072 GiB for mariadb standard"},
		{"oracle-ee", "standard", 5, "AllocatedStorage: 5 out of range 10-3072 GiB for oracle-ee standard"},
		{"sqlserver-ex", "gp2", 16385, "AllocatedStorage: 16385 out of range 20-16384 GiB for sqlserver-ex gp2"},
		{"mysql", "floppy", 20, "StorageType: floppy is not one of gp2, gp3, io1, io2, standard"},
		{"aurora-mysql", "", 0, ""}, // unknown engines are left to RDS
	}
	for _, tt := range tests {
		got := ""
		if err := validStorage(tt.engine, tt.storageType, tt.gib); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("validStorage(%q, %q, %d) = %q, want %q", tt.engine, tt.storageType, tt.gib, got, tt.want)
		}
	}
}

func TestValidPassword(t *testing.T) {
	tests := []struct {
		engine, password, want string
	}{
		{"mysql", "correct-horse", ""},
		{"mysql", "short", "MasterUserPassword: must be 8 to 41 characters for mysql"},
		{"mysql", strings.Repeat("x", 41), ""},
		{"mysql", strings.Repeat("x", 42), "MasterUserPassword: must be 8 to 41 characters for mysql"},
		{"postgres", strings.Repeat("x", 128), ""},
		{"postgres", strings.Repeat("x", 129), "MasterUserPassword: must be 8 to 128 characters for postgres"},
		{"oracle-se2", strings.Repeat("x", 31), "MasterUserPassword: must be 8 to 30 characters for oracle-se2"},
		{"mysql", "pass/word", "MasterUserPassword: must not contain any of / \" @ space"},
		{"mysql", `pass"word`, "MasterUserPassword: must not contain any of / \" @ space"},
		{"postgres", "pass@word", "MasterUserPassword: must not contain any of / \" @ space"},
		{"postgres", "pass word", "MasterUserPassword: must not contain any of / \" @ space"},
		{"oracle-ee", "pass&word", "MasterUserPassword: must not contain any of / \" @ space & '"},
		{"postgres", "pass\tword", "MasterUserPassword: must be printable ASCII"},
		{"postgres", "päss-word", "MasterUserPassword: must be printable ASCII"},
	}
	for _, tt := range tests {
		err := validPassword(tt.engine, tt.password)
		got := ""
		if err != nil {
			got = err.Error()
			if strings.Contains(got, tt.password) {
				t.Errorf("error %q shows the password", got)
			}
		}
		if got != tt.want {
			t.Errorf("validPassword(%q, %q) = %q, want %q", tt.engine, tt.password, got, tt.want)
		}
	}
}

func TestValidMasterUsername(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"admin", ""},
		{"db_admin2", ""},
		{"", "MasterUsername: is required"},
		{"2admin", "MasterUsername: 2admin must start with a letter"},
		{"db-admin", "MasterUsername: db-admin must contain only letters, digits and underscores"},
		{"abcdefghijklmnopq", "MasterUsername: abcdefghijklmnopq is longer than 16 characters"},
	} {
		got := ""
		if err := validMasterUsername(tt.name); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("validMasterUsername(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
