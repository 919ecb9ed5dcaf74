package s3test

import (
	"bytes"
	"encoding/json"
	"strings"
)

// A bucket policy as the fake reads it to decide a request from outside
// the bucket owner's account (access.go). PutBucketPolicy keeps the
// document as sent after checkPolicyGrammar; it is parsed again here,
// leniently, each time it is asked.
//
// What is evaluated (Amazon S3 User Guide, "Bucket policy examples" and
// "Policies and permissions in Amazon S3"): Effect, Principal ("*",
// {"AWS": "*"}, {"AWS": account ID or arn:aws:iam::ID:root},
// {"CanonicalUser": ID}), Action (case-insensitive, with * and ?
// wildcards) and Resource (arn:aws:s3:::bucket or bucket/key, with *
// and ? wildcards). An explicit Deny wins over any Allow.
//
// Conditions are evaluated only on aws:SourceArn and aws:SourceAccount
// with StringEquals, StringLike, ArnEquals and ArnLike (policy_condition.go),
// what CloudFront's origin access control needs.
//
// What is not: any other Condition, NotPrincipal, NotAction and
// NotResource, and principals the fake cannot identify (IAM users and
// roles, services other than Principal's).
// Rather than ignore them, the fake fails closed: an Allow statement
// that uses any of them never applies, and a Deny statement that uses
// any of them applies whenever the rest of it matches.

// statement is one policy statement, its polymorphic fields kept raw.
type statement struct {
	Effect       string
	Principal    json.RawMessage
	NotPrincipal json.RawMessage
	Action       json.RawMessage
	NotAction    json.RawMessage
	Resource     json.RawMessage
	NotResource  json.RawMessage
	Condition    json.RawMessage
}

// parseStatements reads the statements of a stored policy: a Statement
// that is one object or a list of them. A document the fake cannot read
// has none, which grants nothing.
func parseStatements(policy []byte) []statement {
	if len(policy) == 0 {
		return nil
	}
	var doc struct{ Statement json.RawMessage }
	if json.Unmarshal(policy, &doc) != nil {
		return nil
	}
	st := bytes.TrimSpace(doc.Statement)
	if len(st) > 0 && st[0] == '{' {
		var s statement
		if json.Unmarshal(st, &s) != nil {
			return nil
		}
		return []statement{s}
	}
	var list []statement
	if json.Unmarshal(st, &list) != nil {
		return nil
	}
	return list
}

// policyStrings reads a policy value that is one string or a list of them.
func policyStrings(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		return many
	}
	return nil
}

// requester is who sent a request, as a policy's Principal names it.
type requester struct {
	account   string     // "" when anonymous or a principal
	principal *Principal // an OAI or a service principal (principal.go)
}

// principalKind says how a Principal matches a requester.
type principalKind int

const (
	principalNone     principalKind = iota // names nobody the fake can identify
	principalWildcard                      // "*" or {"AWS": "*"}: everyone, anonymous too
	principalAccount                       // names the requester's account
)

// matchPrincipal reports how raw (a Principal value) names who.
func matchPrincipal(raw json.RawMessage, who requester) principalKind {
	raw = bytes.TrimSpace(raw)
	var star string
	if json.Unmarshal(raw, &star) == nil {
		if star == "*" {
			return principalWildcard
		}
		return principalNone
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return principalNone
	}
	best := principalNone
	for kind, v := range m {
		for _, p := range policyStrings(v) {
			switch {
			case kind == "AWS" && p == "*":
				return principalWildcard
			case who.principal != nil:
				if pr := who.principal; p != "" && (kind == "AWS" && p == pr.ARN ||
					kind == "CanonicalUser" && p == pr.CanonicalUser || kind == "Service" && p == pr.Service) {
					best = principalAccount
				}
			case who.account == "":
				// Only a wildcard names an anonymous requester.
			case kind == "AWS" && (p == who.account || p == "arn:aws:iam::"+who.account+":root"),
				kind == "CanonicalUser" && p == ownerID(who.account):
				best = principalAccount
			}
		}
	}
	return best
}

