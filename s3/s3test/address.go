package s3test

import (
	"net"
	"net/http"
	"strings"
)

// target is the bucket and key a request addresses.
type target struct {
	bucket, key string
}

// addressOf reads the bucket and key of r. The Host names the bucket
// (virtual-host style) when it is <bucket>.s3.amazonaws.com,
// <bucket>.s3.<region>.amazonaws.com, <bucket>.s3-<region>.amazonaws.com
// or <bucket>.localhost[:port]; otherwise the first path segment does
// (path style). The key is the rest of the path, percent-decoded once.
func addressOf(r *http.Request) target {
	path := strings.TrimPrefix(r.URL.Path, "/")
	if b, ok := virtualBucket(r.Host); ok {
		return target{bucket: b, key: path}
	}
	b, key, _ := strings.Cut(path, "/")
	return target{bucket: b, key: key}
}

// virtualBucket returns the bucket a virtual-host-style Host names.
func virtualBucket(host string) (string, bool) {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if b, ok := strings.CutSuffix(host, ".localhost"); ok && b != "" {
		return b, true
	}
	for _, suffix := range []string{".amazonaws.com", ".amazonaws.com.cn"} {
		rest, ok := strings.CutSuffix(host, suffix)
		if !ok {
			continue
		}
		// rest is <bucket>.s3, <bucket>.s3.<region> or <bucket>.s3-<region>.
		labels := strings.Split(rest, ".")
		for i := len(labels) - 1; i >= 1; i-- {
			if labels[i] == "s3" || strings.HasPrefix(labels[i], "s3-") {
				if i >= len(labels)-2 {
					return strings.Join(labels[:i], "."), true
				}
			}
		}
	}
	return "", false
}
