package cloudfront

import (
	"context"
	"iter"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// MaxKeysPerGroup is CloudFront's quota on public keys in one key group
// (Developer Guide, "Quotas": "Public keys in a single key group: 5").
// Key groups per account (10) are CloudFront's to count: exceeding them
// is the API's TooManyKeyGroups.
const MaxKeysPerGroup = 5

// KeyGroup is a handle on a key group: the public keys a cache behaviour
// trusts (Behavior.TrustedKeyGroups) to verify signed URLs and cookies.
// Making one (Conn.KeyGroup) does no I/O; its exported fields are what
// CloudFront last answered, and Save sends them.
type KeyGroup struct {
	conn *Conn

	ID           string
	Name         string
	Comment      string
	KeyIDs       []string // public key IDs, 1 to MaxKeysPerGroup
	LastModified time.Time
	// ETag is the version last seen; Save and Delete send it as If-Match.
	ETag string
}

// KeyGroupConfig is what CreateKeyGroup sends.
type KeyGroupConfig struct {
	Name    string // required, unique in the account
	Comment string
	KeyIDs  []string // 1 to MaxKeysPerGroup public key IDs
}

// KeyGroup returns a handle on key group id; it sends nothing.
func (c *Conn) KeyGroup(id string) *KeyGroup { return &KeyGroup{conn: c, ID: id} }

// Conn returns the connection the handle uses.
func (g *KeyGroup) Conn() *Conn {
	if g == nil {
		return nil
	}
	return g.conn
}

func (g *KeyGroup) api() (*cloudfront.Client, error) {
	if g == nil {
		return nil, goboto.Invalid("KeyGroup", "", "is nil")
	}
	client, err := g.conn.api()
	if err != nil {
		return nil, err
	}
	if g.ID == "" {
		return nil, goboto.Invalid("KeyGroup.ID", "", "is empty")
	}
	return client, nil
}

// v2 checks cfg: a name, and 1 to MaxKeysPerGroup distinct key IDs.
func (cfg KeyGroupConfig) v2() (*types.KeyGroupConfig, error) {
	if n := len(cfg.Name); n == 0 || n > 128 {
		return nil, goboto.Invalid("KeyGroup.Name", cfg.Name, "must be 1 to 128 characters")
	}
	if err := checkComment(cfg.Comment); err != nil {
		return nil, err
	}
	if n := len(cfg.KeyIDs); n == 0 || n > MaxKeysPerGroup {
		return nil, goboto.Invalid("KeyGroup.KeyIDs", strconv.Itoa(n)+" keys", "must hold 1 to "+strconv.Itoa(MaxKeysPerGroup)+" public keys")
	}
	seen := map[string]bool{}
	for _, id := range cfg.KeyIDs {
		if id == "" || seen[id] {
			return nil, goboto.Invalid("KeyGroup.KeyIDs", id, "is empty or given twice")
		}
		seen[id] = true
	}
	out := &types.KeyGroupConfig{Name: aws.String(cfg.Name), Items: append([]string(nil), cfg.KeyIDs...)}
	if cfg.Comment != "" {
		out.Comment = aws.String(cfg.Comment)
	}
	return out, nil
}

func (g *KeyGroup) setConfig(cfg *types.KeyGroupConfig, etag *string) {
	if cfg != nil {
		g.Name, g.Comment, g.KeyIDs = aws.ToString(cfg.Name), aws.ToString(cfg.Comment), append([]string(nil), cfg.Items...)
	}
	if etag != nil {
		g.ETag = *etag
	}
}

func (g *KeyGroup) set(x *types.KeyGroup, etag *string) {
	if x != nil {
		g.ID, g.LastModified = aws.ToString(x.Id), aws.ToTime(x.LastModifiedTime)
		g.setConfig(x.KeyGroupConfig, etag)
	}
}

// CreateKeyGroup creates a key group (CreateKeyGroup) after checking cfg.
func (c *Conn) CreateKeyGroup(ctx context.Context, cfg KeyGroupConfig) (*KeyGroup, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in, err := cfg.v2()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateKeyGroup(ctx, &cloudfront.CreateKeyGroupInput{KeyGroupConfig: in})
	if err != nil {
		return nil, convert(err)
	}
	g := &KeyGroup{conn: c}
	g.set(out.KeyGroup, out.ETag)
	return g, nil
}

// Refresh reads the group (GetKeyGroup). A missing group is a
// *goboto.APIError with code NoSuchResource, goboto.IsNotFound true.
func (g *KeyGroup) Refresh(ctx context.Context) error {
	client, err := g.api()
	if err != nil {
		return err
	}
	out, err := client.GetKeyGroup(ctx, &cloudfront.GetKeyGroupInput{Id: aws.String(g.ID)})
	if err != nil {
		return convert(err)
	}
	g.set(out.KeyGroup, out.ETag)
	return nil
}

// RefreshConfig reads only the group's configuration and ETag
// (GetKeyGroupConfig).
func (g *KeyGroup) RefreshConfig(ctx context.Context) error {
	client, err := g.api()
	if err != nil {
		return err
	}
	out, err := client.GetKeyGroupConfig(ctx, &cloudfront.GetKeyGroupConfigInput{Id: aws.String(g.ID)})
	if err != nil {
		return convert(err)
	}
	g.setConfig(out.KeyGroupConfig, out.ETag)
	return nil
}

// Save sends the handle's Name, Comment and KeyIDs (UpdateKeyGroup) with
// g.ETag as If-Match. Without a loaded ETag, or with KeyIDs outside
// 1..MaxKeysPerGroup, it is a *goboto.ValidationError before anything
// is sent.
func (g *KeyGroup) Save(ctx context.Context) error {
	client, err := g.api()
	if err != nil {
		return err
	}
	if g.ETag == "" {
		return goboto.Invalid("KeyGroup.ETag", "", "is not loaded: Refresh the key group before saving it")
	}
	in, err := KeyGroupConfig{Name: g.Name, Comment: g.Comment, KeyIDs: g.KeyIDs}.v2()
	if err != nil {
		return err
	}
	out, err := client.UpdateKeyGroup(ctx, &cloudfront.UpdateKeyGroupInput{Id: aws.String(g.ID), IfMatch: aws.String(g.ETag), KeyGroupConfig: in})
	if err != nil {
		return convert(err)
	}
	g.set(out.KeyGroup, out.ETag)
	return nil
}

// Delete deletes the group (DeleteKeyGroup) with g.ETag as If-Match,
// read first when none is loaded. A group a cache behaviour trusts is
// ResourceInUse.
func (g *KeyGroup) Delete(ctx context.Context) error {
	client, err := g.api()
	if err != nil {
		return err
	}
	if g.ETag == "" {
		if err := g.Refresh(ctx); err != nil {
			return err
		}
	}
	_, err = client.DeleteKeyGroup(ctx, &cloudfront.DeleteKeyGroupInput{Id: aws.String(g.ID), IfMatch: aws.String(g.ETag)})
	return convert(err)
}

// KeyGroups lists the account's key groups (ListKeyGroups), one page per
// need, as handles (no ETag).
func (c *Conn) KeyGroups(ctx context.Context, opts ...ListOption) iter.Seq2[*KeyGroup, error] {
	return func(yield func(*KeyGroup, error) bool) {
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
		// aws-sdk-go-v2 has no paginator for ListKeyGroups.
		var marker *string
		more := true
		core.Each(ctx, yield, func() bool { return more },
			func(ctx context.Context) (*cloudfront.ListKeyGroupsOutput, error) {
				out, err := client.ListKeyGroups(ctx, &cloudfront.ListKeyGroupsInput{Marker: marker, MaxItems: o.maxItems()})
				if err != nil {
					return nil, err
				}
				marker = nil
				if out.KeyGroupList != nil {
					marker = out.KeyGroupList.NextMarker
				}
				more = aws.ToString(marker) != ""
				return out, nil
			},
			func(out *cloudfront.ListKeyGroupsOutput) []types.KeyGroupSummary {
				if out.KeyGroupList == nil {
					return nil
				}
				return out.KeyGroupList.Items
			},
			func(s types.KeyGroupSummary) *KeyGroup {
				g := &KeyGroup{conn: c}
				g.set(s.KeyGroup, nil)
				return g
			})
	}
}
