package awsmodel

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Request builds op's minimal request (see Input) for the model's
// Protocol, addressed to endpoint (a base URL such as a fake's URL),
// unsigned. Protocols: query, ec2, rest-xml, json.
func (m *Model) Request(op, endpoint string, ov Values) (*http.Request, error) {
	o := m.Operations[op]
	if o == nil {
		return nil, fmt.Errorf("awsmodel: no operation %q", op)
	}
	in, err := m.Input(op, ov)
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("awsmodel: endpoint: %w", err)
	}
	switch m.Protocol {
	case "query", "ec2":
		return m.queryRequest(o, base, in)
	case "json":
		return m.jsonRequest(o, base, in)
	case "rest-xml":
		return m.restXMLRequest(o, base, in)
	}
	return nil, fmt.Errorf("awsmodel: protocol %q is not supported", m.Protocol)
}

// RawRequest builds a request for an action the model does not define,
// with no parameters, as the model's protocol would send it. Tests use it
// to see how a fake answers an operation it has never heard of. rest-xml
// has no action names, so it is refused.
func (m *Model) RawRequest(action, endpoint string) (*http.Request, error) {
	base, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("awsmodel: endpoint: %w", err)
	}
	o := &Operation{Name: action}
	o.HTTP.Method, o.HTTP.RequestURI = http.MethodPost, "/"
	switch m.Protocol {
	case "query", "ec2":
		return m.queryRequest(o, base, map[string]any{})
	case "json":
		return m.jsonRequest(o, base, map[string]any{})
	}
	return nil, fmt.Errorf("awsmodel: protocol %q has no action names", m.Protocol)
}

func newRequest(method string, u *url.URL, body []byte) (*http.Request, error) {
	req, err := http.NewRequest(method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("awsmodel: %w", err)
	}
	if len(body) == 0 {
		req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
	}
	return req, nil
}

func endpointURL(base *url.URL, path, rawQuery string) *url.URL {
	u := *base
	u.Path = strings.TrimSuffix(base.Path, "/") + path
	u.RawPath = ""
	u.RawQuery = rawQuery
	return &u
}

// --- query and ec2 ---

