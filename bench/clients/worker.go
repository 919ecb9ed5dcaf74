package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	awssqs "github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/rds"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/sdb"
	"github.com/goboto/goboto/sqs"
)

// report is what a client process prints: its own CPU and wall time over
// the measured calls, and the bytes moved for transfers.
type report struct {
	Calls int     `json:"calls"`
	CPU   float64 `json:"cpu"`  // seconds, user + system
	Wall  float64 `json:"wall"` // seconds
	Bytes int64   `json:"bytes"`
	Skip  string  `json:"skip,omitempty"`
}

// workerMain runs one Go client's workload in this process and prints a
// report on stdout.
func workerMain(args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	client := fs.String("client", "goboto", "goboto, v2 or floor")
	workload := fs.String("workload", "", "workload")
	n := fs.Int("n", 100, "measured calls")
	big := fs.String("big", "", "large file")
	queue := fs.String("queue", "", "queue URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// GOBOTO_BENCH_CPUPROFILE=dir profiles each Go worker's measured
	// loop into dir/<client>-<workload>.pprof.
	if dir := os.Getenv("GOBOTO_BENCH_CPUPROFILE"); dir != "" {
		f, err := os.Create(filepath.Join(dir, *client+"-"+*workload+".pprof"))
		if err != nil {
			return err
		}
		defer f.Close()
		profile = f
	}
	endpoint := os.Getenv("GOBOTO_BENCH_ENDPOINT")
	cfg := aws.Config{
		Region:      region,
		Credentials: credentials.NewStaticCredentialsProvider(os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN")),
	}
	var call func(ctx context.Context, i int) (int64, error)
	var err error
	switch *client {
	case "goboto":
		call, err = gobotoCall(cfg, endpoint, *workload, *big, *queue)
	case "v2":
		cfg.BaseEndpoint = aws.String(endpoint)
		call, err = v2Call(cfg, *workload, *big, *queue)
	case "floor":
		call, err = floorCall(context.Background(), cfg, endpoint, *workload, *n)
	default:
		err = fmt.Errorf("unknown Go client %q", *client)
	}
	var skip skipError
	if errors.As(err, &skip) {
		return json.NewEncoder(os.Stdout).Encode(report{Skip: string(skip)})
	}
	if err != nil {
		return err
	}
	r, err := loop(context.Background(), *n, call)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}

// profile, when set, receives the measured loop's CPU profile. A worker
// process runs one loop, so a variable of the command is enough.
var profile *os.File

// skipError says a client has no way to run a workload.
type skipError string

func (s skipError) Error() string { return string(s) }

// warmups is how many untimed calls loop makes before n timed ones,
// numbered -1, -2, ...: a tenth, from 1 to 10.
func warmups(n int) int { return min(n/10+1, 10) }

// loop warms up, then times n calls against this process's own CPU.
func loop(ctx context.Context, n int, call func(context.Context, int) (int64, error)) (report, error) {
	for i := range warmups(n) {
		if _, err := call(ctx, -1-i); err != nil {
			return report{}, fmt.Errorf("warm-up: %w", err)
		}
	}
	if profile != nil {
		if err := pprof.StartCPUProfile(profile); err != nil {
			return report{}, err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0, wall0 := cpuTime(), time.Now()
	var total int64
	for i := range n {
		b, err := call(ctx, i)
		if err != nil {
			return report{}, fmt.Errorf("call %d: %w", i, err)
		}
		total += b
	}
	return report{Calls: n, CPU: (cpuTime() - cpu0).Seconds(), Wall: time.Since(wall0).Seconds(), Bytes: total}, nil
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func gobotoCall(cfg aws.Config, endpoint, workload, big, queueURL string) (func(context.Context, int) (int64, error), error) {
	opts := []goboto.Option{goboto.WithEndpoint(endpoint)}
	switch workload {
	case "sdb-put":
		dom := sdb.New(cfg, opts...).Domain(benchDomain)
		return func(ctx context.Context, i int) (int64, error) {
			return 0, dom.Put(ctx, "put"+strconv.Itoa(i), sdb.Attributes{"a": {"1"}, "b": {"two"}, "c": {strconv.Itoa(i)}}, sdb.Replace())
		}, nil
	case "sdb-select":
		dom := sdb.New(cfg, opts...).Domain(benchDomain)
		return func(ctx context.Context, i int) (int64, error) {
			for _, err := range dom.Select(ctx, sdb.Where("%n > %v limit 10", "year", "1960")) {
				if err != nil {
					return 0, err
				}
			}
			return 0, nil
		}, nil
	case "ec2-describe":
		conn := ec2.New(cfg, opts...)
		return func(ctx context.Context, i int) (int64, error) {
			for _, err := range conn.Instances(ctx, ec2.Filter{}) {
				if err != nil {
					return 0, err
				}
			}
			return 0, nil
		}, nil
	case "s3-put", "s3-get", "s3-big":
		bucket := s3.New(cfg, opts...).Bucket(benchBucket)
		switch workload {
		case "s3-put":
			body := make([]byte, smallSize)
			return func(ctx context.Context, i int) (int64, error) {
				return smallSize, bucket.Key("put").PutBytes(ctx, body)
			}, nil
		case "s3-get":
			var buf bytes.Buffer
			return func(ctx context.Context, i int) (int64, error) {
				buf.Reset()
				return bucket.Key(smallKey).Get(ctx, &buf)
			}, nil
		}
		return func(ctx context.Context, i int) (int64, error) {
			if i < 0 {
				return 0, nil // one pass is the measurement
			}
			return bigRoundTrip(ctx, bucket, big)
		}, nil
	case "cw-put":
		return gobotoCWPut(cfg, opts), nil
	case "rds-params":
		conn := rds.New(cfg, opts...)
		return func(ctx context.Context, i int) (int64, error) {
			return 0, conn.ParameterGroup(paramGroup).Load(ctx)
		}, nil
	case "sqs":
		q := sqs.New(cfg, opts...).Queue(queueURL)
		return func(ctx context.Context, i int) (int64, error) {
			if _, err := q.Send(ctx, "message "+strconv.Itoa(i)); err != nil {
				return 0, err
			}
			msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 1})
			if err != nil {
				return 0, err
			}
			for _, m := range msgs {
				if err := m.Delete(ctx); err != nil {
					return 0, err
				}
			}
			return 0, nil
		}, nil
	}
	return nil, fmt.Errorf("unknown workload %q", workload)
}

// bigRoundTrip uploads the large file and downloads it back into a file,
// each with goboto's parallel transfers.
func bigRoundTrip(ctx context.Context, bucket *s3.Bucket, path string) (int64, error) {
	key := bucket.Key("big")
	if err := key.UploadFile(ctx, path); err != nil {
		return 0, err
	}
	out := path + ".goboto"
	defer os.Remove(out)
	if err := key.DownloadFile(ctx, out); err != nil {
		return 0, err
	}
	fi, err := os.Stat(out)
	if err != nil {
		return 0, err
	}
	return 2 * fi.Size(), nil
}

func v2Call(cfg aws.Config, workload, big, queueURL string) (func(context.Context, int) (int64, error), error) {
	switch workload {
	case "sdb-put", "sdb-select":
		return nil, skipError("aws-sdk-go-v2 has no SimpleDB client")
	case "s3-big":
		return nil, skipError("the raw client has no transfer manager (bench/s3transfer compares the managers)")
	case "ec2-describe":
		c := awsec2.NewFromConfig(cfg)
		return func(ctx context.Context, i int) (int64, error) {
			p := awsec2.NewDescribeInstancesPaginator(c, &awsec2.DescribeInstancesInput{})
			for p.HasMorePages() {
				if _, err := p.NextPage(ctx); err != nil {
					return 0, err
				}
			}
			return 0, nil
		}, nil
	case "s3-put":
		c := awss3.NewFromConfig(cfg, func(o *awss3.Options) { o.UsePathStyle = true })
		body := make([]byte, smallSize)
		return func(ctx context.Context, i int) (int64, error) {
			_, err := c.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(benchBucket), Key: aws.String("put"), Body: bytes.NewReader(body)})
			return smallSize, err
		}, nil
	case "s3-get":
		c := awss3.NewFromConfig(cfg, func(o *awss3.Options) { o.UsePathStyle = true })
		var buf bytes.Buffer
		return func(ctx context.Context, i int) (int64, error) {
			out, err := c.GetObject(ctx, &awss3.GetObjectInput{Bucket: aws.String(benchBucket), Key: aws.String(smallKey)})
			if err != nil {
				return 0, err
			}
			defer out.Body.Close()
			buf.Reset()
			return io.Copy(&buf, out.Body)
		}, nil
	case "cw-put":
		return v2CWPut(cfg), nil
	case "rds-params":
		c := awsrds.NewFromConfig(cfg)
		return func(ctx context.Context, i int) (int64, error) {
			p := awsrds.NewDescribeDBParametersPaginator(c, &awsrds.DescribeDBParametersInput{DBParameterGroupName: aws.String(paramGroup)})
			for p.HasMorePages() {
				if _, err := p.NextPage(ctx); err != nil {
					return 0, err
				}
			}
			return 0, nil
		}, nil
	case "sqs":
		c := awssqs.NewFromConfig(cfg)
		return func(ctx context.Context, i int) (int64, error) {
			if _, err := c.SendMessage(ctx, &awssqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String("message " + strconv.Itoa(i))}); err != nil {
				return 0, err
			}
			out, err := c.ReceiveMessage(ctx, &awssqs.ReceiveMessageInput{QueueUrl: aws.String(queueURL), MaxNumberOfMessages: 1})
			if err != nil {
				return 0, err
			}
			for _, m := range out.Messages {
				if _, err := c.DeleteMessage(ctx, &awssqs.DeleteMessageInput{QueueUrl: aws.String(queueURL), ReceiptHandle: m.ReceiptHandle}); err != nil {
					return 0, err
				}
			}
			return 0, nil
		}, nil
	}
	return nil, fmt.Errorf("unknown workload %q", workload)
}
