package fake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

func TestCBORRoundTrip(t *testing.T) {
	when := time.Date(2026, 12, 6, 11, 30, 15, 250e6, time.UTC)
	in := map[string]any{
		"s": "text", "b": []byte{0, 1, 2}, "t": true, "f": false, "nil": nil,
		"zero": int64(0), "big": int64(math.MaxInt64), "neg": int64(-1), "min": int64(math.MinInt64),
		"huge": uint64(math.MaxUint64), "x": 2.5, "when": when,
		"list": []any{"a", int64(2), map[string]any{"k": "v"}},
	}
	b, err := EncodeCBOR(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseCBOR(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestParseCBORRefuses(t *testing.T) {
	for name, body := range map[string][]byte{
		"not a map":     {0x01},                              // the integer 1
		"bignum tag":    {0xa1, 0x61, 'n', 0xc2, 0x41, 0x01}, // {"n": tag 2 (bignum)}
		"truncated map": {0xa2, 0x61, 'a'},
	} {
		if _, err := ParseCBOR(body); err == nil {
			t.Errorf("%s: ParseCBOR accepted % x", name, body)
		}
	}
	if m, err := ParseCBOR(nil); err != nil || len(m) != 0 {
		t.Errorf("empty body: %v, %v; want an empty map", m, err)
	}
}

// cwServer hosts one RPC v2 CBOR service, "monitoring", whose handler is
// the test's.
func cwServer(t *testing.T, handle func(w http.ResponseWriter, r *Request) error) *Server {
	t.Helper()
	s := NewServer(Options{},
		Service{Name: "monitoring", Protocol: RPCv2CBOR, Handle: handle})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The fake's CBOR is checked against the v2 CloudWatch client itself: a
// request it encodes decodes to what was asked, and an answer the fake
// encodes decodes in the client to what was meant, timestamps included.
// (Smithy RPC v2 CBOR protocol: POST /service/{service}/operation/{op},
// Smithy-Protocol: rpc-v2-cbor, timestamps as tag 1.)
func TestCBORAgainstCloudWatchClient(t *testing.T) {
	start := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	var seen map[string]any
	var header http.Header
	var op, path string
	srv := cwServer(t, func(w http.ResponseWriter, r *Request) error {
		var err error
		if seen, err = ParseCBOR(r.Body); err != nil {
			return err
		}
		header, op, path = r.HTTP.Header.Clone(), r.Operation, r.HTTP.URL.Path
		switch r.Operation {
		case "GetMetricStatistics":
			return WriteCBOR(w, map[string]any{
				"Label": "CPUUtilization",
				"Datapoints": []any{
					map[string]any{"Timestamp": start.Add(time.Minute), "Average": 12.5, "Unit": "Percent"},
					map[string]any{"Timestamp": start, "Average": int64(7), "Unit": "Percent"},
				},
			})
		case "PutMetricData":
			return WriteCBOR(w, nil)
		}
		return &Error{Status: 400, Code: "InvalidParameterValueException", QueryCode: "InvalidParameterValue",
			Message: "The parameter Namespace must not start with AWS/", Sender: true}
	})
	cfg := srv.Config("us-east-1", mainCred)
	client := cloudwatch.NewFromConfig(cfg)
	ctx := context.Background()

	out, err := client.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String("AWS/EC2"), MetricName: aws.String("CPUUtilization"),
		Dimensions: []types.Dimension{{Name: aws.String("InstanceId"), Value: aws.String("i-0123456789abcdef0")}},
		StartTime:  aws.Time(start), EndTime: aws.Time(start.Add(time.Hour)), Period: aws.Int32(60),
		Statistics: []types.Statistic{types.StatisticAverage}, Unit: types.StandardUnitPercent,
	})
	if err != nil {
		t.Fatal(err)
	}
	if op != "GetMetricStatistics" || path != "/service/GraniteServiceVersion20100801/operation/GetMetricStatistics" {
		t.Errorf("operation %q from path %q", op, path)
	}
	if got := header.Get("Smithy-Protocol"); got != "rpc-v2-cbor" {
		t.Errorf("Smithy-Protocol = %q", got)
	}
	wantReq := map[string]any{
		"Namespace": "AWS/EC2", "MetricName": "CPUUtilization",
		"Dimensions": []any{map[string]any{"Name": "InstanceId", "Value": "i-0123456789abcdef0"}},
		"StartTime":  start, "EndTime": start.Add(time.Hour), "Period": int64(60),
		"Statistics": []any{"Average"}, "Unit": "Percent",
	}
	if diff := cmp.Diff(wantReq, seen); diff != "" {
		t.Errorf("request as the fake decoded it (-want +got):\n%s", diff)
	}
	type point struct {
		At  time.Time
		Avg float64
	}
	var got []point
	for _, d := range out.Datapoints {
		got = append(got, point{aws.ToTime(d.Timestamp).UTC(), aws.ToFloat64(d.Average)})
		if d.Unit != types.StandardUnitPercent {
			t.Errorf("unit %q", d.Unit)
		}
	}
	want := []point{{start.Add(time.Minute), 12.5}, {start, 7}}
	if diff := cmp.Diff(want, got); diff != "" || aws.ToString(out.Label) != "CPUUtilization" {
		t.Errorf("answer as the client decoded it (-want +got):\n%s label %q", diff, aws.ToString(out.Label))
	}

	// An operation with no output answers {}.
	if _, err := client.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"),
		MetricData: []types.MetricDatum{{MetricName: aws.String("m"), Value: aws.Float64(1)}}}); err != nil {
		t.Fatalf("PutMetricData: %v", err)
	}

	// Errors: the client reads __type and, being query-compatible, takes
	// the legacy code from x-amzn-query-error.
	_, err = client.ListMetrics(ctx, &cloudwatch.ListMetricsInput{})
	var ipv *types.InvalidParameterValueException
	if !errors.As(err, &ipv) {
		t.Fatalf("ListMetrics error %T %v; want *types.InvalidParameterValueException", err, err)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidParameterValue" || ae.ErrorFault() != smithy.FaultClient {
		t.Errorf("error code %q fault %v; want InvalidParameterValue, client", ae.ErrorCode(), ae.ErrorFault())
	}
	if ipv.ErrorMessage() != "The parameter Namespace must not start with AWS/" {
		t.Errorf("message %q", ipv.ErrorMessage())
	}
}

