package cloudfront

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"iter"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Key group quotas (CloudFront Developer Guide, "Create key groups": "By
// default, you can associate up to four key groups with a single
// distribution, and you can have up to five public keys in a key group").
const (
	MaxKeysPerGroup  = 5
	MaxGroupsPerDist = 4
)

// PublicKey is a handle on a public key CloudFront verifies signed URLs
// and cookies with; its exported fields are what CloudFront last
// answered.
type PublicKey struct {
	conn *Conn

	ID, Name, Comment, CallerReference string
	EncodedKey                         string // PEM
	Created                            time.Time
	ETag                               string
}

// PublicKeyOptions are CreatePublicKey's settings.
type PublicKeyOptions struct {
	Name       string // unique in the account
	EncodedKey string // the PEM of an RSA 2048 or ECDSA P-256 public key
	Comment    string
}

// CheckPublicKey reports whether pemText is a public key CloudFront
// takes: a PEM "PUBLIC KEY" of RSA 2048 or, since 2025, ECDSA P-256.
func CheckPublicKey(pemText string) error {
	block, _ := pem.Decode([]byte(strings.TrimSpace(pemText)))
	if block == nil {
		return goboto.Invalid("EncodedKey", "", "is not PEM")
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return goboto.Invalid("EncodedKey", "", "is not a PKIX public key: "+err.Error())
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() == 2048 {
			return nil
		}
	case *ecdsa.PublicKey:
		if k.Curve == elliptic.P256() {
			return nil
		}
	}
	return goboto.Invalid("EncodedKey", "", "must be an RSA 2048 or ECDSA P-256 key")
}

// PublicKey returns a handle on public key id; it sends nothing.
func (c *Conn) PublicKey(id string) *PublicKey { return &PublicKey{conn: c, ID: id} }

// Conn returns the connection the handle uses.
func (k *PublicKey) Conn() *Conn {
	if k == nil {
		return nil
	}
	return k.conn
}

func (k *PublicKey) api() (*cloudfront.Client, error) {
	if k == nil {
		return nil, goboto.Invalid("PublicKey", "", "is nil")
	}
	client, err := k.conn.api()
	if err != nil {
		return nil, err
	}
	if k.ID == "" {
		return nil, goboto.Invalid("PublicKey.ID", "", "is empty")
	}
	return client, nil
}

func (k *PublicKey) set(x *types.PublicKey, etag *string) {
	if x == nil {
		return
	}
	k.ID, k.Created = aws.ToString(x.Id), aws.ToTime(x.CreatedTime)
	if c := x.PublicKeyConfig; c != nil {
		k.Name, k.Comment, k.CallerReference, k.EncodedKey = aws.ToString(c.Name), aws.ToString(c.Comment), aws.ToString(c.CallerReference), aws.ToString(c.EncodedKey)
	}
	if etag != nil {
		k.ETag = *etag
	}
}

// CreatePublicKey uploads a public key (CreatePublicKey), checked first
// by CheckPublicKey.
func (c *Conn) CreatePublicKey(ctx context.Context, o PublicKeyOptions) (*PublicKey, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if o.Name == "" || len(o.Name) > 128 {
		return nil, goboto.Invalid("Name", o.Name, "must be 1-128 characters")
	}
	if err := CheckPublicKey(o.EncodedKey); err != nil {
		return nil, err
	}
	out, err := client.CreatePublicKey(ctx, &cloudfront.CreatePublicKeyInput{PublicKeyConfig: &types.PublicKeyConfig{
		CallerReference: aws.String(newCallerReference()), Name: aws.String(o.Name), EncodedKey: aws.String(o.EncodedKey), Comment: aws.String(o.Comment)}})
	if err != nil {
		return nil, convert(err)
	}
	k := &PublicKey{conn: c}
	k.set(out.PublicKey, out.ETag)
	return k, nil
}

// Refresh reads the public key (GetPublicKey); a missing one is
// NoSuchPublicKey.
func (k *PublicKey) Refresh(ctx context.Context) error {
	client, err := k.api()
	if err != nil {
		return err
	}
	out, err := client.GetPublicKey(ctx, &cloudfront.GetPublicKeyInput{Id: aws.String(k.ID)})
	if err != nil {
		return convert(err)
	}
	k.set(out.PublicKey, out.ETag)
	return nil
}

// SetComment changes the key's comment, the only thing CloudFront lets
// change (UpdatePublicKey, read-modify-write, retried on
// PreconditionFailed).
func (k *PublicKey) SetComment(ctx context.Context, comment string) error {
	client, err := k.api()
	if err != nil {
		return err
	}
	return retryPrecondition(func() error {
		if err := k.Refresh(ctx); err != nil {
			return err
		}
		out, err := client.UpdatePublicKey(ctx, &cloudfront.UpdatePublicKeyInput{Id: aws.String(k.ID), IfMatch: aws.String(k.ETag),
			PublicKeyConfig: &types.PublicKeyConfig{CallerReference: aws.String(k.CallerReference), Name: aws.String(k.Name),
				EncodedKey: aws.String(k.EncodedKey), Comment: aws.String(comment)}})
		if err != nil {
			return convert(err)
		}
		k.set(out.PublicKey, out.ETag)
		return nil
	})
}

// Delete deletes the public key (DeletePublicKey) with the handle's
// ETag, read first when none is loaded; a key in a key group is
// PublicKeyInUse.
func (k *PublicKey) Delete(ctx context.Context) error {
	client, err := k.api()
	if err != nil {
		return err
	}
	if k.ETag == "" {
		if err := k.Refresh(ctx); err != nil {
			return err
		}
	}
	_, err = client.DeletePublicKey(ctx, &cloudfront.DeletePublicKeyInput{Id: aws.String(k.ID), IfMatch: aws.String(k.ETag)})
	return convert(err)
}

// PublicKeys lists the account's public keys (ListPublicKeys), one page
// per need.
func (c *Conn) PublicKeys(ctx context.Context, opts ...ListOption) iter.Seq2[*PublicKey, error] {
	return func(yield func(*PublicKey, error) bool) {
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
		p := cloudfront.NewListPublicKeysPaginator(client, &cloudfront.ListPublicKeysInput{MaxItems: o.maxItems()})
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*cloudfront.ListPublicKeysOutput, error) { return p.NextPage(ctx) },
			func(out *cloudfront.ListPublicKeysOutput) []types.PublicKeySummary {
				if out.PublicKeyList == nil {
					return nil
				}
				return out.PublicKeyList.Items
			},
			func(s types.PublicKeySummary) *PublicKey {
				return &PublicKey{conn: c, ID: aws.ToString(s.Id), Name: aws.ToString(s.Name), Comment: aws.ToString(s.Comment),
					EncodedKey: aws.ToString(s.EncodedKey), Created: aws.ToTime(s.CreatedTime)}
			})
	}
}

