package sqstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// apiVersion is the only version of SQS's API, and the Version every
// query request names.
const apiVersion = "2012-11-05"

// xmlNamespace is the namespace of SQS's query answers and errors.
const xmlNamespace = "http://queue.amazonaws.com/doc/2012-11-05/"

// handleQuery serves a query-protocol request (Action=...&Version=...,
// as the aws CLI before 2023 and boto 2 send them) through the same
// operations as JSON: its parameters become the JSON input the model
// describes, and the JSON answer becomes the query XML answer. The
// server renders its errors as query XML with the legacy codes
// (fake.Error.QueryCode).
func (b *Backend) handleQuery(w http.ResponseWriter, r *fake.Request) error {
	if r.Operation == "" {
		// Common errors: MissingAction, "The request is missing an action
		// or a required parameter."
		return &fake.Error{Status: http.StatusBadRequest, Code: "MissingAction", Sender: true,
			Message: "The request is missing an action or a required parameter."}
	}
	op, ok := queryOps[r.Operation]
	if !ok {
		return &fake.Error{Status: http.StatusBadRequest, Code: "InvalidAction", Sender: true,
			Message: "The action " + r.Operation + " is not valid for this web service."}
	}
	switch v := r.Params.Get("Version"); v {
	case apiVersion:
	case "":
		return errMissing("Version")
	default:
		// SQS's older API versions (2009-02-01, 2011-10-01) are not served.
		return errInvalidValue("Value %s for parameter Version is invalid. Reason: sqstest serves API version %s only.", v, apiVersion)
	}
	in, err := queryInput(r, op.in)
	if err != nil {
		return err
	}
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	jr := *r
	jr.Body = body
	rec := &recorder{header: http.Header{}}
	if err := b.handleJSON(rec, &jr); err != nil {
		return err
	}
	if rec.status != http.StatusOK {
		return fmt.Errorf("sqstest: %s answered HTTP %d through the query protocol", r.Operation, rec.status)
	}
	var out bytes.Buffer
	out.WriteString(`<?xml version="1.0"?>` + "\n")
	fmt.Fprintf(&out, `<%sResponse xmlns="%s">`, r.Operation, xmlNamespace)
	if op.out != nil {
		var v any
		dec := json.NewDecoder(bytes.NewReader(rec.body.Bytes()))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("sqstest: %s's JSON answer: %w", r.Operation, err)
		}
		fmt.Fprintf(&out, "<%sResult>", r.Operation)
		if err := writeXML(&out, op.out, v, ""); err != nil {
			return fmt.Errorf("sqstest: %s: %w", r.Operation, err)
		}
		fmt.Fprintf(&out, "</%sResult>", r.Operation)
	}
	out.WriteString("<ResponseMetadata><RequestId>" + r.RequestID + "</RequestId></ResponseMetadata>")
	fmt.Fprintf(&out, "</%sResponse>", r.Operation)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("Content-Length", strconv.Itoa(out.Len()))
	w.WriteHeader(http.StatusOK)
	w.Write(out.Bytes())
	return nil
}

