package suite_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/sqs"
	"github.com/goboto/goboto/sqs/internal/suite"
)

// envFauxqsDir names the directory whose node_modules hold fauxqs and a
// Node of version 22.5 or later (fauxqs's minimum), as .ci/run installs
// them: npm i node@22 fauxqs. Unset, the suite looks in
// <user cache>/goboto/fauxqs.
const envFauxqsDir = "GOBOTO_FAUXQS_DIR"

// TestFauxqs runs the suite against fauxqs, an SQS emulator on Node,
// started for the test on 127.0.0.1 by testdata/fauxqs.mjs. It skips in
// -short mode and when fauxqs or Node is not installed.
func TestFauxqs(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("fauxqs suite skipped in -short mode")
	}
	endpoint := startFauxqs(t)
	// fauxqs checks no signature; these name no real account.
	suite.Run(t, suite.Env{Name: "fauxqs", Conn: sqs.New(config(endpoint, "AKIAFAUXQSGOBOTO0000", "fauxqs-does-not-check")),
		Diff: suite.FauxqsDifferences()})
}

// node225 reports whether a `node --version` answer ("v22.23.3") is
// 22.5 or later.
func node225(v string) bool {
	parts := strings.SplitN(strings.TrimPrefix(v, "v"), ".", 3)
	if len(parts) < 2 {
		return false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	return err1 == nil && err2 == nil && (major > 22 || major == 22 && minor >= 5)
}

// startFauxqs starts fauxqs for t and returns its base URL.
func startFauxqs(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(envFauxqsDir)
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Skipf("%s is unset and there is no cache directory: %v", envFauxqsDir, err)
		}
		dir = filepath.Join(cache, "goboto", "fauxqs")
	}
	node := filepath.Join(dir, "node_modules", ".bin", "node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "fauxqs", "package.json")); err != nil {
		t.Skipf("fauxqs is not installed in %s (npm i --prefix %s node@22 fauxqs): %v", dir, dir, err)
	}
	if _, err := os.Stat(node); err != nil {
		t.Skipf("no Node 22 in %s (npm i --prefix %s node@22): %v", dir, dir, err)
	}
	if v, err := exec.Command(node, "--version").Output(); err != nil || !node225(strings.TrimSpace(string(v))) {
		t.Skipf("%s is %q (%v); fauxqs needs Node 22.5 or later", node, v, err)
	}
	starter, err := filepath.Abs(filepath.Join("testdata", "fauxqs.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "--no-warnings", starter, dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	setDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting fauxqs: %v", err)
	}
	t.Cleanup(func() {
		stdin.Close() // the starter stops when its stdin closes
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	ready := make(chan int, 1)
	go func() {
		var hello struct{ Port int }
		if sc := bufio.NewScanner(stdout); sc.Scan() && json.Unmarshal(sc.Bytes(), &hello) == nil {
			ready <- hello.Port
		}
		close(ready)
	}()
	select {
	case port, ok := <-ready:
		if !ok || port == 0 {
			t.Fatal("fauxqs did not report its port")
		}
		return "http://127.0.0.1:" + strconv.Itoa(port)
	case <-time.After(60 * time.Second):
		t.Fatal("fauxqs did not start in 60 s")
	}
	return ""
}
