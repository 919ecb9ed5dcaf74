package livetest

import (
	"fmt"
	"path/filepath"
	"testing"
)

type recorder struct{ skipped string }

func (r *recorder) Helper()                     {}
func (r *recorder) Skipf(f string, args ...any) { r.skipped = fmt.Sprintf(f, args...) }

// With no credentials anywhere in the chain, Config skips: the skip the
// integration tests rely on can fire.
func TestSkipsWithoutCredentials(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty,
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_WEB_IDENTITY_TOKEN_FILE": "",
	} {
		t.Setenv(k, v)
	}
	var r recorder
	Config(&r, "us-east-1")
	if r.skipped == "" {
		t.Fatal("Config did not skip without credentials")
	}
}

// With credentials in the environment it does not skip, and the skip
// message of the other case never carries a key.
func TestKeepsCredentials(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDLIVETEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "livetest-secret")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	var r recorder
	cfg := Config(&r, "eu-west-1")
	if r.skipped != "" || cfg.Region != "eu-west-1" {
		t.Errorf("Config skipped (%q) or lost the region (%q)", r.skipped, cfg.Region)
	}
}
