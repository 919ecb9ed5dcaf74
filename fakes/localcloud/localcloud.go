// Package localcloud serves every goboto fake on one address: SimpleDB,
// EC2, S3, RDS, SQS, CloudWatch, CloudFront and AutoScaling, routed as AWS's own
// endpoints would route them (by the SigV4 scope's service, or by
// Version, Action and X-Amz-Target where the scope names none). One line starts it in a test:
//
//	cloud := localcloud.Start(t)
//	conn := ec2.New(cloud.Config(""))
//
// It takes the options every fake takes (fakes.WithRegion, fakes.WithClock,
// ...) and each fake's own (ec2test.WithManualTransitions, s3test.WithDir,
// ...); each backend heeds the ones meant for it. It serves HTTPS by
// default, as the S3 fake does; fakes.WithTLS(false) serves plain HTTP for
// clients that cannot be given its certificate.
//
// CloudFront's local edge answers viewer requests for *.cloudfront.net
// at the same address; cloudfronttest.EdgeClient(cloud.Server) returns
// an *http.Client that reaches it. CloudFront refuses new streaming
// (RTMP) distributions, as AWS does since 2020-12-31, unless the cloud
// is started with cloudfronttest.WithLegacyStreaming(); signed URLs
// expire on the cloud's clock, which fakes.WithClock lets a caller move.
//
// AutoScaling launches into the EC2 fake, and CloudWatch alarms whose
// actions name scaling policies run them; an alarm on one instance's
// metric stops, terminates, reboots or recovers that instance in the EC2
// fake with its EC2 actions (arn:aws:automate:<region>:ec2:stop, ...;
// see Cloud.HandleAlarmActions). A target tracking policy's
// alarms are made in the CloudWatch fake, on the AWS/EC2 metrics it
// publishes for the group's instances; cloud.CloudWatch().SetInstanceMetric
// drives an instance's load up or down.
//
// Importing this package compiles every service's fake. A test that needs
// one service imports that service's fake instead (ec2/ec2test, ...).
package localcloud

import (
	"slices"
	"strings"
	"testing"

	"github.com/goboto/goboto/autoscale/autoscaletest"
	"github.com/goboto/goboto/cloudfront/cloudfronttest"
	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/rds/rdstest"
	"github.com/goboto/goboto/s3/s3test"
	"github.com/goboto/goboto/sdb/sdbtest"
	"github.com/goboto/goboto/sqs/sqstest"
)

// Cloud is a running local cloud: the shared fake shell (URL, Config,
// Faults, Calls, ...) and each service's backend, for seeding and
// inspection. It is safe for concurrent use.
type Cloud struct {
	*fakes.Server
	sdb *sdbtest.Backend
	ec2 *ec2test.Backend
	s3  *s3test.Backend
	rds *rdstest.Backend
	sqs *sqstest.Backend
	cw  *cloudwatchtest.Backend
	cf  *cloudfronttest.Backend
	as  *autoscaletest.Backend

	actions alarmActions
}

