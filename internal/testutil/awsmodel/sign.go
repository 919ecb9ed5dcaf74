package awsmodel

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/goboto/goboto/internal/sigv2"
)

// Signer signs a built request in place.
type Signer func(*http.Request) error

// SignV4 returns a Signer for Signature Version 4 with aws-sdk-go-v2's
// signer, for service (the model's Metadata.Signing()) in region. It sets
// X-Amz-Content-Sha256, which S3 requires and other services ignore. A nil
// now means time.Now.
func SignV4(creds aws.Credentials, region, service string, now func() time.Time) Signer {
	if now == nil {
		now = time.Now
	}
	signer := v4.NewSigner()
	return func(req *http.Request) error {
		body, err := readBody(req)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])
		req.Header.Set("X-Amz-Content-Sha256", hash)
		return signer.SignHTTP(context.Background(), creds, req, hash, service, region, now())
	}
}

// SignV2 returns a Signer for Signature Version 2 (SimpleDB) over a POST
// form body, as internal/query sends it. A nil now means time.Now.
func SignV2(creds aws.Credentials, now func() time.Time) Signer {
	if now == nil {
		now = time.Now
	}
	return func(req *http.Request) error {
		body, err := readBody(req)
		if err != nil {
			return err
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return fmt.Errorf("awsmodel: SigV2 needs a form body: %w", err)
		}
		host := req.Host
		if host == "" {
			host = req.URL.Host
		}
		sigv2.Sign(form, req.Method, host, req.URL.EscapedPath(), sigv2.Credentials{
			AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken,
		}, now())
		setBody(req, []byte(form.Encode()))
		return nil
	}
}

// readBody returns the request's body and leaves an unread copy in place.
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	setBody(req, b)
	return b, nil
}

func setBody(req *http.Request, b []byte) {
	req.ContentLength = int64(len(b))
	if len(b) == 0 {
		req.Body, req.GetBody = http.NoBody, nil
		return
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
}
