package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/internal/sigv2"
)

// floorCall gives the "floor" client: each call is a request signed
// before the measured loop began and sent with a bare net/http client,
// its answer read into a buffer and not decoded. No Go client can spend
// less CPU per call against the same server, so it bounds from below
// what any ratio against boto 2 can reach (issue 16's Why table asks for
// 10× less CPU than boto 2 on SimpleDB puts). It runs the workloads
// whose requests can be signed ahead: SimpleDB put and S3 get.
func floorCall(ctx context.Context, cfg aws.Config, endpoint, workload string, n int) (func(context.Context, int) (int64, error), error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, err
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, err
	}
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	var buf bytes.Buffer
	send := func(req *http.Request) (int64, error) {
		resp, err := hc.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		buf.Reset()
		m, err := buf.ReadFrom(resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d: %s", resp.StatusCode, buf.String())
		}
		return m, err
	}
	warm := warmups(n) // loop's warm-up calls, numbered -1 down
	switch workload {
	case "sdb-put":
		// As the goboto worker's: item "put<i>", three attributes
		// replaced.
		bodies := map[int]string{}
		now := time.Now()
		for i := -warm; i < n; i++ {
			form := url.Values{
				"Action": {"PutAttributes"}, "Version": {"2009-04-15"},
				"DomainName": {benchDomain}, "ItemName": {"put" + strconv.Itoa(i)},
			}
			for k, a := range [][2]string{{"a", "1"}, {"b", "two"}, {"c", strconv.Itoa(i)}} {
				p := "Attribute." + strconv.Itoa(k+1) + "."
				form.Set(p+"Name", a[0])
				form.Set(p+"Value", a[1])
				form.Set(p+"Replace", "true")
			}
			sigv2.Sign(form, http.MethodPost, u.Host, "/", sigv2.Credentials{AccessKeyID: creds.AccessKeyID,
				SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken}, now)
			bodies[i] = form.Encode()
		}
		target := endpoint + "/"
		return func(ctx context.Context, i int) (int64, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(bodies[i]))
			if err != nil {
				return 0, err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			_, err = send(req)
			return 0, err
		}, nil
	case "s3-get":
		c := awss3.NewFromConfig(cfg, func(o *awss3.Options) {
			o.UsePathStyle = true
			o.BaseEndpoint = aws.String(endpoint)
		})
		signed, err := awss3.NewPresignClient(c).PresignGetObject(ctx,
			&awss3.GetObjectInput{Bucket: aws.String(benchBucket), Key: aws.String(smallKey)})
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, i int) (int64, error) {
			req, err := http.NewRequestWithContext(ctx, signed.Method, signed.URL, nil)
			if err != nil {
				return 0, err
			}
			req.Header = signed.SignedHeader.Clone()
			return send(req)
		}, nil
	}
	return nil, skipError("the floor runs only requests that can be signed before the loop (sdb-put, s3-get)")
}
