package suite_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto/autoscale/internal/suite"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/testutil/moto"
)

// TestAutoScalingTest runs the suite against goboto's fake in the local
// cloud, whose EC2 fake is where the groups launch. The clock is held:
// the suite moves it, so launches, cooldowns and schedules pass at once
// and nothing else moves.
func TestAutoScalingTest(t *testing.T) {
	clock := fakes.NewClock(time.Now())
	// The suite moves the clock by minutes while the SDK signs with the
	// real time: a skew of a day is allowed.
	cloud := localcloud.Start(t, fakes.WithClock(clock.Now), fakes.WithMaxSkew(24*time.Hour))
	cfg := cloud.Config("")
	suite.Run(t, suite.Env{Name: "autoscaletest", Client: autoscaling.NewFromConfig(cfg), EC2: ec2.NewFromConfig(cfg),
		ImageID: ec2test.DefaultEBSImage, Zones: []string{"us-east-1a", "us-east-1b"}, NewName: moto.Names("suite"),
		Now: clock.Now, Advance: clock.Advance})
}

// motoImage is one of the images moto 5.2.1 seeds its EC2 with
// (moto/ec2/resources/amis.json.gz), which RunInstances launches from.
const motoImage = "ami-12c6146b"

// TestMoto runs the suite against moto 5.2.1, whose AutoScaling launches
// into its own EC2 on the same endpoint. moto runs on real time.
func TestMoto(t *testing.T) {
	endpoint := moto.Endpoint(t)
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials:               credentials.NewStaticCredentialsProvider(moto.AccessKey, moto.SecretKey, ""),
		DisableRequestCompression: true}
	suite.Run(t, suite.Env{Name: "moto", Client: autoscaling.NewFromConfig(cfg), EC2: ec2.NewFromConfig(cfg),
		ImageID: motoImage, Zones: []string{"us-east-1a", "us-east-1b"}, NewName: moto.Names("suite"),
		Now: time.Now, Diff: suite.MotoDifferences()})
}
