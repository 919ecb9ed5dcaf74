package cloudwatch

import (
	"math"
	"unicode/utf8"
)

// PutMetricData's 1 MB is on the body as sent, which differs by
// protocol. The bounds here are above what any of the three encodes, so
// that a batch fits whichever the connection speaks: Query is the
// largest almost always (every value carries its full form key,
// "MetricData.member.17.Dimensions.member.3.Value="), except that JSON
// writes a control character in six bytes (\u0001) where Query writes
// three (%01). CBOR is smaller than both. They are checked against the
// v2 client's own serializers in size_internal_test.go.

// memberKey bounds "&MetricData.member.1000.", the prefix of every key
// of a datum in Query.
const memberKey = 24

// requestBound bounds a PutMetricData body without its data:
// "Action=PutMetricData&Version=2010-08-01&Namespace=..." and JSON's or
// CBOR's envelope.
func requestBound(namespace string) int {
	return 64 + stringBound(namespace)
}

// bound is an upper bound on the bytes d adds to a PutMetricData body.
func (d *Datum) bound() int {
	n := memberKey + len("MetricName=") + stringBound(d.Name)
	for name, value := range d.Dimensions {
		n += 2*memberKey + len("Dimensions.member.30.Name=") + len("Dimensions.member.30.Value=") +
			stringBound(name) + stringBound(value)
	}
	// A timestamp is at most "2006-01-02T15%3A04%3A05.999999999Z".
	n += memberKey + len("Timestamp=") + 40
	switch {
	case d.Values != nil:
		for _, v := range d.Values {
			n += memberKey + len("Values.member.150=") + floatBound(v)
		}
		for _, c := range d.Counts {
			n += memberKey + len("Counts.member.150=") + floatBound(c)
		}
	case d.Statistics != nil:
		s := d.Statistics
		for _, v := range []float64{s.SampleCount, s.Sum, s.Minimum, s.Maximum} {
			n += memberKey + len("StatisticValues.SampleCount=") + floatBound(v)
		}
	default:
		n += memberKey + len("Value=") + floatBound(d.Value)
	}
	n += memberKey + len("Unit=") + 3*len(d.Unit)
	n += memberKey + len("StorageResolution=") + 2
	return n
}

// stringBound bounds a string's encoded length in Query (percent
// escapes: 3 bytes a byte) and JSON (\u00XX for a control character or
// an invalid byte: 6).
func stringBound(s string) int {
	valid := utf8.ValidString(s)
	n := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9', b == '-', b == '_', b == '.', b == '~':
			n++
		case b < 0x20, b == 0x7f, b >= 0x80 && !valid:
			n += 6
		default:
			n += 3
		}
	}
	return n
}

// floatBound bounds a value's length as Query writes it (strconv 'f',
// shortest: up to 17 significant digits, and zeros to place them; 2^360
// has 109 digits), which is never shorter than JSON's or CBOR's form.
func floatBound(v float64) int {
	if v == 0 {
		return 1
	}
	a := math.Abs(v)
	e := int(math.Floor(math.Log10(a)))
	n := 2 // a sign, and one for log10's rounding at a power of ten
	if e >= 0 {
		n += max(e+1, 17) + 1 // digits, and a point
	} else {
		n += 2 + (-e - 1) + 17 // "0.", zeros, digits
	}
	return n
}
