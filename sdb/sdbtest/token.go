package sdbtest

import (
	"encoding/base64"
	"encoding/binary"
	"hash/fnv"

	"github.com/goboto/goboto/sdb/internal/expr"
)

// position is where a page of Select ended: the sort value and name of
// its last item. The next page starts after it, so items written between
// pages neither repeat nor shift the pages that follow.
type position struct {
	key, name string
}

// tokenMagic starts every Select NextToken.
const tokenMagic = "sdbQ"

// queryHash identifies what a NextToken may continue: the domain, the
// where clause and the sort. The output list and the limit may change
// between pages; SimpleDB users count with count(*) and a limit, then
// continue with select * from the count's token.
func queryHash(s *expr.Select) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s.Domain))
	h.Write([]byte{0})
	if s.Where != nil {
		h.Write([]byte(s.Where.String()))
	}
	h.Write([]byte{0})
	if s.OrderBy != nil {
		h.Write([]byte(s.OrderBy.Operand.String()))
		if s.OrderBy.Desc {
			h.Write([]byte(" desc"))
		}
	}
	return h.Sum64()
}

// encodeToken makes an opaque NextToken: base64 of magic, query hash and
// position.
func encodeToken(hash uint64, p position) string {
	b := make([]byte, 0, len(tokenMagic)+8+2*binary.MaxVarintLen64+len(p.key)+len(p.name))
	b = append(b, tokenMagic...)
	b = binary.BigEndian.AppendUint64(b, hash)
	b = binary.AppendUvarint(b, uint64(len(p.key)))
	b = append(b, p.key...)
	b = binary.AppendUvarint(b, uint64(len(p.name)))
	b = append(b, p.name...)
	return base64.StdEncoding.EncodeToString(b)
}

// decodeToken reads a NextToken made for the query with hash want.
func decodeToken(tok string, want uint64) (position, bool) {
	b, err := base64.StdEncoding.DecodeString(tok)
	if err != nil || len(b) < len(tokenMagic)+8 || string(b[:len(tokenMagic)]) != tokenMagic {
		return position{}, false
	}
	b = b[len(tokenMagic):]
	if binary.BigEndian.Uint64(b) != want {
		return position{}, false
	}
	b = b[8:]
	var p position
	for _, f := range []*string{&p.key, &p.name} {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return position{}, false
		}
		*f = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	return p, len(b) == 0
}
