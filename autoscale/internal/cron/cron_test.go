package cron

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "time/tzdata" // the tests' zones do not depend on the host
)

func TestParseErrors(t *testing.T) {
	// API Reference, PutScheduledUpdateGroupAction, Recurrence: five
	// fields, [Minute] [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week].
	for _, tc := range []struct {
		expr, field string
	}{
		{"", ""},
		{"* * * *", ""},
		{"* * * * * *", ""},
		{"@hourly", ""},
		{"60 * * * *", "Minute"},
		{"-1 * * * *", "Minute"},
		{"* 24 * * *", "Hour"},
		{"* * 0 * *", "Day_of_Month"},
		{"* * 32 * *", "Day_of_Month"},
		{"* * ? * MON", "Day_of_Month"},
		{"* * * 13 *", "Month_of_Year"},
		{"* * * FOO *", "Month_of_Year"},
		{"* * * * 8", "Day_of_Week"},
		{"* * * * MON#2", "Day_of_Week"},
		{"5-1 * * * *", "Minute"},
		{"*/0 * * * *", "Minute"},
		{"*/x * * * *", "Minute"},
		{"1,,2 * * * *", "Minute"},
		{"+5 * * * *", "Minute"},
		{"* * L * *", "Day_of_Month"},
	} {
		_, err := Parse(tc.expr)
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("Parse(%q) = %v, want *Error", tc.expr, err)
			continue
		}
		if ce.Field != tc.field || ce.Expr != tc.expr {
			t.Errorf("Parse(%q): field %q expr %q, want field %q", tc.expr, ce.Field, ce.Expr, tc.field)
		}
	}
}

func TestNext(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04 MST", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, tc := range []struct {
		expr, after, want string
	}{
		// The API Reference's example: 00:30 on 1 January, June and December.
		{"30 0 1 1,6,12 *", "2026-12-06 14:00 UTC", "2027-01-01 00:30 UTC"},
		{"30 0 1 1,6,12 *", "2027-01-01 00:30 UTC", "2027-06-01 00:30 UTC"},
		{"* * * * *", "2026-12-06 14:00 UTC", "2026-12-06 14:01 UTC"},
		{"*/15 * * * *", "2026-12-06 14:01 UTC", "2026-12-06 14:15 UTC"},
		{"10/20 * * * *", "2026-12-06 14:31 UTC", "2026-12-06 14:50 UTC"},
		{"0 9-17/4 * * *", "2026-12-06 14:00 UTC", "2026-12-06 17:00 UTC"},
		{"0 8 * * MON-FRI", "2026-12-05 09:00 UTC", "2026-12-07 08:00 UTC"}, // Saturday -> Monday
		{"0 8 * * 7", "2026-12-05 09:00 UTC", "2026-12-06 08:00 UTC"},       // 7 is Sunday
		{"0 8 * * sun", "2026-12-05 09:00 UTC", "2026-12-06 08:00 UTC"},
		{"0 0 * feb *", "2026-12-06 14:00 UTC", "2027-02-01 00:00 UTC"},
		// Both days restricted: either matches (cron(8)).
		{"0 0 15 * FRI", "2026-12-06 00:00 UTC", "2026-12-11 00:00 UTC"},
		{"0 0 29 2 *", "2026-12-06 00:00 UTC", "2028-02-29 00:00 UTC"},
		// The leap years' skip at 2100.
		{"0 0 29 2 *", "2096-03-01 00:00 UTC", "2104-02-29 00:00 UTC"},
		{"0 0 30 2 *", "2026-12-06 00:00 UTC", "0001-01-01 00:00 UTC"},
		{"59 23 31 12 *", "2026-12-31 23:59 UTC", "2027-12-31 23:59 UTC"},
	} {
		s, err := Parse(tc.expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.expr, err)
		}
		got := s.Next(utc(tc.after), nil)
		if want := utc(tc.want); !got.Equal(want) {
			t.Errorf("%q.Next(%s) = %s, want %s", tc.expr, tc.after, got, want)
		}
	}
}

