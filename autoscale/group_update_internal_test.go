package autoscale

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

// TestResizeRules pins AWS's resize rules (AutoScaling API Reference,
// UpdateAutoScalingGroup: "If you specify a new value for MinSize
// without specifying a value for DesiredCapacity, and the new MinSize
// is larger than the current size of the group, this sets the group's
// DesiredCapacity to the new MinSize value. If you specify a new value
// for MaxSize without specifying a value for DesiredCapacity, and the
// new MaxSize is smaller than the current size of the group, this sets
// the group's DesiredCapacity to the new MaxSize value."), as Update
// checks them against a loaded group of min 1, max 4, desired 2.
func TestResizeRules(t *testing.T) {
	cases := []struct {
		name    string
		u       GroupUpdate
		want    [3]int // min, max, desired
		invalid string // the field refused, or ""
	}{
		{"new min above desired raises it", GroupUpdate{Min: new(3)}, [3]int{3, 4, 3}, ""},
		{"new min below desired keeps it", GroupUpdate{Min: new(0)}, [3]int{0, 4, 2}, ""},
		{"new max below desired lowers it", GroupUpdate{Max: new(1)}, [3]int{1, 1, 1}, ""},
		{"new max above desired keeps it", GroupUpdate{Max: new(9)}, [3]int{1, 9, 2}, ""},
		{"both, desired follows min", GroupUpdate{Min: new(5), Max: new(6)}, [3]int{5, 6, 5}, ""},
		{"zero all", GroupUpdate{Min: new(0), Max: new(0), Desired: new(0)}, [3]int{0, 0, 0}, ""},
		{"desired given is kept", GroupUpdate{Desired: new(4)}, [3]int{1, 4, 4}, ""},
		{"given desired above max", GroupUpdate{Desired: new(5)}, [3]int{}, "DesiredCapacity"},
		{"given desired below new min", GroupUpdate{Min: new(3), Desired: new(2)}, [3]int{}, "DesiredCapacity"},
		{"new min above max", GroupUpdate{Min: new(5)}, [3]int{}, "MinSize"},
		{"new max below min", GroupUpdate{Max: new(0)}, [3]int{}, "MinSize"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := &Group{Name: "web", Min: 1, Max: 4, Desired: 2, loaded: true}
			err := tc.u.validate(g)
			if tc.invalid != "" {
				var ve *goboto.ValidationError
				if !errors.As(err, &ve) || ve.Field != tc.invalid {
					t.Fatalf("validate = %v, want a ValidationError on %s", err, tc.invalid)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			min, max, desired := tc.u.resize(g.Min, g.Max, g.Desired)
			if diff := cmp.Diff(tc.want, [3]int{min, max, desired}); diff != "" {
				t.Errorf("sizes (-want +got):\n%s", diff)
			}
		})
	}
}
