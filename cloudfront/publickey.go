package cloudfront

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// PublicKey is a handle on a CloudFront public key, which a key group
// trusts to verify signed URLs and cookies. Making one (Conn.PublicKey)
// does no I/O; its exported fields are what CloudFront last answered.
type PublicKey struct {
	conn *Conn

	ID              string // "K2JCJMDEHXQW5F": the Key-Pair-Id of URLs signed with it
	Name            string
	Comment         string
	EncodedKey      string // PEM
	CallerReference string
	Created         time.Time
	// ETag is the version last seen; SetComment and Delete send it as
	// If-Match.
	ETag string
}

// PublicKeyConfig is what CreatePublicKey sends: the key as PEM or as a
// Go key, one of the two, RSA-2048 or ECDSA P-256.
type PublicKeyConfig struct {
	Name    string // required, unique in the account, up to 128 characters
	Comment string
	PEM     string           // "-----BEGIN PUBLIC KEY-----..."
	Key     crypto.PublicKey // *rsa.PublicKey or *ecdsa.PublicKey
	// CallerReference makes the creation idempotent; empty makes one up.
	CallerReference string
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

// encodedKey returns cfg's key as PKIX PEM after checking that it is
// RSA-2048 or ECDSA P-256, the keys CloudFront takes (Developer Guide,
// "Create a key pair for a trusted key group"; ECDSA P-256 since 2025).
func (cfg PublicKeyConfig) encodedKey() (string, error) {
	key := cfg.Key
	switch {
	case cfg.PEM != "" && key != nil:
		return "", goboto.Invalid("PublicKeyConfig", "PEM and Key", "set only one")
	case cfg.PEM != "":
		block, _ := pem.Decode([]byte(cfg.PEM))
		if block == nil {
			return "", goboto.Invalid("PublicKeyConfig.PEM", "", "holds no PEM block")
		}
		var err error
		switch block.Type {
		case "PUBLIC KEY":
			key, err = x509.ParsePKIXPublicKey(block.Bytes)
		case "RSA PUBLIC KEY":
			key, err = x509.ParsePKCS1PublicKey(block.Bytes)
		default:
			return "", goboto.Invalid("PublicKeyConfig.PEM", block.Type, "is not a public key (PUBLIC KEY or RSA PUBLIC KEY)")
		}
		if err != nil {
			return "", goboto.Invalid("PublicKeyConfig.PEM", block.Type, "does not parse: "+err.Error())
		}
	case key == nil:
		return "", goboto.Invalid("PublicKeyConfig", "", "needs PEM or Key")
	}
	if err := checkPublicKey(key); err != nil {
		return "", err
	}
	der, err := x509.MarshalPKIXPublicKey(key)
	if err != nil {
		return "", goboto.Invalid("PublicKeyConfig.Key", fmt.Sprintf("%T", key), err.Error())
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}

// checkPublicKey refuses a key that is neither RSA-2048 nor ECDSA P-256.
func checkPublicKey(key crypto.PublicKey) error {
	switch k := key.(type) {
	case *rsa.PublicKey:
		if k != nil && k.N != nil && k.N.BitLen() == 2048 {
			return nil
		}
		bits := 0
		if k != nil && k.N != nil {
			bits = k.N.BitLen()
		}
		return goboto.Invalid("PublicKeyConfig.Key", fmt.Sprintf("RSA-%d", bits), "must be RSA-2048 or ECDSA P-256")
	case *ecdsa.PublicKey:
		if k != nil && k.Curve == elliptic.P256() {
			return nil
		}
		name := "no curve"
		if k != nil && k.Curve != nil {
			name = k.Curve.Params().Name
		}
		return goboto.Invalid("PublicKeyConfig.Key", "ECDSA "+name, "must be RSA-2048 or ECDSA P-256")
	}
	return goboto.Invalid("PublicKeyConfig.Key", fmt.Sprintf("%T", key), "must be RSA-2048 or ECDSA P-256")
}

func (k *PublicKey) set(x *types.PublicKey, etag *string) {
	if x == nil {
		return
	}
	k.ID, k.Created = aws.ToString(x.Id), aws.ToTime(x.CreatedTime)
	k.setConfig(x.PublicKeyConfig, etag)
}

func (k *PublicKey) setConfig(cfg *types.PublicKeyConfig, etag *string) {
	if cfg != nil {
		k.Name, k.Comment, k.EncodedKey, k.CallerReference = aws.ToString(cfg.Name), aws.ToString(cfg.Comment), aws.ToString(cfg.EncodedKey), aws.ToString(cfg.CallerReference)
	}
	if etag != nil {
		k.ETag = *etag
	}
}

// CreatePublicKey uploads a public key (CreatePublicKey) after checking
// it locally: PEM or a Go key, RSA-2048 or ECDSA P-256, and a name.
func (c *Conn) CreatePublicKey(ctx context.Context, cfg PublicKeyConfig) (*PublicKey, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if n := len(cfg.Name); n == 0 || n > 128 {
		return nil, goboto.Invalid("PublicKeyConfig.Name", cfg.Name, "must be 1 to 128 characters")
	}
	if err := checkComment(cfg.Comment); err != nil {
		return nil, err
	}
	encoded, err := cfg.encodedKey()
	if err != nil {
		return nil, err
	}
	if cfg.CallerReference == "" {
		cfg.CallerReference = newCallerReference()
	}
	in := &types.PublicKeyConfig{CallerReference: aws.String(cfg.CallerReference), Name: aws.String(cfg.Name), EncodedKey: aws.String(encoded)}
	if cfg.Comment != "" {
		in.Comment = aws.String(cfg.Comment)
	}
	out, err := client.CreatePublicKey(ctx, &cloudfront.CreatePublicKeyInput{PublicKeyConfig: in})
	if err != nil {
		return nil, convert(err)
	}
	k := &PublicKey{conn: c}
	k.set(out.PublicKey, out.ETag)
	return k, nil
}

// Refresh reads the key (GetPublicKey). A missing key is a
// *goboto.APIError with code NoSuchPublicKey, goboto.IsNotFound true.
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

// RefreshConfig reads only the key's configuration and ETag
// (GetPublicKeyConfig).
func (k *PublicKey) RefreshConfig(ctx context.Context) error {
	client, err := k.api()
	if err != nil {
		return err
	}
	out, err := client.GetPublicKeyConfig(ctx, &cloudfront.GetPublicKeyConfigInput{Id: aws.String(k.ID)})
	if err != nil {
		return convert(err)
	}
	k.setConfig(out.PublicKeyConfig, out.ETag)
	return nil
}

// SetComment changes the key's comment (UpdatePublicKey, which can
// change nothing else) with k.ETag as If-Match. It needs the key loaded
// (Refresh): without an ETag it is a *goboto.ValidationError before
// anything is sent.
func (k *PublicKey) SetComment(ctx context.Context, comment string) error {
	client, err := k.api()
	if err != nil {
		return err
	}
	if err := checkComment(comment); err != nil {
		return err
	}
	if k.ETag == "" || k.EncodedKey == "" {
		return goboto.Invalid("PublicKey.ETag", k.ETag, "is not loaded: Refresh the key before updating it")
	}
	out, err := client.UpdatePublicKey(ctx, &cloudfront.UpdatePublicKeyInput{Id: aws.String(k.ID), IfMatch: aws.String(k.ETag),
		PublicKeyConfig: &types.PublicKeyConfig{CallerReference: aws.String(k.CallerReference), Name: aws.String(k.Name),
			EncodedKey: aws.String(k.EncodedKey), Comment: aws.String(comment)}})
	if err != nil {
		return convert(err)
	}
	k.set(out.PublicKey, out.ETag)
	return nil
}

// Delete deletes the key (DeletePublicKey) with k.ETag as If-Match, read
// first when none is loaded. A key in a key group is PublicKeyInUse.
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
// per need, as handles (no ETag or CallerReference).
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
