// Command sqscpu measures the client CPU time one SQS message costs,
// sent, received and deleted one call at a time, through goboto and
// through boto 2, against the same local cloud in the same run. The
// issue's goal is at least 10 times less CPU for goboto.
//
//	go run ./bench/sqscpu -n 2000
//
// The local cloud runs in a process of its own (sqscpu cloud), and each
// client in another (sqscpu goboto, and testdata/boto_loop.py under
// /usr/bin/python3), so each client's CPU is its process's user and
// system time from wait4(2), the server's left out. Every client is run
// twice, for 0 messages and for n, and the difference divided by n is
// the CPU per message: the interpreter's or runtime's start-up, imports
// and queue creation cancel out. -runs repeats the whole and reports
// each run; take the median.
//
// A third client, sdk, is aws-sdk-go-v2 alone making the same calls,
// the floor goboto is built on; each run's ratio line gives goboto's CPU
// over the sdk's too.
//
// Both clients make the same three calls per message: SendMessage of a
// 100-byte body, ReceiveMessage of one message with no wait, and
// DeleteMessage. goboto speaks JSON 1.0 (aws-sdk-go-v2) and checks the
// body's MD5; boto 2 speaks the query protocol and decodes XML. Both
// sign every call with SigV4.
//
// With -batch both use batches of 10 instead, three calls per ten
// messages: SendMessageBatch (goboto's SendBatch, boto 2's
// write_batch), ReceiveMessage of up to 10 (get_messages) and
// DeleteMessageBatch (goboto's DeleteBatch, boto 2's
// delete_message_batch).
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/sqs"
)

const python = "/usr/bin/python3" // Debian's, which has boto 2

// body is every message's body: 100 bytes.
var body = strings.Repeat("goboto-sqs-bench ", 6)[:100]

func main() {
	if len(os.Args) > 1 && os.Args[1] == "cloud" {
		serve()
		return
	}
	if len(os.Args) > 1 && (os.Args[1] == "goboto" || os.Args[1] == "sdk") {
		fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
		endpoint := fs.String("endpoint", "", "the local cloud's URL")
		n := fs.Int("n", 0, "messages")
		queue := fs.String("queue", "", "queue name")
		batch := fs.Bool("batch", false, "batches of 10")
		profile := fs.String("cpuprofile", "", "write a CPU profile of the loop here")
		fs.Parse(os.Args[2:])
		if *profile != "" {
			f, err := os.Create(*profile)
			if err != nil {
				fmt.Fprintln(os.Stderr, "sqscpu goboto:", err)
				os.Exit(1)
			}
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
		loop := gobotoLoop
		switch {
		case os.Args[1] == "sdk" && *batch:
			loop = sdkBatchLoop
		case os.Args[1] == "sdk":
			loop = sdkLoop
		case *batch:
			loop = gobotoBatchLoop
		}
		if err := loop(*endpoint, *queue, *n); err != nil {
			fmt.Fprintln(os.Stderr, "sqscpu goboto:", err)
			os.Exit(1)
		}
		return
	}
	n := flag.Int("n", 2000, "messages per client (a multiple of 10 with -batch)")
	runs := flag.Int("runs", 3, "times to measure both clients")
	batch := flag.Bool("batch", false, "send, receive and delete in batches of 10")
	flag.Parse()
	if *batch && *n%10 != 0 {
		fmt.Fprintln(os.Stderr, "sqscpu: -n must be a multiple of 10 with -batch")
		os.Exit(2)
	}
	if err := drive(*n, *runs, *batch); err != nil {
		fmt.Fprintln(os.Stderr, "sqscpu:", err)
		os.Exit(1)
	}
}

// serve runs the local cloud on plain HTTP at 127.0.0.1, prints its URL,
// and stops when stdin closes.
func serve() {
	cloud, err := localcloud.New(fakes.WithTLS(false))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sqscpu cloud:", err)
		os.Exit(1)
	}
	fmt.Println(cloud.URL())
	io.Copy(io.Discard, os.Stdin)
	cloud.Close()
}

// open creates the queue name on the local cloud at endpoint.
func open(ctx context.Context, endpoint, name string) (*sqs.Queue, error) {
	cred := fake.DefaultCredentials()[0]
	conn := sqs.New(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(cred.AccessKeyID, cred.SecretAccessKey, ""),
		BaseEndpoint: aws.String(endpoint),
	})
	return conn.CreateQueue(ctx, sqs.QueueOptions{Name: name})
}

// gobotoBatchLoop sends, receives and deletes n messages ten at a time,
// through goboto's SendBatch and DeleteBatch, which check every entry
// and its MD5s as Send does.
func gobotoBatchLoop(endpoint, name string, n int) error {
	ctx := context.Background()
	q, err := open(ctx, endpoint, name)
	if err != nil {
		return err
	}
	entries := make([]sqs.Entry, 10)
	for i := range entries {
		entries[i] = sqs.Entry{Body: body}
	}
	for range n / 10 {
		if _, err := q.SendBatch(ctx, entries); err != nil {
			return err
		}
		for got := 0; got < 10; {
			msgs, err := q.Receive(ctx, sqs.ReceiveOptions{MaxMessages: 10})
			if err != nil {
				return err
			}
			if len(msgs) == 0 {
				return fmt.Errorf("received %d of 10 messages", got)
			}
			if err := q.DeleteBatch(ctx, msgs); err != nil {
				return err
			}
			got += len(msgs)
		}
	}
	return nil
}

