package ec2

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Key types CreateKeyPair can make.
const (
	KeyTypeRSA     = "rsa"
	KeyTypeED25519 = "ed25519"
)

// KeyPair is a handle on an EC2 key pair, and after CreateKeyPair or a
// listing a snapshot of it.
//
// Printing a KeyPair with fmt or log/slog never shows PrivateKey.
type KeyPair struct {
	conn *Conn

	Name        string
	ID          string // "key-..."
	Fingerprint string
	Type        string // KeyTypeRSA or KeyTypeED25519
	CreateTime  time.Time
	Tags        Tags

	// PrivateKey is the PEM private key, set only on the KeyPair that
	// CreateKeyPair returns: EC2 hands it out once and keeps no copy. Save
	// it somewhere safe and never log it; fmt and slog print it redacted.
	PrivateKey PrivateKey
}

// KeyPair returns a handle on the key pair named name. It does no I/O.
func (c *Conn) KeyPair(name string) *KeyPair { return &KeyPair{conn: c, Name: name} }

// Conn returns the connection the key pair belongs to.
func (k *KeyPair) Conn() *Conn { return k.conn }

// String returns "KeyPair:<name>", as boto prints key pairs.
func (k KeyPair) String() string { return "KeyPair:" + k.Name }

// GoString keeps %#v from printing the fields, the private key among them.
func (k KeyPair) GoString() string {
	return fmt.Sprintf("ec2.KeyPair{Name:%q, ID:%q, Fingerprint:%q, PrivateKey:%s}", k.Name, k.ID, k.Fingerprint, k.PrivateKey)
}

// LogValue makes slog log the key pair's name, ID and fingerprint only.
func (k KeyPair) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", k.Name), slog.String("id", k.ID), slog.String("fingerprint", k.Fingerprint))
}

// PrivateKey is private key material. It converts to []byte where the key
// is written out, and prints as "[REDACTED]" with any fmt verb and in slog.
type PrivateKey []byte

const redacted = "[REDACTED]"

// Format prints PrivateKey as "[REDACTED]", or "" when empty, whatever the
// verb.
func (p PrivateKey) Format(f fmt.State, _ rune) {
	if len(p) > 0 {
		fmt.Fprint(f, redacted)
	}
}

// String returns "[REDACTED]", or "" when p is empty.
func (p PrivateKey) String() string {
	if len(p) == 0 {
		return ""
	}
	return redacted
}

// LogValue keeps slog from logging the key.
func (p PrivateKey) LogValue() slog.Value { return slog.StringValue(p.String()) }

// MarshalText keeps encoders (JSON, YAML, slog's JSON handler) from
// writing the key.
func (p PrivateKey) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// validKeyName checks a key pair name as EC2 does: 1-255 ASCII characters.
func validKeyName(name string) error {
	switch {
	case name == "":
		return goboto.Invalid("KeyName", "", "is required")
	case len(name) > 255:
		return goboto.Invalid("KeyName", name, "longer than 255 characters")
	case !printableASCII(name):
		return goboto.Invalid("KeyName", name, "must be printable ASCII")
	}
	return nil
}

// CreateKeyPair makes an RSA key pair (CreateKeyPair) and returns it with
// its private key, which EC2 returns only this once. A key of that name
// already fails with InvalidKeyPair.Duplicate.
func (c *Conn) CreateKeyPair(ctx context.Context, name string) (*KeyPair, error) {
	return c.CreateKeyPairOfType(ctx, name, KeyTypeRSA)
}

// CreateKeyPairOfType is CreateKeyPair for a key type: KeyTypeRSA or
// KeyTypeED25519.
func (c *Conn) CreateKeyPairOfType(ctx context.Context, name, keyType string) (*KeyPair, error) {
	if err := validKeyName(name); err != nil {
		return nil, err
	}
	if keyType != KeyTypeRSA && keyType != KeyTypeED25519 {
		return nil, goboto.Invalid("KeyType", keyType, "must be rsa or ed25519")
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String(name), KeyType: types.KeyType(keyType)})
	if err != nil {
		return nil, core.Error(err)
	}
	return &KeyPair{conn: c, Name: aws.ToString(out.KeyName), ID: aws.ToString(out.KeyPairId),
		Fingerprint: aws.ToString(out.KeyFingerprint), Type: keyType, Tags: tagsFromV2(out.Tags),
		PrivateKey: PrivateKey(aws.ToString(out.KeyMaterial))}, nil
}

