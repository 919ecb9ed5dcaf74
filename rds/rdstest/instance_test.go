package rdstest_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsrds "github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/rds/rdstest"
)

func TestInstanceLifecycle(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	out, err := c.CreateDBInstance(ctx, &awsrds.CreateDBInstanceInput{
		DBInstanceIdentifier: aws.String("Shop-DB"), DBInstanceClass: aws.String("db.m5.large"), Engine: aws.String("postgres"),
		EngineVersion: aws.String("16.8"), AllocatedStorage: aws.Int32(100), MasterUsername: aws.String("shop"),
		MasterUserPassword: aws.String("correct-horse-battery"), MultiAZ: aws.Bool(true),
		PreferredBackupWindow: aws.String("01:00-02:00"), PreferredMaintenanceWindow: aws.String("Tue:04:00-Tue:04:30"),
		BackupRetentionPeriod: aws.Int32(7), VpcSecurityGroupIds: []string{"sg-0123456789abcdef0"},
	})
	if err != nil {
		t.Fatal(err)
	}
	inst := out.DBInstance
	type view struct {
		ID, Status, Class, Engine, Version, User, Backup, Maint, PG, PGStatus string
		Storage, Retention                                                    int32
		MultiAZ, Endpoint                                                     bool
		VPC                                                                   []string
	}
	see := func(i *types.DBInstance) view {
		v := view{aws.ToString(i.DBInstanceIdentifier), aws.ToString(i.DBInstanceStatus), aws.ToString(i.DBInstanceClass),
			aws.ToString(i.Engine), aws.ToString(i.EngineVersion), aws.ToString(i.MasterUsername), aws.ToString(i.PreferredBackupWindow),
			aws.ToString(i.PreferredMaintenanceWindow), aws.ToString(i.DBParameterGroups[0].DBParameterGroupName),
			aws.ToString(i.DBParameterGroups[0].ParameterApplyStatus), aws.ToInt32(i.AllocatedStorage), aws.ToInt32(i.BackupRetentionPeriod),
			aws.ToBool(i.MultiAZ), i.Endpoint != nil, nil}
		for _, g := range i.VpcSecurityGroups {
			v.VPC = append(v.VPC, aws.ToString(g.VpcSecurityGroupId)+"/"+aws.ToString(g.Status))
		}
		return v
	}
	want := view{"shop-db", "creating", "db.m5.large", "postgres", "16.8", "shop", "01:00-02:00", "tue:04:00-tue:04:30",
		"default.postgres16", "in-sync", 100, 7, true, false, []string{"sg-0123456789abcdef0/active"}}
	if diff := cmp.Diff(want, see(inst)); diff != "" {
		t.Errorf("CreateDBInstance (-want +got):\n%s", diff)
	}
	if az, second := aws.ToString(inst.AvailabilityZone), aws.ToString(inst.SecondaryAvailabilityZone); az != "us-east-1a" || second != "us-east-1b" {
		t.Errorf("zones %s and %s", az, second)
	}
	var states []string
	for range 3 {
		states = append(states, instanceStatus(t, c, "shop-db"))
		srv.Step()
	}
	if diff := cmp.Diff([]string{"creating", "backing-up", "available"}, states); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	d, err := c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("SHOP-DB")})
	if err != nil {
		t.Fatal(err)
	}
	ep := d.DBInstances[0].Endpoint
	if ep == nil || !regexp.MustCompile(`^shop-db\.c[0-9a-f]{11}\.us-east-1\.rds\.amazonaws\.com$`).MatchString(aws.ToString(ep.Address)) ||
		aws.ToInt32(ep.Port) != 5432 {
		t.Errorf("endpoint %+v", ep)
	}
	if arn := aws.ToString(d.DBInstances[0].DBInstanceArn); arn != "arn:aws:rds:us-east-1:111122223333:db:shop-db" {
		t.Errorf("ARN %s", arn)
	}

	// Modify without ApplyImmediately: class and storage wait.
	m, err := c.ModifyDBInstance(ctx, &awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("shop-db"),
		DBInstanceClass: aws.String("db.m5.xlarge"), AllocatedStorage: aws.Int32(200), PreferredBackupWindow: aws.String("02:00-03:00")})
	if err != nil {
		t.Fatal(err)
	}
	pm := m.DBInstance.PendingModifiedValues
	if aws.ToString(m.DBInstance.DBInstanceStatus) != "available" || aws.ToString(pm.DBInstanceClass) != "db.m5.xlarge" ||
		aws.ToInt32(pm.AllocatedStorage) != 200 || aws.ToString(m.DBInstance.PreferredBackupWindow) != "02:00-03:00" ||
		aws.ToString(m.DBInstance.DBInstanceClass) != "db.m5.large" {
		t.Errorf("pending modify: %+v status %s", pm, aws.ToString(m.DBInstance.DBInstanceStatus))
	}
	if n := srv.RunMaintenance(); n != 1 {
		t.Errorf("RunMaintenance = %d", n)
	}
	d, _ = c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("shop-db")})
	if i := d.DBInstances[0]; aws.ToString(i.DBInstanceClass) != "db.m5.xlarge" || aws.ToInt32(i.AllocatedStorage) != 200 ||
		i.PendingModifiedValues.DBInstanceClass != nil {
		t.Errorf("after maintenance: %s %d %+v", aws.ToString(i.DBInstanceClass), aws.ToInt32(i.AllocatedStorage), i.PendingModifiedValues)
	}

	// Modify now: modifying → available.
	if _, err := c.CreateDBParameterGroup(ctx, &awsrds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("pg16"),
		DBParameterGroupFamily: aws.String("postgres16"), Description: aws.String("x")}); err != nil {
		t.Fatal(err)
	}
	m, err = c.ModifyDBInstance(ctx, &awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("shop-db"), ApplyImmediately: aws.Bool(true),
		AllocatedStorage: aws.Int32(300), DBParameterGroupName: aws.String("pg16")})
	if err != nil {
		t.Fatal(err)
	}
	if got := see(m.DBInstance); got.Status != "modifying" || got.PG != "pg16" || got.PGStatus != "pending-reboot" || got.Storage != 200 {
		t.Errorf("immediate modify answered %+v", got)
	}
	_, err = c.RebootDBInstance(ctx, &awsrds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("shop-db")})
	if code(err) != "InvalidDBInstanceState" {
		t.Errorf("reboot while modifying: %v", err)
	}
	srv.Step()
	d, _ = c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("shop-db")})
	if got := see(&d.DBInstances[0]); got.Status != "available" || got.Storage != 300 {
		t.Errorf("after modifying: %+v", got)
	}
	r, err := c.RebootDBInstance(ctx, &awsrds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("shop-db"), ForceFailover: aws.Bool(true)})
	if err != nil || aws.ToString(r.DBInstance.DBInstanceStatus) != "rebooting" {
		t.Fatalf("reboot: %v", err)
	}
	srv.Settle()
	d, _ = c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("shop-db")})
	if got := see(&d.DBInstances[0]); got.Status != "available" || got.PGStatus != "in-sync" {
		t.Errorf("after reboot: %+v", got)
	}

	// Delete with a final snapshot.
	del, err := c.DeleteDBInstance(ctx, &awsrds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("shop-db"),
		FinalDBSnapshotIdentifier: aws.String("shop-final")})
	if err != nil || aws.ToString(del.DBInstance.DBInstanceStatus) != "deleting" {
		t.Fatalf("delete: %v", err)
	}
	srv.Settle()
	_, err = c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("shop-db")})
	if code(err) != "DBInstanceNotFound" || status(err) != 404 {
		t.Errorf("after delete: %v", err)
	}
	s, err := c.DescribeDBSnapshots(ctx, &awsrds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: aws.String("shop-final")})
	if err != nil || aws.ToString(s.DBSnapshots[0].Status) != "available" || aws.ToString(s.DBSnapshots[0].DBInstanceIdentifier) != "shop-db" {
		t.Errorf("final snapshot: %v", err)
	}

	ev, err := c.DescribeEvents(ctx, &awsrds.DescribeEventsInput{SourceType: types.SourceTypeDbInstance, SourceIdentifier: aws.String("shop-db")})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range ev.Events {
		msgs = append(msgs, aws.ToString(e.Message))
	}
	for _, w := range []string{"Backing up DB instance", "DB instance created", "Finished applying modification to DB instance",
		"DB instance restarted", "DB instance deleted"} {
		if !strings.Contains(strings.Join(msgs, "|"), w) {
			t.Errorf("events %q lack %q", msgs, w)
		}
	}
}

