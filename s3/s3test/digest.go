package s3test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"maps"
	"slices"
	"sort"
)

// stateDigest returns a hash of the whole state of the Backend: every bucket
// with its settings and configuration, every version of every object
// (bytes, metadata, checksums, ACL, tags) and every multipart upload
// with its parts. Tests compare digests to prove a request changed
// nothing.
func (b *Backend) stateDigest() string {
	h := sha256.New()
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, name := range slices.Sorted(maps.Keys(b.buckets)) {
		bk := b.buckets[name]
		fmt.Fprintf(h, "bucket %q %q %q %v %q\n", bk.name, bk.owner, bk.region, bk.created.UnixNano(), bk.ownership)
		fmt.Fprintf(h, "acl %s\n", policyString(bk.acl))
		if bk.pab != nil {
			fmt.Fprintf(h, "pab %+v\n", *bk.pab)
		}
		c := bk.config
		fmt.Fprintf(h, "config %q %q %q %q %q %q %+v\n", c.versioning, c.policy, c.cors, c.lifecycle, c.website, c.payer, c.tags)
		if c.encryption != nil {
			fmt.Fprintf(h, "encryption %+v\n", *c.encryption)
		}
		keys := slices.Collect(maps.Keys(bk.objects))
		for k := range bk.history {
			if _, ok := bk.objects[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, o := range bk.versionsOf(k) {
				b.digestObject(h, o)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(bk.uploads)) {
			u := bk.uploads[id]
			fmt.Fprintf(h, "upload %q %q %v %q %q\n", u.id, u.key, u.initiated.UnixNano(), u.checksum.algo.header, u.checksum.typ)
			b.digestObject(h, u.template)
			for _, n := range slices.Sorted(maps.Keys(u.parts)) {
				p := u.parts[n]
				fmt.Fprintf(h, "part %d %q %v %v\n", p.number, p.etag, p.lastModified.UnixNano(), sortedMap(p.checksums))
				b.digestContent(h, p.body)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (b *Backend) digestObject(h hash.Hash, o *object) {
	fmt.Fprintf(h, "object %q %q %v %q %v %q %q %v %q\n", o.key, o.versionID, o.deleteMarker, o.etag,
		o.lastModified.UnixNano(), o.storageClass, o.sse, sortedMap(o.checksums), o.checksumType)
	for _, k := range slices.Sorted(maps.Keys(o.header)) {
		fmt.Fprintf(h, "header %q %q\n", k, o.header[k])
	}
	for _, p := range o.parts {
		fmt.Fprintf(h, "objectPart %d %d %v\n", p.number, p.size, sortedMap(p.checksums))
	}
	fmt.Fprintf(h, "acl %s tags %+v\n", policyString(o.acl), o.tags)
	b.digestContent(h, o.body)
}

// digestContent adds c's length and bytes.
func (b *Backend) digestContent(h hash.Hash, c content) {
	fmt.Fprintf(h, "content %d\n", c.size)
	if _, err := b.writeContent(h, c, 0, c.size); err != nil {
		fmt.Fprintf(h, "unreadable %v\n", err)
	}
}

func policyString(p *accessPolicy) string {
	if p == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%+v", *p)
}

// sortedMap writes m's pairs in key order.
func sortedMap(m map[string]string) string {
	s := ""
	for _, k := range slices.Sorted(maps.Keys(m)) {
		s += fmt.Sprintf("%q=%q;", k, m[k])
	}
	return s
}
