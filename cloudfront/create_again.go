package cloudfront

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/aws/smithy-go"

	"github.com/goboto/goboto"
)

// CloudFront answers DistributionAlreadyExists for every CallerReference
// sent before, even with a byte-identical request (the model's
// DistributionConfig.CallerReference; aws/aws-sdk-go#2213), so it does
// not make a retried creation safe by itself. CreateDistribution makes it
// so: when a creation is refused that way, the first attempt may have
// landed (its answer lost, the retryer sending it again), and the
// distribution holding the reference is looked up and returned if it is
// the one asked for.

// retryLostAnswers is a per-call option of the creations: the retryer
// also sends a creation again when its answer was cut short (a 2xx
// whose body could not be read, smithy's DeserializationError), which
// aws-sdk-go-v2's retryers do not retry. The first attempt made the
// distribution, so the retry meets DistributionAlreadyExists and
// createdBefore returns that distribution. The retryer's own limits
// hold: with one attempt (goboto.WithRetry(1, 0)) nothing is sent again.
func retryLostAnswers(o *cloudfront.Options) {
	if o.Retryer != nil {
		o.Retryer = lostAnswerRetryer{o.Retryer}
	}
}

type lostAnswerRetryer struct{ aws.Retryer }

func (r lostAnswerRetryer) IsErrorRetryable(err error) bool {
	return lostAnswer(err) || r.Retryer.IsErrorRetryable(err)
}

// GetAttemptToken is aws.RetryerV2's, which the embedded interface does
// not promote.
func (r lostAnswerRetryer) GetAttemptToken(ctx context.Context) (func(error) error, error) {
	if v2, ok := r.Retryer.(aws.RetryerV2); ok {
		return v2.GetAttemptToken(ctx)
	}
	return r.GetInitialToken(), nil
}

// lostAnswer reports whether err is a successful answer that could not
// be read.
func lostAnswer(err error) bool {
	var de *smithy.DeserializationError
	var re *awshttp.ResponseError
	return errors.As(err, &de) && errors.As(err, &re) && re.HTTPStatusCode()/100 == 2
}

// existsPrefix introduces, in DistributionAlreadyExists' message, the ID
// of the distribution that holds the reference: AWS words it "The caller
// reference that you are using to create a distribution is associated
// with another distribution. Already exists: E2O6U8DECVP5UD"
// (awslabs/aws-saas-boost#153, aws/aws-sdk-js-v3#2618).
const existsPrefix = "Already exists: "

// heldBy returns the distribution ID a DistributionAlreadyExists message
// names, "" when it names none.
func heldBy(msg string) string {
	i := strings.LastIndex(msg, existsPrefix)
	if i < 0 {
		return ""
	}
	id := msg[i+len(existsPrefix):]
	end := strings.IndexFunc(id, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < '0' || r > '9') })
	if end >= 0 {
		id = id[:end]
	}
	return id
}

// createdBefore handles a creation of cfg refused with refused, a
// DistributionAlreadyExists: it finds the distribution that holds
// cfg.CallerReference and returns it when its configuration is cfg's
// (sameConfig) and it has cfg's tags; otherwise refused, joined with the
// error that stopped the search if one did.
//
// The search costs one GetDistribution when the message names the
// distribution, as AWS's does. Otherwise (or when the named one does not
// hold the reference) it lists every distribution (ListDistributions,
// one call per 100) and reads, newest first, those whose summary matches
// cfg (GetDistribution each), stopping at the first that holds the
// reference. With tags asked for, one ListTagsForResource more.
func (c *Conn) createdBefore(ctx context.Context, client *cloudfront.Client, cfg *DistributionConfig, refused error) (*Distribution, error) {
	var ae *goboto.APIError
	if !errors.As(refused, &ae) || ae.Code != "DistributionAlreadyExists" {
		return nil, refused
	}
	d, err := c.holder(ctx, client, cfg.CallerReference, heldBy(ae.Message), cfg)
	if err != nil {
		return nil, fmt.Errorf("%w (and looking for the distribution that holds CallerReference %q: %w)", refused, cfg.CallerReference, err)
	}
	if d == nil || !sameConfig(cfg, d.Config.raw) {
		return nil, refused
	}
	if len(cfg.Tags) > 0 {
		tags, err := d.Tags(ctx)
		if err != nil {
			return nil, fmt.Errorf("%w (and reading the tags of %s, which holds CallerReference %q: %w)", refused, d.ID, cfg.CallerReference, err)
		}
		for k, v := range cfg.Tags {
			if got, ok := tags[k]; !ok || got != v {
				return nil, refused
			}
		}
	}
	return d, nil
}

