package ec2test_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
)

func TestTags(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	inst := run(t, c, nil)[0]
	vol := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(1)})
	tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
	if _, err := c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{inst, vol},
		Tags: []types.Tag{tag("Name", "web"), tag("env", "prod"), tag("team", "ops")}}); err != nil {
		t.Fatal(err)
	}
	describe := func(fs ...types.Filter) []string {
		t.Helper()
		var out []string
		p := awsec2.NewDescribeTagsPaginator(c, &awsec2.DescribeTagsInput{Filters: fs, MaxResults: aws.Int32(5)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range page.Tags {
				out = append(out, string(d.ResourceType)+":"+aws.ToString(d.Key)+"="+aws.ToString(d.Value))
			}
		}
		return out
	}
	tests := []struct {
		name string
		fs   []types.Filter
		want []string
	}{
		{"all, paged", nil, []string{"instance:Name=web", "instance:env=prod", "instance:team=ops", "volume:Name=web", "volume:env=prod", "volume:team=ops"}},
		{"resource-type", []types.Filter{filter("resource-type", "volume")}, []string{"volume:Name=web", "volume:env=prod", "volume:team=ops"}},
		{"key", []types.Filter{filter("key", "env")}, []string{"instance:env=prod", "volume:env=prod"}},
		{"resource-id and value", []types.Filter{filter("resource-id", inst), filter("value", "o*")}, []string{"instance:team=ops"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, describe(tt.fs...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// DeleteTags: a key with a value that does not match stays.
	if _, err := c.DeleteTags(ctx, &awsec2.DeleteTagsInput{Resources: []string{inst},
		Tags: []types.Tag{{Key: aws.String("Name")}, tag("env", "dev")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteTags(ctx, &awsec2.DeleteTagsInput{Resources: []string{vol}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"instance:env=prod", "instance:team=ops"}, describe()); diff != "" {
		t.Errorf("after DeleteTags (-want +got):\n%s", diff)
	}
	_, err := c.CreateTags(ctx, &awsec2.CreateTagsInput{Resources: []string{inst}, Tags: []types.Tag{tag("aws:x", "y")}})
	checkAPIError(t, err, "InvalidParameterValue", "aws:")
	// Other accounts do not see the tags.
	out, err := otherClient(t, srv, "us-east-1").DescribeTags(ctx, &awsec2.DescribeTagsInput{})
	if err != nil || len(out.Tags) != 0 {
		t.Errorf("other account: %v, %v", out.Tags, err)
	}
}