func (m *Model) queryRequest(o *Operation, base *url.URL, in map[string]any) (*http.Request, error) {
	form := url.Values{}
	form.Set("Action", o.Name)
	form.Set("Version", m.Metadata.APIVersion)
	if o.Input != nil {
		m.queryStruct(form, m.Shapes[o.Input.Shape], in, "")
	}
	req, err := newRequest(http.MethodPost, endpointURL(base, "/", ""), []byte(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return req, nil
}

// queryName is the wire name of a member: for ec2, queryName or the
// capitalised locationName; for query, locationName.
func (m *Model) queryName(r *Ref, member string) string {
	if m.Protocol == "ec2" {
		if r.QueryName != "" {
			return r.QueryName
		}
		if r.LocationName != "" {
			return strings.ToUpper(r.LocationName[:1]) + r.LocationName[1:]
		}
		return member
	}
	if r.LocationName != "" {
		return r.LocationName
	}
	return member
}

func (m *Model) queryStruct(form url.Values, s *Shape, v map[string]any, prefix string) {
	for _, name := range sortedKeys(v) {
		r := s.Members[name]
		p := m.queryName(r, name)
		if prefix != "" {
			p = prefix + "." + p
		}
		m.queryValue(form, r, v[name], p)
	}
}

func (m *Model) queryValue(form url.Values, r *Ref, v any, prefix string) {
	s := m.Shapes[r.Shape]
	switch s.Type {
	case "structure":
		m.queryStruct(form, s, v.(map[string]any), prefix)
	case "list":
		l := v.([]any)
		if len(l) == 0 && m.Protocol == "query" {
			form.Set(prefix, "")
			return
		}
		var lp string
		switch {
		case m.Protocol == "ec2":
			lp = prefix
		case flattened(r, s):
			lp = prefix
			if s.Member.LocationName != "" {
				// A flattened list's elements take the member's name in
				// place of the list's own.
				parts := strings.Split(prefix, ".")
				parts[len(parts)-1] = s.Member.LocationName
				lp = strings.Join(parts, ".")
			}
		default:
			name := "member"
			if s.Member.LocationName != "" {
				name = s.Member.LocationName
			}
			lp = prefix + "." + name
		}
		for i, e := range l {
			m.queryValue(form, s.Member, e, lp+"."+strconv.Itoa(i+1))
		}
	case "map":
		mp := v.(map[string]any)
		full := prefix + ".entry"
		if flattened(r, s) {
			full = prefix
		}
		kn, vn := "key", "value"
		if s.Key.LocationName != "" {
			kn = s.Key.LocationName
		}
		if s.Value.LocationName != "" {
			vn = s.Value.LocationName
		}
		for i, k := range sortedKeys(mp) {
			p := full + "." + strconv.Itoa(i+1) + "."
			m.queryValue(form, s.Key, k, p+kn)
			m.queryValue(form, s.Value, mp[k], p+vn)
		}
	case "blob":
		form.Set(prefix, base64.StdEncoding.EncodeToString([]byte(v.(string))))
	default:
		form.Set(prefix, v.(string))
	}
}

func flattened(r *Ref, s *Shape) bool {
	if r.Flattened != nil {
		return *r.Flattened
	}
	return s.Flattened
}

// --- json (awsJson1_0, awsJson1_1) ---

func (m *Model) jsonRequest(o *Operation, base *url.URL, in map[string]any) (*http.Request, error) {
	var doc any = map[string]any{}
	if o.Input != nil {
		doc = m.jsonValue(m.Shapes[o.Input.Shape], in)
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("awsmodel: %w", err)
	}
	req, err := newRequest(http.MethodPost, endpointURL(base, "/", ""), body)
	if err != nil {
		return nil, err
	}
	ver := m.Metadata.JSONVersion
	if ver == "" {
		ver = "1.0"
	}
	req.Header.Set("Content-Type", "application/x-amz-json-"+ver)
	req.Header.Set("X-Amz-Target", m.Metadata.TargetPrefix+"."+o.Name)
	return req, nil
}

func (m *Model) jsonValue(s *Shape, v any) any {
	switch s.Type {
	case "structure":
		out := map[string]any{}
		for name, mv := range v.(map[string]any) {
			r := s.Members[name]
			key := name
			if r.LocationName != "" {
				key = r.LocationName
			}
			out[key] = m.jsonValue(m.Shapes[r.Shape], mv)
		}
		return out
	case "list":
		l := v.([]any)
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = m.jsonValue(m.Shapes[s.Member.Shape], e)
		}
		return out
	case "map":
		out := map[string]any{}
		for k, e := range v.(map[string]any) {
			out[k] = m.jsonValue(m.Shapes[s.Value.Shape], e)
		}
		return out
	}
	str := v.(string)
	switch s.Type {
	case "integer", "long", "short", "byte", "float", "double":
		return json.Number(str)
	case "boolean":
		return str == "true"
	case "timestamp":
		t, _ := time.Parse(time.RFC3339, str)
		return t.Unix()
	case "blob":
		return base64.StdEncoding.EncodeToString([]byte(str))
	}
	return str
}

// --- rest-xml ---

func (m *Model) restXMLRequest(o *Operation, base *url.URL, in map[string]any) (*http.Request, error) {
	uri := o.HTTP.RequestURI
	path, rawQuery, _ := strings.Cut(uri, "?")
	query := url.Values{}
	if rawQuery != "" {
		// A literal query ("?tagging", "?x-id=GetObject") selects the
		// sub-resource; it is kept as written.
		for part := range strings.SplitSeq(rawQuery, "&") {
			k, v, _ := strings.Cut(part, "=")
			query.Add(k, v)
		}
	}
	header := http.Header{}
	var s *Shape
	if o.Input != nil {
		s = m.Shapes[o.Input.Shape]
	}
	bodyMembers := map[string]any{}
	for _, name := range sortedKeys(in) {
		r := s.Members[name]
		ms := m.Shapes[r.Shape]
		wire := name
		if r.LocationName != "" {
			wire = r.LocationName
		}
		switch r.Location {
		case "uri":
			val := scalarText(ms, in[name], time.RFC3339)
			for _, label := range []string{"{" + wire + "+}", "{" + wire + "}"} {
				path = strings.Replace(path, label, escapePath(val, strings.HasSuffix(label, "+}")), 1)
			}
		case "querystring":
			switch ms.Type {
			case "list":
				for _, e := range in[name].([]any) {
					query.Add(wire, scalarText(m.Shapes[ms.Member.Shape], e, time.RFC3339))
				}
			case "map":
				mp := in[name].(map[string]any)
				for _, k := range sortedKeys(mp) {
					query.Add(k, scalarText(m.Shapes[ms.Value.Shape], mp[k], time.RFC3339))
				}
			default:
				query.Set(wire, scalarText(ms, in[name], time.RFC3339))
			}
		case "header":
			if ms.Type == "list" {
				// A list in a header is its elements, comma-separated
				// (S3's x-amz-object-attributes).
				var parts []string
				for _, e := range in[name].([]any) {
					parts = append(parts, scalarText(m.Shapes[ms.Member.Shape], e, http.TimeFormat))
				}
				header.Set(wire, strings.Join(parts, ","))
				continue
			}
			header.Set(wire, scalarText(ms, in[name], http.TimeFormat))
		case "headers":
			mp := in[name].(map[string]any)
			for _, k := range sortedKeys(mp) {
				header.Set(wire+k, mp[k].(string))
			}
		default:
			bodyMembers[name] = in[name]
		}
	}
	var body []byte
	var err error
	switch {
	case s != nil && s.Payload != "":
		pr := s.Members[s.Payload]
		ps := m.Shapes[pr.Shape]
		pv, ok := bodyMembers[s.Payload]
		switch {
		case !ok:
		case ps.Type == "structure":
			root := ps.Name
			if pr.LocationName != "" {
				root = pr.LocationName
			}
			ns := pr.XMLNamespace
			if ns == nil {
				ns = ps.XMLNamespace
			}
			body, err = m.xmlDocument(root, ns, ps, pv.(map[string]any))
		default:
			body = []byte(pv.(string))
		}
	case len(bodyMembers) > 0:
		root := s.Name
		if s.LocationName != "" {
			root = s.LocationName
		}
		body, err = m.xmlDocument(root, s.XMLNamespace, s, bodyMembers)
	}
	if err != nil {
		return nil, err
	}
	method := o.HTTP.Method
	if method == "" {
		method = http.MethodGet
	}
	u := endpointURL(base, "", encodeQuery(query))
	u.Path = strings.TrimSuffix(base.Path, "/") + pathUnescaped(path)
	u.RawPath = strings.TrimSuffix(base.Path, "/") + path
	req, err := newRequest(method, u, body)
	if err != nil {
		return nil, err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if len(body) > 0 {
		// Some S3 operations require Content-MD5 (httpChecksumRequired);
		// sending it everywhere is harmless.
		sum := md5.Sum(body)
		req.Header.Set("Content-MD5", base64.StdEncoding.EncodeToString(sum[:]))
		if req.Header.Get("Content-Type") == "" {
			req.Header.Set("Content-Type", "application/xml")
		}
	}
	return req, nil
}

func (m *Model) xmlDocument(root string, ns *XMLNamespace, s *Shape, v map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	start := xml.StartElement{Name: xml.Name{Local: root}}
	if ns != nil && ns.URI != "" {
		attr := "xmlns"
		if ns.Prefix != "" {
			attr += ":" + ns.Prefix
		}
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: attr}, Value: ns.URI})
	}
	if err := m.xmlStruct(enc, start, s, v); err != nil {
		return nil, err
	}
	if err := enc.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (m *Model) xmlStruct(enc *xml.Encoder, start xml.StartElement, s *Shape, v map[string]any) error {
	names := sortedKeys(v)
	for _, name := range names {
		r := s.Members[name]
		if !r.XMLAttribute {
			continue
		}
		an := name
		if r.LocationName != "" {
			an = r.LocationName
		}
		if strings.HasPrefix(an, "xsi:") {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "xmlns:xsi"}, Value: "http://www.w3.org/2001/XMLSchema-instance"})
		}
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: an}, Value: scalarText(m.Shapes[r.Shape], v[name], time.RFC3339)})
	}
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	for _, name := range names {
		r := s.Members[name]
		if r.XMLAttribute {
			continue
		}
		el := name
		if r.LocationName != "" {
			el = r.LocationName
		}
		if err := m.xmlValue(enc, el, r, v[name]); err != nil {
			return err
		}
	}
	return enc.EncodeToken(start.End())
}

