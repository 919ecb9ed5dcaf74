package cloudfront

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Distribution is a handle on a CloudFront distribution. Making one
// (Conn.Distribution) does no I/O; its exported fields are what
// CloudFront last answered.
type Distribution struct {
	conn *Conn

	ID           string
	ARN          string
	DomainName   string // "d111111abcdef8.cloudfront.net"
	Status       string // "InProgress" or "Deployed"
	LastModified time.Time
	// InProgressInvalidations counts invalidation batches not yet
	// completed (GetDistribution only).
	InProgressInvalidations int
	// ETag is the version of the configuration last seen. Save sends it
	// as If-Match, so it fails (PreconditionFailed) if the distribution
	// changed since.
	ETag string
	// Config is the configuration last seen; Save sends it.
	Config *DistributionConfig
}

// Distribution returns a handle on distribution id; it sends nothing.
func (c *Conn) Distribution(id string) *Distribution { return &Distribution{conn: c, ID: id} }

// Conn returns the connection the handle uses.
func (d *Distribution) Conn() *Conn {
	if d == nil {
		return nil
	}
	return d.conn
}

// URL returns the HTTPS URL of path on the distribution's CloudFront
// domain: "https://d111111abcdef8.cloudfront.net/path".
func (d *Distribution) URL(path string) string {
	if d == nil {
		return ""
	}
	if len(path) > 0 && path[0] == '/' {
		path = path[1:]
	}
	return "https://" + d.DomainName + "/" + path
}

func (d *Distribution) api() (*cloudfront.Client, error) {
	if d == nil {
		return nil, goboto.Invalid("Distribution", "", "is nil")
	}
	client, err := d.conn.api()
	if err != nil {
		return nil, err
	}
	if d.ID == "" {
		return nil, goboto.Invalid("Distribution.ID", "", "is empty")
	}
	return client, nil
}

// set copies CloudFront's answer into the handle.
func (d *Distribution) set(x *types.Distribution, etag *string) {
	if x == nil {
		return
	}
	d.ID, d.ARN, d.DomainName, d.Status = aws.ToString(x.Id), aws.ToString(x.ARN), aws.ToString(x.DomainName), aws.ToString(x.Status)
	d.LastModified = aws.ToTime(x.LastModifiedTime)
	d.InProgressInvalidations = int(aws.ToInt32(x.InProgressInvalidationBatches))
	if etag != nil {
		d.ETag = *etag
	}
	d.Config = configFrom(x.DistributionConfig)
}

// newCallerReference makes a caller reference unique enough that no two
// creations share one by chance.
func newCallerReference() string {
	var b [12]byte
	rand.Read(b[:])
	return "goboto-" + hex.EncodeToString(b[:])
}

// CreateDistribution creates a distribution from cfg (CreateDistribution,
// or CreateDistributionWithTags when cfg has Tags), after checking it
// (DistributionConfig.Validate). The distribution is InProgress until
// CloudFront has deployed it (Distribution.Wait).
//
// It is idempotent by caller reference: an empty CallerReference is made
// up (and kept across the retryer's attempts), and a creation sent again
// with the same one, by the retryer after a lost answer or by you,
// returns the distribution the first made. CloudFront itself refuses
// every CallerReference it has seen, whatever the configuration
// (DistributionAlreadyExists), so on that answer CreateDistribution
// looks for the distribution holding the reference and returns it when
// its configuration is cfg's: compared as goboto sends it, sets in any
// order, CloudFront's defaults for what cfg leaves unset, and the
// members DistributionConfig does not model left out; with Tags, the
// distribution must have them too. Otherwise the answer is CloudFront's
// error, a *goboto.APIError with code DistributionAlreadyExists
// (errors.As also finds *types.DistributionAlreadyExists).
//
// The look-up costs nothing until CloudFront refuses a reference; then
// one GetDistribution for the distribution CloudFront's message names
// (AWS's does). Failing that, it lists every distribution
// (ListDistributions, one call per 100) and reads, newest first, each
// whose summary matches cfg until one holds the reference, plus one
// ListTagsForResource when cfg has Tags.
func (c *Conn) CreateDistribution(ctx context.Context, cfg DistributionConfig) (*Distribution, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := checkTags(cfg.Tags); err != nil {
		return nil, err
	}
	if cfg.CallerReference == "" {
		cfg.CallerReference = newCallerReference()
	}
	d := &Distribution{conn: c}
	if len(cfg.Tags) == 0 {
		out, err := client.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: cfg.v2()}, retryLostAnswers)
		if err != nil {
			return c.createdBefore(ctx, client, &cfg, convert(err))
		}
		d.set(out.Distribution, out.ETag)
		return d, nil
	}
	out, err := client.CreateDistributionWithTags(ctx, &cloudfront.CreateDistributionWithTagsInput{
		DistributionConfigWithTags: &types.DistributionConfigWithTags{DistributionConfig: cfg.v2(), Tags: v2Tags(cfg.Tags)}}, retryLostAnswers)
	if err != nil {
		return c.createdBefore(ctx, client, &cfg, convert(err))
	}
	d.set(out.Distribution, out.ETag)
	return d, nil
}