func TestInstanceTimedTransitions(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithTransitionDelay(20*time.Millisecond))
	c := client(t, srv)
	createInstance(t, c, "timed", nil)
	// No timing assertion: poll until available, as a client's Wait does.
	var seen []string
	for i := 0; i < 500; i++ {
		st := instanceStatus(t, c, "timed")
		if len(seen) == 0 || seen[len(seen)-1] != st {
			seen = append(seen, st)
		}
		if st == "available" {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if seen[len(seen)-1] != "available" || seen[0] != "creating" {
		t.Errorf("states seen %q", seen)
	}
}

func TestInstanceZeroDelay(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithTransitionDelay(0))
	c := client(t, srv)
	createInstance(t, c, "quick", nil)
	if st := instanceStatus(t, c, "quick"); st != "available" {
		t.Errorf("next request sees %s", st)
	}
}

func TestCreateInstanceValidation(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	createInstance(t, c, "taken", nil)
	for _, tc := range []struct {
		name string
		edit func(*awsrds.CreateDBInstanceInput)
		want string
	}{
		{"digit first", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceIdentifier = aws.String("1db") }, "InvalidParameterValue"},
		{"trailing hyphen", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceIdentifier = aws.String("db-") }, "InvalidParameterValue"},
		{"double hyphen", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceIdentifier = aws.String("a--b") }, "InvalidParameterValue"},
		{"underscore", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceIdentifier = aws.String("a_b") }, "InvalidParameterValue"},
		{"64 characters", func(in *awsrds.CreateDBInstanceInput) {
			in.DBInstanceIdentifier = aws.String("a" + strings.Repeat("b", 63))
		}, "InvalidParameterValue"},
		{"63 characters", func(in *awsrds.CreateDBInstanceInput) {
			in.DBInstanceIdentifier = aws.String("a" + strings.Repeat("b", 62))
		}, ""},
		{"exists", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceIdentifier = aws.String("TAKEN") }, "DBInstanceAlreadyExists"},
		{"engine", func(in *awsrds.CreateDBInstanceInput) { in.Engine = aws.String("db2") }, "InvalidParameterValue"},
		{"version", func(in *awsrds.CreateDBInstanceInput) { in.EngineVersion = aws.String("5.1.1") }, "InvalidParameterCombination"},
		{"class", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceClass = aws.String("db.q9.huge") }, "InvalidParameterValue"},
		{"unsupported class", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceClass = aws.String("db.t2.micro") }, "InvalidParameterCombination"},
		{"storage low", func(in *awsrds.CreateDBInstanceInput) { in.AllocatedStorage = aws.Int32(19) }, "InvalidParameterCombination"},
		{"storage high", func(in *awsrds.CreateDBInstanceInput) { in.AllocatedStorage = aws.Int32(65537) }, "InvalidParameterCombination"},
		{"storage max", func(in *awsrds.CreateDBInstanceInput) { in.AllocatedStorage = aws.Int32(65536) }, ""},
		{"password short", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String("1234567") }, "InvalidParameterValue"},
		{"mysql password 42", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String(strings.Repeat("p", 42)) }, "InvalidParameterValue"},
		{"mysql password 41", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String(strings.Repeat("p", 41)) }, ""},
		{"postgres password 128", func(in *awsrds.CreateDBInstanceInput) {
			in.Engine, in.MasterUserPassword = aws.String("postgres"), aws.String(strings.Repeat("p", 128))
		}, ""},
		{"password slash", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String("pass/word1") }, "InvalidParameterValue"},
		{"password at", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String("pass@word1") }, "InvalidParameterValue"},
		{"password quote", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String(`pass"word1`) }, "InvalidParameterValue"},
		{"password space", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String("pass word1") }, "InvalidParameterValue"},
		{"password non-ASCII", func(in *awsrds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String("passwörd1") }, "InvalidParameterValue"},
		{"no user", func(in *awsrds.CreateDBInstanceInput) { in.MasterUsername = nil }, "InvalidParameterValue"},
		{"mysql user 17", func(in *awsrds.CreateDBInstanceInput) { in.MasterUsername = aws.String(strings.Repeat("u", 17)) }, "InvalidParameterValue"},
		{"reserved user", func(in *awsrds.CreateDBInstanceInput) { in.MasterUsername = aws.String("rdsadmin") }, "InvalidParameterValue"},
		{"group family", func(in *awsrds.CreateDBInstanceInput) { in.DBParameterGroupName = aws.String("default.postgres16") }, "InvalidParameterCombination"},
		{"group missing", func(in *awsrds.CreateDBInstanceInput) { in.DBParameterGroupName = aws.String("nope") }, "DBParameterGroupNotFound"},
		{"security group missing", func(in *awsrds.CreateDBInstanceInput) { in.DBSecurityGroups = []string{"nope"} }, "DBSecurityGroupNotFound"},
		{"both kinds of group", func(in *awsrds.CreateDBInstanceInput) {
			in.DBSecurityGroups, in.VpcSecurityGroupIds = []string{"default"}, []string{"sg-12345678"}
		}, "InvalidParameterCombination"},
		{"bad vpc group", func(in *awsrds.CreateDBInstanceInput) { in.VpcSecurityGroupIds = []string{"group-1"} }, "InvalidParameterValue"},
		{"multi-AZ with zone", func(in *awsrds.CreateDBInstanceInput) {
			in.MultiAZ, in.AvailabilityZone = aws.Bool(true), aws.String("us-east-1b")
		}, "InvalidParameterCombination"},
		{"retention", func(in *awsrds.CreateDBInstanceInput) { in.BackupRetentionPeriod = aws.Int32(36) }, "InvalidParameterValue"},
		{"backup window short", func(in *awsrds.CreateDBInstanceInput) { in.PreferredBackupWindow = aws.String("01:00-01:10") }, "InvalidParameterValue"},
		{"maintenance window", func(in *awsrds.CreateDBInstanceInput) { in.PreferredMaintenanceWindow = aws.String("someday") }, "InvalidParameterValue"},
		{"maintenance window hour", func(in *awsrds.CreateDBInstanceInput) {
			in.PreferredMaintenanceWindow = aws.String("sun:24:00-mon:01:00")
		}, "InvalidParameterValue"},
		{"maintenance window week end", func(in *awsrds.CreateDBInstanceInput) {
			in.PreferredMaintenanceWindow = aws.String("SUN:23:30-mon:00:30")
		}, ""},
		{"backup window form", func(in *awsrds.CreateDBInstanceInput) { in.PreferredBackupWindow = aws.String("1:00-2:00") }, "InvalidParameterValue"},
		{"backup window midnight", func(in *awsrds.CreateDBInstanceInput) { in.PreferredBackupWindow = aws.String("23:45-00:15") }, ""},
		{"vpc group long", func(in *awsrds.CreateDBInstanceInput) { in.VpcSecurityGroupIds = []string{"sg-0123456789abcdef0"} }, ""},
		{"vpc group 9 digits", func(in *awsrds.CreateDBInstanceInput) { in.VpcSecurityGroupIds = []string{"sg-012345678"} }, "InvalidParameterValue"},
		{"class size", func(in *awsrds.CreateDBInstanceInput) { in.DBInstanceClass = aws.String("db.m5.xxlarge") }, "InvalidParameterValue"},
		{"port", func(in *awsrds.CreateDBInstanceInput) { in.Port = aws.Int32(80) }, "InvalidParameterValue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := mysqlInput("db-" + regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(tc.name), "-"))
			tc.edit(in)
			_, err := c.CreateDBInstance(t.Context(), in)
			if got := code(err); got != tc.want {
				t.Errorf("code %q (%v), want %q", got, err, tc.want)
			}
		})
	}
}