func (m *Model) xmlValue(enc *xml.Encoder, el string, r *Ref, v any) error {
	s := m.Shapes[r.Shape]
	start := xml.StartElement{Name: xml.Name{Local: el}}
	if r.XMLNamespace != nil && r.XMLNamespace.URI != "" {
		attr := "xmlns"
		if r.XMLNamespace.Prefix != "" {
			attr += ":" + r.XMLNamespace.Prefix
		}
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: attr}, Value: r.XMLNamespace.URI})
	}
	switch s.Type {
	case "structure":
		return m.xmlStruct(enc, start, s, v.(map[string]any))
	case "list":
		l := v.([]any)
		if flattened(r, s) {
			name := el
			if s.Member.LocationName != "" {
				name = s.Member.LocationName
			}
			for _, e := range l {
				if err := m.xmlValue(enc, name, s.Member, e); err != nil {
					return err
				}
			}
			return nil
		}
		name := "member"
		if s.Member.LocationName != "" {
			name = s.Member.LocationName
		}
		if err := enc.EncodeToken(start); err != nil {
			return err
		}
		for _, e := range l {
			if err := m.xmlValue(enc, name, s.Member, e); err != nil {
				return err
			}
		}
		return enc.EncodeToken(start.End())
	case "map":
		mp := v.(map[string]any)
		kn, vn := "key", "value"
		if s.Key.LocationName != "" {
			kn = s.Key.LocationName
		}
		if s.Value.LocationName != "" {
			vn = s.Value.LocationName
		}
		if err := enc.EncodeToken(start); err != nil {
			return err
		}
		for _, k := range sortedKeys(mp) {
			entry := xml.StartElement{Name: xml.Name{Local: "entry"}}
			if err := enc.EncodeToken(entry); err != nil {
				return err
			}
			if err := m.xmlValue(enc, kn, s.Key, k); err != nil {
				return err
			}
			if err := m.xmlValue(enc, vn, s.Value, mp[k]); err != nil {
				return err
			}
			if err := enc.EncodeToken(entry.End()); err != nil {
				return err
			}
		}
		return enc.EncodeToken(start.End())
	}
	return enc.EncodeElement(scalarText(s, v, time.RFC3339), start)
}

