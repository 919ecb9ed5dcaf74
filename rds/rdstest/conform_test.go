package rdstest

import (
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/testutil/awsmodel"
)

// rdsWrites are the actions that change the state when they succeed; the
// others only read (RDS API Reference: Describe*, ListTagsForResource).
func rdsWrite(op string) bool {
	return !strings.HasPrefix(op, "Describe") && op != "ListTagsForResource"
}

// rdsConform is the RDS case for awsmodel.Conform against srv.
func rdsConform(t *testing.T, m *awsmodel.Model, srv *Server) awsmodel.Case {
	t.Helper()
	c := awsmodel.NewCase(t, m, srv, fake.DefaultRegion, srv.digest)
	c.Implemented = func(op string) bool { return srv.actions[op] != nil }
	// RDS API Reference, Common Errors: InvalidAction, "The action or
	// operation requested is invalid".
	c.NotImplementedCodes = []string{"InvalidAction"}
	return c
}

// seedRDS makes one of each resource in the first account's default
// region, available at once, and returns Values pointing at them.
func seedRDS(t *testing.T, srv *Server) awsmodel.Values {
	t.Helper()
	acct, region := fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion
	if _, err := srv.AddParameterGroup(acct, region, "pg1", "mysql8.0", "conform", map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	inst, err := srv.AddDBInstance(acct, region, DBInstanceSpec{ID: "db1", Tags: map[string]string{"k": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddDBSnapshot(acct, region, "db1", "snap1", map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddDBSecurityGroup(acct, region, "sg1", "conform", nil); err != nil {
		t.Fatal(err)
	}
	subnets := StandaloneDefaultSubnets(acct, region)
	if _, err := srv.AddDBSubnetGroup(acct, region, "sng1", "conform", []string{subnets[0].ID, subnets[1].ID}, nil); err != nil {
		t.Fatal(err)
	}
	return awsmodel.Values{
		"*.DBInstanceIdentifier":                               "db1",
		"*.DBSnapshotIdentifier":                               "snap1",
		"*.DBParameterGroupName":                               "pg1",
		"*.DBParameterGroupFamily":                             "mysql8.0",
		"*.DBSecurityGroupName":                                "sg1",
		"*.DBSubnetGroupName":                                  "sng1",
		"*.DBSubnetGroupDescription":                           "conform",
		"*.SubnetIds.1":                                        subnets[1].ID,
		"*.SubnetIds.2":                                        subnets[2].ID,
		"CreateDBSubnetGroup.DBSubnetGroupName":                "sng2",
		"ModifyDBInstance.DBSubnetGroupName":                   awsmodel.Omit,
		"StopDBInstance.DBSnapshotIdentifier":                  "snap-stop",
		"*.ResourceName":                                       inst.ARN,
		"*.SourceDBSnapshotIdentifier":                         "snap1",
		"*.TargetDBSnapshotIdentifier":                         "snap2",
		"*.DBInstanceClass":                                    "db.t3.micro",
		"*.Engine":                                             "mysql",
		"AddTagsToResource.Tags.1.Key":                         "team",
		"AddTagsToResource.Tags.1.Value":                       "data",
		"RemoveTagsFromResource.TagKeys.1":                     "k",
		"AuthorizeDBSecurityGroupIngress.CIDRIP":               "10.0.0.0/8",
		"CreateDBInstance.DBInstanceIdentifier":                "db2",
		"CreateDBInstance.AllocatedStorage":                    "20",
		"CreateDBInstance.MasterUsername":                      "admin",
		"CreateDBInstance.MasterUserPassword":                  "conform-pass",
		"CreateDBParameterGroup.DBParameterGroupName":          "pg2",
		"CreateDBSecurityGroup.DBSecurityGroupName":            "sg2",
		"CreateDBSnapshot.DBSnapshotIdentifier":                "snap2",
		"DeleteDBInstance.SkipFinalSnapshot":                   "true",
		"ModifyDBInstance.AllocatedStorage":                    "30",
		"ModifyDBInstance.ApplyImmediately":                    "true",
		"ModifyDBParameterGroup.Parameters.1.ParameterName":    "max_connections",
		"ModifyDBParameterGroup.Parameters.1.ParameterValue":   "100",
		"ModifyDBParameterGroup.Parameters.1.ApplyMethod":      "immediate",
		"ModifyDBSnapshotAttribute.AttributeName":              "restore",
		"ModifyDBSnapshotAttribute.ValuesToAdd.1":              "123456789012",
		"ResetDBParameterGroup.ResetAllParameters":             "true",
		"RestoreDBInstanceFromDBSnapshot.DBInstanceIdentifier": "db3",
		"RevokeDBSecurityGroupIngress.CIDRIP":                  "10.0.0.0/8",
	}
}

// seedRDSFor adds what op needs beyond seedRDS.
func seedRDSFor(t *testing.T, srv *Server, op string) {
	t.Helper()
	acct, region := fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion
	var err error
	switch op {
	case "StartDBInstance":
		_, unlock, e := srv.seed(acct, region, "StopDBInstance", url.Values{"DBInstanceIdentifier": {"db1"}})
		unlock()
		err = e
	case "RevokeDBSecurityGroupIngress":
		_, unlock, e := srv.seed(acct, region, "AuthorizeDBSecurityGroupIngress",
			url.Values{"DBSecurityGroupName": {"sg1"}, "CIDRIP": {"10.0.0.0/8"}})
		unlock()
		err = e
	}
	if err != nil {
		t.Fatalf("seeding for %s: %v", op, err)
	}
	// Finish every transition, so that the next request finds nothing
	// due: a read must then change nothing.
	srv.Settle()
}

// TestConformModel sends every action of RDS's API model to the fake.
// Each action the package doc lists runs against a freshly seeded fake
// (an instance, a snapshot, a parameter group and a DB security group)
// and must succeed, a write changing the state and a read not; every
// other action must be refused with InvalidAction and change nothing;
// every error code must be one the model declares for the action or one
// of AWS's common errors.
func TestConformModel(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "rds")
	b, _ := NewBackend()
	implemented := slices.Sorted(func(yield func(string) bool) {
		for op := range b.actions {
			if !yield(op) {
				return
			}
		}
	})
	got := map[string]string{}
	for _, op := range implemented {
		t.Run(op, func(t *testing.T) {
			srv := Start(t)
			c := rdsConform(t, m, srv)
			c.Only = []string{op}
			c.Overrides = seedRDS(t, srv)
			seedRDSFor(t, srv, op)
			c.Check = func(r awsmodel.Result) error {
				switch {
				case r.Code != "":
				case rdsWrite(r.Operation) && !r.Changed():
					return errors.New("succeeded but changed nothing")
				case !rdsWrite(r.Operation) && r.Changed():
					return errors.New("a read changed the state")
				}
				return nil
			}
			for _, r := range awsmodel.Conform(t, c) {
				if r.Code != "" {
					got[r.Operation] = r.Code
				}
			}
		})
	}
	if diff := cmp.Diff(map[string]string{}, got); diff != "" {
		t.Errorf("implemented actions that did not succeed on seeded resources (-want +got):\n%s", diff)
	}
	t.Run("not implemented", func(t *testing.T) {
		srv := Start(t)
		c := rdsConform(t, m, srv)
		seedRDS(t, srv)
		c.Implemented = func(string) bool { return false }
		c.Skip = map[string]string{}
		for _, op := range implemented {
			c.Skip[op] = "implemented: sent above"
		}
		c.Unknown = []string{"FrobnicateDBInstances", "CreateDBUnicorn"}
		results := awsmodel.Conform(t, c)
		if got, want := len(results), len(m.Operations)-len(implemented)+len(c.Unknown); got != want {
			t.Errorf("sent %d unimplemented actions; want %d", got, want)
		}
	})
}

// TestConformModelMinimal sends each implemented action's minimal request
// as the model builds it (placeholder names), at a fake with no
// resources: each must succeed or answer a code the model declares for
// that action, changing nothing when it fails.
func TestConformModelMinimal(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "rds")
	srv := Start(t)
	c := rdsConform(t, m, srv)
	// RDS API Reference, Common Errors: every action may answer these
	// for a malformed, missing or conflicting parameter.
	c.OperationErrors = map[string][]string{}
	for op := range srv.actions {
		c.Only = append(c.Only, op)
		c.OperationErrors[op] = []string{"InvalidParameterValue", "InvalidParameterCombination", "MissingParameter"}
	}
	// The account's region comes into being, with its default parameter
	// groups, on its first request, as every region has them in RDS;
	// make it now so that is no change.
	_, unlock := srv.lookupAll(fake.DefaultCredentials()[0].AccountID, fake.DefaultRegion)
	unlock()
	// The placeholders name nothing that exists, so most actions must
	// have been refused: the run proves the codes, not only successes.
	awsmodel.CheckSomeRefused(t, awsmodel.Conform(t, c))
}

// Every error code written in the fake's source is one RDS's model
// declares for some action, or one of AWS's common errors, so the paths
// the conformance runs do not reach are held to the same rule.
func TestSourceCodesAreDocumented(t *testing.T) {
	m := awsmodel.LoadOrSkip(t, "rds")
	declared := slices.Clone(awsmodel.CommonErrorCodes)
	for _, op := range m.OperationNames() {
		declared = append(declared, m.ErrorCodes(op)...)
	}
	re := regexp.MustCompile(`Code[A-Za-z]+ *= *"([A-Za-z.]+)"|rdsError\([^,]+, *"([A-Za-z.]+)"`)
	seen := 0
	for _, f := range awsmodel.Source(t) {
		for _, g := range re.FindAllStringSubmatch(f.Text, -1) {
			code := g[1] + g[2]
			seen++
			if !slices.Contains(declared, code) {
				t.Errorf("%s: error code %s is declared by no RDS action", f.Name, code)
			}
		}
	}
	if seen < 15 {
		t.Errorf("found only %d error codes in the source; the pattern is stale", seen)
	}
}
