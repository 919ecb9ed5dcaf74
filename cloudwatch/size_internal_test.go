package cloudwatch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
)

// bodySizer is an HTTP client that records the body of the one request
// it sees and answers nothing.
type bodySizer struct{ n int }

var errSized = errors.New("sized")

func (b *bodySizer) Do(r *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(r.Body)
	b.n = len(body)
	return nil, errSized
}

// wireSize is the body the v2 client sends for one PutMetricData in
// protocol p, uncompressed.
func wireSize(t *testing.T, p Protocol, namespace string, data []Datum) int {
	t.Helper()
	sizer := &bodySizer{}
	cfg := aws.Config{Region: "us-east-1", HTTPClient: sizer, BaseEndpoint: aws.String("http://127.0.0.1:1"),
		Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1}
	conn := New(cfg, WithProtocol(p), WithClientOptions(func(o *cloudwatch.Options) { o.DisableRequestCompression = true }))
	in := &cloudwatch.PutMetricDataInput{Namespace: aws.String(namespace)}
	for i := range data {
		in.MetricData = append(in.MetricData, data[i].wire())
	}
	if _, err := conn.Client().PutMetricData(context.Background(), in); !errors.Is(err, errSized) {
		t.Fatalf("%s: %v", p, err)
	}
	return sizer.n
}

// The size bound is above what each protocol sends, for ordinary data
// and for the worst strings and numbers: control characters (six bytes
// in JSON), invalid UTF-8, non-ASCII text, 150 values near ±2^360 and
// near 2^-360 (109 and more digits in Query), timestamps with
// nanoseconds. And it is not so loose that ordinary batches are split
// for nothing.
func TestSizeBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int, alphabet string) string {
		var b strings.Builder
		for range n {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	control := string([]byte{0x01, 0x1f, 0x7f, 0x02})
	at := time.Now().Add(-time.Hour).Add(123456789 * time.Nanosecond)
	huge := math.Ldexp(1, 360)
	tiny := math.Ldexp(1, -360) * 1.2345678901234567
	cases := map[string][]Datum{
		"plain": {{Name: "Latency", Dimensions: Dimensions{"Host": "web-1"}, Value: 12.5, Unit: UnitMilliseconds}},
		"control": {{Name: text(255, control), Dimensions: Dimensions{text(255, control): text(1024, control)},
			Value: 1, Timestamp: at}},
		"invalid utf-8": {{Name: "\xff\xfe" + text(200, "ab\x80"), Dimensions: Dimensions{"k": text(1024, "\xc3\x28")}, Value: 1}},
		"non-ascii":     {{Name: strings.Repeat("é", 100), Dimensions: Dimensions{"ü": strings.Repeat("日本", 170)}, Value: 1}},
		"extremes": {{Name: "x", Values: func() []float64 {
			v := make([]float64, 150)
			for i := range v {
				v[i] = []float64{huge, -huge, tiny, -tiny, 1e21, 1e-7, 0, -0.1}[i%8]
			}
			return v
		}(), Counts: func() []float64 {
			c := make([]float64, 150)
			for i := range c {
				c[i] = []float64{huge, tiny, 0, 3}[i%4]
			}
			return c
		}(), Timestamp: at, Unit: UnitKilobytesPerSecond, Resolution: time.Second}},
		"statistic set": {{Name: "s", Statistics: &StatisticSet{SampleCount: 1e300, Sum: -huge, Minimum: -huge, Maximum: tiny}}},
	}
	var thirty []Datum
	for i := range 40 {
		d := Datum{Name: fmt.Sprint("m", i), Dimensions: Dimensions{}, Value: rng.NormFloat64() * 1e6, Timestamp: at}
		for j := range MaxDimensions {
			d.Dimensions[fmt.Sprint("dim", j)] = text(1+rng.IntN(1024), "abcXYZ019 -_/:&=%é")
		}
		thirty = append(thirty, d)
	}
	cases["30 dimensions"] = thirty
	var many []Datum
	for i := range MaxMetricData {
		many = append(many, Datum{Name: "Requests", Dimensions: Dimensions{"Host": fmt.Sprintf("h%04d", i)}, Value: float64(i), Unit: UnitCount})
	}
	cases["1000 ordinary"] = many
	for name, data := range cases {
		bound := requestBound("App/Test")
		for i := range data {
			bound += data[i].bound()
		}
		for _, p := range []Protocol{CBOR, JSON, Query} {
			got := wireSize(t, p, "App/Test", data)
			if got > bound {
				t.Errorf("%s in %s: %d bytes sent, bound %d", name, p, got, bound)
			}
			if p == Query && name == "1000 ordinary" && float64(bound) > 2*float64(got) {
				t.Errorf("%s: bound %d is over twice the %d bytes Query sends", name, bound, got)
			}
		}
	}
}

// floatBound is never below the length of strconv's shortest 'f' form,
// which Query sends.
func TestFloatBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		v := math.Ldexp(rng.Float64()+0.5, rng.IntN(721)-360)
		if rng.IntN(2) == 0 {
			v = -v
		}
		for _, x := range []float64{v, math.Nextafter(v, 0), math.Pow(10, float64(rng.IntN(200)-100))} {
			if s := fmt.Sprint(strconvF(x)); len(s) > floatBound(x) {
				t.Fatalf("%v: %d digits, bound %d", x, len(s), floatBound(x))
			}
		}
	}
}

func strconvF(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