// queryInput turns a query request's parameters into the JSON input of
// shape in. The queue may be named by the request's path instead of
// QueueUrl (boto 2 POSTs to /<account>/<name>), as SQS allows. A
// parameter the operation does not have is refused with the common
// errors' InvalidQueryParameter rather than ignored.
func queryInput(r *fake.Request, in *qshape) (map[string]any, error) {
	params := url.Values{}
	for k, v := range r.Params {
		if k != "Action" && k != "Version" {
			params[k] = v
		}
	}
	used := map[string]bool{}
	v, err := in.fromQuery(params, "", used)
	if err != nil {
		return nil, err
	}
	out, _ := v.(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	if _, ok := out["QueueUrl"]; !ok && hasField(in, "QueueUrl") && strings.Count(r.HTTP.URL.Path, "/") == 2 && r.HTTP.URL.Path != "/" {
		scheme := "http"
		if r.HTTP.TLS != nil {
			scheme = "https"
		}
		out["QueueUrl"] = scheme + "://" + r.HTTP.Host + r.HTTP.URL.Path
	}
	for _, k := range sortedKeys(params) {
		if !used[k] {
			return nil, &fake.Error{Status: http.StatusBadRequest, Code: "InvalidQueryParameter", Sender: true,
				Message: "The parameter " + k + " is not valid for the action " + r.Operation + "."}
		}
	}
	return out, nil
}

func hasField(s *qshape, name string) bool {
	return slices.ContainsFunc(s.fields, func(f qfield) bool { return f.name == name })
}

// fromQuery reads the value of s from the parameters under prefix
// (the top level when ""), marking each parameter it reads in used. It
// returns nil when no parameter holds any of it.
func (s *qshape) fromQuery(params url.Values, prefix string, used map[string]bool) (any, error) {
	switch s.kind {
	case qStruct:
		out := map[string]any{}
		for _, f := range s.fields {
			v, err := f.shape.fromQuery(params, join(prefix, f.wire), used)
			if err != nil {
				return nil, err
			}
			if v != nil {
				out[f.name] = v
			}
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	case qList:
		var out []any
		if s.elem.kind <= qBlob && params.Has(prefix) {
			// A list of one, unnumbered: boto 2 asks GetQueueAttributes
			// for AttributeName=All.
			v, err := s.elem.fromQuery(params, prefix, used)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		for _, i := range indexes(params, prefix) {
			v, err := s.elem.fromQuery(params, prefix+"."+strconv.Itoa(i), used)
			if err != nil {
				return nil, err
			}
			if v != nil {
				out = append(out, v)
			}
		}
		if out == nil {
			return nil, nil
		}
		return out, nil
	case qMap:
		out := map[string]any{}
		for _, i := range indexes(params, prefix) {
			entry := prefix + "." + strconv.Itoa(i)
			kp := entry + "." + s.key
			if !params.Has(kp) {
				return nil, errMissing(kp)
			}
			used[kp] = true
			v, err := s.elem.fromQuery(params, entry+"."+s.value, used)
			if err != nil {
				return nil, err
			}
			if v == nil {
				return nil, errMissing(entry + "." + s.value)
			}
			out[params.Get(kp)] = v
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	}
	if !params.Has(prefix) {
		return nil, nil
	}
	used[prefix] = true
	raw := params.Get(prefix)
	switch s.kind {
	case qInt, qLong:
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nil, errInvalidValue("Value %s for parameter %s is invalid. Reason: must be an integer.", raw, prefix)
		}
		return n, nil
	case qBool:
		b, err := strconv.ParseBool(raw)
		if err != nil || (raw != "true" && raw != "false") {
			return nil, errInvalidValue("Value %s for parameter %s is invalid. Reason: must be true or false.", raw, prefix)
		}
		return b, nil
	}
	return raw, nil // strings, and blobs in base64 as JSON has them
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// indexes returns the N of every parameter named prefix.N or
// prefix.N.<rest>, in order. A parameter whose N is not a positive
// number is left unread, and so refused.
func indexes(params url.Values, prefix string) []int {
	var out []int
	for k := range params {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(n)
		if err != nil || i < 1 || n != strconv.Itoa(i) || slices.Contains(out, i) {
			continue
		}
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

// writeXML writes v, the JSON value of shape s, as the query protocol's
// XML inside an element named name ("" at the top, whose members are
// written bare).
func writeXML(buf *bytes.Buffer, s *qshape, v any, name string) error {
	open := func(n string) {
		if n != "" {
			buf.WriteString("<" + n + ">")
		}
	}
	closeTag := func(n string) {
		if n != "" {
			buf.WriteString("</" + n + ">")
		}
	}
	switch s.kind {
	case qStruct:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, have %T", name, v)
		}
		for k := range m {
			if !hasField(s, k) {
				return fmt.Errorf("%s: member %s is not in the model", name, k)
			}
		}
		open(name)
		for _, f := range s.fields {
			fv, ok := m[f.name]
			if !ok || fv == nil {
				continue
			}
			if err := writeXML(buf, f.shape, fv, f.wire); err != nil {
				return err
			}
		}
		closeTag(name)
	case qList:
		// Flattened: the elements are written one after another, each
		// under the list's element name.
		items, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: want a list, have %T", name, v)
		}
		for _, item := range items {
			if err := writeXML(buf, s.elem, item, name); err != nil {
				return err
			}
		}
	case qMap:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want a map, have %T", name, v)
		}
		for _, k := range sortedKeys(m) {
			open(name)
			open(s.key)
			escape(buf, k)
			closeTag(s.key)
			if err := writeXML(buf, s.elem, m[k], s.value); err != nil {
				return err
			}
			closeTag(name)
		}
	default:
		var text string
		switch x := v.(type) {
		case string:
			text = x
		case json.Number:
			text = x.String()
		case bool:
			text = strconv.FormatBool(x)
		default:
			return fmt.Errorf("%s: want a scalar, have %T", name, v)
		}
		open(name)
		escape(buf, text)
		closeTag(name)
	}
	return nil
}

// escape writes s as XML character data. Carriage returns, tabs and
// newlines are written as character references, so a body reads back
// exactly as it was sent.
func escape(buf *bytes.Buffer, s string) {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\r':
			b.WriteString("&#xD;")
		case '\n':
			b.WriteString("&#xA;")
		case '\t':
			b.WriteString("&#x9;")
		default:
			b.WriteRune(c)
		}
	}
	buf.WriteString(b.String())
}

// recorder keeps the answer of the JSON handler for handleQuery to
// translate.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}
func (r *recorder) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(p)
}
