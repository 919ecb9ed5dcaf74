package regions

import (
	"cmp"
	"maps"
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
	// shared is set while partitions and services are the generated
	// tables every NewCatalog shares: the first Update copies them.
	shared bool
}

type partitionEntry struct {
	info    Partition
	re      *regexp.Regexp    // nil when the partition came from Update
	regions map[string]string // name -> description
}

type serviceKey struct{ service, partition string }

type serviceEntry struct {
	regions []Region // sorted by Name; one entry for a global service; never changed in place
}

// tables is the generated data in the catalog's shape.
type tables struct {
	partitions []*partitionEntry
	services   map[serviceKey]serviceEntry
}

// generated is the generated data, parsed and compiled on first use and
// never changed afterwards, so every Catalog shares it until its first
// Update and the package-level lookups read it without locking.
var generated = sync.OnceValue(func() tables {
	t := tables{services: make(map[serviceKey]serviceEntry)}
	for _, p := range generatedPartitions() {
		pe := &partitionEntry{
			info:    Partition{Name: p.name, Description: p.description, DNSSuffix: p.dnsSuffix, RegionRegex: p.regionRegex},
			re:      regexp.MustCompile(p.regionRegex), // checked by the generator
			regions: make(map[string]string, len(p.regions)),
		}
		for _, r := range p.regions {
			pe.regions[r.name] = r.description
		}
		t.partitions = append(t.partitions, pe)
	}
	slices.SortFunc(t.partitions, comparePartitions)
	for _, s := range generatedServices() {
		pe := findPartition(t.partitions, s.partition)
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
		t.services[serviceKey{s.service, s.partition}] = serviceEntry{regions: rs}
	}
	return t
})

// NewCatalog returns a catalog of the generated data. It shares the
// generated tables until its first Update, which copies them, so a
// catalog costs next to nothing to make and updating one never changes
// another.
func NewCatalog() *Catalog {
	t := generated()
	return &Catalog{partitions: t.partitions, services: t.services, shared: true}
}

// Lookup returns service's endpoint in region from the generated data
// alone, as NewCatalog().Lookup would, without making a catalog.
func Lookup(service, region string) (Region, bool) {
	t := generated()
	return lookup(t.partitions, t.services, service, region)
}

// Hostname returns the host of service's endpoint in region from the
// generated data alone, as NewCatalog().Hostname would, without making a
// catalog.
func Hostname(service, region string) (string, bool) {
	r, ok := Lookup(service, region)
	return r.Hostname, ok
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
	return lookup(c.partitions, c.services, service, region)
}

func lookup(partitions []*partitionEntry, services map[serviceKey]serviceEntry, service, region string) (Region, bool) {
	p, ok := partitionOf(partitions, region)
	if !ok {
		return Region{}, false
	}
	rs := services[serviceKey{service, p}].regions
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
	return partitionOf(c.partitions, region)
}

func partitionOf(partitions []*partitionEntry, region string) (string, bool) {
	if region == "" {
		return "", false
	}
	for _, p := range partitions {
		if _, ok := p.regions[region]; ok {
			return p.info.Name, true
		}
	}
	for _, p := range partitions {
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
	c.own()
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

// own gives c its own copy of the tables it shares with other catalogs,
// before Update changes them. Region slices are not copied: Update
// replaces a service's slice and never writes into one.
func (c *Catalog) own() {
	if !c.shared {
		return
	}
	parts := make([]*partitionEntry, len(c.partitions))
	for i, p := range c.partitions {
		cp := *p // the compiled pattern is safe to share
		cp.regions = maps.Clone(p.regions)
		parts[i] = &cp
	}
	c.partitions = parts
	c.services = maps.Clone(c.services)
	c.shared = false
}

func (c *Catalog) partition(name string) *partitionEntry { return findPartition(c.partitions, name) }

func findPartition(partitions []*partitionEntry, name string) *partitionEntry {
	i, ok := slices.BinarySearchFunc(partitions, name, func(p *partitionEntry, n string) int {
		return strings.Compare(p.info.Name, n)
	})
	if !ok {
		return nil
	}
	return partitions[i]
}

func defaultHostname(service, region, dnsSuffix string) string {
	return service + "." + region + "." + dnsSuffix
}

func comparePartitions(a, b *partitionEntry) int { return cmp.Compare(a.info.Name, b.info.Name) }

func compareRegions(a, b Region) int { return cmp.Compare(a.Name, b.Name) }
