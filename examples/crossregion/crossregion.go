package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/regions"
	"github.com/goboto/goboto/sdb"
)

const domainName = "goboto-crossregion"

func failEverything(region string) fakes.Fault {
	return fakes.Fault{Service: "sdb", Region: region, Kind: fakes.ServerError}
}

// crossRegion runs the demo against cfg, whose region picks the partition.
func crossRegion(ctx context.Context, w io.Writer, cfg aws.Config) error {
	// One connection per SimpleDB region of cfg's partition, and no retries
	// to sit through when a region is down.
	set, err := regions.NewServiceSet(cfg, regions.SDB, func(c aws.Config) *sdb.Conn {
		return sdb.New(c, goboto.WithRetry(1, 0))
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "SimpleDB regions: %s\n\n", strings.Join(set.Regions(), " "))

	fmt.Fprintf(w, "== in every region: create %q, put an item, select it back\n", domainName)
	greetings := regions.Map(ctx, set, func(ctx context.Context, region string, c *sdb.Conn) (string, error) {
		dom, err := c.CreateDomain(ctx, domainName)
		if err != nil {
			return "", err
		}
		if err := dom.Put(ctx, "greeting", sdb.Attributes{
			"region":  {region},
			"message": {"hello from " + region},
		}); err != nil {
			return "", err
		}
		q, err := sdb.Selectf("select message from %n where region = %v", domainName, region)
		if err != nil {
			return "", err
		}
		var got []string
		for it, err := range c.Select(ctx, q, sdb.Consistent()) {
			if err != nil {
				return "", err
			}
			got = append(got, it.Name+": "+it.Attributes.Get("message"))
		}
		return strings.Join(got, ", "), nil
	})
	for _, r := range greetings {
		if r.Err != nil {
			fmt.Fprintf(w, "  %-16s error: %v\n", r.Region, shortError(r.Err))
			continue
		}
		fmt.Fprintf(w, "  %-16s %s\n", r.Region, r.Value)
	}

	fmt.Fprintln(w, "\n== every domain in every region")
	lists := regions.Map(ctx, set, func(ctx context.Context, region string, c *sdb.Conn) ([]string, error) {
		var names []string
		for d, err := range c.Domains(ctx) {
			if err != nil {
				return names, err
			}
			names = append(names, region+"/"+d.Name())
		}
		return names, nil
	})
	all := regions.Flatten(lists)
	sort.Strings(all)
	for _, n := range all {
		fmt.Fprintf(w, "  %s\n", n)
	}
	if err := lists.Err(); err != nil {
		fmt.Fprintf(w, "  (%d region(s) could not be listed)\n", len(lists.Failed()))
	}

	fmt.Fprintln(w, "\n== clean up")
	cleanup := regions.Map(ctx, set, func(ctx context.Context, region string, c *sdb.Conn) (struct{}, error) {
		return struct{}{}, c.DeleteDomain(ctx, domainName)
	})
	ok := len(cleanup) - len(cleanup.Failed())
	fmt.Fprintf(w, "  deleted %q in %d of %d regions\n", domainName, ok, len(cleanup))
	if err := greetings.Err(); err != nil {
		fmt.Fprintf(w, "\n%d region(s) failed; the others' results above are complete.\n", len(greetings.Failed()))
	}
	return nil
}

// shortError keeps the transcript to one line per region.
func shortError(err error) string {
	var ae *goboto.APIError
	if goboto.IsThrottled(err) {
		return "throttled"
	}
	if errors.As(err, &ae) {
		return ae.Code + " (HTTP " + fmt.Sprint(ae.StatusCode) + ")"
	}
	return err.Error()
}