// Refresh reads the distribution (GetDistribution): its status, domain,
// configuration and ETag. A missing distribution is a *goboto.APIError
// with code NoSuchDistribution, goboto.IsNotFound true.
func (d *Distribution) Refresh(ctx context.Context) error {
	client, err := d.api()
	if err != nil {
		return err
	}
	out, err := client.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: aws.String(d.ID)})
	if err != nil {
		return convert(err)
	}
	d.set(out.Distribution, out.ETag)
	return nil
}

// Save sends d.Config as the distribution's configuration
// (UpdateDistribution) with d.ETag as If-Match, and records the new
// ETag and status. It needs a loaded ETag (Refresh, or the answer of an
// earlier write): without one it is a *goboto.ValidationError before
// anything is sent. If the distribution changed since the ETag was read,
// CloudFront answers PreconditionFailed; Update retries that for you.
func (d *Distribution) Save(ctx context.Context) error {
	client, err := d.api()
	if err != nil {
		return err
	}
	if d.ETag == "" {
		return goboto.Invalid("Distribution.ETag", "", "is not loaded: Refresh the distribution (or use Update) before saving")
	}
	if d.Config == nil {
		return goboto.Invalid("Distribution.Config", "", "is not loaded: Refresh the distribution (or use Update) before saving")
	}
	if err := d.Config.Validate(); err != nil {
		return err
	}
	out, err := client.UpdateDistribution(ctx, &cloudfront.UpdateDistributionInput{Id: aws.String(d.ID),
		DistributionConfig: d.Config.v2(), IfMatch: aws.String(d.ETag)})
	if err != nil {
		return convert(err)
	}
	d.set(out.Distribution, out.ETag)
	return nil
}

// updateAttempts bounds Update's read-modify-write loop: each attempt
// lost to a concurrent writer reads again.
const updateAttempts = 5

// Update changes the distribution's configuration by read-modify-write:
// it reads the configuration and its ETag (GetDistributionConfig), lets
// edit change it, and saves it (UpdateDistribution with If-Match). When
// another writer got in between (PreconditionFailed) it reads and edits
// again, up to 5 times, so edit must be safe to run more than once. An
// error from edit ends the update with that error, nothing sent.
func (d *Distribution) Update(ctx context.Context, edit func(*DistributionConfig) error) error {
	client, err := d.api()
	if err != nil {
		return err
	}
	if edit == nil {
		return goboto.Invalid("edit", "", "is nil")
	}
	var last error
	for range updateAttempts {
		got, err := client.GetDistributionConfig(ctx, &cloudfront.GetDistributionConfigInput{Id: aws.String(d.ID)})
		if err != nil {
			return convert(err)
		}
		d.Config, d.ETag = configFrom(got.DistributionConfig), aws.ToString(got.ETag)
		if err := edit(d.Config); err != nil {
			return err
		}
		err = d.Save(ctx)
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "PreconditionFailed" {
			return err
		}
		last = err
	}
	return last
}

