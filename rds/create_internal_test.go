package rds

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

func TestValidPort(t *testing.T) {
	tests := []struct {
		engine string
		port   int32
		want   string // the error's text; "" for none
	}{
		{"mysql", 0, ""},
		{"mysql", 1150, ""},
		{"mysql", 65535, ""},
		{"mysql", 1149, "Port: 1149 out of range 1150-65535"},
		{"mysql", 65536, "Port: 65536 out of range 1150-65535"},
		{"", -1, "Port: -1 out of range 1150-65535"},
		{"mysql", 1434, ""}, // only SQL Server keeps it
		{"", 1434, ""},      // a snapshot handle that does not know its engine
		{"sqlserver-ex", 1433, ""},
		{"sqlserver-ex", 1434, "Port: 1434 is reserved by SQL Server"},
		{"sqlserver-se", 3389, "Port: 3389 is reserved by SQL Server"},
		{"SQLServer-EE", 47001, "Port: 47001 is reserved by SQL Server"},
		{"sqlserver-web", 49151, ""},
		{"sqlserver-web", 49152, "Port: 49152 is reserved by SQL Server"},
		{"sqlserver-web", 49156, "Port: 49156 is reserved by SQL Server"},
		{"sqlserver-web", 49157, ""},
		{"sqlserver-ex", 80, "Port: 80 out of range 1150-65535"},
	}
	for _, tt := range tests {
		err := validPort(tt.engine, tt.port)
		got := ""
		if err != nil {
			got = err.Error()
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("validPort(%q, %d) = %T; want *goboto.ValidationError", tt.engine, tt.port, err)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("validPort(%q, %d) (-want +got):\n%s", tt.engine, tt.port, diff)
		}
	}
}
