package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLICloudFront drives the local cloud's CloudFront with Debian's
// aws CLI 2.9: create-distribution with the --origin-domain-name
// shorthand (which builds a whole DistributionConfig of its own),
// get-distribution-config, update-distribution --if-match with that
// configuration edited, a stale --if-match refused with PreconditionFailed
// (CloudFront API Reference, UpdateDistribution), create-invalidation and
// wait distribution-deployed and invalidation-completed, which poll
// GetDistribution and GetInvalidation.
func TestAWSCLICloudFront(t *testing.T) {
	requireAWSCLI(t)
	srv := startCloud(t)
	env := clientEnv(t, fake.DefaultCredentials()[0], fake.DefaultRegion)

	var created struct {
		Distribution struct {
			Id, Status, DomainName string
			DistributionConfig     struct {
				Origins struct {
					Items []struct{ Id, DomainName string }
				}
			}
		}
		ETag string
	}
	awsJSON(t, srv, env, &created, "cloudfront", "create-distribution", "--origin-domain-name", "cli-bucket.s3.amazonaws.com",
		"--default-root-object", "index.html")
	id := created.Distribution.Id
	if id == "" || created.ETag == "" || !strings.HasSuffix(created.Distribution.DomainName, ".cloudfront.net") {
		t.Fatalf("create-distribution answered %+v", created)
	}
	if o := created.Distribution.DistributionConfig.Origins.Items; len(o) != 1 || o[0].DomainName != "cli-bucket.s3.amazonaws.com" {
		t.Errorf("origins %+v; want the bucket", o)
	}

	var cfg struct {
		ETag               string
		DistributionConfig map[string]any
	}
	awsJSON(t, srv, env, &cfg, "cloudfront", "get-distribution-config", "--id", id)
	if cfg.ETag != created.ETag || cfg.DistributionConfig["DefaultRootObject"] != "index.html" {
		t.Fatalf("get-distribution-config: ETag %s (created %s), root %v", cfg.ETag, created.ETag, cfg.DistributionConfig["DefaultRootObject"])
	}
	cfg.DistributionConfig["Comment"] = "edited by the aws CLI"
	cfg.DistributionConfig["Enabled"] = false
	file := writeJSON(t, cfg.DistributionConfig)

	var updated struct {
		ETag         string
		Distribution struct {
			Status             string
			DistributionConfig struct {
				Comment string
				Enabled bool
			}
		}
	}
	awsJSON(t, srv, env, &updated, "cloudfront", "update-distribution", "--id", id, "--if-match", cfg.ETag,
		"--distribution-config", "file://"+file)
	if updated.ETag == cfg.ETag || updated.Distribution.DistributionConfig.Comment != "edited by the aws CLI" || updated.Distribution.DistributionConfig.Enabled {
		t.Errorf("update-distribution answered %+v", updated)
	}
	_, stderr, err := awsCLI(t, srv, env, "cloudfront", "update-distribution", "--id", id, "--if-match", cfg.ETag,
		"--distribution-config", "file://"+file)
	if err == nil || !strings.Contains(string(stderr), "PreconditionFailed") {
		t.Errorf("update-distribution with a stale --if-match: %v, %s; want PreconditionFailed", err, stderr)
	}

	var inv struct {
		Location     string
		Invalidation struct{ Id, Status string }
	}
	awsJSON(t, srv, env, &inv, "cloudfront", "create-invalidation", "--distribution-id", id, "--paths", "/index.html", "/css/*")
	if inv.Invalidation.Id == "" || !strings.HasSuffix(inv.Location, "/distribution/"+id+"/invalidation/"+inv.Invalidation.Id) {
		t.Errorf("create-invalidation answered %+v", inv)
	}
	awsJSON(t, srv, env, nil, "cloudfront", "wait", "distribution-deployed", "--id", id)
	awsJSON(t, srv, env, nil, "cloudfront", "wait", "invalidation-completed", "--distribution-id", id, "--id", inv.Invalidation.Id)

	// The CLI pages through the list itself and prints the items it
	// gathered (without Quantity, which it does not merge).
	var list struct {
		DistributionList struct {
			Items []struct{ Id, Status string }
		}
	}
	awsJSON(t, srv, env, &list, "cloudfront", "list-distributions")
	if len(list.DistributionList.Items) != 1 || list.DistributionList.Items[0].Id != id || list.DistributionList.Items[0].Status != "Deployed" {
		t.Errorf("list-distributions answered %+v", list)
	}
	awsJSON(t, srv, env, nil, "cloudfront", "delete-distribution", "--id", id, "--if-match", updated.ETag)
	_, stderr, err = awsCLI(t, srv, env, "cloudfront", "get-distribution", "--id", id)
	if err == nil || !strings.Contains(string(stderr), "NoSuchDistribution") {
		t.Errorf("get-distribution after delete: %v, %s; want NoSuchDistribution", err, stderr)
	}
}

