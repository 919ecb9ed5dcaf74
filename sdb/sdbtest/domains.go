package sdbtest

import (
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

func (b *Backend) createDomain(w http.ResponseWriter, r *fake.Request, reg *region) error {
	name, e := domainName(r.Params)
	if e != nil {
		return e
	}
	reg.mu.Lock()
	if reg.domains[name] == nil {
		if len(reg.domains) >= maxDomains {
			reg.mu.Unlock()
			return apiError(http.StatusConflict, "NumberDomainsExceeded", "The domain limit was exceeded.")
		}
		reg.domains[name] = b.newDomain(name)
	}
	reg.mu.Unlock()
	return newAnswer("CreateDomain").finish(w, r.RequestID, boxDomain)
}

// deleteDomain deletes a domain; deleting one that does not exist
// succeeds, as in SimpleDB.
func (b *Backend) deleteDomain(w http.ResponseWriter, r *fake.Request, reg *region) error {
	name, e := domainName(r.Params)
	if e != nil {
		return e
	}
	reg.mu.Lock()
	delete(reg.domains, name)
	reg.mu.Unlock()
	return newAnswer("DeleteDomain").finish(w, r.RequestID, boxDomain)
}

// domainToken prefixes ListDomains tokens, so a Select token is refused.
const domainToken = "goboto-sdb-domains:"

func (b *Backend) listDomains(w http.ResponseWriter, r *fake.Request, reg *region) error {
	max := maxListDomains
	if r.Params.Has("MaxNumberOfDomains") {
		v := r.Params.Get("MaxNumberOfDomains")
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxListDomains {
			return errInvalid("MaxNumberOfDomains", v, "MaxNumberOfDomains must be between 1 and 100.")
		}
		max = n
	}
	after := ""
	if tok := r.Params.Get("NextToken"); tok != "" {
		raw, err := base64.StdEncoding.DecodeString(tok)
		last, ok := strings.CutPrefix(string(raw), domainToken)
		if err != nil || !ok || last == "" {
			return errInvalidNextToken()
		}
		after = last
	}
	reg.mu.Lock()
	names := sortedDomains(reg)
	reg.mu.Unlock()
	start := sort.SearchStrings(names, after)
	if start < len(names) && names[start] == after {
		start++
	}
	names = names[start:]
	a := newAnswer("ListDomains")
	a.open("ListDomainsResult")
	for i, n := range names {
		if i == max {
			a.text("NextToken", base64.StdEncoding.EncodeToString([]byte(domainToken+names[i-1])))
			break
		}
		a.text("DomainName", n)
	}
	a.close("ListDomainsResult")
	return a.finish(w, r.RequestID, boxList)
}

func (b *Backend) domainMetadata(w http.ResponseWriter, r *fake.Request, reg *region) error {
	name, e := domainName(r.Params)
	if e != nil {
		return e
	}
	reg.mu.Lock()
	d := reg.domains[name]
	if d == nil {
		reg.mu.Unlock()
		return errNoSuchDomain()
	}
	var items, itemBytes, valueCount, valueBytes int
	names := map[string]bool{}
	for n, it := range d.latest {
		items++
		itemBytes += len(n)
		for an, vs := range it.attrs {
			names[an] = true
			valueCount += len(vs)
			for _, v := range vs {
				valueBytes += len(v)
			}
		}
	}
	reg.mu.Unlock()
	nameBytes := 0
	for n := range names {
		nameBytes += len(n)
	}
	a := newAnswer("DomainMetadata")
	a.open("DomainMetadataResult")
	for _, f := range []struct {
		tag string
		n   int64
	}{
		{"ItemCount", int64(items)},
		{"ItemNamesSizeBytes", int64(itemBytes)},
		{"AttributeNameCount", int64(len(names))},
		{"AttributeNamesSizeBytes", int64(nameBytes)},
		{"AttributeValueCount", int64(valueCount)},
		{"AttributeValuesSizeBytes", int64(valueBytes)},
		{"Timestamp", r.Now.Unix()},
	} {
		a.text(f.tag, strconv.FormatInt(f.n, 10))
	}
	a.close("DomainMetadataResult")
	return a.finish(w, r.RequestID, boxList)
}
