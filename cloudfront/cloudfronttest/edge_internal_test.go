package cloudfronttest

import "testing"

func TestOriginBucket(t *testing.T) {
	for domain, want := range map[string]string{
		"site.s3.amazonaws.com":                 "site",
		"site.s3.us-west-2.amazonaws.com":       "site",
		"site.s3-us-west-2.amazonaws.com":       "site",
		"my.s3.logs.s3.eu-west-1.amazonaws.com": "my.s3.logs",
		"Site.S3.amazonaws.com":                 "site",
	} {
		if got := originBucket(domain); got != want {
			t.Errorf("originBucket(%q) = %q, want %q", domain, got, want)
		}
	}
}
