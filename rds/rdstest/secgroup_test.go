package rdstest_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds/rdstest"
)

// rules lists a DB security group's rules with their status.
func rules(g *types.DBSecurityGroup) []string {
	var out []string
	for _, r := range g.IPRanges {
		out = append(out, aws.ToString(r.CIDRIP)+"="+aws.ToString(r.Status))
	}
	for _, e := range g.EC2SecurityGroups {
		out = append(out, aws.ToString(e.EC2SecurityGroupOwnerId)+"/"+aws.ToString(e.EC2SecurityGroupName)+aws.ToString(e.EC2SecurityGroupId)+
			"="+aws.ToString(e.Status))
	}
	return out
}

func TestDBSecurityGroups(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	out, err := c.CreateDBSecurityGroup(ctx, &awsrds.CreateDBSecurityGroupInput{DBSecurityGroupName: aws.String("web"),
		DBSecurityGroupDescription: aws.String("web servers")})
	if err != nil {
		t.Fatal(err)
	}
	if g := out.DBSecurityGroup; aws.ToString(g.OwnerId) != "111122223333" || aws.ToString(g.DBSecurityGroupArn) != "arn:aws:rds:us-east-1:111122223333:secgrp:web" {
		t.Errorf("CreateDBSecurityGroup = %+v", g)
	}
	a, err := c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"),
		CIDRIP: aws.String("203.0.113.0/24")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"),
		EC2SecurityGroupName: aws.String("app"), EC2SecurityGroupOwnerId: aws.String("444455556666")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"203.0.113.0/24=authorizing"}, rules(a.DBSecurityGroup)); diff != "" {
		t.Errorf("first authorize (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"203.0.113.0/24=authorizing", "444455556666/app=authorizing"}, rules(b.DBSecurityGroup)); diff != "" {
		t.Errorf("second authorize (-want +got):\n%s", diff)
	}
	srv.Step()
	d, err := c.DescribeDBSecurityGroups(ctx, &awsrds.DescribeDBSecurityGroupsInput{DBSecurityGroupName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"203.0.113.0/24=authorized", "444455556666/app=authorized"}, rules(&d.DBSecurityGroups[0])); diff != "" {
		t.Errorf("after a step (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"authorize again", second(c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"), CIDRIP: aws.String("203.0.113.0/24")})), "AuthorizationAlreadyExists"},
		{"authorize EC2 again", second(c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"), EC2SecurityGroupName: aws.String("app"), EC2SecurityGroupOwnerId: aws.String("444455556666")})), "AuthorizationAlreadyExists"},
		{"bad CIDR", second(c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"), CIDRIP: aws.String("10.0.0.300/8")})), "InvalidParameterValue"},
		{"CIDR and group", second(c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"), CIDRIP: aws.String("10.0.0.0/8"), EC2SecurityGroupName: aws.String("x")})), "InvalidParameterCombination"},
		{"nothing", second(c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web")})), "InvalidParameterCombination"},
		{"missing group", second(c.AuthorizeDBSecurityGroupIngress(ctx, &awsrds.AuthorizeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("ghost"), CIDRIP: aws.String("10.0.0.0/8")})), "DBSecurityGroupNotFound"},
		{"revoke unknown", second(c.RevokeDBSecurityGroupIngress(ctx, &awsrds.RevokeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"), CIDRIP: aws.String("10.0.0.0/8")})), "AuthorizationNotFound"},
		{"create again", second(c.CreateDBSecurityGroup(ctx, &awsrds.CreateDBSecurityGroupInput{DBSecurityGroupName: aws.String("WEB"), DBSecurityGroupDescription: aws.String("x")})), "DBSecurityGroupAlreadyExists"},
		{"create bad name", second(c.CreateDBSecurityGroup(ctx, &awsrds.CreateDBSecurityGroupInput{DBSecurityGroupName: aws.String("web_1"), DBSecurityGroupDescription: aws.String("x")})), "InvalidParameterValue"},
		{"delete default", second(c.DeleteDBSecurityGroup(ctx, &awsrds.DeleteDBSecurityGroupInput{DBSecurityGroupName: aws.String("default")})), "InvalidDBSecurityGroupState"},
		{"describe missing", second(c.DescribeDBSecurityGroups(ctx, &awsrds.DescribeDBSecurityGroupsInput{DBSecurityGroupName: aws.String("ghost")})), "DBSecurityGroupNotFound"},
	} {
		if got := code(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, tc.err, tc.want)
		}
	}
	r, err := c.RevokeDBSecurityGroupIngress(ctx, &awsrds.RevokeDBSecurityGroupIngressInput{DBSecurityGroupName: aws.String("web"),
		CIDRIP: aws.String("203.0.113.0/24")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"203.0.113.0/24=revoking", "444455556666/app=authorized"}, rules(r.DBSecurityGroup)); diff != "" {
		t.Errorf("revoke (-want +got):\n%s", diff)
	}
	srv.Step()
	d, _ = c.DescribeDBSecurityGroups(ctx, &awsrds.DescribeDBSecurityGroupsInput{DBSecurityGroupName: aws.String("web")})
	if diff := cmp.Diff([]string{"444455556666/app=authorized"}, rules(&d.DBSecurityGroups[0])); diff != "" {
		t.Errorf("after revoke (-want +got):\n%s", diff)
	}

	createInstance(t, c, "classic", func(in *awsrds.CreateDBInstanceInput) { in.DBSecurityGroups = []string{"Web"} })
	inst, _ := c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("classic")})
	if g := inst.DBInstances[0].DBSecurityGroups; len(g) != 1 || aws.ToString(g[0].DBSecurityGroupName) != "web" || len(inst.DBInstances[0].VpcSecurityGroups) != 0 {
		t.Errorf("instance groups %+v", g)
	}
	if _, err := c.DeleteDBSecurityGroup(ctx, &awsrds.DeleteDBSecurityGroupInput{DBSecurityGroupName: aws.String("web")}); code(err) != "InvalidDBSecurityGroupState" {
		t.Errorf("delete in use: %v", err)
	}
	srv.Settle()
	if _, err := c.DeleteDBInstance(ctx, &awsrds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("classic"), SkipFinalSnapshot: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	if _, err := c.DeleteDBSecurityGroup(ctx, &awsrds.DeleteDBSecurityGroupInput{DBSecurityGroupName: aws.String("web")}); err != nil {
		t.Errorf("delete: %v", err)
	}
	all, err := c.DescribeDBSecurityGroups(ctx, &awsrds.DescribeDBSecurityGroupsInput{})
	if err != nil || len(all.DBSecurityGroups) != 1 || aws.ToString(all.DBSecurityGroups[0].DBSecurityGroupName) != "default" {
		t.Errorf("groups left: %+v %v", all, err)
	}
}
