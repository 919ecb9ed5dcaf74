package main

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strings"
)

// chart draws each workload's CPU per call as a group of horizontal bars,
// one per client, on a log scale (the aws CLI is three orders of magnitude
// above the libraries). It is plain SVG: no plotting library earns its
// place for bars and a few labels.
func chart(results []result, title string) []byte {
	const (
		left, right, top = 190.0, 40.0, 60.0
		barH, gap        = 14.0, 16.0
		plotW            = 560.0
	)
	var clients, workloads []string
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range results {
		if !r.ok() {
			continue
		}
		if !slices.Contains(workloads, r.Workload) {
			workloads = append(workloads, r.Workload)
		}
		if !slices.Contains(clients, r.Client) {
			clients = append(clients, r.Client)
		}
		us := float64(r.CPU.Nanoseconds()) / 1e3
		lo, hi = math.Min(lo, us), math.Max(hi, us)
	}
	var b strings.Builder
	if len(workloads) == 0 {
		fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="10" y="25">no results</text></svg>`)
		return []byte(b.String())
	}
	// Whole decades around the data.
	d0, d1 := math.Floor(math.Log10(math.Max(lo, 1))), math.Ceil(math.Log10(math.Max(hi, 10)))
	if d1 == d0 {
		d1++
	}
	x := func(us float64) float64 {
		return left + plotW*(math.Log10(math.Max(us, math.Pow(10, d0)))-d0)/(d1-d0)
	}
	groupH := float64(len(clients))*barH + gap
	height := top + float64(len(workloads))*groupH + 60
	width := left + plotW + right
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="11">`+"\n", width, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<text x="%.0f" y="20" font-size="13" font-weight="bold">%s</text>`+"\n", 10.0, html.EscapeString(title))
	fmt.Fprintf(&b, `<text x="%.0f" y="38">CPU per call, µs, log scale (shorter is better)</text>`+"\n", left)
	for d := d0; d <= d1; d++ {
		xx := x(math.Pow(10, d))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#ddd"/>`+"\n", xx, top-8, xx, height-40)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`+"\n", xx, height-26, tick(d))
	}
	colours := []string{"#1b7837", "#5aae61", "#999999", "#762a83", "#9970ab", "#c2a5cf", "#e7d4e8"}
	for gi, w := range workloads {
		y := top + float64(gi)*groupH
		fmt.Fprintf(&b, `<text x="10" y="%.1f" font-weight="bold">%s</text>`+"\n", y+barH, html.EscapeString(w))
		for ci, c := range clients {
			i := slices.IndexFunc(results, func(r result) bool { return r.Workload == w && r.Client == c && r.ok() })
			by := y + float64(ci)*barH
			fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end" fill="#444">%s</text>`+"\n", left-6, by+barH-3, html.EscapeString(c))
			if i < 0 {
				continue
			}
			us := float64(results[i].CPU.Nanoseconds()) / 1e3
			fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.0f" fill="%s"/>`+"\n", left, by+1, x(us)-left, barH-2, colours[ci%len(colours)])
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f">%s</text>`+"\n", x(us)+4, by+barH-3, dur(results[i].CPU))
		}
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

func tick(decade float64) string {
	v := math.Pow(10, decade)
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%g s", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%g ms", v/1e3)
	}
	return fmt.Sprintf("%g µs", v)
}
