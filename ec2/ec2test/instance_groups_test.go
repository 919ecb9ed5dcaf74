package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

func groupPairs(gs []types.GroupIdentifier) []string {
	var out []string
	for _, g := range gs {
		out = append(out, aws.ToString(g.GroupId)+"/"+aws.ToString(g.GroupName))
	}
	return out
}

// TestInstanceGroups checks that instances carry their groups' IDs and
// names, from RunInstances by name or by ID (the default group when none
// is named) and after ModifyInstanceAttribute's GroupId.N, which refuses
// unknown groups.
func TestInstanceGroups(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	def, err := c.DescribeSecurityGroups(ctx, &awsec2.DescribeSecurityGroupsInput{GroupNames: []string{"default"}})
	if err != nil {
		t.Fatal(err)
	}
	web, err := c.CreateSecurityGroup(ctx, &awsec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	defPair := aws.ToString(def.SecurityGroups[0].GroupId) + "/default"
	webPair := aws.ToString(web.GroupId) + "/web"
	tests := []struct {
		name string
		in   awsec2.RunInstancesInput
		want []string
	}{
		{"none: the default group", awsec2.RunInstancesInput{}, []string{defPair}},
		{"by name", awsec2.RunInstancesInput{SecurityGroups: []string{"web"}}, []string{webPair}},
		{"by ID", awsec2.RunInstancesInput{SecurityGroupIds: []string{aws.ToString(web.GroupId)}}, []string{webPair}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := run(t, c, &tt.in)[0]
			inst := describe(t, c, id)[0]
			if diff := cmp.Diff(tt.want, groupPairs(inst.SecurityGroups)); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
	id := run(t, c, nil)[0]
	if _, err := c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		Groups: []string{aws.ToString(web.GroupId), aws.ToString(def.SecurityGroups[0].GroupId)}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{webPair, defPair}, groupPairs(describe(t, c, id)[0].SecurityGroups)); diff != "" {
		t.Errorf("after ModifyInstanceAttribute (-want +got):\n%s", diff)
	}
	_, err = c.ModifyInstanceAttribute(ctx, &awsec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id), Groups: []string{"sg-00000000000000000"}})
	checkAPIError(t, err, "InvalidGroup.NotFound", "sg-00000000000000000")
}
