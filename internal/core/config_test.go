package core

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto"
)

func TestEndpointOverride(t *testing.T) {
	for _, tc := range []struct {
		name      string
		cfg       aws.Config
		o         goboto.Options
		want      string
		pathStyle bool
	}{
		{"none", aws.Config{}, goboto.Options{}, "", false},
		{"from cfg", aws.Config{BaseEndpoint: aws.String("http://127.0.0.1:4566")}, goboto.Options{}, "http://127.0.0.1:4566", true},
		{"option wins", aws.Config{BaseEndpoint: aws.String("http://a")}, goboto.Options{Endpoint: "http://b"}, "http://b", true},
	} {
		if got := Endpoint(tc.cfg, tc.o); got != tc.want {
			t.Errorf("%s: Endpoint = %q, want %q", tc.name, got, tc.want)
		}
		if got := PathStyle(tc.cfg, tc.o); got != tc.pathStyle {
			t.Errorf("%s: PathStyle = %v, want %v", tc.name, got, tc.pathStyle)
		}
		out := Config(tc.cfg, tc.o)
		var got string
		if out.BaseEndpoint != nil {
			got = *out.BaseEndpoint
		}
		if got != tc.want {
			t.Errorf("%s: Config().BaseEndpoint = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestConfigLeavesCallerAlone checks that Config copies: the caller's
// aws.Config keeps its own retryer, endpoint and middleware list.
func TestConfigLeavesCallerAlone(t *testing.T) {
	cfg := aws.Config{Region: "us-west-2"}
	cfg.APIOptions = make([]func(*middleware.Stack) error, 0, 4)
	out := Config(cfg, goboto.Options{Endpoint: "http://x", MaxAttempts: 9})
	if cfg.BaseEndpoint != nil || cfg.Retryer != nil || len(cfg.APIOptions) != 0 {
		t.Errorf("caller's config changed: %+v", cfg)
	}
	if out.Retryer == nil || out.Retryer().MaxAttempts() != 9 {
		t.Error("retryer not installed")
	}
	if len(out.APIOptions) != 2 {
		t.Errorf("APIOptions = %d, want the user-agent middleware and the region check", len(out.APIOptions))
	}
	// Appending to the copy must not write into the caller's spare capacity.
	out2 := Config(cfg, goboto.Options{})
	if &out.APIOptions[0] == &out2.APIOptions[0] {
		t.Error("two configs share one APIOptions backing array")
	}
	if out.Region != "us-west-2" {
		t.Errorf("Region = %q", out.Region)
	}
}

// A hand-built aws.Config leaves RequestMinCompressSizeBytes at zero, which
// makes aws-sdk-go-v2 gzip every body; Config restores the 10240 bytes
// config.LoadDefaultConfig would have set (AWS SDKs and Tools reference
// guide, "Request compression settings": default 10240) and keeps any
// value the caller chose.
func TestConfigCompressionThreshold(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      int64
		disable bool
		want    int64
	}{
		{"unset", 0, false, 10240},
		{"caller's value", 1, false, 1},
		{"caller's large value", 1 << 20, false, 1 << 20},
		{"disabled is kept disabled", 0, true, 10240},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := aws.Config{Region: "us-east-1", RequestMinCompressSizeBytes: tc.in, DisableRequestCompression: tc.disable}
			out := Config(cfg, goboto.Options{})
			if out.RequestMinCompressSizeBytes != tc.want {
				t.Errorf("RequestMinCompressSizeBytes = %d, want %d", out.RequestMinCompressSizeBytes, tc.want)
			}
			if out.DisableRequestCompression != tc.disable {
				t.Errorf("DisableRequestCompression = %v, want %v", out.DisableRequestCompression, tc.disable)
			}
			if cfg.RequestMinCompressSizeBytes != tc.in {
				t.Errorf("caller's config changed to %d", cfg.RequestMinCompressSizeBytes)
			}
		})
	}
}