// gobotoLoop sends, receives and deletes n messages one at a time.
func gobotoLoop(endpoint, name string, n int) error {
	ctx := context.Background()
	q, err := open(ctx, endpoint, name)
	if err != nil {
		return err
	}
	for range n {
		if _, err := q.Send(ctx, body); err != nil {
			return err
		}
		msgs, err := q.Receive(ctx, sqs.ReceiveOptions{})
		if err != nil {
			return err
		}
		if len(msgs) != 1 || msgs[0].Body != body {
			return fmt.Errorf("received %d messages", len(msgs))
		}
		if err := msgs[0].Delete(ctx); err != nil {
			return err
		}
	}
	return nil
}

// usage is one client process's CPU and wall time.
type usage struct{ cpu, wall time.Duration }

func run(cmd *exec.Cmd) (usage, error) {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return usage{}, fmt.Errorf("%s: %v: %s", filepath.Base(cmd.Path), err, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return usage{}, errors.New("no rusage on this system")
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return usage{cpu: cpu, wall: time.Since(start)}, nil
}

func drive(n, runs int, batch bool) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	script, err := scriptPath()
	if err != nil {
		return err
	}
	cloud := exec.Command(self, "cloud")
	stdin, err := cloud.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cloud.StdoutPipe()
	if err != nil {
		return err
	}
	cloud.Stderr = os.Stderr
	if err := cloud.Start(); err != nil {
		return err
	}
	defer func() { stdin.Close(); cloud.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return fmt.Errorf("the cloud did not start: %v", err)
	}
	endpoint := strings.TrimSpace(line)
	ep, err := url.Parse(endpoint)
	if err != nil {
		return err
	}
	cred := fake.DefaultCredentials()[0]
	env := []string{"PATH=/usr/bin:/bin", "HOME=" + os.TempDir(), "LANG=C.UTF-8",
		"AWS_ACCESS_KEY_ID=" + cred.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + cred.SecretAccessKey,
		"BOTO_CONFIG=/dev/null", "PYTHONDONTWRITEBYTECODE=1", "GOMAXPROCS=" + strconv.Itoa(runtime.GOMAXPROCS(0))}
	dir, err := os.MkdirTemp("", "sqscpu")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	shape := "one at a time"
	if batch {
		shape = "in batches of 10"
	}
	fmt.Printf("# sqscpu: %d messages per client (send, receive, delete %s), %d runs, %s, %s/%s, %d CPUs\n",
		n, shape, runs, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Printf("%-4s %-7s %12s %14s %12s\n", "run", "client", "cpu-total", "cpu/message", "wall")
	var ratios []float64
	q := 0
	for r := 1; r <= runs; r++ {
		per := map[string]time.Duration{}
		for _, client := range []string{"goboto", "sdk", "boto2"} {
			var u [2]usage
			for i, count := range []int{0, n} {
				q++
				name := fmt.Sprintf("sqscpu-%s-%d", client, q)
				var cmd *exec.Cmd
				if client != "boto2" {
					cmd = exec.Command(self, client, "-endpoint", endpoint, "-queue", name, "-n", strconv.Itoa(count),
						"-batch="+strconv.FormatBool(batch))
				} else {
					cmd = exec.Command(python, script, ep.Port(), name, strconv.Itoa(count), strconv.FormatBool(batch))
				}
				cmd.Env, cmd.Dir = env, dir
				if u[i], err = run(cmd); err != nil {
					return err
				}
			}
			per[client] = (u[1].cpu - u[0].cpu) / time.Duration(n)
			fmt.Printf("%-4d %-7s %12v %14v %12v\n", r, client, u[1].cpu.Round(time.Millisecond), per[client], u[1].wall.Round(time.Millisecond))
		}
		ratio := float64(per["boto2"]) / float64(per["goboto"])
		ratios = append(ratios, ratio)
		fmt.Printf("%-4d %-7s %12s %14.1fx   (boto2/goboto; goboto/sdk %.2f)\n", r, "ratio", "", ratio, float64(per["goboto"])/float64(per["sdk"]))
	}
	slices.Sort(ratios)
	fmt.Printf("median boto2/goboto CPU per message: %.1fx (goal >= 10x)\n", ratios[len(ratios)/2])
	return nil
}

// scriptPath finds testdata/boto_loop.py beside this source file, from
// the repository root or from this directory.
func scriptPath() (string, error) {
	for _, p := range []string{"bench/sqscpu/testdata/boto_loop.py", "testdata/boto_loop.py"} {
		if _, err := os.Stat(p); err == nil {
			return filepath.Abs(p)
		}
	}
	return "", errors.New("run from the repository root or bench/sqscpu: testdata/boto_loop.py not found")
}
