package rdstest

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// stallWriter is the server side of a client that has stopped reading:
// its socket buffers are full, so Write blocks until release is closed.
// A real socket cannot be made to block this reliably, because loopback
// buffers hold a whole page of the biggest answer RDS pages allow.
type stallWriter struct {
	header  http.Header
	writing chan struct{} // closed at the first Write
	release chan struct{}
	once    sync.Once
	body    bytes.Buffer
}

func (w *stallWriter) Header() http.Header { return w.header }
func (w *stallWriter) WriteHeader(int)     {}
func (w *stallWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.writing) })
	<-w.release
	return w.body.Write(p)
}

func request(op string, params url.Values) *fake.Request {
	params.Set("Action", op)
	return &fake.Request{Service: "rds", Operation: op, Params: params, Region: fake.DefaultRegion,
		Credential: fake.DefaultCredentials()[0], RequestID: "req-" + op, SigVersion: 4, Now: time.Now()}
}

// A client that stalls while reading a big answer (a page of
// DescribeDBParameters) must not hold up other clients: the fake renders
// the answer under its lock and writes it after releasing the lock.
func TestStalledReaderBlocksNobody(t *testing.T) {
	b, _ := NewBackend()
	stalled := &stallWriter{header: http.Header{}, writing: make(chan struct{}), release: make(chan struct{})}
	first := make(chan error, 1)
	go func() {
		first <- b.handle(stalled, request("DescribeDBParameters", url.Values{"DBParameterGroupName": {"default.mysql8.0"}}))
	}()
	select {
	case <-stalled.writing:
	case err := <-first:
		t.Fatalf("DescribeDBParameters returned %v without writing", err)
	}

	second := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		rec := httptest.NewRecorder()
		if err := b.handle(rec, request("DescribeDBInstances", url.Values{})); err != nil {
			t.Errorf("DescribeDBInstances: %v", err)
		}
		second <- rec
	}()
	// The guard only turns a deadlock into a failure; it times nothing.
	select {
	case rec := <-second:
		if !strings.Contains(rec.Body.String(), "<DescribeDBInstancesResponse") {
			t.Errorf("DescribeDBInstances answered %q", rec.Body.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("DescribeDBInstances is blocked behind a client that stalled reading DescribeDBParameters")
	}

	close(stalled.release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	var page struct {
		Parameters []struct{ ParameterName string } `xml:"DescribeDBParametersResult>Parameters>Parameter"`
	}
	if err := xml.Unmarshal(stalled.body.Bytes(), &page); err != nil {
		t.Fatalf("stalled answer: %v", err)
	}
	if len(page.Parameters) != 100 {
		t.Errorf("the stalled answer has %d parameters; want a full page of 100", len(page.Parameters))
	}
}