func TestInstanceStateErrors(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	createInstance(t, c, "busy", nil)
	_, err := c.ModifyDBInstance(ctx, &awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("busy"), AllocatedStorage: aws.Int32(40)})
	if code(err) != "InvalidDBInstanceState" {
		t.Errorf("modify while creating: %v", err)
	}
	_, err = c.CreateDBSnapshot(ctx, &awsrds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("busy"), DBSnapshotIdentifier: aws.String("s1")})
	if code(err) != "InvalidDBInstanceState" {
		t.Errorf("snapshot while creating: %v", err)
	}
	srv.Settle()
	for _, tc := range []struct {
		name string
		in   *awsrds.ModifyDBInstanceInput
		want string
	}{
		{"nothing", &awsrds.ModifyDBInstanceInput{}, "InvalidParameterCombination"},
		{"shrink", &awsrds.ModifyDBInstanceInput{AllocatedStorage: aws.Int32(19)}, "InvalidParameterCombination"},
		{"same", &awsrds.ModifyDBInstanceInput{AllocatedStorage: aws.Int32(20)}, "InvalidParameterCombination"},
		{"under ten percent", &awsrds.ModifyDBInstanceInput{AllocatedStorage: aws.Int32(21)}, "InvalidParameterCombination"},
		{"class", &awsrds.ModifyDBInstanceInput{DBInstanceClass: aws.String("db.x.small")}, "InvalidParameterCombination"},
		{"malformed class", &awsrds.ModifyDBInstanceInput{DBInstanceClass: aws.String("large")}, "InvalidParameterValue"},
		{"password", &awsrds.ModifyDBInstanceInput{MasterUserPassword: aws.String("short")}, "InvalidParameterValue"},
		{"group", &awsrds.ModifyDBInstanceInput{DBParameterGroupName: aws.String("missing")}, "DBParameterGroupNotFound"},
		{"missing", &awsrds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("ghost"), AllocatedStorage: aws.Int32(40)}, "DBInstanceNotFound"},
	} {
		if tc.in.DBInstanceIdentifier == nil {
			tc.in.DBInstanceIdentifier = aws.String("busy")
		}
		if _, err := c.ModifyDBInstance(ctx, tc.in); code(err) != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
	for _, tc := range []struct {
		name string
		in   *awsrds.DeleteDBInstanceInput
		want string
	}{
		{"no final snapshot", &awsrds.DeleteDBInstanceInput{}, "InvalidParameterCombination"},
		{"both", &awsrds.DeleteDBInstanceInput{SkipFinalSnapshot: aws.Bool(true), FinalDBSnapshotIdentifier: aws.String("f")}, "InvalidParameterCombination"},
		{"bad final name", &awsrds.DeleteDBInstanceInput{FinalDBSnapshotIdentifier: aws.String("f--")}, "InvalidParameterValue"},
		{"missing", &awsrds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("ghost"), SkipFinalSnapshot: aws.Bool(true)}, "DBInstanceNotFound"},
		{"skip", &awsrds.DeleteDBInstanceInput{SkipFinalSnapshot: aws.Bool(true)}, ""},
		{"again", &awsrds.DeleteDBInstanceInput{SkipFinalSnapshot: aws.Bool(true)}, "InvalidDBInstanceState"},
	} {
		if tc.in.DBInstanceIdentifier == nil {
			tc.in.DBInstanceIdentifier = aws.String("busy")
		}
		if _, err := c.DeleteDBInstance(ctx, tc.in); code(err) != tc.want {
			t.Errorf("delete %s: %v, want %s", tc.name, err, tc.want)
		}
	}
	_, err = c.RebootDBInstance(ctx, &awsrds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("ghost")})
	if code(err) != "DBInstanceNotFound" {
		t.Errorf("reboot missing: %v", err)
	}
	createInstance(t, c, "single", nil)
	srv.Settle()
	_, err = c.RebootDBInstance(ctx, &awsrds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("single"), ForceFailover: aws.Bool(true)})
	if code(err) != "InvalidParameterCombination" {
		t.Errorf("failover without Multi-AZ: %v", err)
	}
}

