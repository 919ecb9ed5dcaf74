package cloudfront

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestS3Domain(t *testing.T) {
	type res struct {
		Bucket, Region string
		OK             bool
	}
	for domain, want := range map[string]res{
		"site.s3.amazonaws.com":                   {"site", "", true},
		"site.s3.us-west-2.amazonaws.com":         {"site", "us-west-2", true},
		"site.s3-us-west-2.amazonaws.com":         {"site", "us-west-2", true},
		"a.b.s3.eu-west-1.amazonaws.com":          {"a.b", "eu-west-1", true},
		"site.s3.cn-north-1.amazonaws.com.cn":     {"site", "cn-north-1", true},
		"site.s3-website-us-east-1.amazonaws.com": {},
		"www.example.com":                         {},
		"s3.amazonaws.com":                        {},
	} {
		b, r, ok := s3Domain(domain)
		if diff := cmp.Diff(want, res{b, r, ok}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", domain, diff)
		}
	}
}

// TestMergeStatement: adding AddObject's statement keeps every other
// statement and top-level member, replaces its own when it changed, and
// leaves the policy alone when it is there already.
func TestMergeStatement(t *testing.T) {
	st := oaiStatement("b", "E1", OAIPrincipalARN("E1"))
	doc := `{"Id":"keep","Version":"2012-10-17","Statement":{"Sid":"Other","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b"}}`
	out, changed, err := mergeStatement([]byte(doc), st)
	if err != nil || !changed {
		t.Fatalf("first merge: %v %v", changed, err)
	}
	var got struct {
		ID        string `json:"Id"`
		Statement []struct{ Sid string }
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("keep", got.ID); diff != "" {
		t.Error(diff)
	}
	if len(got.Statement) != 2 || got.Statement[0].Sid != "Other" || got.Statement[1].Sid != "GobotoCloudFrontOAIE1" {
		t.Errorf("statements %+v", got.Statement)
	}
	again, changed, err := mergeStatement(out, st)
	if err != nil || changed || string(again) != string(out) {
		t.Errorf("second merge changed the policy: %v %v", changed, err)
	}
	st.Resource = "arn:aws:s3:::b/public/*"
	third, changed, err := mergeStatement(out, st)
	if err != nil || !changed {
		t.Fatalf("changed statement: %v %v", changed, err)
	}
	if err := json.Unmarshal(third, &got); err != nil || len(got.Statement) != 2 {
		t.Errorf("replaced, not added: %s", third)
	}
	if _, _, err := mergeStatement([]byte(`[1]`), st); err == nil {
		t.Error("a policy that is no object was merged")
	}
	empty, changed, err := mergeStatement(nil, st)
	if err != nil || !changed || !json.Valid(empty) {
		t.Errorf("no policy: %s %v %v", empty, changed, err)
	}
}
