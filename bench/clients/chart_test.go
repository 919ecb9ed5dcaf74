package main

import (
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The chart must be well-formed SVG whose bars grow with CPU on a log
// scale: ten times the CPU is one decade longer, whatever the client.
func TestChartBarsFollowLogScale(t *testing.T) {
	results := []result{
		{Client: "goboto", Workload: "w", Calls: 1, CPU: 100 * time.Microsecond},
		{Client: "boto2", Workload: "w", Calls: 1, CPU: time.Millisecond},
		{Client: "awscli1", Workload: "w", Calls: 1, CPU: 100 * time.Millisecond},
		{Client: "v2", Workload: "w", Skip: "not here"},
	}
	svg := chart(results, "t")
	var doc struct {
		Rects []struct {
			Width string `xml:"width,attr"`
			Fill  string `xml:"fill,attr"`
		} `xml:"rect"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("chart is not well-formed XML: %v\n%s", err, svg)
	}
	var widths []float64
	for _, r := range doc.Rects {
		if r.Fill == "white" {
			continue
		}
		w, err := strconv.ParseFloat(r.Width, 64)
		if err != nil {
			t.Fatal(err)
		}
		widths = append(widths, w)
	}
	if len(widths) != 3 {
		t.Fatalf("got %d bars, want 3 (the skipped client draws none)", len(widths))
	}
	decade := widths[1] - widths[0]
	if decade <= 0 {
		t.Fatalf("bars %v do not grow with CPU", widths)
	}
	if got := widths[2] - widths[1]; got < 1.99*decade || got > 2.01*decade {
		t.Errorf("100 ms is %.1f px beyond 1 ms, want two decades of %.1f px", got, decade)
	}
	if !strings.Contains(string(svg), "1.0 ms") {
		t.Errorf("bar labels missing from the chart")
	}
}

func TestTableRatios(t *testing.T) {
	results := []result{
		{Client: "goboto", Workload: "sdb-put", Calls: 10, CPU: 200 * time.Microsecond, Wall: time.Millisecond},
		{Client: "boto2", Workload: "sdb-put", Calls: 10, CPU: 2 * time.Millisecond, Wall: 3 * time.Millisecond},
		{Client: "v2", Workload: "sdb-put", Skip: "no client"},
	}
	got := renderTable(results, "m")
	for _, want := range []string{"10.00×", "1.00×", "skipped: no client", "200 µs", "2.0 ms"} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
}

func TestMedian(t *testing.T) {
	r := func(cpu time.Duration) result {
		return result{Client: "goboto", Workload: "w", Calls: 10, CPU: cpu, Wall: 2 * cpu}
	}
	got := median([]result{r(30), r(10), r(20)})
	if got.CPU != 20 || got.Wall != 40 {
		t.Errorf("median of 30, 10, 20: CPU %v wall %v; want the 20 round", got.CPU, got.Wall)
	}
	if want := []time.Duration{10, 20, 30}; !slices.Equal(got.CPUs, want) {
		t.Errorf("CPUs %v; want %v", got.CPUs, want)
	}
	failed := result{Client: "goboto", Workload: "w", Err: "boom"}
	if got := median([]result{r(10), failed, r(20)}); got.Err != "boom" {
		t.Errorf("a failed round was hidden: %+v", got)
	}
}
