package ec2test

import (
	"cmp"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/regions"
)

// RegionInfo is a region as DescribeRegions reports it.
type RegionInfo struct {
	Name        string // "us-east-1"
	Endpoint    string // "" means ec2.<Name>.amazonaws.com
	OptInStatus string // "" means opt-in-not-required
}

// Opt-in states.
const (
	OptInNotRequired = "opt-in-not-required"
	OptedIn          = "opted-in"
	NotOptedIn       = "not-opted-in"
)

// DefaultRegions returns the aws partition's EC2 regions from goboto's
// catalog, as a typical older account sees them: the regions AWS opened
// before March 2019 need no opt-in, the later ones are opted in, except
// il-central-1 and mx-central-1, which are not.
func DefaultRegions() []RegionInfo {
	notOptedIn := []string{"il-central-1", "mx-central-1"}
	var out []RegionInfo
	for _, r := range regions.NewCatalog().Regions(regions.EC2, "aws") {
		status := OptedIn
		switch {
		case slices.Contains(notOptedIn, r.Name):
			status = NotOptedIn
		case !needsOptIn(r.Name):
			status = OptInNotRequired
		}
		out = append(out, RegionInfo{Name: r.Name, Endpoint: r.Hostname, OptInStatus: status})
	}
	return out
}

// needsOptIn reports whether a region was opened after March 2019, when AWS
// began to require opting in. The older regions are listed.
func needsOptIn(region string) bool {
	return !slices.Contains([]string{
		"us-east-1", "us-east-2", "us-west-1", "us-west-2",
		"ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-southeast-1", "ap-southeast-2", "ca-central-1",
		"eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1",
		"sa-east-1",
	}, region)
}

// SetRegions replaces the region list. Empty Endpoint and OptInStatus
// fields get their defaults.
func (s *Backend) SetRegions(rs []RegionInfo) {
	out := make([]RegionInfo, 0, len(rs))
	for _, r := range rs {
		if r.Name == "" {
			continue
		}
		if r.Endpoint == "" {
			r.Endpoint = "ec2." + r.Name + ".amazonaws.com"
		}
		if r.OptInStatus == "" {
			r.OptInStatus = OptInNotRequired
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b RegionInfo) int { return cmp.Compare(a.Name, b.Name) })
	out = slices.CompactFunc(out, func(a, b RegionInfo) bool { return a.Name == b.Name })
	s.mu.Lock()
	defer s.mu.Unlock()
	s.regions = out
}

// Regions returns the region list.
func (s *Backend) Regions() []RegionInfo {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.regions)
}

func (s *Backend) region(name string) (RegionInfo, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := slices.BinarySearchFunc(s.regions, name, func(r RegionInfo, n string) int { return cmp.Compare(r.Name, n) })
	if !ok {
		return RegionInfo{}, false
	}
	return s.regions[i], true
}

type regionItem struct {
	RegionName     string `xml:"regionName"`
	RegionEndpoint string `xml:"regionEndpoint"`
	OptInStatus    string `xml:"optInStatus"`
}

type describeRegionsResponse struct {
	XMLName    xml.Name `xml:"DescribeRegionsResponse"`
	Xmlns      string   `xml:"xmlns,attr"`
	RequestID  string   `xml:"requestId"`
	RegionInfo struct {
		Items []regionItem `xml:"item"`
	} `xml:"regionInfo"`
}

// describeRegions answers DescribeRegions. Named regions are described
// whether or not they are enabled; otherwise only enabled ones are, unless
// AllRegions is true. Filters: endpoint, opt-in-status, region-name.
func (s *Backend) describeRegions(w http.ResponseWriter, r *fake.Request) error {
	fs, err := filters(r.Params, "endpoint", "opt-in-status", "region-name")
	if err != nil {
		return err
	}
	var picked []RegionInfo
	if names := list(r.Params, "RegionName"); len(names) > 0 {
		var unknown []string
		for _, n := range names {
			if ri, ok := s.region(n); ok {
				picked = append(picked, ri)
			} else {
				unknown = append(unknown, n)
			}
		}
		if len(unknown) > 0 {
			return invalidValue("Invalid region: [" + strings.Join(unknown, ", ") + "]")
		}
	} else {
		all := r.Params.Get("AllRegions") == "true"
		for _, ri := range s.Regions() {
			if all || ri.OptInStatus != NotOptedIn {
				picked = append(picked, ri)
			}
		}
	}
	resp := describeRegionsResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID}
	for _, ri := range picked {
		ok := matchAll(fs, func(name string) string {
			switch name {
			case "endpoint":
				return ri.Endpoint
			case "opt-in-status":
				return ri.OptInStatus
			}
			return ri.Name
		})
		if ok {
			resp.RegionInfo.Items = append(resp.RegionInfo.Items, regionItem{ri.Name, ri.Endpoint, ri.OptInStatus})
		}
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}
