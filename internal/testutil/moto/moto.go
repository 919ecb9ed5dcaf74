// Package moto gives conformance suites a moto server to run against, as
// s3/internal/suite does with MinIO: the second opinion on what AWS
// answers, for services MinIO does not speak.
//
// Endpoint uses the server named by $GOBOTO_MOTO_ENDPOINT when it is set
// (.ci/run starts one for the whole run), and otherwise starts
// `python3 -m moto.server` on a free loopback port for the test's
// lifetime. It skips the test when neither is possible, so a machine
// without moto runs everything else.
//
// One moto server serves every service and is shared by every package's
// suite in a run, so suites must name what they create uniquely (Names
// does) and must not call moto's reset API.
package moto

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// EnvEndpoint names the variable holding a running moto server's base URL.
const EnvEndpoint = "GOBOTO_MOTO_ENDPOINT"

// Credentials moto accepts: it checks no signature, so any pair works, and
// these make clear in a log that no real account is involved.
const (
	AccessKey = "AKIAMOTOGOBOTO000000"
	SecretKey = "moto-does-not-check-this-secret"
)

// Python is the interpreter that has moto installed: the pyenv python3 on
// PATH on this project's machines, or $GOBOTO_MOTO_PYTHON.
func Python() string {
	if p := os.Getenv("GOBOTO_MOTO_PYTHON"); p != "" {
		return p
	}
	return "python3"
}

// Endpoint returns the base URL ("http://127.0.0.1:PORT") of a moto
// server, starting one for t when $GOBOTO_MOTO_ENDPOINT is unset. It skips
// t in -short mode and when moto is not installed.
func Endpoint(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("moto suite skipped in -short mode")
	}
	if ep := os.Getenv(EnvEndpoint); ep != "" {
		return strings.TrimSuffix(ep, "/")
	}
	py := Python()
	if err := exec.Command(py, "-c", "import moto.server").Run(); err != nil {
		t.Skipf("%s is unset and %s cannot import moto.server (%v); "+
			"install moto 5.2.1 (pip install 'moto[server]==5.2.1') or start one and set %s",
			EnvEndpoint, py, err, EnvEndpoint)
	}
	var err error
	// The free port can be taken between choosing it and moto binding it.
	for range 3 {
		var url string
		if url, err = try(t, py); err == nil {
			return url
		}
	}
	t.Fatalf("starting moto: %v", err)
	return ""
}

func try(t testing.TB, py string) (string, error) {
	addr, err := freeAddr()
	if err != nil {
		return "", err
	}
	host, port, _ := net.SplitHostPort(addr)
	var log strings.Builder
	cmd := exec.Command(py, "-m", "moto.server", "-H", host, "-p", port)
	cmd.Stdout, cmd.Stderr = &log, &log
	setDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		cmd.Process.Kill()
		<-exited
	}
	url := "http://" + addr
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		select {
		case err := <-exited:
			exited <- err
			return "", fmt.Errorf("moto exited (%v): %s", err, log.String())
		case <-ctx.Done():
			stop()
			return "", errors.New("moto not answering after 60s")
		case <-time.After(100 * time.Millisecond):
		}
		if Live(ctx, url) {
			t.Cleanup(stop)
			return url, nil
		}
	}
}

// Live reports whether a moto server answers at url.
func Live(ctx context.Context, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/moto-api/", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Names returns a function giving names unique to this call, prefix
// first, so that suites sharing one moto server never collide.
func Names(prefix string) func() string {
	var b [4]byte
	rand.Read(b[:])
	run := hex.EncodeToString(b[:])
	n := 0
	return func() string {
		n++
		return fmt.Sprintf("%s-%s-%d", prefix, run, n)
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
