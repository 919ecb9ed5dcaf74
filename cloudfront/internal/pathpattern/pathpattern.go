// Package pathpattern matches request paths against CloudFront cache
// behaviours' path patterns, as CloudFront picks the behaviour for a
// viewer request. The cloudfront package uses it to know which origin
// serves a key (AddObject), and cloudfronttest's edge to route requests.
//
// The rules are the CloudFront Developer Guide's ("Cache behavior
// settings", Path pattern): "*" matches 0 or more characters and "?"
// exactly one; everything else matches itself, and matching is case
// sensitive; a pattern's leading "/" is optional ("images/*.jpg" and
// "/images/*.jpg" are the same); the behaviours are evaluated in the
// order they are listed and the first match wins, the default behaviour
// ("*") catching the rest. The path is matched as the viewer sent it,
// without the query string.
package pathpattern

import "strings"

// Match reports whether the request path (starting with "/") matches
// pattern. It runs in O(len(pattern)·len(path)) at worst: a viewer
// controls the path.
func Match(pattern, path string) bool {
	if !strings.HasPrefix(pattern, "/") && pattern != "*" {
		pattern = "/" + pattern
	}
	// Iterative glob with one backtrack point: on a mismatch after a *,
	// retry with the * taking one more byte. Bytes, not runes: ? stands
	// for one character of the path as sent, which CloudFront receives
	// percent-encoded, so non-ASCII bytes do not reach it raw.
	p, s := 0, 0
	star, mark := -1, 0
	for s < len(path) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			// Before the literal case, so a * in the path is no literal
			// match for the pattern's *.
			star, mark = p, s
			p++
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == path[s]):
			p++
			s++
		case star >= 0:
			p = star + 1
			mark++
			s = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// Pick returns the index of the first of patterns that path matches, or
// -1 for the default behaviour.
func Pick(patterns []string, path string) int {
	for i, p := range patterns {
		if Match(p, path) {
			return i
		}
	}
	return -1
}