func TestDescribeInstancesPaging(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithTransitionDelay(0))
	c := client(t, srv)
	for i := range 25 {
		createInstance(t, c, "db-"+string(rune('a'+i)), func(in *awsrds.CreateDBInstanceInput) {
			if i%2 == 1 {
				in.Engine, in.MasterUsername = aws.String("postgres"), aws.String("pgadmin")
			}
		})
	}
	var ids []string
	in := &awsrds.DescribeDBInstancesInput{MaxRecords: aws.Int32(20)}
	for pages := 1; ; pages++ {
		out, err := c.DescribeDBInstances(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range out.DBInstances {
			ids = append(ids, aws.ToString(i.DBInstanceIdentifier))
		}
		if out.Marker == nil {
			if pages != 2 {
				t.Errorf("%d pages", pages)
			}
			break
		}
		in.Marker = out.Marker
	}
	if len(ids) != 25 || ids[0] != "db-a" || ids[24] != "db-y" {
		t.Errorf("ids %q", ids)
	}
	out, err := c.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{Filters: []types.Filter{
		{Name: aws.String("engine"), Values: []string{"postgres"}}}})
	if err != nil || len(out.DBInstances) != 12 {
		t.Errorf("engine filter: %d, %v", len(out.DBInstances), err)
	}
	_, err = c.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{MaxRecords: aws.Int32(101)})
	if code(err) != "InvalidParameterValue" {
		t.Errorf("MaxRecords 101: %v", err)
	}
	_, err = c.DescribeDBInstances(t.Context(), &awsrds.DescribeDBInstancesInput{Filters: []types.Filter{
		{Name: aws.String("colour"), Values: []string{"red"}}}})
	if code(err) != "InvalidParameterValue" {
		t.Errorf("unknown filter: %v", err)
	}
}

