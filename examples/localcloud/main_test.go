package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/sigv2"
	"github.com/goboto/goboto/sdb"
)

// TestRun starts the command's server on a free port, uses the endpoint
// its banner prints, and stops it by cancelling the context.
func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		region string
		tls    bool
	}{
		{"default region", fake.DefaultRegion, false},
		{"other region", "eu-west-1", false},
		{"tls", "ap-southeast-2", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The timeout only keeps a broken run from hanging the test.
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			pr, pw := io.Pipe()
			done := make(chan error, 1)
			go func() {
				err := run(ctx, pw, "127.0.0.1:0", tt.region, tt.tls, false)
				pw.Close()
				done <- err
			}()

			out := bufio.NewReader(pr)
			first, err := out.ReadString('\n')
			if err != nil {
				t.Fatalf("read banner: %v (run: %v)", err, <-done)
			}
			const prefix = "localcloud: serving SimpleDB, EC2, S3, RDS and SQS fakes at "
			endpoint, ok := strings.CutPrefix(strings.TrimSpace(first), prefix)
			if !ok {
				t.Fatalf("first line = %q, want %q and the URL", first, prefix)
			}
			scheme := "http"
			if tt.tls {
				scheme = "https"
			}
			u, err := url.Parse(endpoint)
			if err != nil || u.Scheme != scheme || u.Hostname() != "127.0.0.1" || u.Port() == "" || u.Port() == "0" {
				t.Fatalf("endpoint %q, want %s://127.0.0.1:<port> (%v)", endpoint, scheme, err)
			}

			client := &http.Client{Transport: &http.Transport{
				Proxy:             nil,
				DisableKeepAlives: true,
				// A test talking to its own self-signed loopback server.
				TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
			}}
			checkDefaultRegion(t, client, endpoint, tt.region)

			cancel()
			rest, err := io.ReadAll(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatalf("run = %v, want nil after cancel", err)
			}
			banner := first + string(rest)
			owner := fake.DefaultCredentials()[0]
			for _, want := range []string{
				"default region (for requests that show none): " + tt.region + "\n",
				"account " + owner.AccountID + "  access key " + owner.AccessKeyID + "  secret " + owner.SecretAccessKey + "\n",
				"AWS_DEFAULT_REGION=" + tt.region + "\n",
				"aws --endpoint-url " + endpoint + " sdb list-domains\n",
				fmt.Sprintf("goboto.WithEndpoint(%q)", endpoint),
			} {
				if !strings.Contains(banner, want) {
					t.Errorf("banner lacks %q:\n%s", want, banner)
				}
			}
			if !strings.HasSuffix(banner, "\nlocalcloud: stopped\n") {
				t.Errorf("output does not end with the stop notice:\n%s", banner)
			}
			if resp, err := client.Get(endpoint); err == nil {
				resp.Body.Close()
				t.Errorf("GET %s after run returned: status %d, want the server gone", endpoint, resp.StatusCode)
			}
		})
	}
}

// checkDefaultRegion creates a domain with a request whose Host is the
// endpoint's, which names no region, and finds it with goboto's client in
// region: the -region flag took effect.
func checkDefaultRegion(t *testing.T, client *http.Client, endpoint, region string) {
	t.Helper()
	u, _ := url.Parse(endpoint)
	cred := fake.DefaultCredentials()[0]
	params := url.Values{"Action": {"CreateDomain"}, "Version": {"2009-04-15"}, "DomainName": {"banner-check"}}
	sigv2.Sign(params, http.MethodPost, u.Host, "/", sigv2.Credentials{
		AccessKeyID: cred.AccessKeyID, SecretAccessKey: cred.SecretAccessKey,
	}, time.Now())
	resp, err := client.PostForm(endpoint+"/", params)
	if err != nil {
		t.Fatalf("CreateDomain: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("CreateDomain: status %d: %s", resp.StatusCode, body)
	}

	conn := sdb.New(aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(cred.AccessKeyID, cred.SecretAccessKey, ""),
		BaseEndpoint: aws.String(endpoint),
		HTTPClient:   client,
	})
	var got []string
	for d, err := range conn.Domains(t.Context()) {
		if err != nil {
			t.Fatalf("goboto Domains in %s: %v", region, err)
		}
		got = append(got, d.Name())
	}
	if diff := cmp.Diff([]string{"banner-check"}, got); diff != "" {
		t.Errorf("goboto Domains in %s (-want +got):\n%s", region, diff)
	}
}

// TestRunAddressInUse checks that run reports a listen failure rather
// than printing a banner.
func TestRunAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var out strings.Builder
	err = run(t.Context(), &out, ln.Addr().String(), fake.DefaultRegion, false, false)
	if err == nil {
		t.Fatalf("run on %s, which is taken, = nil, want an error", ln.Addr())
	}
	if out.Len() != 0 {
		t.Errorf("run printed %q before failing, want nothing", out.String())
	}
}
