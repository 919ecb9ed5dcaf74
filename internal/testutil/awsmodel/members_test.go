package awsmodel

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOptionalMembers(t *testing.T) {
	tests := []struct {
		model, op string
		protocol  string
		want      []Member
	}{
		// PutThing requires everything but Note; its minimal Tag carries
		// only the required Key, so the element's Value is optional too,
		// sent under the list member's locationName.
		{"tiny-query.json", "PutThing", "", []Member{
			// A flattened list's elements take the member's name.
			{Path: "Extra.1", Wire: "PartId.1", Value: "goboto"},
			{Path: "Note", Wire: "Note", Value: "goboto"},
			{Path: "Tags.1.Value", Wire: "Tags.Tag.1.Value", Value: "goboto"},
		}},
		{"tiny-query.json", "GetThing", "", nil},
		// ec2 lists carry no member segment.
		{"tiny-query.json", "PutThing", "ec2", []Member{
			{Path: "Extra.1", Wire: "Extra.1", Value: "goboto"},
			{Path: "Note", Wire: "Note", Value: "goboto"},
			{Path: "Tags.1.Value", Wire: "Tags.1.Value", Value: "goboto"},
		}},
	}
	for _, tt := range tests {
		m := loadTestModel(t, tt.model)
		if tt.protocol != "" {
			m.Protocol = tt.protocol
		}
		got, err := m.OptionalMembers(tt.op)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s %s %s (-want +got):\n%s", tt.model, tt.op, tt.protocol, diff)
		}
		// Every path must be settable, and setting it must add exactly
		// that member to the minimal input.
		for _, mem := range got {
			req, err := m.Request(tt.op, "http://127.0.0.1:9", Values{tt.op + "." + mem.Path: mem.Value})
			if err != nil {
				t.Errorf("%s: %v", mem.Path, err)
				continue
			}
			// The request carries the member under its Wire name.
			form, err := url.ParseQuery(body(t, req))
			if err != nil {
				t.Fatal(err)
			}
			if form.Get(mem.Wire) != mem.Value {
				t.Errorf("%s %s: form %v has no %s=%s", tt.protocol, mem.Path, form, mem.Wire, mem.Value)
			}
		}
	}
	if _, err := loadTestModel(t, "tiny-query.json").OptionalMembers("Nope"); err == nil {
		t.Error("OptionalMembers of an unknown operation succeeded")
	}
}

func TestOptionalMembersJSON(t *testing.T) {
	m := loadTestModel(t, "tiny-json.json")
	for _, op := range m.OperationNames() {
		got, err := m.OptionalMembers(op)
		if err != nil {
			t.Fatal(err)
		}
		for _, mem := range got {
			if mem.Wire != "" {
				t.Errorf("%s %s: Wire %q for json", op, mem.Path, mem.Wire)
			}
		}
	}
}

func TestWireTemplate(t *testing.T) {
	for in, want := range map[string]string{
		"BlockDeviceMapping.1.Ebs.VolumeSize": "BlockDeviceMapping.N.Ebs.VolumeSize",
		"ImageId":                             "ImageId",
		"Tags.member.12":                      "Tags.member.N",
	} {
		if got := WireTemplate(in); got != want {
			t.Errorf("WireTemplate(%q) = %q; want %q", in, got, want)
		}
	}
}
