package core

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
)

type clientFunc func(*http.Request) (*http.Response, error)

func (f clientFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestConfigDetachesBodies: the client Config installs hands the transport
// a rewindable copy of a small body, not the SDK's stream.
func TestConfigDetachesBodies(t *testing.T) {
	const payload = "Action=DescribeRegions&Version=2016-11-15"
	var got string
	var rewindable bool
	cfg := Config(aws.Config{HTTPClient: clientFunc(func(r *http.Request) (*http.Response, error) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		got, rewindable = string(b), r.GetBody != nil
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	})}, goboto.Options{})
	req, _ := http.NewRequest("POST", "http://example.invalid/", io.NopCloser(strings.NewReader(payload)))
	req.ContentLength = int64(len(payload))
	if _, err := cfg.HTTPClient.Do(req); err != nil {
		t.Fatal(err)
	}
	if got != payload || !rewindable {
		t.Errorf("transport read %q (rewindable %v), want %q, rewindable", got, rewindable, payload)
	}
}
