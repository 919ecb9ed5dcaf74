// Package cron reads the Recurrence of an AutoScaling scheduled action
// and finds when it next falls due. The client checks a recurrence with
// it before sending (autoscale), and the fake fires its scheduled
// actions by it (autoscaletest), so both read the same language.
//
// The language is the traditional five-field Unix cron that EC2 Auto
// Scaling documents (API Reference, PutScheduledUpdateGroupAction,
// Recurrence: "in Unix cron syntax format. This format consists of five
// fields separated by white spaces: [Minute] [Hour] [Day_of_Month]
// [Month_of_Year] [Day_of_Week]"; the User Guide's "Recurring schedules"
// contrasts it with Application Auto Scaling's six-field syntax, which
// has the '?' and the year field this one does not):
//
//   - each field is '*', a number, a range a-b, or a list of those
//     separated by commas;
//   - a step /n follows '*', a range or a number (a/n means a to the
//     field's end, as cronie reads it);
//   - months may be named JAN-DEC and days of the week SUN-SAT, in any
//     case; day of week 0 and 7 are both Sunday;
//   - when both day of month and day of week are restricted, a day
//     matching either is due, as cron(8) has it.
//
// '@hourly'-style macros, '?', 'L', 'W' and '#' are refused: they are
// not Unix cron's five fields.
package cron

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Schedule is a parsed recurrence.
type Schedule struct {
	expr                          string
	minute, hour, dom, month, dow uint64 // bit i set: value i is due
	domRestricted, dowRestricted  bool
}

// Error is a recurrence that cannot be read: Field names which of the
// five ("Minute", "Hour", "Day_of_Month", "Month_of_Year",
// "Day_of_Week"; "" for the expression as a whole), Value the text at
// fault.
type Error struct {
	Expr   string
	Field  string
	Value  string
	Reason string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("recurrence %q: %s", e.Expr, e.Reason)
	}
	return fmt.Sprintf("recurrence %q: %s %q: %s", e.Expr, e.Field, e.Value, e.Reason)
}

// field describes one of the five fields.
type field struct {
	name     string
	min, max int
	names    []string // names[i] is value min+i's name, when the field has names
}