// ImportKeyPair registers the public half of a key made elsewhere
// (ImportKeyPair). publicKey is OpenSSH's one-line format, as in
// ~/.ssh/id_ed25519.pub: "ssh-ed25519 AAAA... comment". EC2 answers
// InvalidKey.Format for anything else.
func (c *Conn) ImportKeyPair(ctx context.Context, name string, publicKey []byte) (*KeyPair, error) {
	if err := validKeyName(name); err != nil {
		return nil, err
	}
	if len(publicKey) == 0 {
		return nil, goboto.Invalid("PublicKeyMaterial", "", "is required")
	}
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	out, err := client.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{KeyName: aws.String(name), PublicKeyMaterial: publicKey})
	if err != nil {
		return nil, core.Error(err)
	}
	return &KeyPair{conn: c, Name: aws.ToString(out.KeyName), ID: aws.ToString(out.KeyPairId),
		Fingerprint: aws.ToString(out.KeyFingerprint), Tags: tagsFromV2(out.Tags)}, nil
}

// KeyPairs lists the key pairs that match f (DescribeKeyPairs, which
// returns them all at once, so it takes no ListOption). Filters include
// key-name, key-pair-id, fingerprint, key-type and tag:<key>.
func (c *Conn) KeyPairs(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*KeyPair, error] {
	client, _, err := c.start(ctx, listing{action: "DescribeKeyPairs"}, opts)
	if err != nil {
		return fail[*KeyPair](err)
	}
	return func(yield func(*KeyPair, error) bool) {
		out, err := client.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{Filters: f.v2()})
		if err != nil {
			yield(nil, core.Error(err))
			return
		}
		for _, k := range out.KeyPairs {
			kp := &KeyPair{conn: c}
			kp.set(k)
			if !yield(kp, nil) {
				return
			}
		}
	}
}

func (k *KeyPair) set(info types.KeyPairInfo) {
	k.Name = aws.ToString(info.KeyName)
	k.ID = aws.ToString(info.KeyPairId)
	k.Fingerprint = aws.ToString(info.KeyFingerprint)
	k.Type = string(info.KeyType)
	k.CreateTime = aws.ToTime(info.CreateTime)
	k.Tags = tagsFromV2(info.Tags)
}

// check refuses a handle without a valid name or a connection.
func (k *KeyPair) check() error {
	return k.conn.ready(validKeyName(k.Name))
}

// Refresh reloads the key pair's ID, fingerprint, type and tags by name
// (DescribeKeyPairs). A missing key fails with InvalidKeyPair.NotFound.
func (k *KeyPair) Refresh(ctx context.Context) error {
	if err := k.check(); err != nil {
		return err
	}
	out, err := k.conn.client.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{KeyNames: []string{k.Name}})
	if err != nil {
		return core.Error(err)
	}
	for _, x := range out.KeyPairs {
		if aws.ToString(x.KeyName) == k.Name {
			k.set(x)
			return nil
		}
	}
	return core.NotFound(out.ResultMetadata, "EC2", "DescribeKeyPairs", "InvalidKeyPair.NotFound",
		"The key pair '"+k.Name+"' does not exist")
}

// Delete deletes the key pair by name (DeleteKeyPair). Deleting a key
// pair that does not exist succeeds, as in EC2. Instances launched with
// the key keep it.
func (k *KeyPair) Delete(ctx context.Context) error {
	if err := k.check(); err != nil {
		return err
	}
	_, err := k.conn.client.DeleteKeyPair(ctx, &ec2.DeleteKeyPairInput{KeyName: aws.String(k.Name)})
	return core.Error(err)
}
