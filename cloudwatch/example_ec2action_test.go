package cloudwatch_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

// An alarm stops an instance that has gone idle: the EC2 action
// arn:aws:automate:<region>:ec2:stop on an alarm on the instance's own
// CPUUtilization. In the local cloud CloudWatch runs it on the EC2 fake.
func ExampleConn_PutMetricAlarm_stopIdleInstance() {
	clock := fakes.NewClock(time.Now().UTC().Truncate(time.Minute))
	cloud, err := localcloud.New(fakes.WithClock(clock.Now), fakes.WithMaxSkew(48*time.Hour))
	if err != nil {
		log.Fatal(err)
	}
	defer cloud.Close()
	ctx := context.Background()
	cfg := cloud.Config("")

	// A batch worker with detailed monitoring: a datapoint a minute.
	res, err := ec2.New(cfg).RunInstances(ctx, ec2.RunOptions{ImageID: ec2test.DefaultEBSImage, Monitoring: true})
	if err != nil {
		log.Fatal(err)
	}
	worker := res.Instances[0]
	if err := worker.Wait(ctx, ec2.InstanceRunning, goboto.Interval(10*time.Millisecond)); err != nil {
		log.Fatal(err)
	}

	// Stop it once it has averaged under 5% CPU for three minutes.
	conn := cloudwatch.New(cfg)
	stop := "arn:aws:automate:" + conn.Region() + ":ec2:stop"
	alarm, err := conn.PutMetricAlarm(ctx, cloudwatch.AlarmOptions{
		Name: "stop-when-idle", Metric: conn.InstanceMetric(worker.ID, "CPUUtilization"),
		Statistic: cloudwatch.Average, Period: time.Minute, EvaluationPeriods: 3,
		Threshold: 5, Comparison: "<", AlarmActions: []string{stop},
	})
	if err != nil {
		log.Fatal(err)
	}

	// The work is done: the fake's knob makes the CPU read 1% from now on.
	if err := cloud.CloudWatch().SetInstanceMetric(fakes.TestAccountID, conn.Region(), worker.ID, "CPUUtilization", 1); err != nil {
		log.Fatal(err)
	}
	for range 10 {
		clock.Advance(time.Minute)
		// Any request lets CloudWatch evaluate the alarm.
		if err := alarm.Refresh(ctx); err != nil {
			log.Fatal(err)
		}
		if err := worker.Refresh(ctx); err != nil {
			log.Fatal(err)
		}
		if worker.State != ec2.InstanceRunning {
			break
		}
	}
	fmt.Println(worker.State)
	for item, err := range alarm.History(ctx, cloudwatch.HistoryFilter{Type: cloudwatch.HistoryAction}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(item.Summary)
	}
	// Output:
	// stopped
	// Successfully executed action arn:aws:automate:us-east-1:ec2:stop
}
