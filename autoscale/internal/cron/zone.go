package cron

import (
	"errors"
	"time"
)

// Location returns the time zone a scheduled action's TimeZone names:
// UTC for "" (AutoScaling's default, "Cron expressions use Universal
// Coordinated Time (UTC) by default"), else the IANA zone of that name
// ("Valid values are the canonical names of the IANA time zones,
// derived from the IANA Time Zone Database (such as Etc/GMT+9 or
// Pacific/Tahiti)"). Go's "Local" names the host's zone, which is no
// IANA name, so it is refused.
//
// The zone comes from the host's tz database unless the program embeds
// one (import _ "time/tzdata"), as autoscaletest does; see HaveZones.
func Location(name string) (*time.Location, error) {
	switch name {
	case "":
		return time.UTC, nil
	case "Local":
		return nil, errors.New("is not an IANA time zone name")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, errors.New("is not an IANA time zone name")
	}
	return loc, nil
}

// HaveZones reports whether this program can load IANA zones at all
// (a tz database on the host or embedded), so that a caller can tell
// "no such zone" from "no zones here".
func HaveZones() bool {
	_, err := time.LoadLocation("America/New_York")
	return err == nil
}
