package s3

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

var grantHeaderNames = []string{
	"X-Amz-Grant-Full-Control", "X-Amz-Grant-Read", "X-Amz-Grant-Write", "X-Amz-Grant-Read-Acp", "X-Amz-Grant-Write-Acp",
}

func TestGrantsWire(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		call   func(c *Conn) error
		method string
		query  string
		want   map[string]string
	}{
		{
			name: "put",
			call: func(c *Conn) error {
				return c.Bucket("bkt").Key("k").PutBytes(ctx, []byte("x"),
					Grants(GrantRead(UserGrantee("abc123")), GrantRead(GroupGrantee(AllUsers))), Grants(GrantRead(EmailGrantee("ann@example.com")),
						GrantFullControl(UserGrantee("owner1"))), ContentType("text/plain"))
			},
			method: "PUT",
			want: map[string]string{
				"X-Amz-Grant-Read":         `id="abc123", uri="http://acs.amazonaws.com/groups/global/AllUsers", emailAddress="ann@example.com"`,
				"X-Amz-Grant-Full-Control": `id="owner1"`,
			},
		},
		{
			name: "create bucket",
			call: func(c *Conn) error {
				_, err := c.CreateBucket(ctx, "logs", BucketGrants(GrantWrite(GroupGrantee(LogDelivery)), GrantReadACP(GroupGrantee(LogDelivery))))
				return err
			},
			method: "PUT",
			want: map[string]string{
				"X-Amz-Grant-Write":    `uri="http://acs.amazonaws.com/groups/s3/LogDelivery"`,
				"X-Amz-Grant-Read-Acp": `uri="http://acs.amazonaws.com/groups/s3/LogDelivery"`,
			},
		},
		{
			name: "copy",
			call: func(c *Conn) error {
				_, err := c.Bucket("bkt").Key("k").Copy(ctx, "bkt", "k2", CopyGrants(GrantWriteACP(UserGrantee("u2"))))
				return err
			},
			method: "PUT",
			want:   map[string]string{"X-Amz-Grant-Write-Acp": `id="u2"`},
		},
		{
			name: "bucket SetGrants",
			call: func(c *Conn) error {
				return c.Bucket("bkt").SetGrants(ctx, GrantFullControl(UserGrantee("owner1")), GrantRead(GroupGrantee(AuthenticatedUsers)))
			},
			method: "PUT",
			query:  "acl",
			want: map[string]string{
				"X-Amz-Grant-Full-Control": `id="owner1"`,
				"X-Amz-Grant-Read":         `uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"`,
			},
		},
		{
			name:   "key SetGrants",
			call:   func(c *Conn) error { return c.Bucket("bkt").Key("k").SetGrants(ctx, GrantRead(UserGrantee("u3"))) },
			method: "PUT",
			query:  "acl",
			want:   map[string]string{"X-Amz-Grant-Read": `id="u3"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("X-Amz-Copy-Source") != "" {
					xmlAnswer(w, 200, "<CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>")
				}
			})
			if err := tt.call(rec.conn("us-east-1")); err != nil {
				t.Fatal(err)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			r := rec.reqs[0]
			if r.Method != tt.method || tt.query != "" && !r.URL.Query().Has(tt.query) {
				t.Errorf("request %s %s, want %s with ?%s", r.Method, r.URL, tt.method, tt.query)
			}
			got := map[string]string{}
			for _, h := range grantHeaderNames {
				if v := r.Header.Get(h); v != "" {
					got[h] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("grant headers (-want +got):\n%s", diff)
			}
			if tt.query == "acl" && len(rec.body[0]) != 0 {
				t.Errorf("ACL by headers sent a body: %s", rec.body[0])
			}
		})
	}
}

func TestGrantsACLNotSupported(t *testing.T) {
	var code atomic.Value // the error code the server answers
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		xmlAnswer(w, 400, "<Error><Code>"+code.Load().(string)+"</Code><Message>refused</Message></Error>")
	})
	c := rec.conn("us-east-1")
	ctx := context.Background()
	tests := []struct {
		code string
		call func() error
		want bool
	}{
		{"AccessControlListNotSupported", func() error {
			return c.Bucket("bkt").Key("k").PutBytes(ctx, []byte("x"), Grants(GrantRead(GroupGrantee(AllUsers))))
		}, true},
		{"AccessControlListNotSupported", func() error { return c.Bucket("bkt").SetGrants(ctx, GrantRead(GroupGrantee(AllUsers))) }, true},
		// CreateBucket with grants, enforced being the default.
		{"InvalidBucketAclWithObjectOwnership", func() error {
			_, err := c.CreateBucket(ctx, "new-bucket", BucketGrants(GrantRead(GroupGrantee(AllUsers))))
			return err
		}, true},
		{"InvalidArgument", func() error { return c.Bucket("bkt").SetGrants(ctx, GrantRead(GroupGrantee(AllUsers))) }, false},
	}
	for _, tt := range tests {
		code.Store(tt.code)
		if err := tt.call(); err == nil || IsACLNotSupported(err) != tt.want {
			t.Errorf("%s: IsACLNotSupported(%v) = %v, want %v", tt.code, err, !tt.want, tt.want)
		}
	}
}

func TestGrantsValidation(t *testing.T) {
	rec := newRecorder(t, nil)
	c := rec.conn("us-east-1")
	k := c.Bucket("bkt").Key("k")
	ctx := context.Background()
	put := func(grants ...Grant) func() error {
		return func() error { return k.PutBytes(ctx, []byte("x"), Grants(grants...)) }
	}
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"write on object", put(GrantWrite(UserGrantee("u"))), "Grant.Permission"},
		{"no grantee", put(GrantRead(Grantee{})), "Grantee.Type"},
		{"empty id", put(GrantRead(UserGrantee(""))), "Grantee.ID"},
		{"quote in id", put(GrantRead(UserGrantee(`a", uri="x`))), "Grantee.ID"},
		{"bad e-mail", put(GrantRead(EmailGrantee("nobody"))), "Grantee.Email"},
		{"comma in e-mail", put(GrantRead(EmailGrantee("a@b.c,d@e.f"))), "Grantee.Email"},
		{"unknown group", put(GrantRead(GroupGrantee("http://example.com/everyone"))), "Grantee.URI"},
		{"mixed grantee", put(GrantRead(Grantee{Type: Group, URI: AllUsers, ID: "u"})), "Grantee.URI"},
		{"no type", put(GrantRead(Grantee{ID: "u"})), "Grantee.Type"},
		{"nil body", func() error { return k.Put(ctx, nil) }, "Body"},
		{"copy write", func() error { _, err := k.Copy(ctx, "bkt", "k2", CopyGrants(GrantWrite(UserGrantee("u")))); return err }, "Grant.Permission"},
		{"bucket", func() error {
			_, err := c.CreateBucket(ctx, "bkt", BucketGrants(GrantRead(EmailGrantee(""))))
			return err
		}, "Grantee.Email"},
		{"no grants", func() error { return c.Bucket("bkt").SetGrants(ctx) }, "Grants"},
		{"key no grants", func() error { return k.SetGrants(ctx) }, "Grants"},
		{"key write", func() error { return k.SetGrants(ctx, GrantWrite(UserGrantee("u"))) }, "Grant.Permission"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field {
				t.Errorf("err = %v, want a ValidationError on %s", err, tt.field)
			}
		})
	}
	if n := rec.count(); n != 0 {
		t.Errorf("%d requests for bad input, want 0", n)
	}
}

func TestGrantHeaderOrder(t *testing.T) {
	// Options of one permission add up in the order given.
	in := map[Permission]*string{}
	var full, read *string
	h := grantHeaders{full: &full, read: &read}
	applyGrants([]Grant{GrantRead(UserGrantee("a")), GrantFullControl(UserGrantee("b")), GrantRead(UserGrantee("c")), GrantRead(UserGrantee("d"))}, h)
	in[FullControl], in[Read] = full, read
	got := map[Permission]string{}
	for p, v := range in {
		if v != nil {
			got[p] = *v
		}
	}
	want := map[Permission]string{FullControl: `id="b"`, Read: strings.Join([]string{`id="a"`, `id="c"`, `id="d"`}, ", ")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}
