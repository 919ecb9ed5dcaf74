package ec2model

import (
	"regexp"
	"strconv"
	"strings"
)

// Range is an inclusive range of integers.
type Range struct{ Min, Max int }

// rangeItem is "gp3: 1 - 65,536", "st1 and sc1: 125 - 16,384" or
// "gp3: 3,000 (default) - 80,000" in a documentation text.
var rangeItem = regexp.MustCompile(`([a-z0-9]+)(?: and ([a-z0-9]+))? ?: ([0-9,]+)(?: \( ?default ?\))? - ([0-9,]+)`)

// TypeRanges reads the per-volume-type ranges a documentation string
// lists, by volume type.
func TypeRanges(doc string) map[string]Range {
	out := map[string]Range{}
	for _, sub := range rangeItem.FindAllStringSubmatch(Text(doc), -1) {
		r := Range{number(sub[3]), number(sub[4])}
		out[sub[1]] = r
		if sub[2] != "" {
			out[sub[2]] = r
		}
	}
	return out
}

// validRange is "Valid Range: 125 - 2000" or "Minimum value of 125.
// Maximum value of 2,000."
var (
	validRange = regexp.MustCompile(`Valid Range: ([0-9,]+) - ([0-9,]+)`)
	minMax     = regexp.MustCompile(`Minimum value of ([0-9,]+)\. Maximum value of ([0-9,]+)`)
)

// OneRange reads the single valid range a documentation string gives, ok
// false when it gives none.
func OneRange(doc string) (r Range, ok bool) {
	text := Text(doc)
	for _, re := range []*regexp.Regexp{validRange, minMax} {
		if sub := re.FindStringSubmatch(text); sub != nil {
			return Range{number(sub[1]), number(sub[2])}, true
		}
	}
	return Range{}, false
}

func number(s string) int {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return -1
	}
	return n
}
