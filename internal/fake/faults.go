package fake

import (
	"math/rand/v2"
	"sync"
	"time"
)

// FaultKind is what a Fault does to a request.
type FaultKind int

const (
	// Latency waits Delay before the request is handled (or until the
	// client gives up), then handles it normally.
	Latency FaultKind = iota + 1
	// Throttle answers the service's Throttle error (or Err) unhandled.
	Throttle
	// ServerError answers the service's ServerError (or Err) unhandled.
	ServerError
	// Reset drops the connection with a TCP reset before handling.
	Reset
	// Truncate handles the request, declares the full Content-Length,
	// sends half the body and closes the connection.
	Truncate
	// SlowBody handles the request and sends the body in ChunkSize pieces
	// with Delay between them.
	SlowBody
)

func (k FaultKind) String() string {
	switch k {
	case Latency:
		return "Latency"
	case Throttle:
		return "Throttle"
	case ServerError:
		return "ServerError"
	case Reset:
		return "Reset"
	case Truncate:
		return "Truncate"
	case SlowBody:
		return "SlowBody"
	case 0:
		return "None"
	}
	return "FaultKind(?)"
}

// Fault is a rule that makes matching requests misbehave. Faults apply
// after a request is authenticated and routed.
type Fault struct {
	// Service, Operation, Region and Account select requests; "" matches
	// any.
	Service, Operation, Region, Account string
	Kind                                FaultKind
	// Probability is the chance that a matching request is hit; 0 means
	// always. Draws come from a generator seeded by Options.Seed and the
	// rule's order of addition, so a run is reproducible.
	Probability float64
	// Times limits how many requests the rule hits; 0 means no limit.
	Times int
	// Delay is Latency's wait and SlowBody's pause between chunks.
	Delay time.Duration
	// ChunkSize is SlowBody's piece size; 0 means 16 bytes.
	ChunkSize int
	// Err replaces the default error of Throttle and ServerError.
	Err *Error
}

// Faults is a Server's set of fault rules. It is safe for concurrent use.
type Faults struct {
	seed uint64

	mu    sync.Mutex
	next  uint64
	rules []*faultRule
}

type faultRule struct {
	id   uint64
	f    Fault
	rng  *rand.Rand
	hits int
}

func newFaults(seed int64) *Faults { return &Faults{seed: uint64(seed)} }

// Add installs f and returns a func that removes it again.
func (fs *Faults) Add(f Fault) (remove func()) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.next++
	r := &faultRule{id: fs.next, f: f, rng: rand.New(rand.NewPCG(fs.seed, fs.next))}
	fs.rules = append(fs.rules, r)
	return func() {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		for i, x := range fs.rules {
			if x == r {
				fs.rules = append(fs.rules[:i:i], fs.rules[i+1:]...)
				return
			}
		}
	}
}

// Clear removes every rule.
func (fs *Faults) Clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.rules = nil
}

// Len returns the number of installed rules.
func (fs *Faults) Len() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.rules)
}

func (f *Fault) matches(c *Call) bool {
	return (f.Service == "" || f.Service == c.Service) &&
		(f.Operation == "" || f.Operation == c.Operation) &&
		(f.Region == "" || f.Region == c.Region) &&
		(f.Account == "" || f.Account == c.Account)
}

// pick returns the faults that hit a request, in the order they were
// added: any Latency rules, then at most one other fault. A rule whose
// Times is used up is dropped.
func (fs *Faults) pick(c *Call) []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var hit []Fault
	terminal := false
	for i := 0; i < len(fs.rules); i++ {
		r := fs.rules[i]
		if !r.f.matches(c) || (terminal && r.f.Kind != Latency) {
			continue
		}
		if r.f.Probability > 0 && r.rng.Float64() >= r.f.Probability {
			continue
		}
		hit = append(hit, r.f)
		if r.f.Kind != Latency {
			terminal = true
		}
		r.hits++
		if r.f.Times > 0 && r.hits >= r.f.Times {
			fs.rules = append(fs.rules[:i:i], fs.rules[i+1:]...)
			i--
		}
	}
	return hit
}