// writeJSON writes v to a file of the test's and returns its path, for
// the CLI's file:// arguments.
func writeJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAWSCLICloudFrontOAI drives the OAI calls with Debian's aws CLI:
// create, get (with the S3 canonical user), list, and delete, which
// needs the ETag as --if-match (CloudFront API Reference,
// DeleteCloudFrontOriginAccessIdentity).
func TestAWSCLICloudFrontOAI(t *testing.T) {
	requireAWSCLI(t)
	srv := startCloud(t)
	env := clientEnv(t, fake.DefaultCredentials()[0], fake.DefaultRegion)
	var created struct {
		ETag                           string
		CloudFrontOriginAccessIdentity struct{ Id, S3CanonicalUserId string }
	}
	awsJSON(t, srv, env, &created, "cloudfront", "create-cloud-front-origin-access-identity",
		"--cloud-front-origin-access-identity-config", "CallerReference=cli,Comment=from the CLI")
	id := created.CloudFrontOriginAccessIdentity.Id
	if id == "" || len(created.CloudFrontOriginAccessIdentity.S3CanonicalUserId) != 64 {
		t.Fatalf("create answered %+v", created)
	}
	var got struct {
		ETag                           string
		CloudFrontOriginAccessIdentity struct {
			S3CanonicalUserId                    string
			CloudFrontOriginAccessIdentityConfig struct{ Comment string }
		}
	}
	awsJSON(t, srv, env, &got, "cloudfront", "get-cloud-front-origin-access-identity", "--id", id)
	if got.ETag != created.ETag || got.CloudFrontOriginAccessIdentity.CloudFrontOriginAccessIdentityConfig.Comment != "from the CLI" {
		t.Errorf("get answered %+v", got)
	}
	var list struct {
		CloudFrontOriginAccessIdentityList struct {
			Items []struct{ Id, S3CanonicalUserId string }
		}
	}
	awsJSON(t, srv, env, &list, "cloudfront", "list-cloud-front-origin-access-identities")
	if items := list.CloudFrontOriginAccessIdentityList.Items; len(items) != 1 || items[0].Id != id {
		t.Errorf("list answered %+v", list)
	}
	if _, stderr, err := awsCLI(t, srv, env, "cloudfront", "delete-cloud-front-origin-access-identity", "--id", id); err == nil ||
		!strings.Contains(string(stderr), "InvalidIfMatchVersion") {
		t.Errorf("delete without --if-match: %v, %s; want InvalidIfMatchVersion", err, stderr)
	}
	awsJSON(t, srv, env, nil, "cloudfront", "delete-cloud-front-origin-access-identity", "--id", id, "--if-match", got.ETag)
	if _, stderr, err := awsCLI(t, srv, env, "cloudfront", "get-cloud-front-origin-access-identity", "--id", id); err == nil ||
		!strings.Contains(string(stderr), "NoSuchCloudFrontOriginAccessIdentity") {
		t.Errorf("get after delete: %v, %s; want NoSuchCloudFrontOriginAccessIdentity", err, stderr)
	}
}
