package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// The independent clients are the distribution's own builds, named by
// absolute path: a developer's PATH may hold another aws (a pyenv shim, a
// v1 CLI) or a python without boto.
const (
	awsPath    = "/usr/bin/aws"
	pythonPath = "/usr/bin/python3"
)

// cmdTimeout bounds one client command, so a hung client fails the test
// instead of stalling the run.
const cmdTimeout = 60 * time.Second

// startCloud serves the local cloud on a free port of 127.0.0.1 until the
// test ends.
func startCloud(t *testing.T) *fake.Server {
	t.Helper()
	// Plain HTTP: the clients under test are not given the certificate.
	return fake.ServerOf(localcloud.Start(t, fakes.WithTLS(false)).Server)
}

// requireAWSCLI skips the test when the aws CLI is not installed.
func requireAWSCLI(t *testing.T) {
	t.Helper()
	if fi, err := os.Stat(awsPath); err != nil || fi.Mode()&0o111 == 0 {
		t.Skipf("%s is not installed (apt-get install awscli)", awsPath)
	}
}

// requireBoto skips the test when boto 2 cannot be imported.
func requireBoto(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(pythonPath); err != nil {
		t.Skipf("%s is not installed", pythonPath)
	}
	env := clientEnv(t, fake.DefaultCredentials()[0], fake.DefaultRegion)
	if _, stderr, err := runCmd(t, env, pythonPath, "-c", "import boto"); err != nil {
		lines := strings.Split(strings.TrimSpace(string(stderr)), "\n")
		t.Skipf("boto is not importable by %s (apt-get install python3-boto): %v: %s", pythonPath, err, lines[len(lines)-1])
	}
}

// clientEnv is the whole environment a client runs with: nothing of the
// developer's (no profiles, proxies or instance metadata), only cred and
// region. Config files point at an empty file so no profile can leak in.
func clientEnv(t *testing.T, cred fake.Credential, region string) []string {
	t.Helper()
	home := t.TempDir()
	empty := filepath.Join(home, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"PATH=/usr/bin:/bin",
		"HOME=" + home,
		"LANG=C.UTF-8",
		"AWS_ACCESS_KEY_ID=" + cred.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + cred.SecretAccessKey,
		"AWS_DEFAULT_REGION=" + region,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + empty,
		"AWS_SHARED_CREDENTIALS_FILE=" + empty,
		"AWS_PAGER=",
		"BOTO_CONFIG=" + empty, // boto then reads no other config file
		"PYTHONDONTWRITEBYTECODE=1",
	}
	if cred.SessionToken != "" {
		env = append(env, "AWS_SESSION_TOKEN="+cred.SessionToken)
	}
	return env
}

// runCmd runs name with exactly env and returns its output. Only the
// command's exit status and stderr belong in failure messages: env holds
// the (test) secret.
func runCmd(t *testing.T, env []string, name string, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), cmdTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	cmd.Dir = t.TempDir()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		err = errors.Join(err, ctx.Err())
	}
	return out.Bytes(), errOut.Bytes(), err
}

// awsCLI runs the aws CLI against srv with JSON output.
func awsCLI(t *testing.T, srv *fake.Server, env []string, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	full := append([]string{"--endpoint-url", srv.URL(), "--output", "json", "--no-cli-pager"}, args...)
	return runCmd(t, env, awsPath, full...)
}

// awsJSON runs the aws CLI, fails the test unless it succeeds, and decodes
// its output into out. The CLI prints nothing for an empty answer, which
// leaves out as it was.
func awsJSON(t *testing.T, srv *fake.Server, env []string, out any, args ...string) {
	t.Helper()
	stdout, stderr, err := awsCLI(t, srv, env, args...)
	if err != nil {
		t.Fatalf("aws %q: %v\nstderr: %s", args, err, stderr)
	}
	if len(bytes.TrimSpace(stdout)) == 0 || out == nil {
		return
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("aws %q: decode output: %v\n%s", args, err, stdout)
	}
}

// oddItem and oddAttrs need percent-encoding in a signed query and
// escaping in an XML answer: non-ASCII letters, an emoji, reserved and
// quote characters, a tab.
const oddItem = "b\u00f6t\u00f6 \u00edtem/&?=+ %"

func oddAttrs() map[string]string {
	return map[string]string{
		"name with space": "h\u00e9llo & = + / ? \u65e5\u672c ~*'\"%",
		"emoji":           "\U0001F600 tab\tend",
	}
}

// defaultZones returns the zones a fresh EC2 fake has in region.
func defaultZones(t *testing.T, region string) []ec2test.ZoneInfo {
	t.Helper()
	b, err := ec2test.NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	return b.Zones(region)
}
