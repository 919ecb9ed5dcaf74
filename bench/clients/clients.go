package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The Python interpreters: Debian's has boto 2, pyenv's has boto3 and the
// aws CLI v1. Debian's aws CLI v2 is named by absolute path because PATH
// may hold another aws.
const (
	debianPython = "/usr/bin/python3"
	pyenvPython  = "python3"
	debianAWS    = "/usr/bin/aws"
)

func clientNames() []string {
	return []string{"goboto", "v2", "floor", "boto2", "boto3", "awscli1", "awscli2"}
}

func workloadNames() []string {
	return []string{"sdb-put", "sdb-select", "ec2-describe", "s3-put", "s3-get", "rds-params", "sqs", "cw-put", "s3-big"}
}

// result is one client's figures for one workload.
type result struct {
	Client, Workload string
	Calls            int
	CPU, Wall        time.Duration   // per call; the median round's
	CPUs             []time.Duration // per call, every round's, sorted
	Bytes            int64           // moved, over all calls
	Skip             string          // why it did not run
	Err              string          // why it failed
}

func (r result) line() string {
	switch {
	case r.Err != "":
		return fmt.Sprintf("%-12s %-8s failed: %s", r.Workload, r.Client, r.Err)
	case r.Skip != "":
		return fmt.Sprintf("%-12s %-8s skipped: %s", r.Workload, r.Client, r.Skip)
	}
	return fmt.Sprintf("%-12s %-8s %5d calls  cpu/call %-10v wall/call %v", r.Workload, r.Client, r.Calls, r.CPU.Round(time.Microsecond), r.Wall.Round(time.Microsecond))
}

// measureRounds measures every client on workload rounds times, in an
// order that rotates from round to round so that a spell of load on the
// machine falls on all of them alike, and keeps each client's median
// round. The aws CLIs, a second or more a call, and the single large
// transfer run once.
func measureRounds(ctx context.Context, e *env, clients []string, workload string, n, rounds int) []result {
	if workload == "s3-big" {
		rounds = 1
	}
	byClient := map[string][]result{}
	for r := range max(rounds, 1) {
		for j := range clients {
			c := clients[(r+j)%len(clients)]
			if r > 0 && (strings.HasPrefix(c, "awscli") || !byClient[c][0].ok()) {
				continue
			}
			res := measure(ctx, e, c, workload, n)
			byClient[c] = append(byClient[c], res)
			log.Print(res.line())
		}
	}
	var out []result
	for _, c := range clients {
		out = append(out, median(byClient[c]))
	}
	return out
}

// median is the round with the median CPU per call, carrying every
// round's CPU in CPUs, sorted; a round that failed or skipped is
// returned instead, whatever the others did.
func median(rounds []result) result {
	rs := slices.Clone(rounds)
	for _, r := range rs {
		if !r.ok() {
			return r
		}
	}
	slices.SortFunc(rs, func(a, b result) int { return cmp.Compare(a.CPU, b.CPU) })
	med := rs[len(rs)/2]
	med.CPUs = nil
	for _, r := range rs {
		med.CPUs = append(med.CPUs, r.CPU)
	}
	return med
}

// measure runs one client's workload in its own process.
func measure(ctx context.Context, e *env, client, workload string, n int) result {
	res := result{Client: client, Workload: workload}
	if workload == "s3-big" {
		n = 1
	}
	var rep report
	var err error
	switch client {
	case "goboto", "v2", "floor":
		rep, err = e.goWorker(ctx, client, workload, n)
	case "boto2":
		rep, err = e.pyWorker(ctx, debianPython, "boto2", workload, n)
	case "boto3":
		rep, err = e.pyWorker(ctx, pyenvPython, "boto3", workload, n)
	case "awscli1":
		rep, err = e.cli(ctx, []string{pyenvPython, "-m", "awscli"}, workload, cliCalls(n, workload))
	case "awscli2":
		rep, err = e.cli(ctx, []string{debianAWS}, workload, cliCalls(n, workload))
	}
	switch {
	case err != nil:
		res.Err = err.Error()
	case rep.Skip != "":
		res.Skip = rep.Skip
	default:
		res.Calls = rep.Calls
		res.CPU = time.Duration(rep.CPU / float64(rep.Calls) * float64(time.Second))
		res.Wall = time.Duration(rep.Wall / float64(rep.Calls) * float64(time.Second))
		res.Bytes = rep.Bytes
	}
	e.cloud.ResetCalls() // the fake's call log would grow without bound
	return res
}

// cliCalls is how many times the aws CLI repeats a workload: a tenth of
// the libraries' count (each call is a process), at least 5, and one
// large transfer.
func cliCalls(n int, workload string) int {
	if workload == "s3-big" {
		return 1
	}
	return max(n/10, 5)
}

func (e *env) goWorker(ctx context.Context, client, workload string, n int) (report, error) {
	self, err := os.Executable()
	if err != nil {
		return report{}, err
	}
	return e.runReport(ctx, self, "worker", "-client", client, "-workload", workload, "-n", strconv.Itoa(n),
		"-big", e.big, "-queue", e.queueURL)
}