// scalarText renders a scalar for a URI, query string, header or XML
// text; timestamps use layout (headers take HTTP dates).
func scalarText(s *Shape, v any, layout string) string {
	str, _ := v.(string)
	switch s.Type {
	case "timestamp":
		t, err := time.Parse(time.RFC3339, str)
		if err == nil {
			return t.UTC().Format(layout)
		}
	case "blob":
		return base64.StdEncoding.EncodeToString([]byte(str))
	}
	return str
}

// escapePath percent-encodes a URI label: everything but RFC 3986's
// unreserved characters, and '/' too unless the label is greedy.
func escapePath(s string, greedy bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' || (greedy && c == '/') {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func pathUnescaped(p string) string {
	u, err := url.PathUnescape(p)
	if err != nil {
		return p
	}
	return u
}

// encodeQuery encodes like url.Values.Encode but writes a key with one
// empty value as the bare key ("?tagging"), as the SDKs do.
func encodeQuery(q url.Values) string {
	keys := sortedKeys(q)
	var parts []string
	for _, k := range keys {
		for _, v := range q[k] {
			if v == "" {
				parts = append(parts, escapePath(k, false))
				continue
			}
			parts = append(parts, escapePath(k, false)+"="+escapePath(v, false))
		}
	}
	return strings.Join(parts, "&")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
