package ec2test

import (
	"net/url"
	"slices"
	"strings"
)

// withTemplate returns RunInstances' parameters with the launch template
// LaunchTemplate.LaunchTemplateId or .LaunchTemplateName names, at
// LaunchTemplate.Version ($Default when absent), filled in: the
// request's own parameters override the template's, a list
// (SecurityGroupId.N, BlockDeviceMapping.N, TagSpecification.N) as a
// whole (EC2 User Guide, "Launch an instance from a launch template": any
// parameter given at launch overrides the template's). A request without
// LaunchTemplate.* is returned as it is. It takes the template lock alone,
// before RunInstances looks at the network family.
func (s *Backend) withTemplate(account, region string, p url.Values) (url.Values, error) {
	if !hasPrefix(p, "LaunchTemplate.") {
		return p, nil
	}
	s.templates.mu.Lock()
	defer s.templates.mu.Unlock()
	t, err := s.templates.stores.Get(account, region).find(p, "LaunchTemplate.")
	if err != nil {
		return nil, err
	}
	ver, err := t.version(p.Get("LaunchTemplate.Version"))
	if err != nil {
		return nil, err
	}
	own := url.Values{}
	for k, v := range p {
		if !strings.HasPrefix(k, "LaunchTemplate.") {
			own[k] = slices.Clone(v)
		}
	}
	return overlay(ver.data, own), nil
}
