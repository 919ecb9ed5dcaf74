// Command localcloud serves every goboto fake on one address, for local
// development with any AWS client: goboto, aws-sdk-go-v2, the aws CLI,
// boto, or another language's SDK.
//
//	go run ./examples/localcloud -addr 127.0.0.1:4566
//
// Requests are routed by the SigV4 scope's service name; failing that, by
// their Version or X-Amz-Target (query and JSON requests), and anything
// else (unsigned, SigV2 or POST-form requests) goes to S3, path-style. A
// request that shows no region is served in the default region.
//
// boto 2's EC2 and RDS connections need no hints: at 127.0.0.1 boto signs
// them for service "127" and region "0", guessed from the host; such
// requests are routed by their Version, checked against that scope, and
// served in the default region. S3 takes SigV4 only, as AWS does for
// buckets made since 2020, and refuses SigV2 with InvalidRequest: set
// S3_USE_SIGV4 and conn.auth_region_name for boto 2 (its S3 signer finds
// no region in an IP address), and signature_version "s3v4" for boto3's
// presigned URLs and forms in us-east-1.
// The tests in this directory run the aws CLI and boto 2 against the
// server.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/fakes/localcloud"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:4566", "address to listen on (loopback only unless you mean it)")
	region := flag.String("region", fakes.DefaultRegion, "region for requests that do not show one")
	useTLS := flag.Bool("tls", false, "serve HTTPS with a self-signed certificate")
	verbose := flag.Bool("v", false, "log every request")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout, *addr, *region, *useTLS, *verbose); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer, addr, region string, useTLS, verbose bool) error {
	opts := []fakes.Option{fakes.WithAddr(addr), fakes.WithRegion(region), fakes.WithTLS(useTLS)}
	if verbose {
		opts = append(opts, fakes.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	srv, err := localcloud.New(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	printBanner(w, srv.URL(), region)
	<-ctx.Done()
	fmt.Fprintln(w, "localcloud: stopped")
	return nil
}

func printBanner(w io.Writer, url, region string) {
	fmt.Fprintf(w, "localcloud: serving SimpleDB, EC2, S3, RDS and SQS fakes at %s\n", url)
	fmt.Fprintf(w, "default region (for requests that show none): %s\n\n", region)
	fmt.Fprintln(w, "test credentials (public test values):")
	for _, c := range fakes.DefaultCredentials() {
		if c.SessionToken != "" {
			fmt.Fprintf(w, "  account %s  access key %s  secret %s  session token %s\n", c.AccountID, c.AccessKeyID, c.SecretAccessKey, c.SessionToken)
			continue
		}
		fmt.Fprintf(w, "  account %s  access key %s  secret %s\n", c.AccountID, c.AccessKeyID, c.SecretAccessKey)
	}
	main := fakes.DefaultCredentials()[0]
	fmt.Fprintf(w, "\nfor the aws CLI:\n  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_DEFAULT_REGION=%s\n", main.AccessKeyID, main.SecretAccessKey, region)
	fmt.Fprintf(w, "  aws --endpoint-url %s sdb list-domains\n", url)
	fmt.Fprintf(w, "for goboto: sdb.New(cfg, goboto.WithEndpoint(%q))\n", url)
}
