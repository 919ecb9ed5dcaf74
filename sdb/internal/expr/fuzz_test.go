package expr

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// renders, through String, to text that parses back to the same tree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"select * from d",
		"select itemName() from `my-domain` where itemName() in ('a', 'b') order by itemName() desc limit 5",
		"select count(*) from d where a is null or b is not null",
		"select a, `b``c` from d where every(a) like '%x%' and b not like 'y%'",
		"select * from d where not (a = '1' or b != '2') intersection c between 'a' and 'z'",
		`select * from d where a > "it""s" and (b < 'x' or c <= 'y') and d >= ''`,
		"select * from d where a = '1' order by a asc limit 2500",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Parse(%q) error %T, want *SyntaxError", in, err)
			}
			return
		}
		text := s.String()
		again, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", in, text, err)
		}
		if diff := cmp.Diff(s, again); diff != "" {
			t.Fatalf("Parse(%q).String() = %q parses differently (-first +second):\n%s", in, text, diff)
		}
		if text2 := again.String(); text2 != text {
			t.Fatalf("String is not stable: %q then %q", text, text2)
		}
	})
}