var fields = [5]field{
	{name: "Minute", min: 0, max: 59},
	{name: "Hour", min: 0, max: 23},
	{name: "Day_of_Month", min: 1, max: 31},
	{name: "Month_of_Year", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
	// 7 is Sunday too, folded into 0 after parsing.
	{name: "Day_of_Week", min: 0, max: 7, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
}

// Parse reads a five-field recurrence. Its error is an *Error naming
// the field at fault.
func Parse(expr string) (*Schedule, error) {
	parts := strings.Fields(expr)
	if strings.HasPrefix(strings.TrimSpace(expr), "@") {
		return nil, &Error{Expr: expr, Reason: "macros such as @hourly are not Unix cron's five fields"}
	}
	if len(parts) != 5 {
		return nil, &Error{Expr: expr, Reason: fmt.Sprintf("has %d fields, not the five [Minute] [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week]", len(parts))}
	}
	s := &Schedule{expr: expr}
	dst := [5]*uint64{&s.minute, &s.hour, &s.dom, &s.month, &s.dow}
	for i, p := range parts {
		bits, err := parseField(fields[i], p)
		if err != nil {
			err.Expr = expr
			return nil, err
		}
		*dst[i] = bits
	}
	if s.dow&(1<<7) != 0 {
		s.dow = s.dow&^(1<<7) | 1
	}
	s.domRestricted = !strings.HasPrefix(parts[2], "*")
	s.dowRestricted = !strings.HasPrefix(parts[4], "*")
	return s, nil
}

// String returns the expression Parse read.
func (s *Schedule) String() string { return s.expr }

func parseField(f field, text string) (uint64, *Error) {
	var bits uint64
	for item := range strings.SplitSeq(text, ",") {
		b, err := parseItem(f, item)
		if err != nil {
			return 0, err
		}
		bits |= b
	}
	return bits, nil
}

func parseItem(f field, item string) (uint64, *Error) {
	bad := func(reason string) *Error { return &Error{Field: f.name, Value: item, Reason: reason} }
	if item == "" {
		return 0, bad("is empty")
	}
	rangePart, stepPart, hasStep := strings.Cut(item, "/")
	lo, hi := f.min, f.max
	switch {
	case rangePart == "*":
		if f.name == "Day_of_Week" {
			hi = 6 // 7 would only repeat Sunday
		}
	case strings.Contains(rangePart, "-"):
		a, b, _ := strings.Cut(rangePart, "-")
		var err *Error
		if lo, err = value(f, a, item); err != nil {
			return 0, err
		}
		if hi, err = value(f, b, item); err != nil {
			return 0, err
		}
		if lo > hi {
			return 0, bad(fmt.Sprintf("range runs backwards (%d > %d)", lo, hi))
		}
	default:
		v, err := value(f, rangePart, item)
		if err != nil {
			return 0, err
		}
		lo, hi = v, v
		if hasStep { // a/n: from a to the field's end
			hi = f.max
		}
	}
	step := 1
	if hasStep {
		n, err := strconv.Atoi(stepPart)
		if err != nil || n < 1 {
			return 0, bad(fmt.Sprintf("step %q is not a positive number", stepPart))
		}
		step = n
	}
	var bits uint64
	for v := lo; v <= hi; v += step {
		bits |= 1 << v
	}
	return bits, nil
}

// value reads one number or name of f.
func value(f field, text, item string) (int, *Error) {
	for i, n := range f.names {
		if strings.EqualFold(text, n) {
			return f.min + i, nil
		}
	}
	n, err := strconv.Atoi(text)
	if err != nil || strings.ContainsAny(text, "+-") {
		reason := "is not a number"
		if f.names != nil {
			reason = fmt.Sprintf("is not a number or one of %s", strings.Join(f.names, ","))
		}
		return 0, &Error{Field: f.name, Value: item, Reason: fmt.Sprintf("%q %s", text, reason)}
	}
	if n < f.min || n > f.max {
		return 0, &Error{Field: f.name, Value: item, Reason: fmt.Sprintf("%d is out of range %d-%d", n, f.min, f.max)}
	}
	return n, nil
}

// horizon bounds the search for the next due time: long enough for a
// 29 February to come round past a skipped leap year (2096 to 2104).
const horizon = 9 * 366

// Next returns the first time strictly after after at which s is due,
// reading its fields as wall-clock time in loc (UTC when nil), to the
// minute. A wall time skipped by a change to daylight saving time runs
// that much later (02:30 at 03:30), and one that happens twice runs
// once, at the first.
// Next returns the zero time when s is never due (30 February).
func (s *Schedule) Next(after time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	start := after.In(loc)
	y, mo, d := start.Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC) // calendar arithmetic only
	for range horizon {
		if s.dayDue(day) {
			for h := 0; h < 24; h++ {
				if s.hour&(1<<h) == 0 {
					continue
				}
				for m := 0; m < 60; m++ {
					if s.minute&(1<<m) == 0 {
						continue
					}
					t := wallTime(day, h, m, loc)
					if t.After(after) {
						return t
					}
				}
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return time.Time{}
}

// wallTime is the instant of day's h:m in loc. A wall time skipped by a
// change to daylight saving time moves forward by the gap (02:30 becomes
// 03:30), as java.time's ZonedDateTime resolves it; time.Date alone may
// resolve it to before the gap. A wall time that happens twice is the
// earlier one, which time.Date picks too.
func wallTime(day time.Time, h, m int, loc *time.Location) time.Time {
	t := time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
	if l := t.In(loc); l.Hour() == h && l.Minute() == m {
		return t
	}
	_, before := t.Add(-12 * time.Hour).In(loc).Zone()
	asUTC := time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, time.UTC)
	return asUTC.Add(-time.Duration(before) * time.Second).In(loc)
}

// Due reports whether s falls due in the minute of t, read in loc.
func (s *Schedule) Due(t time.Time, loc *time.Location) bool {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	return s.dayDue(t) && s.hour&(1<<t.Hour()) != 0 && s.minute&(1<<t.Minute()) != 0
}

func (s *Schedule) dayDue(day time.Time) bool {
	if s.month&(1<<int(day.Month())) == 0 {
		return false
	}
	domOK := s.dom&(1<<day.Day()) != 0
	dowOK := s.dow&(1<<int(day.Weekday())) != 0
	if s.domRestricted && s.dowRestricted {
		return domOK || dowOK
	}
	return domOK && dowOK
}