// public reports whether s, as S3 judges it ("The meaning of public" in
// "Blocking public access to your Amazon S3 storage"), could grant
// access to anyone: an Allow to a wildcard principal, or to everyone
// but NotPrincipal. Conditions are not weighed, so a wildcard Allow
// limited by one counts as public.
func (s *statement) public() bool {
	if s.Effect != "Allow" {
		return false
	}
	return len(bytes.TrimSpace(s.NotPrincipal)) > 0 || matchPrincipal(s.Principal, requester{}) == principalWildcard
}

// unsupported reports whether s uses what the fake does not evaluate.
func (s *statement) unsupported() bool {
	for _, raw := range []json.RawMessage{s.NotPrincipal, s.NotAction, s.NotResource} {
		if len(bytes.TrimSpace(raw)) > 0 {
			return true
		}
	}
	return false
}

// matches reports whether s's Principal, Action and Resource name who
// doing action on resource, and how it named the principal. The fields
// s does not evaluate are taken to match (see unsupported).
func (s *statement) matches(who requester, action, resource string) (bool, principalKind) {
	kind := principalWildcard
	if len(bytes.TrimSpace(s.NotPrincipal)) == 0 {
		if kind = matchPrincipal(s.Principal, who); kind == principalNone {
			return false, kind
		}
	}
	if len(bytes.TrimSpace(s.NotAction)) == 0 && !anyGlob(policyStrings(s.Action), action, true) {
		return false, kind
	}
	if len(bytes.TrimSpace(s.NotResource)) == 0 && !anyGlob(policyStrings(s.Resource), resource, false) {
		return false, kind
	}
	return true, kind
}

// policyDecision is the outcome of a bucket policy for one request.
type policyDecision int

const (
	policySilent policyDecision = iota // no statement applies
	policyAllow
	policyDeny // an explicit Deny: nothing else can allow the request
)

// evaluate decides who doing action on resource under statements. When
// restricted (RestrictPublicBuckets on a bucket whose policy is public),
// no Allow applies to a requester outside the owner's account, not even
// one naming its account ("Blocking public access to your Amazon S3
// storage": "public and cross-account access within any public bucket
// policy, including non-public delegation to specific accounts, is
// blocked"); a Deny still does.
func evaluate(statements []statement, who requester, action, resource string, restricted bool) policyDecision {
	out := policySilent
	for i := range statements {
		s := &statements[i]
		ok, _ := s.matches(who, action, resource)
		if !ok {
			continue
		}
		cond := s.condition(who)
		switch {
		case s.Effect == "Deny" && cond != conditionFalse:
			return policyDeny
		case s.Effect == "Allow" && !restricted && !s.unsupported() && cond == conditionTrue:
			out = policyAllow
		}
	}
	return out
}

// publicPolicy reports whether any statement is public.
func publicPolicy(statements []statement) bool {
	for i := range statements {
		if statements[i].public() {
			return true
		}
	}
	return false
}

// anyGlob reports whether any pattern matches s; fold matches case
// insensitively, as IAM compares action names.
func anyGlob(patterns []string, s string, fold bool) bool {
	for _, p := range patterns {
		if fold {
			p, s = strings.ToLower(p), strings.ToLower(s)
		}
		if glob(p, s) {
			return true
		}
	}
	return false
}

// glob matches s against pattern, where * matches any run of characters
// (slashes included) and ? any one, as in policy Action and Resource
// values.
func glob(pat, str string) bool {
	// Backtracking over the last *: linear for the patterns policies
	// hold. Runes, so ? matches one character of a UTF-8 key.
	pattern, s := []rune(pat), []rune(str)
	px, sx, star, mark := 0, 0, -1, 0
	for sx < len(s) {
		switch {
		case px < len(pattern) && (pattern[px] == '?' || pattern[px] == s[sx]):
			px++
			sx++
		case px < len(pattern) && pattern[px] == '*':
			star, mark = px, sx
			px++
		case star >= 0:
			px = star + 1
			mark++
			sx = mark
		default:
			return false
		}
	}
	for px < len(pattern) && pattern[px] == '*' {
		px++
	}
	return px == len(pattern)
}
