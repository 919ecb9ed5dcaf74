package rds

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"max_allowed_packet", "max_allowed_packet", 0},
		{"max_alowed_packet", "max_allowed_packet", 1},   // a letter missing
		{"max_allowed_packte", "max_allowed_packet", 1},  // two swapped
		{"max_allowed_pocket", "max_allowed_packet", 1},  // one changed
		{"max_allowed_packets", "max_allowed_packet", 1}, // one extra
		{"max_connections", "max_allowed_packet", 3},     // capped at the limit
		{"", "abc", 3},
	} {
		if got := editDistance(c.a, c.b, 3); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d; want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestNearest(t *testing.T) {
	g := &ParameterGroup{Name: "tuned", params: []*Parameter{
		{Name: "max_allowed_packet"}, {Name: "max_connections"}, {Name: "autocommit"}, {Name: "wait_timeout"}, {Name: "wait_timeoub"},
	}}
	for _, c := range []struct{ name, want string }{
		{"max_alowed_packet", "max_allowed_packet"},
		{"max_conections", "max_connections"},
		{"innodb_buffer_pool_size", ""}, // nothing close
		{"wait_timeoux", ""},            // as close to two names: no guess
	} {
		if got := g.nearest(c.name); got != c.want {
			t.Errorf("nearest(%q) = %q; want %q", c.name, got, c.want)
		}
	}
}