// KeyGroup is a handle on a key group: the public keys a behaviour
// trusts for signed URLs and cookies (Behavior.TrustedKeyGroups).
type KeyGroup struct {
	conn *Conn

	ID, Name, Comment string
	PublicKeys        []string // public key IDs
	LastModified      time.Time
	ETag              string
}

// KeyGroupOptions are a key group's settings.
type KeyGroupOptions struct {
	Name       string   // unique in the account
	PublicKeys []string // 1-5 public key IDs
	Comment    string
}

func (o KeyGroupOptions) check() error {
	if o.Name == "" || len(o.Name) > 128 {
		return goboto.Invalid("Name", o.Name, "must be 1-128 characters")
	}
	if len(o.PublicKeys) == 0 || len(o.PublicKeys) > MaxKeysPerGroup {
		return goboto.Invalid("PublicKeys", itoa(len(o.PublicKeys)), "a key group holds 1-5 public keys")
	}
	return nil
}

func (o KeyGroupOptions) v2() *types.KeyGroupConfig {
	return &types.KeyGroupConfig{Name: aws.String(o.Name), Items: o.PublicKeys, Comment: aws.String(o.Comment)}
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

func (g *KeyGroup) set(x *types.KeyGroup, etag *string) {
	if x == nil {
		return
	}
	g.ID, g.LastModified = aws.ToString(x.Id), aws.ToTime(x.LastModifiedTime)
	if c := x.KeyGroupConfig; c != nil {
		g.Name, g.Comment, g.PublicKeys = aws.ToString(c.Name), aws.ToString(c.Comment), c.Items
	}
	if etag != nil {
		g.ETag = *etag
	}
}

// CreateKeyGroup creates a key group (CreateKeyGroup).
func (c *Conn) CreateKeyGroup(ctx context.Context, o KeyGroupOptions) (*KeyGroup, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	out, err := client.CreateKeyGroup(ctx, &cloudfront.CreateKeyGroupInput{KeyGroupConfig: o.v2()})
	if err != nil {
		return nil, convert(err)
	}
	g := &KeyGroup{conn: c}
	g.set(out.KeyGroup, out.ETag)
	return g, nil
}

// Refresh reads the key group (GetKeyGroup); a missing one is
// NoSuchResource.
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

// Update changes the key group by read-modify-write (GetKeyGroup, edit,
// UpdateKeyGroup with If-Match), retried on PreconditionFailed: to
// rotate keys, add the new key, then remove the old one.
func (g *KeyGroup) Update(ctx context.Context, edit func(*KeyGroupOptions) error) error {
	client, err := g.api()
	if err != nil {
		return err
	}
	if edit == nil {
		return goboto.Invalid("edit", "", "is nil")
	}
	return retryPrecondition(func() error {
		if err := g.Refresh(ctx); err != nil {
			return err
		}
		o := KeyGroupOptions{Name: g.Name, PublicKeys: append([]string(nil), g.PublicKeys...), Comment: g.Comment}
		if err := edit(&o); err != nil {
			return err
		}
		if err := o.check(); err != nil {
			return err
		}
		out, err := client.UpdateKeyGroup(ctx, &cloudfront.UpdateKeyGroupInput{Id: aws.String(g.ID), IfMatch: aws.String(g.ETag), KeyGroupConfig: o.v2()})
		if err != nil {
			return convert(err)
		}
		g.set(out.KeyGroup, out.ETag)
		return nil
	})
}

// Delete deletes the key group (DeleteKeyGroup) with the handle's ETag,
// read first when none is loaded; one a distribution trusts is
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
// need.
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
		var marker *string
		for {
			out, err := client.ListKeyGroups(ctx, &cloudfront.ListKeyGroupsInput{Marker: marker, MaxItems: o.maxItems()})
			if err != nil {
				yield(nil, convert(err))
				return
			}
			if out.KeyGroupList == nil {
				return
			}
			for _, s := range out.KeyGroupList.Items {
				g := &KeyGroup{conn: c}
				g.set(s.KeyGroup, nil)
				if !yield(g, nil) {
					return
				}
			}
			if marker = out.KeyGroupList.NextMarker; aws.ToString(marker) == "" {
				return
			}
		}
	}
}
