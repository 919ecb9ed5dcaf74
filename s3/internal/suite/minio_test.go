package suite_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"go/build"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/internal/suite"
)

// The MinIO server the suite runs against comes from these variables
// (.ci/run sets them), or else is started from a minio binary on PATH or
// in $GOPATH/bin.
const (
	envEndpoint  = "GOBOTO_MINIO_ENDPOINT"
	envAccessKey = "GOBOTO_MINIO_ACCESS_KEY"
	envSecretKey = "GOBOTO_MINIO_SECRET_KEY"
)

// The root credentials given to a MinIO this test starts itself. They
// guard a throwaway server on loopback only.
const (
	minioUser     = "gobotominio"
	minioPassword = "gobotominio-secret"
)

// TestMinIO runs the suite against a real S3 server, MinIO.
func TestMinIO(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("MinIO suite skipped in -short mode")
	}
	endpoint, access, secret := os.Getenv(envEndpoint), os.Getenv(envAccessKey), os.Getenv(envSecretKey)
	if endpoint == "" {
		endpoint = startMinIO(t)
		access, secret = minioUser, minioPassword
	} else if access == "" || secret == "" {
		t.Fatalf("%s is set but %s or %s is not", envEndpoint, envAccessKey, envSecretKey)
	}
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(access, secret, ""),
	}
	suite.Run(t, suite.Env{
		Name:       "minio",
		Conn:       s3.New(cfg, goboto.WithEndpoint(endpoint)),
		HTTPClient: &http.Client{Timeout: 30 * time.Second},
		Diff:       suite.MinIODifferences(),
	})
}

// minioBinary finds a minio executable on PATH or in $GOPATH/bin, where
// go install puts it.
func minioBinary() (string, bool) {
	if p, err := exec.LookPath("minio"); err == nil {
		return p, true
	}
	for _, dir := range filepath.SplitList(build.Default.GOPATH) {
		p := filepath.Join(dir, "bin", "minio")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, true
		}
	}
	return "", false
}

// startMinIO starts MinIO on a free loopback port with a temporary data
// directory, stops it when t ends, and returns its URL. It skips t when
// there is no minio binary.
func startMinIO(t *testing.T) string {
	t.Helper()
	bin, ok := minioBinary()
	if !ok {
		t.Skipf("no minio binary on PATH or in $GOPATH/bin, and %s is unset; "+
			"install one with: go install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c "+
			"(the version .ci/run pins)", envEndpoint)
	}
	var err error
	// The free port can be taken between choosing it and MinIO binding
	// it, so try a few times.
	for range 3 {
		var url string
		if url, err = tryMinIO(t, bin); err == nil {
			return url
		}
	}
	t.Fatalf("starting %s: %v", bin, err)
	return ""
}

func tryMinIO(t *testing.T, bin string) (string, error) {
	addr, err := freeAddr()
	if err != nil {
		return "", err
	}
	console, err := freeAddr()
	if err != nil {
		return "", err
	}
	dir := t.TempDir()
	var log strings.Builder
	cmd := exec.Command(bin, "server", "--quiet", "--address", addr, "--console-address", console, filepath.Join(dir, "data"))
	// A static KMS key lets MinIO honour SSE-S3 and SSE-KMS requests.
	var key [32]byte
	rand.Read(key[:])
	cmd.Env = append(os.Environ(),
		"MINIO_KMS_SECRET_KEY=goboto-test:"+base64.StdEncoding.EncodeToString(key[:]),
		"MINIO_ROOT_USER="+minioUser, "MINIO_ROOT_PASSWORD="+minioPassword,
		"MINIO_BROWSER=off", "MINIO_UPDATE=off", "MINIO_CI_CD=1", "HOME="+dir)
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
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		select {
		case err := <-exited:
			exited <- err
			return "", fmt.Errorf("minio exited (%v): %s", err, log.String())
		case <-ctx.Done():
			stop()
			return "", errors.New("minio not live after 30s")
		case <-time.After(100 * time.Millisecond):
		}
		if live(ctx, url) {
			t.Cleanup(stop)
			return url, nil
		}
	}
}

// live reports whether MinIO's liveness probe answers 200.
func live(ctx context.Context, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/minio/health/live", nil)
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

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
