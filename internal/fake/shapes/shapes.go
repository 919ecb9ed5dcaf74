// Package shapes moves an operation's input and output between Go
// structs, whose field names are the API model's member names, and the
// documents of each wire protocol a fake serves: Query parameters and
// XML answers, JSON 1.0, and RPC v2 CBOR. A fake declares its inputs and
// outputs as plain structs; a member typed any is one it does not
// implement, which a request may set only to be refused.
package shapes

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Codec is one service's settings: its Query XML namespace and the
// errors it answers for a body it cannot read.
type Codec struct {
	// Namespace is the xmlns of Query answers
	// ("http://monitoring.amazonaws.com/doc/2010-08-01/").
	Namespace string
	// Malformed is the error for a document that is not the input's
	// shape (a wrong type, an unknown member in JSON or CBOR).
	Malformed func(msg string) *fake.Error
	// BadValue is the error for a value that cannot be read (a bad
	// timestamp) and for a Query parameter the input has no place for.
	BadValue func(msg string) *fake.Error
}

// Decode fills in (a pointer to an input struct) from r in the protocol
// r speaks. A member the input does not have is refused, never ignored.
func (c Codec) Decode(r *fake.Request, in any) error {
	var doc map[string]any
	var err error
	switch r.Protocol {
	case fake.RPCv2CBOR:
		doc, err = fake.ParseCBOR(r.Body)
		if err != nil {
			return c.Malformed(fmt.Sprintf("The request body is not a CBOR map: %v", err))
		}
	case fake.JSON10:
		doc = map[string]any{}
		if len(bytes.TrimSpace(r.Body)) > 0 {
			dec := json.NewDecoder(bytes.NewReader(r.Body))
			dec.UseNumber()
			if err := dec.Decode(&doc); err != nil {
				return c.Malformed(fmt.Sprintf("The request body is not a JSON object: %v", err))
			}
		}
	default:
		params := url.Values{}
		for k, v := range r.Params {
			if k != "Action" && k != "Version" {
				params[k] = v
			}
		}
		doc, err = c.queryDoc(params, reflect.TypeOf(in).Elem())
		if err != nil {
			return err
		}
	}
	return c.assign(reflect.ValueOf(in).Elem(), doc, "")
}

var timeType = reflect.TypeOf(time.Time{})

// queryDoc turns Query parameters into a document shaped by t: lists are
// Name.member.N, structures Name.Member. A parameter t has no place for
// is refused.
func (c Codec) queryDoc(params url.Values, t reflect.Type) (map[string]any, error) {
	used := map[string]bool{}
	doc := queryStruct(params, t, "", used)
	var unknown []string
	for k := range params {
		if !used[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, c.BadValue(fmt.Sprintf("Unknown parameter %s.", unknown[0]))
	}
	return doc, nil
}

func queryStruct(params url.Values, t reflect.Type, prefix string, used map[string]bool) map[string]any {
	doc := map[string]any{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if v, ok := queryValue(params, f.Type, prefix+f.Name, used); ok {
			doc[f.Name] = v
		}
	}
	return doc
}

func queryValue(params url.Values, t reflect.Type, key string, used map[string]bool) (any, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Interface:
		// A member the fake does not implement: present if any parameter
		// is under it, so the handler can refuse it.
		found := false
		for k := range params {
			if k == key || strings.HasPrefix(k, key+".") {
				used[k], found = true, true
			}
		}
		return true, found
	case t == timeType || t.Kind() != reflect.Struct && t.Kind() != reflect.Slice:
		if _, ok := params[key]; !ok {
			return nil, false
		}
		used[key] = true
		return params.Get(key), true
	case t.Kind() == reflect.Slice:
		var list []any
		if _, ok := params[key]; ok { // an empty list is sent as Name=
			used[key] = true
			list = []any{}
		}
		for n := 1; ; n++ {
			v, ok := queryValue(params, t.Elem(), key+".member."+strconv.Itoa(n), used)
			if !ok {
				break
			}
			list = append(list, v)
		}
		return list, list != nil
	}
	sub := prefix(params, key+".")
	if !sub {
		return nil, false
	}
	return queryStruct(params, t, key+".", used), true
}