// Enable turns the distribution on (Update with Enabled true).
func (d *Distribution) Enable(ctx context.Context) error {
	return d.Update(ctx, func(c *DistributionConfig) error { c.Enabled = true; return nil })
}

// Disable turns the distribution off (Update with Enabled false); it can
// be deleted once CloudFront has deployed that.
func (d *Distribution) Disable(ctx context.Context) error {
	return d.Update(ctx, func(c *DistributionConfig) error { c.Enabled = false; return nil })
}

// Delete deletes the distribution the only way CloudFront allows: it
// disables it if it is enabled, waits until that is deployed
// (Distribution.Wait, with opts: goboto.Timeout, goboto.Interval,
// goboto.Progress, which reports "disabling" then each state seen), and
// deletes it (DeleteDistribution with the current ETag). Deployment can
// take many minutes on AWS; the default timeout is 90 minutes.
func (d *Distribution) Delete(ctx context.Context, opts ...goboto.WaitOption) error {
	client, err := d.api()
	if err != nil {
		return err
	}
	o := goboto.ApplyWait(waitDefaults(), opts...)
	if err := d.Refresh(ctx); err != nil {
		return err
	}
	if d.Config != nil && d.Config.Enabled {
		if o.Progress != nil {
			o.Progress("disabling", 0)
		}
		if err := d.Disable(ctx); err != nil {
			return err
		}
	}
	if err := d.Wait(ctx, DistributionDeployed, opts...); err != nil {
		return err
	}
	if err := d.Refresh(ctx); err != nil { // the ETag after deployment
		return err
	}
	_, err = client.DeleteDistribution(ctx, &cloudfront.DeleteDistributionInput{Id: aws.String(d.ID), IfMatch: aws.String(d.ETag)})
	return convert(err)
}

// Distributions lists the account's distributions (ListDistributions),
// one page per need, as handles carrying the summary CloudFront answered
// (no ETag: Refresh a handle before Save).
func (c *Conn) Distributions(ctx context.Context, opts ...ListOption) iter.Seq2[*Distribution, error] {
	return func(yield func(*Distribution, error) bool) {
		client, err := c.api()
		if err != nil {
			yield(nil, err)
			return
		}
		o, err := listOptions(opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := cloudfront.NewListDistributionsPaginator(client, &cloudfront.ListDistributionsInput{MaxItems: o.maxItems()})
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*cloudfront.ListDistributionsOutput, error) { return p.NextPage(ctx) },
			func(out *cloudfront.ListDistributionsOutput) []types.DistributionSummary {
				if out.DistributionList == nil {
					return nil
				}
				return out.DistributionList.Items
			},
			func(s types.DistributionSummary) *Distribution { return c.fromSummary(s) })
	}
}

// fromSummary is a handle from a listing's summary: the summary's
// members, as a configuration without a CallerReference (the summary
// has none).
func (c *Conn) fromSummary(s types.DistributionSummary) *Distribution {
	d := &Distribution{conn: c, ID: aws.ToString(s.Id), ARN: aws.ToString(s.ARN), DomainName: aws.ToString(s.DomainName),
		Status: aws.ToString(s.Status), LastModified: aws.ToTime(s.LastModifiedTime)}
	d.Config = configFrom(&types.DistributionConfig{Aliases: s.Aliases, Origins: s.Origins, OriginGroups: s.OriginGroups,
		DefaultCacheBehavior: s.DefaultCacheBehavior, CacheBehaviors: s.CacheBehaviors, CustomErrorResponses: s.CustomErrorResponses,
		Comment: s.Comment, PriceClass: s.PriceClass, Enabled: s.Enabled, ViewerCertificate: s.ViewerCertificate,
		Restrictions: s.Restrictions, WebACLId: s.WebACLId, HttpVersion: s.HttpVersion, IsIPV6Enabled: s.IsIPV6Enabled, Staging: s.Staging})
	return d
}

// v2Tags converts tags, sorted by key.
func v2Tags(tags map[string]string) *types.Tags {
	items := make([]types.Tag, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		items = append(items, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return &types.Tags{Items: items}
}
