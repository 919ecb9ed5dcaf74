package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/cloudfront"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/examples/exenv"
	"github.com/goboto/goboto/s3"
)

// cachingOptimized is the AWS managed cache policy
// Managed-CachingOptimized (CloudFront Developer Guide, "Use managed
// cache policies").
const cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"

// walk is what every step shares: the transcript, the connections, the
// clients a viewer and a stranger use, and the cleanups to run at the
// end, last made first deleted.
type walk struct {
	w      io.Writer
	env    *exenv.Env
	clock  timeline
	cf     *cloudfront.Conn
	s3     *s3.Conn
	viewer *http.Client // reaches CloudFront's edge
	direct *http.Client // reaches S3 without credentials
	suffix string       // of bucket names, random on AWS

	cleanups []func(context.Context) error
}

func run(ctx context.Context, w io.Writer, env *exenv.Env, clock timeline) (err error) {
	k := &walk{w: w, env: env, clock: clock, cf: cloudfront.New(env.Config), s3: s3.New(env.Config)}
	k.viewer = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	k.direct = http.DefaultClient
	where := "your AWS account"
	if env.Local {
		where = "the local cloud (in-process; its edge serves *.cloudfront.net)"
		k.viewer = cloudfronttest.EdgeClient(env.Cloud.Server)
		k.direct = env.Cloud.HTTPClient()
	} else {
		var b [4]byte
		_, _ = rand.Read(b[:])
		k.suffix = "-" + hex.EncodeToString(b[:])
	}
	defer func() {
		for _, c := range slices.Backward(k.cleanups) {
			if cerr := c(ctx); cerr != nil && err == nil {
				err = cerr
			}
		}
	}()
	k.printf("boto's CloudFront walkthrough on today's AWS, running against %s\n", where)
	k.call("conn := cloudfront.New(cfg)   // signed for %s whatever cfg's region: CloudFront is global", k.cf.Region())
	steps := []struct {
		title string
		run   func(context.Context) error
	}{
		{"A public distribution on an S3 origin", k.public},
		{"A streaming distribution", k.streaming},
		{"Going private", k.private},
	}
	for i, s := range steps {
		k.printf("\n== %d. %s\n", i+1, s.title)
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.title, err)
		}
	}
	k.printf("\nCleaning up: distributions disabled, deployed and deleted, then what they used.\n")
	return nil
}

func (k *walk) printf(format string, args ...any) { fmt.Fprintf(k.w, format, args...) }
func (k *walk) call(format string, args ...any)   { fmt.Fprintf(k.w, "> "+format+"\n", args...) }
func (k *walk) result(format string, args ...any) { fmt.Fprintf(k.w, "    "+format+"\n", args...) }

// atEnd runs c at the end of the walkthrough, before what was deferred
// earlier.
func (k *walk) atEnd(c func(context.Context) error) { k.cleanups = append(k.cleanups, c) }

// unique is name, with a random suffix on AWS, where bucket names (and
// the names of keys, groups and OACs in an account) must not clash.
func (k *walk) unique(name string) string { return name + k.suffix }

// label hides the random part of names, so the transcript reads the
// same everywhere.
func (k *walk) label(s string) string {
	if k.suffix == "" {
		return s
	}
	return strings.ReplaceAll(s, k.suffix, "-…")
}

// createBucket makes a bucket that is emptied and deleted at the end.
func (k *walk) createBucket(ctx context.Context, name string) (*s3.Bucket, error) {
	b, err := k.s3.CreateBucket(ctx, name)
	if err != nil {
		return nil, err
	}
	k.atEnd(func(ctx context.Context) error {
		var keys []string
		for key, err := range b.Keys(ctx) {
			if err != nil {
				return err
			}
			keys = append(keys, key.Name)
		}
		if len(keys) > 0 {
			if err := b.DeleteKeys(ctx, keys); err != nil {
				return err
			}
		}
		return b.Delete(ctx)
	})
	return b, nil
}

// createDistribution creates cfg, deletes it at the end, and waits for
// it to deploy.
func (k *walk) createDistribution(ctx context.Context, v string, cfg cloudfront.DistributionConfig) (*cloudfront.Distribution, error) {
	d, err := k.cf.CreateDistribution(ctx, cfg)
	if err != nil {
		return nil, err
	}
	k.atEnd(func(ctx context.Context) error { return d.Delete(ctx) })
	k.result("%s at %s, %s", d.ID, d.DomainName, d.Status)
	return d, k.deployed(ctx, v, d)
}

// deployed waits for d's last change to deploy; v is its name in the
// transcript.
func (k *walk) deployed(ctx context.Context, v string, d *cloudfront.Distribution) error {
	k.call("%s.Wait(ctx, cloudfront.DistributionDeployed)   // minutes on AWS, at once on the local cloud", v)
	if err := d.Wait(ctx, cloudfront.DistributionDeployed); err != nil {
		return err
	}
	k.result("%s", d.Status)
	return nil
}

// answer is what came back for a request: status, X-Cache, and the
// body or, for an error document, its code.
type answer struct {
	status int
	xcache string
	body   string
}

func (a answer) String() string {
	s := fmt.Sprintf("%d", a.status)
	if a.xcache != "" {
		s += ", X-Cache: " + a.xcache
	}
	return s + ", " + a.body
}

// errorCode finds the <Code> of CloudFront's and S3's XML errors.
var errorCode = regexp.MustCompile(`<Code>([^<]*)</Code>`)

// get sends req with client and reads the answer.
func get(client *http.Client, req *http.Request) (answer, error) {
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return answer{}, err
	}
	a := answer{status: resp.StatusCode, xcache: resp.Header.Get("X-Cache"), body: fmt.Sprintf("%q", body)}
	if m := errorCode.FindSubmatch(body); resp.StatusCode >= 400 && m != nil {
		a.body = "error " + string(m[1])
	}
	return a, nil
}

// view fetches rawURL as a viewer, through CloudFront, with cookies.
func (k *walk) view(ctx context.Context, rawURL string, cookies ...*http.Cookie) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return answer{}, err
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	return get(k.viewer, req)
}

// anonymous fetches key of bucket straight from S3 without credentials,
// going around CloudFront: the URL is the object's own, a presigned URL
// with its signature taken off.
func (k *walk) anonymous(ctx context.Context, key *s3.Key) (answer, error) {
	pre, err := key.PresignGet(ctx, time.Minute)
	if err != nil {
		return answer{}, err
	}
	bare, _, _ := strings.Cut(pre.URL, "?")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, bare, nil)
	if err != nil {
		return answer{}, err
	}
	return get(k.direct, req)
}
