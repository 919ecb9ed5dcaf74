package main

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	awscw "github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
)

// The cw-put workload: one PutMetricData of cwData data a call, each a
// latency in milliseconds from one of cwData hosts in one zone, as an
// application's periodic flush sends them. No timestamp: CloudWatch
// stamps the data when it receives them, and no client spends time
// formatting one. Every client builds its data afresh each call, from the
// call's number, as a caller would.
const (
	cwNamespace = "Bench"
	cwData      = 20
)

func cwHost(j int) string { return "web-" + strconv.Itoa(j) }

func cwValue(i, j int) float64 { return float64(i*cwData + j) }

func gobotoCWPut(cfg aws.Config, opts []goboto.Option) func(context.Context, int) (int64, error) {
	conn := cloudwatch.New(cfg, opts...)
	return func(ctx context.Context, i int) (int64, error) {
		data := make([]cloudwatch.Datum, cwData)
		for j := range data {
			data[j] = cloudwatch.Datum{Name: "Latency", Dimensions: cloudwatch.Dimensions{"Host": cwHost(j), "Zone": "a"},
				Value: cwValue(i, j), Unit: cloudwatch.UnitMilliseconds}
		}
		return 0, conn.PutMetricData(ctx, cwNamespace, data)
	}
}

// v2CWPut's client compresses bodies from 10,240 bytes, as
// config.LoadDefaultConfig sets it: a hand-built aws.Config leaves the
// threshold at zero and would gzip every request.
func v2CWPut(cfg aws.Config) func(context.Context, int) (int64, error) {
	cfg.RequestMinCompressSizeBytes = 10240
	c := awscw.NewFromConfig(cfg)
	return func(ctx context.Context, i int) (int64, error) {
		in := &awscw.PutMetricDataInput{Namespace: aws.String(cwNamespace), MetricData: make([]cwtypes.MetricDatum, cwData)}
		for j := range in.MetricData {
			in.MetricData[j] = cwtypes.MetricDatum{MetricName: aws.String("Latency"),
				Dimensions: []cwtypes.Dimension{{Name: aws.String("Host"), Value: aws.String(cwHost(j))}, {Name: aws.String("Zone"), Value: aws.String("a")}},
				Value:      aws.Float64(cwValue(i, j)), Unit: cwtypes.StandardUnitMilliseconds}
		}
		_, err := c.PutMetricData(ctx, in)
		return 0, err
	}
}

// cwMetricDataJSON is the aws CLI's --metric-data for call i: the same
// data in the CLI's JSON shorthand.
func cwMetricDataJSON(i int) string {
	type dim struct{ Name, Value string }
	type datum struct {
		MetricName string
		Dimensions []dim
		Value      float64
		Unit       string
	}
	data := make([]datum, cwData)
	for j := range data {
		data[j] = datum{"Latency", []dim{{"Host", cwHost(j)}, {"Zone", "a"}}, cwValue(i, j), "Milliseconds"}
	}
	b, _ := json.Marshal(data)
	return string(b)
}
