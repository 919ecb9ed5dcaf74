package cloudfronttest

import (
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// account is one account's CloudFront resources, guarded by Backend.mu.
// Slices keep creation order, which listings follow.
type account struct {
	id         string
	dists      []*distribution
	streams    []*distribution
	oais       []*resource
	oacs       []*resource
	publicKeys []*resource
	keyGroups  []*resource
}

// empty reports whether the account holds nothing.
func (a *account) empty() bool {
	return len(a.dists)+len(a.streams)+len(a.oais)+len(a.oacs)+len(a.publicKeys)+len(a.keyGroups) == 0
}

// distribution is a distribution or a streaming distribution (config
// is a DistributionConfig or a StreamingDistributionConfig).
type distribution struct {
	id, arn, domain string
	callerRef       string
	config          *node
	tags            *node // a Tags element
	etag            string
	modified        time.Time
	deployAt        time.Time // InProgress until then, Deployed after
	invalidations   []*invalidation
}

// status is "InProgress" until the distribution's last change has
// deployed on the server's clock, then "Deployed".
func (d *distribution) status(now time.Time) string {
	if now.Before(d.deployAt) {
		return "InProgress"
	}
	return "Deployed"
}

// enabled reports the configuration's Enabled.
func (d *distribution) enabled() bool { return d.config.boolean("Enabled") }

// accountLocked returns account id's state, making it; b.mu is held.
func (b *Backend) accountLocked(id string) *account {
	a := b.accounts[id]
	if a == nil {
		a = &account{id: id}
		b.accounts[id] = a
	}
	return a
}

// nextLocked returns a number no earlier call returned; b.mu is held.
func (b *Backend) nextLocked() uint64 {
	b.counter++
	return b.counter
}

// idChars are the characters of CloudFront's IDs and ETags: upper-case
// letters and digits ("EDFDVBD6EXAMPLE", "E2QWRUHAPOMQZL").
const idChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newID returns "E" and 13 characters made from a fresh number, spread
// so consecutive IDs differ in more than their last character.
func (b *Backend) newID() string {
	n := b.nextLocked()*0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D
	var sb strings.Builder
	sb.WriteByte('E')
	for range 13 {
		sb.WriteByte(idChars[n%uint64(len(idChars))])
		n /= uint64(len(idChars))
		if n == 0 {
			n = b.counter*0xBF58476D1CE4E5B9 + 7
		}
	}
	return sb.String()
}

// domainFor returns the CloudFront domain of a distribution ID:
// "d" and 13 lower-case characters, under cloudfront.net (streaming
// distributions are "s..." on the same domain).
func domainFor(prefix, id string) string {
	return prefix + strings.ToLower(id[1:]) + ".cloudfront.net"
}

// arnFor returns a CloudFront resource's ARN: CloudFront ARNs have no
// region ("arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE").
func arnFor(account, kind, id string) string {
	return "arn:aws:cloudfront::" + account + ":" + kind + "/" + id
}

// ifMatch checks a write's If-Match against etag: missing is
// InvalidIfMatchVersion, another value PreconditionFailed (CloudFront API
// Reference, UpdateDistribution and DeleteDistribution, Errors).
func ifMatch(r *http.Request, etag string) *fake.Error {
	got := r.Header.Get("If-Match")
	if got == "" {
		return cferr(http.StatusBadRequest, "InvalidIfMatchVersion", "The If-Match version is missing or not valid for the resource.")
	}
	if got != etag {
		return cferr(http.StatusPreconditionFailed, "PreconditionFailed", "The request failed because it didn't meet the preconditions in one or more request-header fields.")
	}
	return nil
}

// etagHeader is the answer's ETag (and, for a creation, Location)
// headers.
func etagHeader(etag string) http.Header {
	return http.Header{"Etag": {etag}}
}
