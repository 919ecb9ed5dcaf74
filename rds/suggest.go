package rds

// maxSuggestDistance is how many single-character slips (a letter
// missing, extra, changed, or two swapped) Set still reads as a typing
// slip of a loaded name; more is a different name.
const maxSuggestDistance = 2

// nearest returns the loaded parameter name closest to name, if it is
// within maxSuggestDistance slips and no other name is as close; "" if
// none is.
func (g *ParameterGroup) nearest(name string) string {
	best, bestD, tie := "", maxSuggestDistance+1, false
	for _, p := range g.params {
		d := editDistance(name, p.Name, maxSuggestDistance+1)
		switch {
		case d > maxSuggestDistance:
		case d < bestD:
			best, bestD, tie = p.Name, d, false
		case d == bestD:
			tie = true
		}
	}
	if tie || bestD > maxSuggestDistance {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance between a and
// b (insertions, deletions, substitutions and swaps of neighbours),
// or limit when it is at least limit, which saves the work on names
// that are far apart.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}