func prefix(params url.Values, p string) bool {
	for k := range params {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// assign sets dst from a document value, converting what each protocol
// sends (numbers as int64, float64, json.Number or text; timestamps as
// CBOR tag 1, epoch seconds or ISO 8601) to dst's type.
func (c Codec) assign(dst reflect.Value, src any, path string) error {
	if src == nil {
		return nil
	}
	if dst.Kind() == reflect.Pointer {
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return c.assign(dst.Elem(), src, path)
	}
	bad := func() error {
		return c.Malformed(fmt.Sprintf("%s: %T is not a %s", strings.TrimPrefix(path, "."), src, dst.Type()))
	}
	switch {
	case dst.Kind() == reflect.Interface:
		dst.Set(reflect.ValueOf(src))
		return nil
	case dst.Type() == timeType:
		t, err := timeOf(src)
		if err != nil {
			return c.BadValue(fmt.Sprintf("%s: %v", strings.TrimPrefix(path, "."), err))
		}
		dst.Set(reflect.ValueOf(t))
		return nil
	case dst.Kind() == reflect.Struct:
		m, ok := src.(map[string]any)
		if !ok {
			return bad()
		}
		for k, v := range m {
			f := dst.FieldByName(k)
			if !f.IsValid() || !f.CanSet() {
				return c.Malformed(fmt.Sprintf("%s is not a member of %s", strings.TrimPrefix(path+"."+k, "."), dst.Type().Name()))
			}
			if err := c.assign(f, v, path+"."+k); err != nil {
				return err
			}
		}
		return nil
	case dst.Kind() == reflect.Slice:
		l, ok := src.([]any)
		if !ok {
			return bad()
		}
		s := reflect.MakeSlice(dst.Type(), len(l), len(l))
		for i, v := range l {
			if err := c.assign(s.Index(i), v, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case dst.Kind() == reflect.String:
		s, ok := src.(string)
		if !ok {
			return bad()
		}
		dst.SetString(s)
		return nil
	case dst.Kind() == reflect.Bool:
		switch v := src.(type) {
		case bool:
			dst.SetBool(v)
		case string:
			b, err := strconv.ParseBool(v)
			if err != nil {
				return bad()
			}
			dst.SetBool(b)
		default:
			return bad()
		}
		return nil
	case dst.Kind() == reflect.Int32 || dst.Kind() == reflect.Int64:
		n, ok := integer(src)
		if !ok || dst.OverflowInt(n) {
			return bad()
		}
		dst.SetInt(n)
		return nil
	case dst.Kind() == reflect.Float64:
		f, ok := float(src)
		if !ok {
			return bad()
		}
		dst.SetFloat(f)
		return nil
	}
	return bad()
}

func integer(src any) (int64, bool) {
	switch v := src.(type) {
	case int64:
		return v, true
	case uint64:
		return 0, false
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v), true
		}
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	return 0, false
}

func float(src any) (float64, bool) {
	switch v := src.(type) {
	case int64:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float64:
		return v, true
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	return 0, false
}

// timeOf reads a timestamp as each protocol sends it: a time.Time from
// CBOR's tag 1, epoch seconds in JSON, ISO 8601 in Query.
func timeOf(src any) (time.Time, error) {
	switch v := src.(type) {
	case time.Time:
		return v.UTC(), nil
	case string:
		// boto 2 sends naive datetimes' isoformat(), with no zone; AWS
		// reads them as UTC, as boto's how-to relied on.
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
			"2006-01-02T15:04:05.999999999"} {
			if t, err := time.Parse(layout, v); err == nil {
				return t.UTC(), nil
			}
		}
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return time.UnixMilli(int64(math.Round(f * 1e3))).UTC(), nil
		}
		return time.Time{}, fmt.Errorf("%q is not a timestamp", v)
	}
	if f, ok := float(src); ok {
		return time.UnixMilli(int64(math.Round(f * 1e3))).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%T is not a timestamp", src)
}

// Write answers 200 with out (a pointer to an output struct, or nil
// for an operation with no output) in the protocol r speaks.
func (c Codec) Write(w http.ResponseWriter, r *fake.Request, out any) error {
	switch r.Protocol {
	case fake.RPCv2CBOR:
		var doc any = map[string]any{}
		if out != nil {
			doc = toDoc(reflect.ValueOf(out), false)
		}
		return fake.WriteCBOR(w, doc)
	case fake.JSON10:
		var doc any = map[string]any{}
		if out != nil {
			doc = toDoc(reflect.ValueOf(out), true)
		}
		body, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, err = w.Write(body)
		return err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<%sResponse xmlns="%s">`, r.Operation, c.Namespace)
	if out != nil {
		fmt.Fprintf(&b, "<%sResult>", r.Operation)
		writeXMLFields(&b, reflect.ValueOf(out))
		fmt.Fprintf(&b, "</%sResult>", r.Operation)
	}
	fmt.Fprintf(&b, "<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>", r.RequestID, r.Operation)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b.Bytes())
	return err
}

// toDoc turns an output value into a document: nil pointers and nil
// slices are left out; with epoch, timestamps become JSON's epoch
// seconds.
func toDoc(v reflect.Value, epoch bool) any {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == timeType:
		t := v.Interface().(time.Time)
		if epoch {
			return float64(t.UnixMilli()) / 1e3
		}
		return t
	case v.Kind() == reflect.Struct:
		m := map[string]any{}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			if (fv.Kind() == reflect.Pointer || fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map) && fv.IsNil() {
				continue
			}
			m[f.Name] = toDoc(fv, epoch)
		}
		return m
	case v.Kind() == reflect.Slice:
		l := make([]any, v.Len())
		for i := range l {
			l[i] = toDoc(v.Index(i), epoch)
		}
		return l
	case v.Kind() == reflect.Map:
		m := map[string]any{}
		for _, k := range v.MapKeys() {
			m[k.String()] = toDoc(v.MapIndex(k), epoch)
		}
		return m
	case v.Kind() == reflect.Int32 || v.Kind() == reflect.Int64:
		return v.Int()
	case v.Kind() == reflect.Float64:
		return v.Float()
	}
	return v.Interface()
}

// writeXMLFields writes a struct's members in their order, as Query's
// answers do: lists as <member> elements, maps as <entry><key/><value/>.
func writeXMLFields(b *bytes.Buffer, v reflect.Value) {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		if (fv.Kind() == reflect.Pointer || fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map) && fv.IsNil() {
			continue
		}
		writeXMLValue(b, f.Name, fv)
	}
}

func writeXMLValue(b *bytes.Buffer, name string, v reflect.Value) {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	fmt.Fprintf(b, "<%s>", name)
	switch {
	case v.Type() == timeType:
		// Whole seconds as CloudWatch writes datapoint timestamps
		// ("2026-12-06T10:46:00Z", which boto 2 parses with exactly that
		// layout), milliseconds only when there are some.
		t := v.Interface().(time.Time).UTC()
		if t.Nanosecond() == 0 {
			b.WriteString(t.Format("2006-01-02T15:04:05Z"))
		} else {
			b.WriteString(t.Format("2006-01-02T15:04:05.000Z"))
		}
	case v.Kind() == reflect.Struct:
		writeXMLFields(b, v)
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			writeXMLValue(b, "member", v.Index(i))
		}
	case v.Kind() == reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			b.WriteString("<entry>")
			writeXMLValue(b, "key", k)
			writeXMLValue(b, "value", v.MapIndex(k))
			b.WriteString("</entry>")
		}
	case v.Kind() == reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case v.Kind() == reflect.String:
		xml.EscapeText(b, []byte(v.String()))
	default:
		fmt.Fprint(b, v.Interface())
	}
	fmt.Fprintf(b, "</%s>", name)
}
