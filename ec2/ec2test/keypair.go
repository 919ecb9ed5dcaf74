package ec2test

import (
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// netKeyPair is a key pair. EC2 keeps only the public half.
type netKeyPair struct {
	id, name, fingerprint, keyType, public string
	created                                time.Time
}

func (sc *netScope) keyByID(id string) *netKeyPair {
	for _, k := range sc.keys {
		if k.id == id {
			return k
		}
	}
	return nil
}

// validKeyName checks a key name as EC2 does: 1-255 ASCII characters.
func validKeyName(name string) error {
	if name == "" {
		return missing("KeyName")
	}
	if len(name) > 255 {
		return invalidValue("Invalid value for keyName. Length exceeds maximum of 255 characters.")
	}
	for _, c := range []byte(name) {
		if c < 0x20 || c > 0x7e {
			return invalidValue(fmt.Sprintf("Value (%s) for parameter keyName is invalid. Character sets beyond ASCII are not supported.", name))
		}
	}
	return nil
}

type createKeyPairResponse struct {
	XMLName xml.Name `xml:"CreateKeyPairResponse"`
	netEnvelope
	KeyPairID   string     `xml:"keyPairId"`
	KeyName     string     `xml:"keyName"`
	Fingerprint string     `xml:"keyFingerprint"`
	Material    string     `xml:"keyMaterial"`
	Tags        *netTagSet `xml:"tagSet"`
}

// CreateKeyPair: KeyName, KeyType (rsa, ed25519), KeyFormat (pem only),
// TagSpecification.N.
func (s *Backend) createKeyPair(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	name := p.Get("KeyName")
	if err := validKeyName(name); err != nil {
		return err
	}
	keyType := p.Get("KeyType")
	if keyType == "" {
		keyType = "rsa"
	}
	if keyType != "rsa" && keyType != "ed25519" {
		return invalidValue(fmt.Sprintf("Invalid value '%s' for keyType. Valid values are rsa, ed25519.", keyType))
	}
	if f := p.Get("KeyFormat"); f != "" && f != "pem" {
		return invalidValue(fmt.Sprintf("The fake supports KeyFormat pem only, not '%s'.", f))
	}
	sc := s.scope(r)
	sc.mu.Lock()
	dup := sc.keyByNm[name] != nil
	sc.mu.Unlock()
	if dup {
		return ec2Error("InvalidKeyPair.Duplicate", "The keypair '%s' already exists.", name)
	}
	// Generating an RSA key takes a while: do it without the lock, then
	// check again for a racing CreateKeyPair of the same name.
	private, fp, public, err := newKey(keyType)
	if err != nil {
		return err
	}
	k := &netKeyPair{id: newID("key"), name: name, fingerprint: fp, keyType: keyType, public: public, created: r.Now.UTC()}
	if err := sc.addKey(k); err != nil {
		return err
	}
	tags := tagSpecs(p, "key-pair")
	s.setNetTags(r, k.id, tags)
	resp := &createKeyPairResponse{KeyPairID: k.id, KeyName: name, Fingerprint: fp, Material: string(private)}
	if len(tags) > 0 {
		resp.Tags = netTags(tags)
	}
	return writeNet(w, r, resp)
}

func (sc *netScope) addKey(k *netKeyPair) error {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.keyByNm[k.name] != nil {
		return ec2Error("InvalidKeyPair.Duplicate", "The keypair '%s' already exists.", k.name)
	}
	sc.keys = append(sc.keys, k)
	sc.keyByNm[k.name] = k
	return nil
}

type importKeyPairResponse struct {
	XMLName xml.Name `xml:"ImportKeyPairResponse"`
	netEnvelope
	Fingerprint string     `xml:"keyFingerprint"`
	KeyName     string     `xml:"keyName"`
	KeyPairID   string     `xml:"keyPairId"`
	Tags        *netTagSet `xml:"tagSet"`
}

// ImportKeyPair: KeyName, PublicKeyMaterial (base64 of an OpenSSH public
// key line, ssh-rsa or ssh-ed25519), TagSpecification.N.
func (s *Backend) importKeyPair(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	name := p.Get("KeyName")
	if err := validKeyName(name); err != nil {
		return err
	}
	raw := p.Get("PublicKeyMaterial")
	if raw == "" {
		return missing("PublicKeyMaterial")
	}
	line, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return invalidValue("Value for parameter PublicKeyMaterial is invalid: not base64.")
	}
	keyType, fp, public, err := parsePublicKey(line)
	if err != nil {
		return ec2Error("InvalidKey.Format", "Key is not in valid OpenSSH public key format")
	}
	k := &netKeyPair{id: newID("key"), name: name, fingerprint: fp, keyType: keyType, public: public, created: r.Now.UTC()}
	if err := s.scope(r).addKey(k); err != nil {
		return err
	}
	tags := tagSpecs(p, "key-pair")
	s.setNetTags(r, k.id, tags)
	resp := &importKeyPairResponse{Fingerprint: fp, KeyName: name, KeyPairID: k.id}
	if len(tags) > 0 {
		resp.Tags = netTags(tags)
	}
	return writeNet(w, r, resp)
}

