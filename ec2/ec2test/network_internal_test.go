package ec2test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

func TestSecurityGroupsFor(t *testing.T) {
	b, _ := NewBackend()
	const acct, region = fake.TestAccountID, "us-east-1"
	def, err := b.securityGroupsFor(acct, region, nil, nil)
	if err != nil || len(def) != 1 || def[0].Name != "default" || !validID("sg", def[0].ID) {
		t.Fatalf("default = %+v, %v", def, err)
	}
	got, err := b.securityGroupsFor(acct, region, []string{def[0].ID}, []string{"default"})
	if diff := cmp.Diff([]netGroupRef{def[0], def[0]}, got); err != nil || diff != "" {
		t.Errorf("by ID and name: %v (-want +got):\n%s", err, diff)
	}
	for _, tt := range []struct {
		ids, names []string
		code       string
	}{
		{[]string{"sg-bad"}, nil, "InvalidGroupId.Malformed"},
		{[]string{"sg-0123456789abcdef0"}, nil, "InvalidGroup.NotFound"},
		{nil, []string{"web"}, "InvalidGroup.NotFound"},
	} {
		_, err := b.securityGroupsFor(acct, region, tt.ids, tt.names)
		if fe, ok := err.(*fake.Error); !ok || fe.Code != tt.code {
			t.Errorf("securityGroupsFor(%v, %v) = %v; want %s", tt.ids, tt.names, err, tt.code)
		}
	}
	// Another region has its own default group.
	if other, _ := b.securityGroupsFor(acct, "eu-west-1", nil, nil); len(other) != 1 || other[0].ID == def[0].ID {
		t.Errorf("eu-west-1 default = %+v", other)
	}
	if b.keyPairExists(acct, region, "k") {
		t.Error("a key pair exists before any was made")
	}
	_, fp, pub, err := newKey("ed25519")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.network.scopes.Get(acct, region).addKey(&netKeyPair{id: newID("key"), name: "k", fingerprint: fp, public: pub}); err != nil {
		t.Fatal(err)
	}
	if !b.keyPairExists(acct, region, "k") || b.keyPairExists(fake.OtherAccountID, region, "k") {
		t.Error("keyPairExists does not see the key in its own account only")
	}
}

// TestParsePublicKeyRoundTrip checks that keys the fake makes parse back
// with the fingerprint EC2 gives imported keys.
func TestParsePublicKeyRoundTrip(t *testing.T) {
	for _, kt := range []string{"rsa", "ed25519"} {
		_, created, pub, err := newKey(kt)
		if err != nil {
			t.Fatal(err)
		}
		gotType, fp, line, err := parsePublicKey([]byte(pub + " comment\n"))
		if err != nil || gotType != kt || line != pub {
			t.Errorf("%s: parsePublicKey = %q, %q, %v", kt, gotType, line, err)
		}
		// ED25519 fingerprints are the same either way; RSA ones are not
		// (SHA-1 of the private key when made, MD5 of the public key when
		// imported), as in EC2.
		if (kt == "ed25519") != (fp == created) {
			t.Errorf("%s: imported fingerprint %q, created %q", kt, fp, created)
		}
		if kt == "rsa" && len(fp) != 47 {
			t.Errorf("RSA import fingerprint %q; want 16 colon-separated bytes", fp)
		}
	}
}

// FuzzParsePublicKey checks that no input makes parsePublicKey panic, and
// that what it accepts it normalises to a line it accepts again the same.
func FuzzParsePublicKey(f *testing.F) {
	_, _, ed, _ := newKey("ed25519")
	f.Add([]byte(ed + " me@host"))
	f.Add([]byte("ssh-rsa " + base64.StdEncoding.EncodeToString([]byte("\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x01\x03\x00\x00\x00\x01\x01"))))
	f.Add([]byte("ssh-ed25519 AAAA"))
	f.Fuzz(func(t *testing.T, in []byte) {
		kt, fp, line, err := parsePublicKey(in)
		if err != nil {
			return
		}
		kt2, fp2, line2, err := parsePublicKey([]byte(line))
		if err != nil || kt2 != kt || fp2 != fp || line2 != line || !strings.HasPrefix(line, "ssh-") {
			t.Fatalf("%q -> %q -> %q %v", in, line, line2, err)
		}
	})
}
