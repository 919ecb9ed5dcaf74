package s3

import "testing"

func TestProgressPercent(t *testing.T) {
	for _, tc := range []struct {
		p    Progress
		want float64
	}{
		{Progress{Done: 5, Total: -1}, -1},
		{Progress{Done: 0, Total: 0}, 100},
		{Progress{Done: 25, Total: 100}, 25},
	} {
		if got := tc.p.Percent(); got != tc.want {
			t.Errorf("%+v.Percent() = %v, want %v", tc.p, got, tc.want)
		}
	}
}
