package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sqs"
)

// The names every workload uses, seeded once before any client runs.
const (
	benchDomain = "bench"
	benchBucket = "bench"
	smallKey    = "small"
	benchQueue  = "bench"
	paramGroup  = "default.mysql8.0"
	region      = "us-east-1"
	instances   = 50
	sdbItems    = 100
	smallSize   = 4 << 10
)

// env is the running local cloud and what the workloads read.
type env struct {
	cloud    *localcloud.Cloud
	dir      string // scratch files
	small    string // a 4 KiB file
	big      string // the large transfer's file, or ""
	bigBytes int64
	queueURL string
}

func startEnv(ctx context.Context, bigMiB int) (*env, error) {
	// Plain HTTP: the Python clients are not given the certificate.
	cloud, err := localcloud.New(fakes.WithTLS(false))
	if err != nil {
		return nil, err
	}
	e := &env{cloud: cloud}
	if e.dir, err = os.MkdirTemp("", "goboto-bench-clients-"); err != nil {
		e.close()
		return nil, err
	}
	if err := e.seed(ctx, bigMiB); err != nil {
		e.close()
		return nil, fmt.Errorf("seeding the local cloud: %w", err)
	}
	return e, nil
}

func (e *env) close() {
	e.cloud.Close()
	if e.dir != "" {
		os.RemoveAll(e.dir)
	}
}

func (e *env) config() aws.Config { return e.cloud.Config(region) }

func (e *env) seed(ctx context.Context, bigMiB int) error {
	cfg := e.config()
	dom, err := sdb.New(cfg).CreateDomain(ctx, benchDomain)
	if err != nil {
		return err
	}
	for i := range sdbItems {
		if err := dom.Put(ctx, fmt.Sprintf("item%03d", i), sdb.Attributes{
			"name": {fmt.Sprintf("n%03d", i)}, "year": {fmt.Sprint(1950 + i)}, "colour": {"blue"},
		}); err != nil {
			return err
		}
	}
	if _, err := ec2.New(cfg).RunInstances(ctx, ec2.RunOptions{
		ImageID: ec2test.DefaultEBSImage, Count: instances, InstanceType: "t3.micro",
	}); err != nil {
		return err
	}
	bucket, err := s3.New(cfg).CreateBucket(ctx, benchBucket)
	if err != nil {
		return err
	}
	small := make([]byte, smallSize)
	rand.Read(small)
	if err := bucket.Key(smallKey).PutBytes(ctx, small); err != nil {
		return err
	}
	e.small = filepath.Join(e.dir, "small")
	if err := os.WriteFile(e.small, small, 0o644); err != nil {
		return err
	}
	if bigMiB > 0 {
		e.big = filepath.Join(e.dir, "big")
		e.bigBytes = int64(bigMiB) << 20
		if err := writeRandom(e.big, e.bigBytes); err != nil {
			return err
		}
	}
	q, err := sqs.New(cfg).CreateQueue(ctx, sqs.QueueOptions{Name: benchQueue})
	if err != nil {
		return err
	}
	e.queueURL = q.URL
	return nil
}

func writeRandom(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	buf := make([]byte, 8<<20)
	rand.Read(buf)
	for size > 0 {
		n := min(size, int64(len(buf)))
		if _, err := f.Write(buf[:n]); err != nil {
			f.Close()
			return err
		}
		size -= n
	}
	return f.Close()
}

// childEnv is the whole environment a client process gets: the local
// cloud's test credentials and region, and nothing of the developer's.
func (e *env) childEnv() []string {
	cred := e.cloud.Credentials()[0]
	home := filepath.Join(e.dir, "home")
	os.MkdirAll(home, 0o755)
	empty := filepath.Join(e.dir, "empty")
	os.WriteFile(empty, nil, 0o600)
	// The aws CLI v1 serves SimpleDB only as a preview it must be told to
	// enable; nothing else is configured.
	cliConfig := filepath.Join(e.dir, "aws-config")
	os.WriteFile(cliConfig, []byte("[preview]\nsdb = true\n"), 0o600)
	out := []string{
		"HOME=" + home,
		"LANG=C.UTF-8",
		"AWS_ACCESS_KEY_ID=" + cred.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + cred.SecretAccessKey,
		"AWS_DEFAULT_REGION=" + region,
		"AWS_REGION=" + region,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + cliConfig,
		"AWS_SHARED_CREDENTIALS_FILE=" + empty,
		"AWS_PAGER=",
		"BOTO_CONFIG=" + empty,
		"PYTHONDONTWRITEBYTECODE=1",
		"GOBOTO_BENCH_ENDPOINT=" + e.cloud.URL(),
	}
	// The pyenv python3 and its shims need their own variables and PATH.
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PATH=") || strings.HasPrefix(kv, "PYENV") || strings.HasPrefix(kv, "GOCACHE=") ||
			strings.HasPrefix(kv, "GOPATH=") || strings.HasPrefix(kv, "GOBOTO_BENCH_CPUPROFILE=") {
			out = append(out, kv)
		}
	}
	if cred.SessionToken != "" {
		out = append(out, "AWS_SESSION_TOKEN="+cred.SessionToken)
	}
	return out
}

// goboto connection options pointing at the local cloud.
func (e *env) gobotoOpts() []goboto.Option {
	return []goboto.Option{goboto.WithEndpoint(e.cloud.URL())}
}