func (e *env) pyWorker(ctx context.Context, python, lib, workload string, n int) (report, error) {
	if _, err := exec.LookPath(python); err != nil {
		return report{Skip: python + " is not installed"}, nil
	}
	mod := map[string]string{"boto2": "boto", "boto3": "boto3"}[lib]
	if err := exec.Command(python, "-c", "import "+mod).Run(); err != nil {
		return report{Skip: python + " cannot import " + mod}, nil
	}
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "py", "bench.py")
	return e.runReport(ctx, python, script, lib, workload, strconv.Itoa(n), e.big, e.queueURL)
}

// runReport runs a worker process and decodes the report it prints.
func (e *env) runReport(ctx context.Context, name string, args ...string) (report, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = e.childEnv()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return report{}, fmt.Errorf("%v: %s", err, lastLine(errOut.String()))
	}
	var rep report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return report{}, fmt.Errorf("decoding the worker's report %q: %v", out.String(), err)
	}
	return rep, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// cli runs the aws CLI n times per call's commands and sums the child
// processes' CPU, start-up included: that is what a script using it pays.
func (e *env) cli(ctx context.Context, aws []string, workload string, n int) (report, error) {
	if _, err := exec.LookPath(aws[0]); err != nil {
		return report{Skip: aws[0] + " is not installed"}, nil
	}
	if len(aws) > 1 {
		if err := exec.Command(aws[0], "-c", "import awscli").Run(); err != nil {
			return report{Skip: aws[0] + " cannot import awscli"}, nil
		}
	}
	cmds, err := e.cliCommands(workload)
	if err != nil {
		return report{Skip: err.Error()}, nil
	}
	var rep report
	run := func(i int) error {
		var prev []byte
		for _, step := range cmds(i) {
			args := step(prev)
			if args == nil {
				continue
			}
			full := append(append([]string{}, aws[1:]...), append([]string{"--endpoint-url", e.cloud.URL(), "--output", "json"}, args...)...)
			cmd := exec.CommandContext(ctx, aws[0], full...)
			cmd.Env = e.childEnv()
			cmd.Dir = e.dir
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("%s: %v: %s", strings.Join(args[:2], " "), err, lastLine(errOut.String()))
			}
			rep.CPU += (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
			prev = out.Bytes()
		}
		return nil
	}
	if workload != "s3-big" {
		if err := run(-1); err != nil { // warm the page cache
			return report{}, err
		}
		rep.CPU = 0
	}
	start := time.Now()
	for i := range n {
		if err := run(i); err != nil {
			return report{}, err
		}
	}
	rep.Calls, rep.Wall = n, time.Since(start).Seconds()
	if workload == "s3-big" {
		rep.Bytes = int64(n) * 2 * e.bigBytes
	}
	return rep, nil
}

// A cliStep gives one aws CLI command's arguments from the previous
// command's output, or nil to run nothing.
type cliStep func(prev []byte) []string

func fixed(args ...string) cliStep { return func([]byte) []string { return args } }

// cliCommands gives the aws CLI commands that make one call of workload.
func (e *env) cliCommands(workload string) (func(i int) []cliStep, error) {
	switch workload {
	case "sdb-put":
		return func(i int) []cliStep {
			return []cliStep{fixed("sdb", "put-attributes", "--domain-name", benchDomain, "--item-name", fmt.Sprint("put", i),
				"--attributes", "Name=a,Value=1,Replace=true", "Name=b,Value=two,Replace=true", fmt.Sprintf("Name=c,Value=%d,Replace=true", i))}
		}, nil
	case "sdb-select":
		return one("sdb", "select", "--select-expression", "select * from `bench` where `year` > '1960' limit 10"), nil
	case "ec2-describe":
		return one("ec2", "describe-instances"), nil
	case "s3-put":
		return one("s3api", "put-object", "--bucket", benchBucket, "--key", "put", "--body", e.small), nil
	case "s3-get":
		return one("s3api", "get-object", "--bucket", benchBucket, "--key", smallKey, filepath.Join(e.dir, "small.out")), nil
	case "rds-params":
		return one("rds", "describe-db-parameters", "--db-parameter-group-name", paramGroup), nil
	case "sqs":
		return func(i int) []cliStep {
			return []cliStep{
				fixed("sqs", "send-message", "--queue-url", e.queueURL, "--message-body", fmt.Sprint("message ", i)),
				fixed("sqs", "receive-message", "--queue-url", e.queueURL),
				// A script passes the receipt handle from one process to
				// the next, as this does.
				func(prev []byte) []string {
					var out struct {
						Messages []struct{ ReceiptHandle string }
					}
					if json.Unmarshal(prev, &out) != nil || len(out.Messages) == 0 {
						return nil
					}
					return []string{"sqs", "delete-message", "--queue-url", e.queueURL, "--receipt-handle", out.Messages[0].ReceiptHandle}
				},
			}
		}, nil
	case "cw-put":
		return func(i int) []cliStep {
			return []cliStep{fixed("cloudwatch", "put-metric-data", "--namespace", cwNamespace, "--metric-data", cwMetricDataJSON(i))}
		}, nil
	case "s3-big":
		out := filepath.Join(e.dir, "big.cli")
		return func(i int) []cliStep {
			return []cliStep{
				fixed("s3", "cp", "--only-show-errors", e.big, "s3://"+benchBucket+"/big"),
				fixed("s3", "cp", "--only-show-errors", "s3://"+benchBucket+"/big", out),
			}
		}, nil
	}
	return nil, fmt.Errorf("no aws CLI command for %s", workload)
}

func one(args ...string) func(int) []cliStep {
	return func(int) []cliStep { return []cliStep{fixed(args...)} }
}