func TestParameterChangeReachesInstances(t *testing.T) {
	srv := rdstest.Start(t, rdstest.WithManualTransitions())
	c := client(t, srv)
	ctx := t.Context()
	if _, err := c.CreateDBParameterGroup(ctx, &awsrds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("tuned"),
		DBParameterGroupFamily: aws.String("mysql8.0"), Description: aws.String("x")}); err != nil {
		t.Fatal(err)
	}
	createInstance(t, c, "app", func(in *awsrds.CreateDBInstanceInput) { in.DBParameterGroupName = aws.String("tuned") })
	srv.Settle()
	pgStatus := func() string {
		out, err := c.DescribeDBInstances(ctx, &awsrds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("app")})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.DBInstances[0].DBParameterGroups[0].ParameterApplyStatus)
	}
	var got []string
	set := func(name, value string, m types.ApplyMethod) {
		if _, err := c.ModifyDBParameterGroup(ctx, &awsrds.ModifyDBParameterGroupInput{DBParameterGroupName: aws.String("tuned"),
			Parameters: []types.Parameter{{ParameterName: aws.String(name), ParameterValue: aws.String(value), ApplyMethod: m}}}); err != nil {
			t.Fatal(err)
		}
		got = append(got, pgStatus())
	}
	set("max_allowed_packet", "2048", types.ApplyMethodImmediate)
	srv.Step()
	got = append(got, pgStatus())
	set("innodb_log_file_size", "268435456", types.ApplyMethodPendingReboot)
	if _, err := c.RebootDBInstance(ctx, &awsrds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("app")}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	got = append(got, pgStatus())
	if diff := cmp.Diff([]string{"applying", "in-sync", "pending-reboot", "in-sync"}, got); diff != "" {
		t.Errorf("apply status (-want +got):\n%s", diff)
	}
	_, err := c.DeleteDBParameterGroup(ctx, &awsrds.DeleteDBParameterGroupInput{DBParameterGroupName: aws.String("tuned")})
	if code(err) != "InvalidDBParameterGroupState" {
		t.Errorf("delete group in use: %v", err)
	}
}
