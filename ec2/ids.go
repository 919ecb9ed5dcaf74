package ec2

import (
	"strings"

	"github.com/goboto/goboto"
)

// EC2 resource IDs are a prefix, a dash and 8 (the old short form) or 17
// (today's long form) lower-case hex digits: i-0123456789abcdef0. Checking
// the shape locally turns what EC2 would answer with
// InvalidInstanceID.Malformed (and its kin) into a *goboto.ValidationError
// before anything is sent.
const (
	instancePrefix = "i"
	volumePrefix   = "vol"
	snapshotPrefix = "snap"
	imagePrefix    = "ami"
)

// validID checks that id has the shape of an EC2 ID with prefix.
func validID(field, prefix, id string) error {
	if id == "" {
		return goboto.Invalid(field, "", "is required")
	}
	rest, ok := strings.CutPrefix(id, prefix+"-")
	if !ok {
		return goboto.Invalid(field, id, "must start with "+prefix+"-")
	}
	if len(rest) != 8 && len(rest) != 17 {
		return goboto.Invalid(field, id, "must be "+prefix+"- and 8 or 17 hex digits")
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return goboto.Invalid(field, id, "must be "+prefix+"- and 8 or 17 lower-case hex digits")
		}
	}
	return nil
}

// validInstanceID refuses an id not shaped like an instance ID.
func validInstanceID(id string) error { return validID("InstanceId", instancePrefix, id) }

// validVolumeID is validInstanceID for volume IDs (vol-...).
func validVolumeID(id string) error { return validID("VolumeId", volumePrefix, id) }

// validSnapshotID is validInstanceID for snapshot IDs (snap-...).
func validSnapshotID(id string) error { return validID("SnapshotId", snapshotPrefix, id) }

// validImageID is validInstanceID for image IDs (ami-...).
func validImageID(id string) error { return validID("ImageId", imagePrefix, id) }

// validZone checks that zone belongs to region: EC2 zone names are the
// region's name and a letter (us-east-1a), or for Local and Wavelength
// Zones the region's name, a location and a letter (us-west-2-lax-1a). A
// zone of another region would be refused by EC2 after the request; a zone
// that merely does not exist in the region is only found out by EC2.
func validZone(field, region, zone string) error {
	if zone == "" {
		return nil
	}
	rest, ok := strings.CutPrefix(zone, region)
	if !ok || !zoneSuffix(rest) {
		return goboto.Invalid(field, zone, "is not an availability zone of "+region)
	}
	return nil
}

// zoneSuffix reports whether s is what follows the region in a zone name:
// one letter ("a"), or a dash, a location and a letter ("-lax-1a").
func zoneSuffix(s string) bool {
	if len(s) == 0 || s[len(s)-1] < 'a' || s[len(s)-1] > 'z' {
		return false
	}
	if len(s) == 1 {
		return true
	}
	if s[0] != '-' || len(s) < 3 {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// check refuses a volume handle that cannot be sent: an ID not shaped
// like a volume ID, or no connection.
func (v *Volume) check() error {
	return v.conn.ready(validVolumeID(v.ID))
}

// check is Volume.check for snapshots.
func (s *Snapshot) check() error {
	return s.conn.ready(validSnapshotID(s.ID))
}

// check is Volume.check for images.
func (m *Image) check() error {
	return m.conn.ready(validImageID(m.ID))
}
