package regions

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
)

// DefaultConcurrency is how many regions Map visits at once unless
// WithConcurrency says otherwise. Region calls wait on the network, not the
// CPU, and the largest partition has fewer than 40 regions, so the default
// lets a whole partition run at once: Map then takes about as long as the
// slowest region. The limit is there for long WithRegions lists and for
// callers who want to be gentle on an account's API rate.
const DefaultConcurrency = 64

// ServiceSet holds one connection per region of a service. It is safe for
// concurrent use as long as the connections are.
type ServiceSet[C any] struct {
	service string
	regions []string
	conns   []C // conns[i] serves regions[i]
	opts    setOptions
}

type setOptions struct {
	catalog       *Catalog
	regions       []string
	regionsSet    bool // WithRegions was given, even with no names
	concurrency   int
	regionTimeout time.Duration
	stopOnError   bool
}

// SetOption configures a ServiceSet.
type SetOption func(*setOptions)

// WithCatalog takes the regions from c instead of a fresh NewCatalog, e.g.
// one refreshed from EC2's DescribeRegions.
func WithCatalog(c *Catalog) SetOption { return func(o *setOptions) { o.catalog = c } }

// WithRegions names the regions to connect to, in the order results should
// come back, instead of asking a catalog. The names are not checked against
// any catalog, so a local fake's regions work too.
func WithRegions(names ...string) SetOption {
	return func(o *setOptions) { o.regions, o.regionsSet = slices.Clone(names), true }
}

// WithConcurrency caps how many regions Map visits at once: at least 1,
// DefaultConcurrency unless set.
func WithConcurrency(n int) SetOption { return func(o *setOptions) { o.concurrency = n } }

// WithRegionTimeout gives each region's call its own deadline, so one slow
// region fails alone instead of holding up the rest. Zero means none.
func WithRegionTimeout(d time.Duration) SetOption {
	return func(o *setOptions) { o.regionTimeout = d }
}

// StopOnError makes the first failing region cancel the others' contexts.
// Results gathered before that are kept; regions not yet started report
// context.Canceled without being called.
func StopOnError() SetOption { return func(o *setOptions) { o.stopOnError = true } }

// NewServiceSet builds one connection per region where service is offered,
// calling newConn with a copy of cfg whose Region is that region. The
// regions are those of cfg.Region's partition ("aws" when cfg.Region is
// empty) in the catalog, sorted by name, or those given by WithRegions. A
// global service such as CloudFront gets a single connection, in the region
// its endpoint signs for. No request is sent.
//
// An unknown service, a region list that comes out empty or a bad option
// gives a *goboto.ValidationError.
func NewServiceSet[C any](cfg aws.Config, service string, newConn func(aws.Config) C, opts ...SetOption) (*ServiceSet[C], error) {
	o := setOptions{concurrency: DefaultConcurrency}
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if service == "" {
		return nil, goboto.Invalid("service", "", "must not be empty")
	}
	if newConn == nil {
		return nil, goboto.Invalid("newConn", "", "must not be nil")
	}
	if o.concurrency < 1 {
		return nil, goboto.Invalid("Concurrency", strconv.Itoa(o.concurrency), "must be at least 1")
	}
	if o.regionTimeout < 0 {
		return nil, goboto.Invalid("RegionTimeout", o.regionTimeout.String(), "must not be negative")
	}
	names, err := setRegions(cfg.Region, service, o)
	if err != nil {
		return nil, err
	}
	s := &ServiceSet[C]{service: service, regions: names, conns: make([]C, len(names)), opts: o}
	s.opts.regions, s.opts.catalog = nil, nil // not needed after construction
	for i, name := range names {
		c := cfg.Copy()
		c.Region = name
		s.conns[i] = newConn(c)
	}
	return s, nil
}

// setRegions picks and checks the regions of a new ServiceSet.
func setRegions(cfgRegion, service string, o setOptions) ([]string, error) {
	if o.regionsSet {
		if len(o.regions) == 0 {
			return nil, goboto.Invalid("Regions", "", "must name at least one region")
		}
		seen := make(map[string]bool, len(o.regions))
		for _, r := range o.regions {
			if r == "" {
				return nil, goboto.Invalid("Regions", "", "must not contain an empty name")
			}
			if seen[r] {
				return nil, goboto.Invalid("Regions", r, "is listed twice")
			}
			seen[r] = true
		}
		return o.regions, nil
	}
	cat := o.catalog
	if cat == nil {
		cat = NewCatalog()
	}
	if !cat.HasService(service) {
		return nil, goboto.Invalid("service", service, "is not in the catalog (known: "+strings.Join(cat.Services(), ", ")+")")
	}
	partition := DefaultPartition
	if cfgRegion != "" {
		p, ok := cat.PartitionOf(cfgRegion)
		if !ok {
			return nil, goboto.Invalid("Region", cfgRegion, "is in no known partition")
		}
		partition = p
	}
	rs := cat.Regions(service, partition)
	if len(rs) == 0 {
		return nil, goboto.Invalid("service", service, "is offered in no region of partition "+partition)
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return names, nil
}

// Service returns the service name the set was built for.
func (s *ServiceSet[C]) Service() string { return s.service }

// Regions returns the set's regions, in the order Map reports them.
func (s *ServiceSet[C]) Regions() []string { return slices.Clone(s.regions) }

// Len returns the number of regions.
func (s *ServiceSet[C]) Len() int { return len(s.regions) }

// Conn returns the connection for region.
func (s *ServiceSet[C]) Conn(region string) (C, bool) {
	if i := slices.Index(s.regions, region); i >= 0 {
		return s.conns[i], true
	}
	var zero C
	return zero, false
}