func TestNextInZone(t *testing.T) {
	// API Reference, PutScheduledUpdateGroupAction, TimeZone: the
	// recurrence is read in the named IANA zone.
	ny, err := Location("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("0 9 * * *")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ after, want time.Time }{
		{time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), time.Date(2026, 12, 6, 14, 0, 0, 0, time.UTC)}, // EST
		{time.Date(2026, 7, 6, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 6, 13, 0, 0, 0, time.UTC)},   // EDT
	} {
		if got := s.Next(tc.after, ny); !got.Equal(tc.want) {
			t.Errorf("Next(%s) = %s, want %s", tc.after, got.UTC(), tc.want)
		}
	}
	// 02:30 does not exist on 8 March 2026 in New York: it runs at 03:30
	// EDT, shifted by the gap as java.time does, once.
	s, _ = Parse("30 2 * * *")
	got := s.Next(time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), ny)
	if want := time.Date(2026, 3, 8, 7, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("DST gap: Next = %s, want %s", got.UTC(), want)
	}
	if next := s.Next(got, ny); !next.Equal(time.Date(2026, 3, 9, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("after the gap: Next = %s", next.UTC())
	}
	// 01:30 happens twice on 1 November 2026: it runs at the first only.
	s, _ = Parse("30 1 * * *")
	got = s.Next(time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC), ny)
	if want := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("DST overlap: Next = %s, want %s", got.UTC(), want)
	}
	if next := s.Next(got, ny); !next.Equal(time.Date(2026, 11, 2, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("after the overlap: Next = %s", next.UTC())
	}
}

func TestDue(t *testing.T) {
	s, err := Parse("0 8 * * MON-FRI")
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, tm := range []time.Time{
		time.Date(2026, 12, 7, 8, 0, 30, 0, time.UTC),
		time.Date(2026, 12, 7, 8, 1, 0, 0, time.UTC),
		time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC),
	} {
		got = append(got, s.Due(tm, nil))
	}
	if diff := cmp.Diff([]bool{true, false, false}, got); diff != "" {
		t.Errorf("Due (-want +got):\n%s", diff)
	}
}

func TestLocation(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{{"", true}, {"Etc/UTC", true}, {"Etc/GMT+9", true}, {"Pacific/Tahiti", true}, {"Local", false}, {"Mars/Olympus", false}, {"../etc/passwd", false}} {
		loc, err := Location(tc.name)
		if (err == nil) != tc.ok || (err == nil && loc == nil) {
			t.Errorf("Location(%q) = %v, %v; want ok %v", tc.name, loc, err, tc.ok)
		}
	}
	if !HaveZones() {
		t.Error("HaveZones is false with time/tzdata embedded")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"30 0 1 1,6,12 *", "*/15 9-17 * * MON-FRI", "0 0 29 2 *", "1-5/2,7 */3 1,15 JAN-mar 0,7", "* * * * *"} {
		f.Add(s)
	}
	after := time.Date(2026, 12, 6, 14, 3, 7, 0, time.UTC)
	f.Fuzz(func(t *testing.T, expr string) {
		s, err := Parse(expr)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) || ce.Expr != expr {
				t.Fatalf("Parse(%q) error %v is not an *Error for the expression", expr, err)
			}
			return
		}
		if s.String() != expr {
			t.Fatalf("String() = %q, want %q", s.String(), expr)
		}
		next := s.Next(after, time.UTC)
		if next.IsZero() {
			return
		}
		if !next.After(after) || next.Second() != 0 || !s.Due(next, time.UTC) {
			t.Fatalf("%q.Next(%s) = %s: not a due minute after", expr, after, next)
		}
		// Nothing due between after and next.
		for m := after.Truncate(time.Minute).Add(time.Minute); m.Before(next) && m.Before(after.Add(48*time.Hour)); m = m.Add(time.Minute) {
			if s.Due(m, time.UTC) {
				t.Fatalf("%q is due at %s, before Next's %s", expr, m, next)
			}
		}
	})
}