// New starts a local cloud on a free port of 127.0.0.1 (or
// fakes.WithAddr's address).
func New(opts ...fakes.Option) (*Cloud, error) {
	c := &Cloud{}
	var err error
	if c.sdb, err = sdbtest.NewBackend(opts...); err != nil {
		return nil, err
	}
	if c.ec2, err = ec2test.NewBackend(opts...); err != nil {
		return nil, err
	}
	if c.s3, err = s3test.NewBackend(opts...); err != nil {
		return nil, err
	}
	if c.rds, err = rdstest.NewBackend(append(opts[:len(opts):len(opts)], rdsSubnets(c.ec2))...); err != nil {
		return nil, err
	}
	if c.sqs, err = sqstest.NewBackend(opts...); err != nil {
		return nil, err
	}
	if c.cf, err = cloudfronttest.NewBackend(opts...); err != nil {
		return nil, err
	}
	// AutoScaling launches its groups' instances in the EC2 fake.
	if c.as, err = autoscaletest.NewBackend(append(opts[:len(opts):len(opts)], autoscaletest.WithEC2(c.ec2))...); err != nil {
		return nil, err
	}
	if c.cw, err = cloudwatchtest.NewBackend(opts...); err != nil {
		return nil, err
	}
	// CloudWatch publishes the AWS/EC2 metrics of the EC2 fake's
	// instances, as AWS does.
	c.cw.SetInstances(func(account, region string) []cloudwatchtest.Instance {
		var out []cloudwatchtest.Instance
		for _, in := range c.ec2.Instances(account, region) {
			out = append(out, cloudwatchtest.Instance{ID: in.ID, Type: in.Type, ImageID: in.ImageID, State: in.State, Monitoring: in.Monitoring,
				Group: in.Tags["aws:autoscaling:groupName"]})
		}
		return out
	})
	// Alarm actions go to the services their ARNs name
	// (HandleAlarmActions), unless the options gave a handler of their own.
	if c.cw.ActionHandler() == nil {
		c.cw.SetActionHandler(c.runAlarmAction)
	}
	// Scaling policies run when the alarms naming them fire, and
	// DescribePolicies lists those alarms.
	c.HandleAlarmActions("autoscaling", c.scalingPolicyAction)
	// EC2 actions stop, terminate, reboot or recover the alarm's instance.
	c.HandleAlarmActions("automate", c.ec2AlarmAction)
	c.HandleAlarmActions("swf", c.ec2AlarmAction)
	c.as.SetAlarms(c.policyAlarms)
	// Target tracking policies make their alarms in CloudWatch.
	c.as.SetCloudWatch(c.cw.Call)
	c.Server, err = fake.StartShell(fake.Apply(opts...), true,
		c.sdb.Service(), c.ec2.Service(), c.s3.Service(), c.rds.Service(), c.sqs.Service(), c.cw.Service(), c.cf.Service(), c.cf.EdgeService(),
		c.as.Service())
	if err != nil {
		return nil, err
	}
	c.s3.SetPostCredentials(c.Credentials())
	// CloudFront's edge reads S3 origins as their OAI or OAC, and S3
	// knows the OAIs CloudFront made (cloudfronttest.EdgeClient reaches
	// the edge).
	c.cf.SetS3(c.s3)
	c.s3.SetPrincipals(c.cf.KnownOAI)
	return c, nil
}

// Start is New for tests: it fails t if the cloud cannot start and closes
// it when t ends.
func Start(t testing.TB, opts ...fakes.Option) *Cloud {
	t.Helper()
	c, err := New(opts...)
	if err != nil {
		t.Fatalf("localcloud: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// SDB returns the SimpleDB fake's state.
func (c *Cloud) SDB() *sdbtest.Backend { return c.sdb }

// EC2 returns the EC2 fake's state.
func (c *Cloud) EC2() *ec2test.Backend { return c.ec2 }

// S3 returns the S3 fake's state.
func (c *Cloud) S3() *s3test.Backend { return c.s3 }

// RDS returns the RDS fake's state.
func (c *Cloud) RDS() *rdstest.Backend { return c.rds }

// SQS returns the SQS fake's state.
func (c *Cloud) SQS() *sqstest.Backend { return c.sqs }

// CloudWatch returns the CloudWatch fake's state.
func (c *Cloud) CloudWatch() *cloudwatchtest.Backend { return c.cw }

// AutoScaling returns the AutoScaling fake's state.
func (c *Cloud) AutoScaling() *autoscaletest.Backend { return c.as }

// CloudFront returns the CloudFront fake's state.
func (c *Cloud) CloudFront() *cloudfronttest.Backend { return c.cf }

// rdsSubnets lets the RDS fake see the EC2 fake's subnets (issue 14): DB
// subnet groups take only subnets EC2 has, and an instance created without
// a group goes into the default VPC's subnets, one per zone. (The RDS fake
// calls these with its lock held; the EC2 fake never calls back.)
func rdsSubnets(e *ec2test.Backend) fakes.Option {
	return rdstest.WithSubnets(
		func(account, region, id string) (rdstest.Subnet, bool) {
			for _, s := range e.Subnets(account, region) {
				if s.ID == id {
					return rdstest.Subnet{ID: s.ID, VPCID: s.VPCID, AvailabilityZone: s.Zone}, true
				}
			}
			return rdstest.Subnet{}, false
		},
		func(account, region string) []rdstest.Subnet {
			var out []rdstest.Subnet
			for _, s := range e.Subnets(account, region) {
				if s.DefaultForZone {
					out = append(out, rdstest.Subnet{ID: s.ID, VPCID: s.VPCID, AvailabilityZone: s.Zone})
				}
			}
			slices.SortFunc(out, func(a, b rdstest.Subnet) int { return strings.Compare(a.AvailabilityZone, b.AvailabilityZone) })
			return out
		})
}