type keyItem struct {
	ID          string     `xml:"keyPairId"`
	Name        string     `xml:"keyName"`
	Fingerprint string     `xml:"keyFingerprint"`
	Type        string     `xml:"keyType"`
	Tags        *netTagSet `xml:"tagSet"`
	Public      string     `xml:"publicKey,omitempty"`
	Created     string     `xml:"createTime"`
}

type describeKeyPairsResponse struct {
	XMLName xml.Name `xml:"DescribeKeyPairsResponse"`
	netEnvelope
	Keys []keyItem `xml:"keySet>item"`
}

// DescribeKeyPairs: KeyName.N, KeyPairId.N, IncludePublicKey, Filter.N.
// It does not page.
func (s *Backend) describeKeyPairs(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, "key-pair-id", "key-name", "fingerprint", "key-type")
	if err != nil {
		return err
	}
	names, ids := list(r.Params, "KeyName"), list(r.Params, "KeyPairId")
	sc := s.scope(r)
	sc.mu.Lock()
	var picked []netKeyPair
	for _, n := range names {
		k := sc.keyByNm[n]
		if k == nil {
			sc.mu.Unlock()
			return ec2Error("InvalidKeyPair.NotFound", "The key pair '%s' does not exist", n)
		}
		picked = append(picked, *k)
	}
	for _, id := range ids {
		k := sc.keyByID(id)
		if k == nil {
			sc.mu.Unlock()
			return ec2Error("InvalidKeyPair.NotFound", "The key pair '%s' does not exist", id)
		}
		picked = append(picked, *k)
	}
	if len(names) == 0 && len(ids) == 0 {
		for _, k := range sc.keys {
			picked = append(picked, *k)
		}
	}
	sc.mu.Unlock()
	picked = slices.CompactFunc(picked, func(a, b netKeyPair) bool { return a.id == b.id })
	withPublic := boolParam(r.Params, "IncludePublicKey")
	resp := &describeKeyPairsResponse{}
	for _, k := range picked {
		tags := s.tagsOf(r.Account(), r.Region, k.id)
		ok := matchResource(fs, tags, func(name string) []string {
			switch name {
			case "key-pair-id":
				return []string{k.id}
			case "key-name":
				return []string{k.name}
			case "fingerprint":
				return []string{k.fingerprint}
			}
			return []string{k.keyType}
		})
		if !ok {
			continue
		}
		item := keyItem{ID: k.id, Name: k.name, Fingerprint: k.fingerprint, Type: k.keyType, Tags: netTags(tags), Created: k.created.Format(xmlTime)}
		if withPublic {
			item.Public = k.public
		}
		resp.Keys = append(resp.Keys, item)
	}
	return writeNet(w, r, resp)
}

type deleteKeyPairResponse struct {
	XMLName xml.Name `xml:"DeleteKeyPairResponse"`
	netEnvelope
	Return    bool   `xml:"return"`
	KeyPairID string `xml:"keyPairId,omitempty"`
}

// DeleteKeyPair: KeyName or KeyPairId. Deleting a key that does not exist
// succeeds, as in EC2.
func (s *Backend) deleteKeyPair(w http.ResponseWriter, r *fake.Request) error {
	name, id := r.Params.Get("KeyName"), r.Params.Get("KeyPairId")
	if name == "" && id == "" {
		return missing("KeyName")
	}
	sc := s.scope(r)
	var deleted string // the key whose tags go, after unlocking
	defer func() {
		if deleted != "" {
			s.dropNetTags(r, deleted)
		}
	}()
	sc.mu.Lock()
	defer sc.mu.Unlock()
	k := sc.keyByNm[name]
	if id != "" {
		k = sc.keyByID(id)
	}
	resp := &deleteKeyPairResponse{Return: true}
	if k != nil {
		sc.keys = slices.DeleteFunc(sc.keys, func(o *netKeyPair) bool { return o == k })
		delete(sc.keyByNm, k.name)
		deleted = k.id
		resp.KeyPairID = k.id
	}
	return writeNet(w, r, resp)
}