// holder returns the distribution whose CallerReference is ref, read
// with GetDistribution, or nil when the search finds none: hint first,
// then the listed distributions whose summary matches cfg, newest first.
func (c *Conn) holder(ctx context.Context, client *cloudfront.Client, ref, hint string, cfg *DistributionConfig) (*Distribution, error) {
	read := func(id string) (*Distribution, error) {
		out, err := client.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: aws.String(id)})
		if err != nil {
			return nil, convert(err)
		}
		d := &Distribution{conn: c}
		d.set(out.Distribution, out.ETag)
		return d, nil
	}
	if hint != "" {
		d, err := read(hint)
		switch {
		case err == nil && d.Config != nil && d.Config.CallerReference == ref:
			return d, nil
		case err != nil && !goboto.IsNotFound(err):
			return nil, err
		}
	}
	var candidates []*Distribution
	for s, err := range c.Distributions(ctx) {
		if err != nil {
			return nil, err
		}
		if s.ID != hint && s.Config != nil && matches(summaryView(cfg), summaryView(s.Config)) {
			candidates = append(candidates, s)
		}
	}
	slices.SortStableFunc(candidates, func(a, b *Distribution) int { return b.LastModified.Compare(a.LastModified) })
	for _, s := range candidates {
		d, err := read(s.ID)
		if goboto.IsNotFound(err) { // deleted since it was listed
			continue
		}
		if err != nil {
			return nil, err
		}
		if d.Config != nil && d.Config.CallerReference == ref {
			return d, nil
		}
	}
	return nil, nil
}

// sameConfig reports whether have, a configuration as CloudFront answers
// it, is want as goboto sends it. Both go through goboto's own
// normalisation (what v2 sends, read back), so the defaults goboto fills
// in agree; sets (aliases, methods, signers, key groups, forwarded
// names, SSL protocols, failover statuses) compare in any order; and
// what want leaves to CloudFront (a custom origin's timeouts, a
// certificate's minimum protocol version) takes CloudFront's value. The
// members DistributionConfig does not model are not compared.
func sameConfig(want *DistributionConfig, have *types.DistributionConfig) bool {
	if want == nil || have == nil {
		return false
	}
	return matches(normalConfig(want.v2()), normalConfig(have))
}

// matches reports whether h, normalised, is w, normalised, once w's
// members left to CloudFront take h's values; it changes w.
func matches(w, h *DistributionConfig) bool {
	for i := range min(len(w.Origins), len(h.Origins)) {
		wc, hc := w.Origins[i].Custom, h.Origins[i].Custom
		if wc != nil && hc != nil {
			if wc.ReadTimeout == 0 {
				wc.ReadTimeout = hc.ReadTimeout
			}
			if wc.KeepaliveTimeout == 0 {
				wc.KeepaliveTimeout = hc.KeepaliveTimeout
			}
		}
	}
	if w.Certificate != nil && h.Certificate != nil && w.Certificate.MinimumProtocolVersion == "" {
		w.Certificate.MinimumProtocolVersion = h.Certificate.MinimumProtocolVersion
	}
	return reflect.DeepEqual(w, h)
}

// normalConfig is raw as goboto would send it again, read back, with
// sets sorted and empty lists nil, and nothing but the modelled fields.
func normalConfig(raw *types.DistributionConfig) *DistributionConfig {
	c := configFrom(configFrom(raw).v2())
	c.raw, c.Tags = nil, nil
	c.Aliases = normalSet(c.Aliases)
	for i := range c.Origins {
		o := &c.Origins[i]
		if o.Custom != nil {
			o.Custom.SSLProtocols = normalSet(o.Custom.SSLProtocols)
		}
		if len(o.Headers) == 0 {
			o.Headers = nil
		}
	}
	for i := range c.OriginGroups {
		c.OriginGroups[i].FailoverOn = normalSet(c.OriginGroups[i].FailoverOn)
	}
	normalBehavior(&c.DefaultBehavior)
	for i := range c.Behaviors {
		normalBehavior(&c.Behaviors[i])
	}
	if len(c.Behaviors) == 0 {
		c.Behaviors = nil
	}
	if len(c.Origins) == 0 {
		c.Origins = nil
	}
	if len(c.OriginGroups) == 0 {
		c.OriginGroups = nil
	}
	return c
}

func normalBehavior(b *Behavior) {
	b.AllowedMethods, b.CachedMethods = normalSet(b.AllowedMethods), normalSet(b.CachedMethods)
	b.TrustedKeyGroups, b.TrustedSigners = normalSet(b.TrustedKeyGroups), normalSet(b.TrustedSigners)
	b.Forward.Cookies, b.Forward.Headers = normalSet(b.Forward.Cookies), normalSet(b.Forward.Headers)
}

// normalSet is s sorted, nil when empty.
func normalSet[T cmp.Ordered](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(s))
}

// summaryView is what a ListDistributions summary shows of c, normalised
// as sameConfig compares it: the configuration without the members a
// summary lacks (CallerReference, DefaultRootObject, Logging).
func summaryView(c *DistributionConfig) *DistributionConfig {
	if c == nil {
		return nil
	}
	v := normalConfig(c.v2())
	v.CallerReference, v.DefaultRootObject, v.Logging = "", "", nil
	return v
}
