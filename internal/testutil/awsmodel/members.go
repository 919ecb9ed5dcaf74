package awsmodel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Member is one scalar an operation's input can carry.
type Member struct {
	// Path is the member's path of model names below the input, list
	// elements as index 1 and map entries as the key "goboto"
	// ("LaunchSpecification.BlockDeviceMappings.1.Ebs.VolumeSize"), so
	// that op+"."+Path is a Values key.
	Path string
	// Wire is the parameter name the query or ec2 protocol sends it
	// under ("LaunchSpecification.BlockDeviceMapping.1.Ebs.VolumeSize");
	// "" for other protocols.
	Wire string
	// Value is a placeholder that meets the member's enum, min, max and
	// simple patterns, as Input fills required members with.
	Value string
}

// OptionalMembers returns every scalar of op's input that its minimal
// request (Input with no Values) leaves out, in path order: the optional
// members, and the members of optional structures, lists and maps, each
// reached through its first list element or one map entry. A test sets
// each in turn (Values{op + "." + m.Path: value}) to see whether a fake
// honours or refuses it. A shape met again below itself (a recursive
// shape) is not followed.
func (m *Model) OptionalMembers(op string) ([]Member, error) {
	o := m.Operations[op]
	if o == nil {
		return nil, fmt.Errorf("awsmodel: no operation %q", op)
	}
	if o.Input == nil {
		return nil, nil
	}
	minimal, err := m.Input(op, nil)
	if err != nil {
		return nil, err
	}
	var out []Member
	var walk func(ref *Ref, s *Shape, path, wire []string, within any, seen map[string]bool)
	walk = func(ref *Ref, s *Shape, path, wire []string, within any, seen map[string]bool) {
		if seen[s.Name] || len(path) > maxDepth {
			return
		}
		switch s.Type {
		case "structure":
			seen = withShape(seen, s.Name)
			st, _ := within.(map[string]any)
			for _, name := range s.MemberNames() {
				r := s.Members[name]
				var inner any
				if st != nil {
					inner = st[name]
				}
				walk(r, m.Shapes[r.Shape], append(path[:len(path):len(path)], name),
					append(wire[:len(wire):len(wire)], m.queryName(r, name)), inner, seen)
			}
		case "list":
			seen = withShape(seen, s.Name)
			l, _ := within.([]any)
			var inner any
			if len(l) > 0 {
				inner = l[0]
			}
			// As queryValue sends them: ec2 lists are prefix.N; query
			// lists prefix.member.N, or, flattened, the member's name in
			// place of the list's.
			w := slices.Clone(wire)
			switch {
			case m.Protocol != "query":
			case ref != nil && flattened(ref, s):
				if s.Member.LocationName != "" && len(w) > 0 {
					w[len(w)-1] = s.Member.LocationName
				}
			default:
				name := "member"
				if s.Member.LocationName != "" {
					name = s.Member.LocationName
				}
				w = append(w, name)
			}
			walk(s.Member, m.Shapes[s.Member.Shape], append(path[:len(path):len(path)], "1"), append(w[:len(w):len(w)], "1"), inner, seen)
		case "map":
			// A map's entries are free-form keys; the one it carries is
			// enough to see whether the map is honoured.
			if within == nil {
				v, err := m.minimal(m.Shapes[s.Value.Shape], 0)
				if str, ok := v.(string); ok && err == nil {
					out = append(out, Member{Path: strings.Join(append(path[:len(path):len(path)], placeholderString), "."), Value: str})
				}
			}
		default:
			if within == nil {
				mem := Member{Path: strings.Join(path, "."), Value: placeholder(s)}
				if m.Protocol == "query" || m.Protocol == "ec2" {
					mem.Wire = strings.Join(wire, ".")
				}
				out = append(out, mem)
			}
		}
	}
	walk(nil, m.Shapes[o.Input.Shape], nil, nil, minimal, map[string]bool{})
	return out, nil
}

// withShape returns seen plus name, leaving seen itself alone so sibling
// members do not see each other's shapes.
func withShape(seen map[string]bool, name string) map[string]bool {
	out := make(map[string]bool, len(seen)+1)
	for k := range seen {
		out[k] = true
	}
	out[name] = true
	return out
}

// WireTemplate turns a Member's Wire name into the form fakes key their
// parameter tables by: every list index becomes "N"
// ("BlockDeviceMapping.1.Ebs.VolumeSize" -> "BlockDeviceMapping.N.Ebs.VolumeSize").
func WireTemplate(wire string) string {
	parts := strings.Split(wire, ".")
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			parts[i] = "N"
		}
	}
	return strings.Join(parts, ".")
}
