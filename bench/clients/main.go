// Command clients measures goboto against the clients people use today,
// side by side on one local cloud: the raw aws-sdk-go-v2 client, the
// floor (requests signed before the loop, sent with bare net/http), boto 2
// (/usr/bin/python3), boto3 and the aws CLI v1 (the pyenv python3), and
// Debian's aws CLI v2 (/usr/bin/aws).
//
// The local cloud runs in this process. Every client runs in a process of
// its own, so the figure it reports is its own CPU (user + system, from
// getrusage around the measured loop, after a warm-up), never the fake's.
// The aws CLI starts a process per call, as its users do, so its figure
// is the whole process's CPU per call, interpreter start-up included.
//
//	go run ./bench/clients -out /tmp/clients      # all clients and workloads
//	go run ./bench/clients -n 50 -clients goboto,boto2 -workloads sdb-put
//
// It writes results.txt (a table) and chart.svg (CPU per call, log scale)
// into -out. A client that is not installed is reported as skipped.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "worker" {
		if err := workerMain(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "worker:", err)
			os.Exit(1)
		}
		return
	}
	var (
		n         = flag.Int("n", 200, "measured calls per client and workload (the aws CLI makes n/10, at least 5)")
		out       = flag.String("out", "", "directory for results.txt and chart.svg (default: print only)")
		clients   = flag.String("clients", strings.Join(clientNames(), ","), "clients to run")
		workloads = flag.String("workloads", strings.Join(workloadNames(), ","), "workloads to run")
		bigMiB    = flag.Int("big", 1024, "size of the large S3 transfer, MiB (0 skips it)")
		rounds    = flag.Int("rounds", 3, "rounds of each library client, in turns; the table shows the median (the aws CLIs and s3-big run once)")
	)
	flag.Parse()
	if err := run(context.Background(), *n, *rounds, *out, split(*clients), split(*workloads), *bigMiB); err != nil {
		log.Fatal(err)
	}
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func run(ctx context.Context, n, rounds int, outDir string, clients, workloads []string, bigMiB int) error {
	for _, c := range clients {
		if !slices.Contains(clientNames(), c) {
			return fmt.Errorf("unknown client %q (have %s)", c, strings.Join(clientNames(), ", "))
		}
	}
	for _, w := range workloads {
		if !slices.Contains(workloadNames(), w) {
			return fmt.Errorf("unknown workload %q (have %s)", w, strings.Join(workloadNames(), ", "))
		}
	}
	env, err := startEnv(ctx, bigMiB)
	if err != nil {
		return err
	}
	defer env.close()

	var results []result
	for _, w := range workloads {
		if w == "s3-big" && bigMiB == 0 {
			continue
		}
		results = append(results, measureRounds(ctx, env, clients, w, n, rounds)...)
	}
	table := renderTable(results, machine())
	fmt.Print(table)
	if outDir == "" {
		return nil
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "results.txt"), []byte(table), 0o644); err != nil {
		return err
	}
	svg := chart(results, "Client CPU per call against goboto's local cloud, "+time.Now().UTC().Format("2006-01-02")+", "+machine())
	return os.WriteFile(filepath.Join(outDir, "chart.svg"), svg, 0o644)
}

// machine describes where the figures were taken.
func machine() string {
	return fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
}
