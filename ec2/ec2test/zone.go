package ec2test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// ZoneInfo is a zone as DescribeAvailabilityZones reports it.
type ZoneInfo struct {
	Name               string // "us-east-1a"
	ID                 string // "use1-az1"
	Region             string
	State              string // "available", "information", "impaired", "unavailable", "constrained"
	OptInStatus        string // "opt-in-not-required" for Availability Zones
	Type               string // "availability-zone", "local-zone", "wavelength-zone"
	GroupName          string // "us-east-1-zg-1" for Availability Zones
	NetworkBorderGroup string // the region's name for Availability Zones
	Messages           []string
}

// SetZones replaces region's zones. Empty fields get the defaults of an
// available Availability Zone of region.
func (s *Backend) SetZones(region string, zones []ZoneInfo) {
	out := make([]ZoneInfo, 0, len(zones))
	for _, z := range zones {
		out = append(out, withZoneDefaults(region, z))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zones[region] = out
}

// Zones returns region's zones: those set with SetZones, or three
// available Availability Zones when region is in the region list.
func (s *Backend) Zones(region string) []ZoneInfo {
	s.mu.RLock()
	zs, ok := s.zones[region]
	s.mu.RUnlock()
	if ok {
		return slices.Clone(zs)
	}
	if _, ok := s.region(region); !ok {
		return nil
	}
	out := make([]ZoneInfo, 0, 3)
	for _, suffix := range []string{"a", "b", "c"} {
		out = append(out, withZoneDefaults(region, ZoneInfo{Name: region + suffix}))
	}
	return out
}

func withZoneDefaults(region string, z ZoneInfo) ZoneInfo {
	z.Region = region
	if z.ID == "" && strings.HasPrefix(z.Name, region) && len(z.Name) == len(region)+1 {
		if c := z.Name[len(region)]; c >= 'a' && c <= 'z' {
			z.ID = zoneIDPrefix(region) + "-az" + strconv.Itoa(int(c-'a')+1)
		}
	}
	if z.State == "" {
		z.State = "available"
	}
	if z.OptInStatus == "" {
		z.OptInStatus = OptInNotRequired
	}
	if z.Type == "" {
		z.Type = "availability-zone"
	}
	if z.GroupName == "" {
		z.GroupName = region + "-zg-1"
	}
	if z.NetworkBorderGroup == "" {
		z.NetworkBorderGroup = region
	}
	z.Messages = slices.Clone(z.Messages)
	return z
}

// zoneIDPrefix shortens a region name the way zone IDs do: us-east-1 is
// use1, ap-southeast-2 is apse2, eu-central-1 is euc1.
func zoneIDPrefix(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) < 3 {
		return region
	}
	var b strings.Builder
	b.WriteString(parts[0])
	for _, p := range parts[1 : len(parts)-1] {
		for _, dir := range []struct{ word, short string }{
			{"northeast", "ne"}, {"northwest", "nw"}, {"southeast", "se"}, {"southwest", "sw"},
			{"north", "n"}, {"south", "s"}, {"east", "e"}, {"west", "w"}, {"central", "c"},
		} {
			if p == dir.word {
				p = dir.short
				break
			}
		}
		b.WriteString(p)
	}
	b.WriteString(parts[len(parts)-1])
	return b.String()
}

type zoneItem struct {
	ZoneName           string        `xml:"zoneName"`
	ZoneState          string        `xml:"zoneState"`
	RegionName         string        `xml:"regionName"`
	Messages           []zoneMessage `xml:"messageSet>item"`
	OptInStatus        string        `xml:"optInStatus"`
	ZoneID             string        `xml:"zoneId"`
	GroupName          string        `xml:"groupName"`
	NetworkBorderGroup string        `xml:"networkBorderGroup"`
	ZoneType           string        `xml:"zoneType"`
}

type zoneMessage struct {
	Message string `xml:"message"`
}

type describeZonesResponse struct {
	XMLName   xml.Name `xml:"DescribeAvailabilityZonesResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	RequestID string   `xml:"requestId"`
	Info      struct {
		Items []zoneItem `xml:"item"`
	} `xml:"availabilityZoneInfo"`
}

// describeAvailabilityZones answers DescribeAvailabilityZones with the
// zones of the request's region. Zones that need an opt-in the account has
// not given are left out unless AllAvailabilityZones is true or they are
// named.
func (s *Backend) describeAvailabilityZones(w http.ResponseWriter, r *fake.Request) error {
	fs, err := filters(r.Params, "group-name", "message", "network-border-group", "opt-in-status",
		"region-name", "state", "zone-id", "zone-name", "zone-type")
	if err != nil {
		return err
	}
	zones := s.Zones(r.Region)
	names, ids := list(r.Params, "ZoneName"), list(r.Params, "ZoneId")
	var unknown []string
	for _, n := range names {
		if !slices.ContainsFunc(zones, func(z ZoneInfo) bool { return z.Name == n }) {
			unknown = append(unknown, n)
		}
	}
	for _, id := range ids {
		if !slices.ContainsFunc(zones, func(z ZoneInfo) bool { return z.ID == id }) {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return invalidValue("Invalid availability zone: [" + strings.Join(unknown, ", ") + "]")
	}
	all := r.Params.Get("AllAvailabilityZones") == "true"
	resp := describeZonesResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID}
	for _, z := range zones {
		named := slices.Contains(names, z.Name) || slices.Contains(ids, z.ID)
		if (len(names) > 0 || len(ids) > 0) && !named {
			continue
		}
		if !named && !all && z.OptInStatus == NotOptedIn {
			continue
		}
		ok := matchAll(fs, func(name string) string {
			switch name {
			case "group-name":
				return z.GroupName
			case "message":
				return strings.Join(z.Messages, "\n")
			case "network-border-group":
				return z.NetworkBorderGroup
			case "opt-in-status":
				return z.OptInStatus
			case "region-name":
				return z.Region
			case "state":
				return z.State
			case "zone-id":
				return z.ID
			case "zone-type":
				return z.Type
			}
			return z.Name
		})
		if ok {
			var msgs []zoneMessage
			for _, m := range z.Messages {
				msgs = append(msgs, zoneMessage{m})
			}
			resp.Info.Items = append(resp.Info.Items, zoneItem{
				ZoneName: z.Name, ZoneState: z.State, RegionName: z.Region, Messages: msgs,
				OptInStatus: z.OptInStatus, ZoneID: z.ID, GroupName: z.GroupName,
				NetworkBorderGroup: z.NetworkBorderGroup, ZoneType: z.Type,
			})
		}
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

// zoneIDs maps region's zone names to their IDs, for the
// availability-zone-id filters.
func (s *Backend) zoneIDs(region string) map[string]string {
	out := map[string]string{}
	for _, z := range s.Zones(region) {
		out[z.Name] = z.ID
	}
	return out
}
