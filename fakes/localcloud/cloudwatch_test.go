package localcloud_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes/localcloud"
)

// TestCloudWatch checks the local cloud routes CloudWatch (CBOR, and
// Query beside S3 and the other query services) and that CloudWatch
// publishes the AWS/EC2 metrics of the EC2 fake's instances: detailed
// monitoring gives the last hour's 60 CPU datapoints, as in boto's
// five-minute how-to.
func TestCloudWatch(t *testing.T) {
	cloud := localcloud.Start(t)
	ctx := t.Context()
	res, err := ec2.New(cloud.Config("")).RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Monitoring: true})
	if err != nil {
		t.Fatal(err)
	}
	inst := res.Instances[0]
	if err := inst.Wait(ctx, ec2.InstanceRunning); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Minute)
	for name, client := range map[string]*cloudwatch.Client{
		"cbor": cloudwatch.NewFromConfig(cloud.Config("")),
		"query": cloudwatch.NewFromConfig(cloud.Config(""), func(o *cloudwatch.Options) {
			o.Protocol = awsquery.New(schemas.GraniteServiceVersion20100801)
		}),
	} {
		out, err := client.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
			Namespace: aws.String("AWS/EC2"), MetricName: aws.String("CPUUtilization"),
			Dimensions: []types.Dimension{{Name: aws.String("InstanceId"), Value: aws.String(inst.ID)}},
			StartTime:  aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now), Period: aws.Int32(60),
			Statistics: []types.Statistic{types.StatisticAverage},
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(out.Datapoints) != 60 {
			t.Errorf("%s: %d datapoints for the last hour, want 60", name, len(out.Datapoints))
		}
	}
}
