package sdb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/sigv2"
	"github.com/goboto/goboto/sdb"
)

// Test credentials: public test values, not secrets.
const (
	testKey    = "AKIDSDBTEST000000001"
	testSecret = "sdb/test/secret/000000000000000000001"
)

// call is one request as the recorder saw it.
type call struct {
	Action   string
	Host     string
	Form     url.Values // signing parameters removed
	Key      string     // AWSAccessKeyId
	Token    string     // SecurityToken
	Sig      string     // Signature
	Verified bool
}

// answerFunc answers the n-th call (1-based) of the recorder.
type answerFunc func(n int, c call) (status int, body string)

// recorder is an httptest server that records every SimpleDB request,
// checks its signature against the secrets it knows, and answers as told.
type recorder struct {
	*httptest.Server
	answer  answerFunc
	secrets map[string]string

	mu    sync.Mutex
	calls []call
}

func newRecorder(t testing.TB, answer answerFunc) *recorder {
	t.Helper()
	r := &recorder{answer: answer, secrets: map[string]string{testKey: testSecret}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) serve(w http.ResponseWriter, req *http.Request) {
	if err := req.ParseForm(); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	form := req.PostForm
	secret, known := r.secrets[form.Get("AWSAccessKeyId")]
	c := call{
		Action:   form.Get("Action"),
		Host:     req.Host,
		Key:      form.Get("AWSAccessKeyId"),
		Token:    form.Get("SecurityToken"),
		Sig:      form.Get("Signature"),
		Verified: known && sigv2.Verify(form, req.Method, req.Host, req.URL.Path, secret),
		Form:     url.Values{},
	}
	for k, v := range form {
		switch k {
		case "AWSAccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "Timestamp", "SecurityToken":
		default:
			c.Form[k] = v
		}
	}
	r.mu.Lock()
	r.calls = append(r.calls, c)
	n := len(r.calls)
	r.mu.Unlock()
	if !c.Verified {
		writeAnswer(w, 403, errorBody("SignatureDoesNotMatch", "bad signature"))
		return
	}
	status, body := r.answer(n, c)
	writeAnswer(w, status, body)
}

func writeAnswer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

func (r *recorder) seen() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

func (r *recorder) actions() []string {
	var out []string
	for _, c := range r.seen() {
		out = append(out, c.Action)
	}
	return out
}

// conn connects to the recorder as region, with fast retries.
func (r *recorder) conn(region string, opts ...goboto.Option) *sdb.Conn {
	cfg := aws.Config{
		Region:      region,
		Credentials: aws.NewCredentialsCache(staticProvider(testKey, testSecret, "")),
		HTTPClient:  r.Client(),
	}
	opts = append([]goboto.Option{goboto.WithEndpoint(r.URL), goboto.WithRetry(3, time.Millisecond)}, opts...)
	return sdb.New(cfg, opts...)
}

func staticProvider(key, secret, token string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: key, SecretAccessKey: secret, SessionToken: token}, nil
	})
}

// ok is a success answer for action with result inside <actionResult>.
func ok(action, result string) string {
	res := ""
	if result != "" {
		res = "<" + action + "Result>" + result + "</" + action + "Result>"
	}
	return `<?xml version="1.0"?><` + action + `Response xmlns="http://sdb.amazonaws.com/doc/2009-04-15/">` + res +
		`<ResponseMetadata><RequestId>req-` + action + `</RequestId><BoxUsage>0.0000219907</BoxUsage></ResponseMetadata></` + action + `Response>`
}

func errorBody(code, msg string) string {
	return `<?xml version="1.0"?><Response><Errors><Error><Code>` + code + `</Code><Message>` + msg +
		`</Message><BoxUsage>0.0000137</BoxUsage></Error></Errors><RequestID>req-err</RequestID></Response>`
}

// okAll answers every call with an empty success.
func okAll(_ int, c call) (int, string) { return 200, ok(c.Action, "") }

// formText renders a form one "key: value" line each, sorted, the way the
// golden files hold them.
func formText(form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range form[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	return b.String()
}
