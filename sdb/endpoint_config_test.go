package sdb_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sdb/sdbtest"
)

// loopbackOnly is an HTTP transport that records every host a request is
// sent to and refuses any that is not on 127.0.0.1, so a request meant for
// sdb.amazonaws.com fails here instead of leaving the machine.
type loopbackOnly struct {
	mu    sync.Mutex
	hosts []string
}

func (l *loopbackOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	l.hosts = append(l.hosts, r.URL.Host)
	l.mu.Unlock()
	if host, _, _ := net.SplitHostPort(r.URL.Host); host != "127.0.0.1" {
		return nil, fmt.Errorf("test transport: refusing to send to %s", r.URL.Host)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// cleanAWSEnv gives the test an environment with static credentials for
// the fake, region eu-west-1, no shared files and no endpoint settings
// but those the test adds. Variables are unset, not emptied: an empty
// AWS_ENDPOINT_URL would still count as set.
func cleanAWSEnv(t *testing.T) {
	for _, k := range []string{
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SDB", "AWS_ENDPOINT_URL_SIMPLEDB",
		"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
	} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "no-config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "no-credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ACCESS_KEY_ID", fakes.TestAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", fakes.TestSecretKey)
	t.Setenv("AWS_REGION", "eu-west-1")
}

// TestEndpointFromEnvironmentAndSharedConfig builds the aws.Config the
// way a program does, with config.LoadDefaultConfig, and sets SimpleDB's
// endpoint only in the environment or only in the shared config file's
// services section. The connection must talk to the fake and to nothing
// else. "Service-specific endpoints" in the AWS SDKs and Tools Reference
// Guide: AWS_ENDPOINT_URL_<SERVICE ID> and a services section's
// "<service id> = endpoint_url = ..." override the service's endpoint;
// SimpleDB's SDK ID is SimpleDB, and goboto also takes sdb.
func TestEndpointFromEnvironmentAndSharedConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     string // the variable set to the fake's URL
		service string // the services-section key set to the fake's URL
	}{
		{name: "AWS_ENDPOINT_URL_SDB", env: "AWS_ENDPOINT_URL_SDB"},
		{name: "AWS_ENDPOINT_URL_SIMPLEDB", env: "AWS_ENDPOINT_URL_SIMPLEDB"},
		{name: "services section, sdb", service: "sdb"},
		{name: "services section, simpledb", service: "simpledb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cleanAWSEnv(t)
			srv := sdbtest.Start(t)
			if tc.env != "" {
				t.Setenv(tc.env, srv.URL())
			}
			if tc.service != "" {
				file := filepath.Join(t.TempDir(), "config")
				text := "[default]\nservices = local\n\n[services local]\n" + tc.service + " =\n  endpoint_url = " + srv.URL() + "\n"
				if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
					t.Fatal(err)
				}
				t.Setenv("AWS_CONFIG_FILE", file)
			}
			ctx := context.Background()
			cfg, err := config.LoadDefaultConfig(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.BaseEndpoint != nil {
				t.Fatalf("BaseEndpoint = %q: the override must come from the service's own setting", *cfg.BaseEndpoint)
			}
			tr := &loopbackOnly{}
			cfg.HTTPClient = &http.Client{Transport: tr}

			conn := sdb.New(cfg)
			if _, err := conn.CreateDomain(ctx, "from-config"); err != nil {
				t.Fatalf("CreateDomain: %v (sent to %v)", err, tr.hosts)
			}
			// The fake serves the region named by the Host header it was
			// signed for, so the domain lands in eu-west-1.
			if diff := cmp.Diff([]string{"from-config"}, srv.Domains(srv.Account(), "eu-west-1")); diff != "" {
				t.Errorf("fake's eu-west-1 domains (-want +got):\n%s", diff)
			}
			u, _ := url.Parse(srv.URL())
			if len(tr.hosts) == 0 || slices.ContainsFunc(tr.hosts, func(h string) bool { return h != u.Host }) {
				t.Errorf("requests went to %v, want only %s", tr.hosts, u.Host)
			}
		})
	}
}

// Without any override, the same configuration sends to SimpleDB's AWS
// endpoint: the transport above sees sdb.eu-west-1.amazonaws.com and
// refuses it, which is what makes the test above able to fail.
func TestEndpointDefaultIsAWS(t *testing.T) {
	cleanAWSEnv(t)
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tr := &loopbackOnly{}
	cfg.HTTPClient = &http.Client{Transport: tr}
	if err := sdb.New(cfg, fast()).DeleteDomain(context.Background(), "dom"); err == nil {
		t.Fatal("DeleteDomain succeeded without a reachable endpoint")
	}
	if diff := cmp.Diff([]string{"sdb.eu-west-1.amazonaws.com"}, slices.Compact(tr.hosts)); diff != "" {
		t.Errorf("hosts (-want +got):\n%s", diff)
	}
}