// A hand-built aws.Config gzips every PutMetricData (its compression
// threshold is zero); the fake checks the signature on the bytes sent and
// hands the service the inflated body.
func TestGzipBodiesInflated(t *testing.T) {
	var seen map[string]any
	var encoding string
	srv := cwServer(t, func(w http.ResponseWriter, r *Request) error {
		var err error
		seen, err = ParseCBOR(r.Body)
		encoding = r.HTTP.Header.Get("Content-Encoding")
		if err != nil {
			return err
		}
		return WriteCBOR(w, nil)
	})
	cfg := srv.Config("us-east-1", mainCred)
	cfg.RequestMinCompressSizeBytes = 0
	client := cloudwatch.NewFromConfig(cfg)
	if _, err := client.PutMetricData(context.Background(), &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"),
		MetricData: []types.MetricDatum{{MetricName: aws.String("m"), Value: aws.Float64(3)}}}); err != nil {
		t.Fatal(err)
	}
	if encoding != "gzip" {
		t.Fatalf("Content-Encoding %q: the client did not compress, so this test shows nothing", encoding)
	}
	if seen["Namespace"] != "App" {
		t.Errorf("inflated request %v", seen)
	}

	// A body that claims gzip but is not is refused, in CBOR.
	req := newRequest(t, "POST", srv.URL()+"/service/GraniteServiceVersion20100801/operation/PutMetricData", []byte("not gzip"))
	req.Header.Set("Content-Encoding", "gzip")
	req.Header.Set("Smithy-Protocol", "rpc-v2-cbor")
	req.Header.Set("Content-Type", CBORContentType)
	sum := sha256.Sum256([]byte("not gzip"))
	if err := signer("monitoring").SignHTTP(context.Background(), awsCreds(mainCred), req, hex.EncodeToString(sum[:]), "monitoring", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 400 || resp.Header.Get("Smithy-Protocol") != "rpc-v2-cbor" ||
		resp.Header.Get("x-amzn-query-error") != "SerializationException;Sender" {
		t.Errorf("bad gzip: %d %v", resp.StatusCode, resp.Header)
	}
}
