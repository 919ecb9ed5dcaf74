package s3test

import (
	"bytes"
	"encoding/json"
	"strings"
)

// conditionResult is what a statement's Condition says of a request.
type conditionResult int

const (
	conditionTrue    conditionResult = iota // no Condition, or every test holds
	conditionFalse                          // a test the fake evaluates fails
	conditionUnknown                        // a test the fake does not evaluate
)

// condition evaluates s's Condition for who. It knows the operators
// StringEquals, StringLike, ArnEquals and ArnLike on the keys
// aws:SourceArn and aws:SourceAccount, whose names are matched without
// case (IAM User Guide, "IAM JSON policy elements: Condition": "Condition
// key names are not case-sensitive"). A key the request does not carry
// fails its test, as IAM's operators without IfExists do. Anything else
// is conditionUnknown: an Allow then never applies and a Deny does,
// failing closed.
func (s *statement) condition(who requester) conditionResult {
	raw := bytes.TrimSpace(s.Condition)
	if len(raw) == 0 {
		return conditionTrue
	}
	var ops map[string]map[string]json.RawMessage
	if json.Unmarshal(raw, &ops) != nil {
		return conditionUnknown
	}
	out := conditionTrue
	for op, tests := range ops {
		var like bool
		switch op {
		case "StringEquals", "ArnEquals":
		case "StringLike", "ArnLike":
			like = true
		default:
			return conditionUnknown
		}
		for key, v := range tests {
			var have string
			switch strings.ToLower(key) {
			case "aws:sourcearn":
				if who.principal != nil {
					have = who.principal.SourceARN
				}
			case "aws:sourceaccount":
				if who.principal != nil {
					have = who.principal.SourceAccount
				}
			default:
				return conditionUnknown
			}
			values := policyStrings(v)
			if values == nil {
				return conditionUnknown
			}
			if have == "" || !conditionMatch(values, have, like) {
				out = conditionFalse
			}
		}
	}
	return out
}

// conditionMatch reports whether have equals any value, or with like
// matches it with * and ? wildcards.
func conditionMatch(values []string, have string, like bool) bool {
	for _, v := range values {
		if v == have || like && glob(v, have) {
			return true
		}
	}
	return false
}
