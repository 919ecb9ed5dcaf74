package goboto

import (
	"errors"
	"testing"
)

func TestAudienceCheck(t *testing.T) {
	for _, tt := range []struct {
		a    Audience
		ok   bool
		text string
	}{
		{Accounts("444455556666"), true, "444455556666"},
		{Everyone(), true, "public"},
		{Audience{Accounts: []string{"444455556666"}, Everyone: true}, true, "public, 444455556666"},
		{Audience{}, false, "private"},
		{Accounts("4444"), false, "4444"},
		{Accounts("44445555666a"), false, "44445555666a"},
	} {
		err := tt.a.Check("UserId")
		var ve *ValidationError
		if tt.ok != (err == nil) || (err != nil && !errors.As(err, &ve)) {
			t.Errorf("%v.Check = %v, want ok=%v", tt.a, err, tt.ok)
		}
		if got := tt.a.String(); got != tt.text {
			t.Errorf("String() = %q, want %q", got, tt.text)
		}
	}
}

func TestAccountsCopies(t *testing.T) {
	ids := []string{"444455556666"}
	a := Accounts(ids...)
	ids[0] = "111122223333"
	if a.Accounts[0] != "444455556666" {
		t.Errorf("Accounts kept the caller's slice: %v", a.Accounts)
	}
}
