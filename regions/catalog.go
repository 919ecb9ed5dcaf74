package regions

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Catalog answers where services are offered. NewCatalog fills it from the
// generated endpoints data; Update replaces one service's regions, e.g.
// with what EC2's DescribeRegions says. A Catalog is safe for concurrent
// use, and every slice it returns is the caller's own copy.
type Catalog struct {
	mu         sync.RWMutex
	partitions []*partitionEntry // sorted by name
	services   map[serviceKey]serviceEntry
}

type partitionEntry struct {
	info    Partition
	re      *regexp.Regexp    // nil when the partition came from Update
	regions map[string]string // name -> description
}

type serviceKey struct{ service, partition string }

type serviceEntry struct {
	regions []Region // sorted by Name; one entry for a global service
}

// NewCatalog returns a catalog holding its own copy of the generated data.
func NewCatalog() *Catalog {
	c := &Catalog{services: make(map[serviceKey]serviceEntry)}
	for _, p := range generatedPartitions() {
		pe := &partitionEntry{
			info:    Partition{Name: p.name, Description: p.description, DNSSuffix: p.dnsSuffix, RegionRegex: p.regionRegex},
			re:      regexp.MustCompile(p.regionRegex), // checked by the generator
			regions: make(map[string]string, len(p.regions)),
		}
		for _, r := range p.regions {
			pe.regions[r.name] = r.description
		}
		c.partitions = append(c.partitions, pe)
	}
	slices.SortFunc(c.partitions, comparePartitions)
	for _, s := range generatedServices() {
		pe := c.partition(s.partition)
		rs := make([]Region, 0, len(s.regions))
		for _, name := range s.regions {
			r := Region{Name: name, Partition: s.partition, Endpoint: s.endpoint}
			if pe != nil {
				r.Description = pe.regions[name]
				r.Hostname = defaultHostname(s.service, name, pe.info.DNSSuffix)
			}
			for _, h := range s.hosts {
				if h.region == name {
					r.Hostname = h.hostname
				}
			}
			rs = append(rs, r)
		}
		slices.SortFunc(rs, compareRegions)
		c.services[serviceKey{s.service, s.partition}] = serviceEntry{regions: rs}
	}
	return c
}

// Services returns the services the catalog knows, sorted.
func (c *Catalog) Services() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for k := range c.services {
		if !slices.Contains(out, k.service) {
			out = append(out, k.service)
		}
	}
	slices.Sort(out)
	return out
}

// HasService reports whether the catalog knows service in any partition.
func (c *Catalog) HasService(service string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for k := range c.services {
		if k.service == service {
			return true
		}
	}
	return false
}

// Regions returns the regions of partition where service is offered,
// sorted by name. An empty partition means "aws". A global service such as
// CloudFront has a single entry: its partition endpoint. An unknown service
// or partition gives nil.
func (c *Catalog) Regions(service, partition string) []Region {
	if partition == "" {
		partition = DefaultPartition
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.services[serviceKey{service, partition}].regions)
}

// Lookup returns service's endpoint in region. For a global service any
// region of its partition gives the partition endpoint, whose Name is the
// region to sign for (CloudFront in eu-west-1 is cloudfront.amazonaws.com,
// signed for us-east-1).
func (c *Catalog) Lookup(service, region string) (Region, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.partitionOfLocked(region)
	if !ok {
		return Region{}, false
	}
	rs := c.services[serviceKey{service, p}].regions
	if len(rs) == 1 && rs[0].Global() {
		return rs[0], true
	}
	i, ok := slices.BinarySearchFunc(rs, region, func(r Region, name string) int { return strings.Compare(r.Name, name) })
	if !ok {
		return Region{}, false
	}
	return rs[i], true
}

// Hostname returns the host of service's endpoint in region.
func (c *Catalog) Hostname(service, region string) (string, bool) {
	r, ok := c.Lookup(service, region)
	return r.Hostname, ok
}

// Partitions returns the names of the known partitions, sorted.
func (c *Catalog) Partitions() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]string, len(c.partitions))
	for i, p := range c.partitions {
		out[i] = p.info.Name
	}
	return out
}

// Partition describes the partition called name.
func (c *Catalog) Partition(name string) (Partition, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if p := c.partition(name); p != nil {
		return p.info, true
	}
	return Partition{}, false
}

// PartitionOf returns the partition region belongs to: the one that lists
// it, or else the one whose region-name pattern matches it, so a region
// launched after this catalog was generated is still placed.
func (c *Catalog) PartitionOf(region string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.partitionOfLocked(region)
}

func (c *Catalog) partitionOfLocked(region string) (string, bool) {
	if region == "" {
		return "", false
	}
	for _, p := range c.partitions {
		if _, ok := p.regions[region]; ok {
			return p.info.Name, true
		}
	}
	for _, p := range c.partitions {
		if p.re != nil && p.re.MatchString(region) {
			return p.info.Name, true
		}
	}
	return "", false
}

// Update replaces the regions of partition ("" means "aws") where service
// is offered. Missing fields are filled in: Partition, a Description the
// catalog knows, and the Hostname {service}.{region}.{dnsSuffix}. Region
// names new to the partition are added to it, so PartitionOf and Lookup
// find them. Later entries win over earlier ones with the same name. The
// catalog keeps its own copy of regions.
func (c *Catalog) Update(service, partition string, regions []Region) {
	if partition == "" {
		partition = DefaultPartition
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	pe := c.partition(partition)
	if pe == nil {
		// A partition the generated data does not know yet: record it
		// without a DNS suffix or pattern, so its regions can be listed.
		pe = &partitionEntry{info: Partition{Name: partition}, regions: map[string]string{}}
		c.partitions = append(c.partitions, pe)
		slices.SortFunc(c.partitions, comparePartitions)
	}
	byName := make(map[string]Region, len(regions))
	for _, r := range regions {
		if r.Name == "" {
			continue
		}
		r.Partition = partition
		if r.Description == "" {
			r.Description = pe.regions[r.Name]
		}
		if r.Hostname == "" && pe.info.DNSSuffix != "" {
			r.Hostname = defaultHostname(service, r.Name, pe.info.DNSSuffix)
		}
		if _, ok := pe.regions[r.Name]; !ok || pe.regions[r.Name] == "" {
			pe.regions[r.Name] = r.Description
		}
		byName[r.Name] = r
	}
	out := make([]Region, 0, len(byName))
	for _, r := range byName {
		out = append(out, r)
	}
	slices.SortFunc(out, compareRegions)
	if c.services == nil {
		c.services = make(map[serviceKey]serviceEntry)
	}
	c.services[serviceKey{service, partition}] = serviceEntry{regions: out}
}

func (c *Catalog) partition(name string) *partitionEntry {
	i, ok := slices.BinarySearchFunc(c.partitions, name, func(p *partitionEntry, n string) int {
		return strings.Compare(p.info.Name, n)
	})
	if !ok {
		return nil
	}
	return c.partitions[i]
}

func defaultHostname(service, region, dnsSuffix string) string {
	return service + "." + region + "." + dnsSuffix
}

func comparePartitions(a, b *partitionEntry) int { return cmp.Compare(a.info.Name, b.info.Name) }

func compareRegions(a, b Region) int { return cmp.Compare(a.Name, b.Name) }
