package rds

import (
	"strconv"
	"strings"

	"github.com/goboto/goboto"
)

// minWindowMinutes is RDS's shortest backup or maintenance window.
const minWindowMinutes = 30

// weekdays in RDS's spelling, for maintenance windows.
const weekdays = "mon tue wed thu fri sat sun"

// clock reads "hh24:mi" as minutes after midnight.
func clock(s string) (int, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) != 2 || len(m) != 2 {
		return 0, false
	}
	if !digits(h) || !digits(m) {
		return 0, false // Atoi alone would take "+1" and "-0"
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 23 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}

// weekClock reads "ddd:hh24:mi" as minutes after Monday midnight.
func weekClock(s string) (int, bool) {
	day, rest, ok := strings.Cut(s, ":")
	if !ok {
		return 0, false
	}
	d := strings.Index(weekdays, strings.ToLower(day))
	if len(day) != 3 || d < 0 || d%4 != 0 {
		return 0, false
	}
	m, ok := clock(rest)
	return d/4*24*60 + m, ok
}

// windowLength returns the minutes from start to end, wrapping around
// the period (a day or a week).
func windowLength(start, end, period int) int {
	return ((end-start)%period + period) % period
}

// validBackupWindow checks a daily window "hh24:mi-hh24:mi" in UTC of at
// least 30 minutes. An empty window leaves the choice to RDS.
func validBackupWindow(w string) error {
	if w == "" {
		return nil
	}
	a, b, ok := strings.Cut(w, "-")
	s, ok1 := clock(a)
	e, ok2 := clock(b)
	if !ok || !ok1 || !ok2 {
		return goboto.Invalid("PreferredBackupWindow", w, "is not hh24:mi-hh24:mi")
	}
	if windowLength(s, e, 24*60) < minWindowMinutes {
		return goboto.Invalid("PreferredBackupWindow", w, "is shorter than 30 minutes")
	}
	return nil
}

// validMaintenanceWindow checks a weekly window
// "ddd:hh24:mi-ddd:hh24:mi" in UTC of at least 30 minutes. An empty
// window leaves the choice to RDS.
func validMaintenanceWindow(w string) error {
	if w == "" {
		return nil
	}
	a, b, ok := strings.Cut(w, "-")
	s, ok1 := weekClock(a)
	e, ok2 := weekClock(b)
	if !ok || !ok1 || !ok2 {
		return goboto.Invalid("PreferredMaintenanceWindow", w, "is not ddd:hh24:mi-ddd:hh24:mi")
	}
	if windowLength(s, e, 7*24*60) < minWindowMinutes {
		return goboto.Invalid("PreferredMaintenanceWindow", w, "is shorter than 30 minutes")
	}
	return nil
}

// digits reports whether s is made of ASCII digits only.
func digits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
