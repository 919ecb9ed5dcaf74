package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/goboto/goboto/examples/internal/golden"
	"github.com/goboto/goboto/sdb"
)

func TestCrossRegion(t *testing.T) {
	for _, tc := range []struct {
		name, fail string
	}{
		{"all-regions-up", ""},
		{"us-west-1-down", "us-west-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			env := golden.LocalEnv(t)
			if tc.fail != "" {
				env.Cloud.Faults().Add(failEverything(tc.fail))
			}
			var out bytes.Buffer
			if err := run(ctx, &out, env); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tc.name+".golden", out.Bytes())

			// Every region that answered was cleaned up; the failed one
			// was never written to.
			for _, region := range []string{"us-east-1", "eu-west-1", "us-west-1"} {
				cfg := env.Config.Copy()
				cfg.Region = region
				env.Cloud.Faults().Clear()
				n := 0
				for _, err := range sdb.New(cfg).Domains(ctx) {
					if err != nil {
						t.Fatal(err)
					}
					n++
				}
				if n != 0 {
					t.Errorf("%s: %d domains left behind", region, n)
				}
			}
		})
	}
}
