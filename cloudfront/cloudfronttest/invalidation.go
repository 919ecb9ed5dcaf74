package cloudfronttest

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

func init() {
	handlers["CreateInvalidation"] = (*Backend).createInvalidation
	handlers["GetInvalidation"] = (*Backend).getInvalidation
	handlers["ListInvalidations"] = (*Backend).listInvalidations
}

// Invalidation quotas (CloudFront Developer Guide, "Quotas on
// invalidations"): up to 3,000 file paths in progress at a time per
// distribution, and up to 15 wildcard paths.
const (
	maxPathsInProgress    = 3000
	maxWildcardInProgress = 15
)

// invalidation is one invalidation batch.
type invalidation struct {
	id        string
	callerRef string
	paths     []string
	created   time.Time
	doneAt    time.Time // InProgress until then, Completed after
}

func (inv *invalidation) ident() string { return inv.id }

func (inv *invalidation) status(now time.Time) string {
	if now.Before(inv.doneAt) {
		return "InProgress"
	}
	return "Completed"
}

func (inv *invalidation) doc(now time.Time) *node {
	items := make([]*node, len(inv.paths))
	for i, p := range inv.paths {
		items[i] = leaf("Path", p)
	}
	paths := el("Paths", leafInt("Quantity", len(items)))
	if len(items) > 0 {
		paths.kids = append(paths.kids, el("Items", items...))
	}
	return el("Invalidation", leaf("Id", inv.id), leaf("Status", inv.status(now)), leafTime("CreateTime", inv.created),
		el("InvalidationBatch", paths, leaf("CallerReference", inv.callerRef)))
}

func errNoSuchInvalidation(id string) *fake.Error {
	return cferr(http.StatusNotFound, "NoSuchInvalidation", "The specified invalidation does not exist: %s.", id)
}

// createInvalidation serves CreateInvalidation. Each path begins with a
// slash and may end in one * (Developer Guide, "Specifying the files to
// invalidate"). A CallerReference sent before with the same paths
// answers that invalidation; with other paths it is
// InvalidationBatchAlreadyExists (the model's
// InvalidationBatch.CallerReference).
//
// That rule is the model's, and unconfirmed: the model declares no
// InvalidationBatchAlreadyExists for CreateInvalidation, and reports
// against AWS (aws/aws-cdk#3878, a fixed reference sent again with the
// same single path; jonls/s3-deploy-website#26) quote InvalidArgument,
// "Your request contains a caller reference that was used for a
// previous invalidation batch for the same distribution." If AWS
// answers that for every reuse, as it does for distributions, this
// should follow.
func (b *Backend) createInvalidation(c *call) (*answer, error) {
	doc, err := parseDoc(c.Body, "InvalidationBatch")
	if err != nil {
		return nil, err
	}
	if err := check(doc, "InvalidationBatch", "InvalidationBatch"); err != nil {
		return nil, err
	}
	var paths []string
	wild := 0
	for _, p := range doc.items("Paths/Items") {
		if !strings.HasPrefix(p.text, "/") {
			return nil, errInvalidArgument("The invalidation path %q does not begin with a slash.", p.text)
		}
		if i := strings.IndexByte(p.text, '*'); i >= 0 {
			if i != len(p.text)-1 {
				return nil, errInvalidArgument("The invalidation path %q has a * other than as its last character.", p.text)
			}
			wild++
		}
		paths = append(paths, p.text)
	}
	if len(paths) == 0 {
		return nil, errInvalidArgument("An invalidation batch needs at least one path.")
	}
	if len(paths) > maxPathsInProgress {
		return nil, cferr(http.StatusRequestEntityTooLarge, "BatchTooLarge", "The invalidation batch has %d paths; at most %d are allowed.", len(paths), maxPathsInProgress)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findDistLocked(c.Account(), c.labels["DistributionId"])
	if e != nil {
		return nil, e
	}
	ref := doc.str("CallerReference")
	for _, inv := range d.invalidations {
		if inv.callerRef != ref {
			continue
		}
		if !slices.Equal(inv.paths, paths) {
			return nil, cferr(http.StatusConflict, "InvalidationBatchAlreadyExists",
				"The caller reference %q was used for an invalidation with other paths (%s).", ref, inv.id)
		}
		return &answer{status: http.StatusCreated, header: invalidationHeader(d, inv), doc: inv.doc(c.Now)}, nil
	}
	inFlight, inFlightWild := 0, 0
	for _, inv := range d.invalidations {
		if c.Now.Before(inv.doneAt) {
			for _, p := range inv.paths {
				inFlight++
				if strings.HasSuffix(p, "*") {
					inFlightWild++
				}
			}
		}
	}
	if inFlight+len(paths) > maxPathsInProgress || inFlightWild+wild > maxWildcardInProgress {
		return nil, cferr(http.StatusBadRequest, "TooManyInvalidationsInProgress",
			"Processing your request will cause you to exceed the maximum number of in-progress invalidations (%d paths, %d wildcard paths).",
			maxPathsInProgress, maxWildcardInProgress)
	}
	inv := &invalidation{id: "I" + b.newID()[1:], callerRef: ref, paths: paths, created: c.Now, doneAt: c.Now.Add(b.opts.deploy)}
	d.invalidations = append(d.invalidations, inv)
	return &answer{status: http.StatusCreated, header: invalidationHeader(d, inv), doc: inv.doc(c.Now)}, nil
}

func invalidationHeader(d *distribution, inv *invalidation) http.Header {
	return http.Header{"Location": {"https://cloudfront.amazonaws.com/2020-05-31/distribution/" + d.id + "/invalidation/" + inv.id}}
}

// getInvalidation serves GetInvalidation.
func (b *Backend) getInvalidation(c *call) (*answer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findDistLocked(c.Account(), c.labels["DistributionId"])
	if e != nil {
		return nil, e
	}
	for _, inv := range d.invalidations {
		if inv.id == c.labels["Id"] {
			return &answer{doc: inv.doc(c.Now)}, nil
		}
	}
	return nil, errNoSuchInvalidation(c.labels["Id"])
}

// listInvalidations serves ListInvalidations: newest first, as
// CloudFront lists them, MaxItems at a time.
func (b *Backend) listInvalidations(c *call) (*answer, error) {
	marker, max, e := listParams(c)
	if e != nil {
		return nil, e
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, e := b.findDistLocked(c.Account(), c.labels["DistributionId"])
	if e != nil {
		return nil, e
	}
	newest := slices.Clone(d.invalidations)
	slices.Reverse(newest)
	page, next, e := pageOf(newest, marker, max)
	if e != nil {
		return nil, e
	}
	items := make([]*node, len(page))
	for i, inv := range page {
		items[i] = el("InvalidationSummary", leaf("Id", inv.id), leafTime("CreateTime", inv.created), leaf("Status", inv.status(c.Now)))
	}
	return &answer{doc: listDoc("InvalidationList", marker, next, max, items)}, nil
}
