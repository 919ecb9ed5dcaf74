package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
)

// renderTable lays the results out by workload, with each client's CPU
// per call as a multiple of goboto's.
func renderTable(results []result, machine string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Client CPU per call against goboto's local cloud (fakes/localcloud), %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "Machine: %s. Each client in its own process; CPU is the client's own (user+system).\n\n", machine)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\tclient\tcalls\tCPU/call\twall/call\tCPU vs goboto\tMB/s\trounds' CPU/call\t")
	base := map[string]time.Duration{}
	for _, r := range results {
		if r.Client == "goboto" && r.ok() {
			base[r.Workload] = r.CPU
		}
	}
	for _, r := range results {
		switch {
		// The reason goes after the last column, outside the table's
		// cells, so that it does not widen a column of figures.
		case r.Err != "":
			fmt.Fprintf(tw, "%s\t%s\t\t\t\t\t\t\t  failed: %s\n", r.Workload, r.Client, clip(r.Err, 70))
			continue
		case r.Skip != "":
			fmt.Fprintf(tw, "%s\t%s\t\t\t\t\t\t\t  skipped: %s\n", r.Workload, r.Client, clip(r.Skip, 70))
			continue
		}
		ratio := ""
		if g, ok := base[r.Workload]; ok && g > 0 {
			ratio = fmt.Sprintf("%.2f×", float64(r.CPU)/float64(g))
		}
		mbs := ""
		if r.Bytes > 0 && r.Wall > 0 && r.Workload == "s3-big" {
			mbs = fmt.Sprintf("%.0f", float64(r.Bytes)/1e6/(r.Wall.Seconds()*float64(r.Calls)))
		}
		spread := ""
		if len(r.CPUs) > 1 {
			spread = dur(r.CPUs[0]) + " – " + dur(r.CPUs[len(r.CPUs)-1])
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", r.Workload, r.Client, r.Calls, dur(r.CPU), dur(r.Wall), ratio, mbs, spread)
	}
	tw.Flush()
	b.WriteString("\ns3-big is one upload and one download of the large file; its MB/s counts both directions.\n")
	b.WriteString("The aws CLI starts a process per call, so its CPU includes the interpreter's start-up.\n")
	b.WriteString("Library clients run in rounds, taking turns; CPU/call and wall/call are the median round's, and the last column the lowest and highest round.\n")
	b.WriteString("floor: requests signed before the loop and sent with bare net/http, answers read and not decoded; no Go client can spend less.\n")
	return b.String()
}

func (r result) ok() bool { return r.Err == "" && r.Skip == "" && r.Calls > 0 }

func dur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
