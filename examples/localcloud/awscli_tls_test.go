package main

import (
	"crypto/tls"
	"encoding/pem"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes/localcloud"
	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLITLS talks HTTPS to the local cloud, with the CLI verifying
// the server's self-signed certificate through AWS_CA_BUNDLE rather than
// switching verification off.
func TestAWSCLITLS(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := fake.ServerOf(localcloud.Start(t).Server) // HTTPS by default

	// Fetch the certificate the way a developer would (openssl s_client).
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{InsecureSkipVerify: true}) // only to read the certificate
	if err != nil {
		t.Fatal(err)
	}
	cert := conn.ConnectionState().PeerCertificates[0]
	conn.Close()
	bundle := filepath.Join(t.TempDir(), "localcloud.pem")
	if err := os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion()), "AWS_CA_BUNDLE="+bundle)

	awsJSON(t, srv, env, nil, "sdb", "create-domain", "--domain-name", "tls-domain")
	var doms cliDomains
	awsJSON(t, srv, env, &doms, "sdb", "list-domains")
	if diff := cmp.Diff(cliDomains{DomainNames: []string{"tls-domain"}}, doms); diff != "" {
		t.Errorf("sdb list-domains over HTTPS (-want +got):\n%s", diff)
	}
	var regions cliRegions
	awsJSON(t, srv, env, &regions, "ec2", "describe-regions", "--region-names", "us-west-2")
	if diff := cmp.Diff(cliRegions{wantRegions(false, "us-west-2")}, regions); diff != "" {
		t.Errorf("ec2 describe-regions over HTTPS (-want +got):\n%s", diff)
	}

	// Without the bundle the CLI must refuse the certificate: the test
	// above did verify it.
	plain := clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion())
	_, stderr, err := awsCLI(t, srv, plain, "sdb", "list-domains")
	if err == nil || !strings.Contains(string(stderr), "CERTIFICATE_VERIFY_FAILED") {
		t.Errorf("without AWS_CA_BUNDLE the CLI: %v, stderr %q; want a certificate verification failure", err, stderr)
	}
}
