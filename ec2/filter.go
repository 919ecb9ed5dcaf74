package ec2

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Filter narrows a Describe call, as EC2's Filter.N parameters do: each
// name maps to the values it may take (any of them), and every name must
// match. Tag filters are "tag:<key>", or "tag-key" for the key alone.
//
//	conn.Instances(ctx, ec2.Filter{"instance-state-name": {"running"}, "tag:env": {"prod"}})
type Filter map[string][]string

// Tag adds a "tag:<key>" filter for value and returns f, so filters chain:
// ec2.Filter{}.Tag("env", "prod"). A nil f gives a new Filter.
func (f Filter) Tag(key string, values ...string) Filter {
	if f == nil {
		f = Filter{}
	}
	f["tag:"+key] = append(f["tag:"+key], values...)
	return f
}

// v2 converts f into aws-sdk-go-v2 filters, sorted by name so requests are
// reproducible.
func (f Filter) v2() []types.Filter {
	if len(f) == 0 {
		return nil
	}
	names := make([]string, 0, len(f))
	for n := range f {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]types.Filter, 0, len(names))
	for _, n := range names {
		out = append(out, types.Filter{Name: aws.String(n), Values: append([]string(nil), f[n]...)})
	}
	return out
}

// Tags are a resource's tags, key to value.
type Tags map[string]string

// tagsFromV2 converts aws-sdk-go-v2 tags.
func tagsFromV2(ts []types.Tag) Tags {
	if len(ts) == 0 {
		return nil
	}
	out := make(Tags, len(ts))
	for _, t := range ts {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

// v2 converts t into aws-sdk-go-v2 tags, sorted by key.
func (t Tags) v2() []types.Tag {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]types.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(t[k])})
	}
	return out
}
