package awsmodel

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Values points generated requests at real resources and fills optional
// members. Each key is a path of model member names (not wire names)
// starting with the operation, "PutAttributes.DomainName"; list elements
// are 1-based indexes ("BatchPutAttributes.Items.1.Name") and map entries
// their keys ("TagResource.Tags.team"). A key starting with "*." applies to
// every operation whose input has that top-level member
// ("*.DomainName"); keys naming the operation win over it. Values are
// strings in the shape's type: "true", "42", an RFC 3339 timestamp, raw
// bytes for blobs. The value Omit removes the member, even a required one.
type Values map[string]string

// Omit, as a value in Values, removes the member from the request.
const Omit = "\x00omit"

// Placeholder values, chosen to satisfy common patterns.
const (
	placeholderString = "goboto"
	placeholderTime   = "2024-01-02T03:04:05Z"
)

// maxDepth bounds recursion through required members of recursive shapes.
const maxDepth = 12

// Input returns op's minimal input with ov applied: a map[string]any per
// structure, []any per list, map[string]any per map, string per scalar.
// It is what Request serialises; tests may inspect it.
func (m *Model) Input(op string, ov Values) (map[string]any, error) {
	o := m.Operations[op]
	if o == nil {
		return nil, fmt.Errorf("awsmodel: no operation %q", op)
	}
	if o.Input == nil {
		return map[string]any{}, nil
	}
	in := m.Shapes[o.Input.Shape]
	v, err := m.minimal(in, 0)
	if err != nil {
		return nil, fmt.Errorf("awsmodel: %s: %w", op, err)
	}
	root := v.(map[string]any)
	keys := make([]string, 0, len(ov))
	for k := range ov {
		keys = append(keys, k)
	}
	// Wildcards first so the operation's own keys win; then by key, so
	// a list's element 1 exists before 1.Name is set.
	slices.SortFunc(keys, func(a, b string) int {
		wa, wb := strings.HasPrefix(a, "*."), strings.HasPrefix(b, "*.")
		if wa != wb {
			if wa {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, k := range keys {
		path := strings.Split(k, ".")
		switch {
		case path[0] == "*":
			if len(path) < 2 || in.Members[path[1]] == nil {
				continue
			}
		case path[0] == op:
		default:
			continue
		}
		if len(path) < 2 {
			return nil, fmt.Errorf("awsmodel: override %q names no member", k)
		}
		nv, err := m.set(root, in, path[1:], ov[k])
		if err != nil {
			return nil, fmt.Errorf("awsmodel: override %q: %w", k, err)
		}
		root = nv.(map[string]any)
	}
	return root, nil
}

// minimal returns the smallest well-formed value of s: required members
// only, one element for lists and maps.
func (m *Model) minimal(s *Shape, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("shape %s: required members nest deeper than %d", s.Name, maxDepth)
	}
	switch s.Type {
	case "structure":
		out := map[string]any{}
		req := s.Required
		if s.Union && len(req) == 0 && len(s.Members) > 0 {
			// A union needs exactly one member; take the first scalar one
			// if any, else the first.
			names := s.MemberNames()
			pick := names[0]
			for _, n := range names {
				if isScalar(m.Shapes[s.Members[n].Shape].Type) {
					pick = n
					break
				}
			}
			req = []string{pick}
		}
		for _, name := range req {
			r := s.Members[name]
			if r == nil {
				return nil, fmt.Errorf("shape %s: required member %q is not defined", s.Name, name)
			}
			v, err := m.minimal(m.Shapes[r.Shape], depth+1)
			if err != nil {
				return nil, err
			}
			out[name] = v
		}
		return out, nil
	case "list":
		v, err := m.minimal(m.Shapes[s.Member.Shape], depth+1)
		if err != nil {
			return nil, err
		}
		n := 1
		if s.Min != nil && *s.Min > 1 {
			n = int(*s.Min)
		}
		out := make([]any, n)
		for i := range out {
			out[i] = v
			if str, ok := v.(string); ok && n > 1 && !isScalarFixed(m.Shapes[s.Member.Shape]) {
				out[i] = str + strconv.Itoa(i)
			}
		}
		return out, nil
	case "map":
		k, err := m.minimal(m.Shapes[s.Key.Shape], depth+1)
		if err != nil {
			return nil, err
		}
		v, err := m.minimal(m.Shapes[s.Value.Shape], depth+1)
		if err != nil {
			return nil, err
		}
		key, _ := k.(string)
		return map[string]any{key: v}, nil
	}
	return placeholder(s), nil
}

// isScalarFixed reports whether s's placeholder cannot be varied (enums,
// numbers, booleans), so list elements keep it as is.
func isScalarFixed(s *Shape) bool { return s.Type != "string" || len(s.Enum) > 0 }

func isScalar(t string) bool {
	switch t {
	case "structure", "list", "map":
		return false
	}
	return true
}

// placeholder returns a value of a scalar shape that meets its enum,
// min, max and, where one of a few candidates matches, its pattern.
func placeholder(s *Shape) string {
	switch s.Type {
	case "string":
		if len(s.Enum) > 0 {
			return s.Enum[0]
		}
		cands := []string{placeholderString, "goboto-1", "a", "1", "goboto.example.com",
			"arn:aws:iam::123456789012:role/goboto", "us-east-1", "0"}
		var re *regexp.Regexp
		if s.Pattern != "" {
			// Patterns Go cannot compile (look-arounds) are not checked.
			re, _ = regexp.Compile(`^(?:` + s.Pattern + `)$`)
			if re == nil {
				re, _ = regexp.Compile(s.Pattern)
			}
		}
		for _, c := range cands {
			c = fitLength(c, s.Min, s.Max)
			if re == nil || re.MatchString(c) {
				return c
			}
		}
		return fitLength(placeholderString, s.Min, s.Max)
	case "integer", "long", "short", "byte", "biginteger":
		n := int64(1)
		if s.Min != nil && int64(*s.Min) > n {
			n = int64(*s.Min)
		}
		if s.Max != nil && int64(*s.Max) < n {
			n = int64(*s.Max)
		}
		return strconv.FormatInt(n, 10)
	case "float", "double", "bigdecimal":
		f := 1.0
		if s.Min != nil && *s.Min > f {
			f = *s.Min
		}
		if s.Max != nil && *s.Max < f {
			f = *s.Max
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	case "boolean":
		return "false"
	case "timestamp":
		return placeholderTime
	case "blob":
		return fitLength(placeholderString, s.Min, s.Max)
	}
	return placeholderString
}

// fitLength pads s with 'a' to min and cuts it to max.
func fitLength(s string, min, max *float64) string {
	if min != nil && len(s) < int(*min) {
		s += strings.Repeat("a", int(*min)-len(s))
	}
	if max != nil && int(*max) > 0 && len(s) > int(*max) {
		s = s[:int(*max)]
	}
	return s
}

// set returns v (a value of s) with the member at path set to val.
func (m *Model) set(v any, s *Shape, path []string, val string) (any, error) {
	head := path[0]
	leaf := len(path) == 1
	switch s.Type {
	case "structure":
		r := s.Members[head]
		if r == nil {
			return nil, fmt.Errorf("shape %s has no member %q", s.Name, head)
		}
		st, _ := v.(map[string]any)
		if st == nil {
			st = map[string]any{}
		}
		if leaf && val == Omit {
			delete(st, head)
			return st, nil
		}
		nv, err := m.setChild(st[head], m.Shapes[r.Shape], path, val)
		if err != nil {
			return nil, err
		}
		st[head] = nv
		return st, nil
	case "list":
		i, err := strconv.Atoi(head)
		if err != nil || i < 1 {
			return nil, fmt.Errorf("list %s: %q is not a 1-based index", s.Name, head)
		}
		l, _ := v.([]any)
		elem := m.Shapes[s.Member.Shape]
		for len(l) < i {
			e, err := m.minimal(elem, 0)
			if err != nil {
				return nil, err
			}
			l = append(l, e)
		}
		if leaf && val == Omit {
			return slices.Delete(l, i-1, i), nil
		}
		nv, err := m.setChild(l[i-1], elem, path, val)
		if err != nil {
			return nil, err
		}
		l[i-1] = nv
		return l, nil
	case "map":
		mp, _ := v.(map[string]any)
		if mp == nil {
			mp = map[string]any{}
		}
		if leaf && val == Omit {
			delete(mp, head)
			return mp, nil
		}
		nv, err := m.setChild(mp[head], m.Shapes[s.Value.Shape], path, val)
		if err != nil {
			return nil, err
		}
		mp[head] = nv
		return mp, nil
	}
	return nil, fmt.Errorf("%s is a %s, not a structure, list or map", s.Name, s.Type)
}

// setChild sets path[1:] inside cur, a value of s, or cur itself to val
// when path has one element.
func (m *Model) setChild(cur any, s *Shape, path []string, val string) (any, error) {
	if len(path) > 1 {
		if cur == nil {
			var err error
			if cur, err = m.minimal(s, 0); err != nil {
				return nil, err
			}
		}
		return m.set(cur, s, path[1:], val)
	}
	if !isScalar(s.Type) {
		return nil, fmt.Errorf("%s is a %s; override its members instead", s.Name, s.Type)
	}
	if err := checkScalar(s, val); err != nil {
		return nil, err
	}
	return val, nil
}

func checkScalar(s *Shape, val string) error {
	var err error
	switch s.Type {
	case "integer", "long", "short", "byte":
		_, err = strconv.ParseInt(val, 10, 64)
	case "float", "double":
		_, err = strconv.ParseFloat(val, 64)
	case "boolean":
		_, err = strconv.ParseBool(val)
	case "timestamp":
		_, err = time.Parse(time.RFC3339, val)
	}
	if err != nil {
		return fmt.Errorf("%q is not a valid %s for %s: %w", val, s.Type, s.Name, err)
	}
	return nil
}
