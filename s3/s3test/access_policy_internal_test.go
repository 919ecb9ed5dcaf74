package s3test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGlob pins the wildcards of policy Action and Resource values (IAM
// User Guide, "IAM JSON policy elements: Resource": "You can use
// wildcard characters (* and ?) within any ARN segment"; * matches
// across slashes).
func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/k", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/dir/sub/k", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b", false},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::bb/k", false},
		{"arn:aws:s3:::b*", "arn:aws:s3:::b", true},
		{"arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/é.txt", true},
		{"arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/ab.txt", false},
		{"arn:aws:s3:::b/*/x*y", "arn:aws:s3:::b/a/x1y2y", true},
		{"arn:aws:s3:::b/*/x*y", "arn:aws:s3:::b/a/x1y2", false},
		{"*", "", true},
		{"", "a", false},
	}
	for _, tt := range tests {
		if got := glob(tt.pattern, tt.s); got != tt.want {
			t.Errorf("glob(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
	if !anyGlob([]string{"S3:get*"}, "s3:GetObject", true) {
		t.Error(`action "S3:get*" does not match s3:GetObject; IAM action names are case-insensitive`)
	}
	if anyGlob([]string{"arn:aws:s3:::B/*"}, "arn:aws:s3:::b/k", false) {
		t.Error("resource ARNs matched case-insensitively")
	}
}

// TestMatchPrincipal pins which Principal values name whom (IAM User
// Guide, "AWS JSON policy elements: Principal": "*" and {"AWS": "*"}
// are everyone, anonymous users included; an account is named by its ID
// or arn:aws:iam::ID:root).
func TestMatchPrincipal(t *testing.T) {
	const other = "444455556666"
	tests := []struct {
		principal string
		anon      principalKind
		signed    principalKind
	}{
		{`"*"`, principalWildcard, principalWildcard},
		{`{"AWS":"*"}`, principalWildcard, principalWildcard},
		{`{"AWS":["111122223333","*"]}`, principalWildcard, principalWildcard},
		{`{"AWS":"444455556666"}`, principalNone, principalAccount},
		{`{"AWS":["arn:aws:iam::444455556666:root"]}`, principalNone, principalAccount},
		{`{"CanonicalUser":"` + ownerID(other) + `"}`, principalNone, principalAccount},
		{`{"AWS":"arn:aws:iam::444455556666:user/bob"}`, principalNone, principalNone},
		{`{"Service":"cloudfront.amazonaws.com"}`, principalNone, principalNone},
		{`"444455556666"`, principalNone, principalNone},
	}
	for _, tt := range tests {
		got := [2]principalKind{matchPrincipal(json.RawMessage(tt.principal), requester{}),
			matchPrincipal(json.RawMessage(tt.principal), requester{account: other})}
		if diff := cmp.Diff([2]principalKind{tt.anon, tt.signed}, got); diff != "" {
			t.Errorf("Principal %s: anonymous, signed (-want +got):\n%s", tt.principal, diff)
		}
	}
}

// TestEvaluateUnsupported pins how the fake treats what it does not
// evaluate: an Allow with a Condition or NotResource never applies, a
// Deny with one always does.
func TestEvaluateUnsupported(t *testing.T) {
	const obj = "arn:aws:s3:::b/k"
	tests := []struct {
		policy string
		want   policyDecision
	}{
		{`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`, policyAllow},
		{`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`, policySilent},
		{`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","NotResource":"arn:aws:s3:::b/secret/*"}}`, policySilent},
		{`{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`, policyDeny},
		{`{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}}`, policyDeny},
		{`{"Statement":[{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}]}`, policyDeny},
		{`not json`, policySilent},
	}
	for _, tt := range tests {
		if got := evaluate(parseStatements([]byte(tt.policy)), requester{}, "s3:GetObject", obj, false); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.policy, got, tt.want)
		}
	}
}
