package ec2test_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
)

// modSummary is what the modification tests compare of a VolumeModification.
type modSummary struct {
	State                                string
	Progress                             int64
	OrigSize, OrigIops, OrigThroughput   int32
	OrigType                             string
	TargetSize, TargetIops, TargetThrput int32
	TargetType                           string
	Ended                                bool
}

func summarize(m *types.VolumeModification) modSummary {
	return modSummary{State: string(m.ModificationState), Progress: aws.ToInt64(m.Progress),
		OrigSize: aws.ToInt32(m.OriginalSize), OrigIops: aws.ToInt32(m.OriginalIops), OrigThroughput: aws.ToInt32(m.OriginalThroughput),
		OrigType: string(m.OriginalVolumeType), TargetSize: aws.ToInt32(m.TargetSize), TargetIops: aws.ToInt32(m.TargetIops),
		TargetThrput: aws.ToInt32(m.TargetThroughput), TargetType: string(m.TargetVolumeType), Ended: m.EndTime != nil}
}

func describeMod(t *testing.T, c *awsec2.Client, id string) modSummary {
	t.Helper()
	out, err := c.DescribeVolumesModifications(t.Context(), &awsec2.DescribeVolumesModificationsInput{VolumeIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.VolumesModifications) != 1 {
		t.Fatalf("DescribeVolumesModifications(%s) = %d items; want 1", id, len(out.VolumesModifications))
	}
	return summarize(&out.VolumesModifications[0])
}

// volumeShape is a volume's size, type, IOPS and throughput as described.
func volumeShape(t *testing.T, c *awsec2.Client, id string) string {
	t.Helper()
	out, err := c.DescribeVolumes(t.Context(), &awsec2.DescribeVolumesInput{VolumeIds: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	v := out.Volumes[0]
	return fmt.Sprintf("%d GiB %s %d IOPS %d MiB/s", aws.ToInt32(v.Size), v.VolumeType, aws.ToInt32(v.Iops), aws.ToInt32(v.Throughput))
}

func TestModifyVolumeStates(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := awsec2.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	inst := run(t, c, nil)[0]
	id := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
	srv.Step() // instance running, volume available
	out, err := c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(20), VolumeType: types.VolumeTypeGp3})
	if err != nil {
		t.Fatal(err)
	}
	var got []any
	got = append(got, summarize(out.VolumeModification), volumeShape(t, c, id))
	_, err = c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(30)})
	checkAPIError(t, err, "IncorrectModificationState", "MODIFYING")
	_, err = c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")})
	checkAPIError(t, err, "OperationNotPermitted", "MODIFYING")
	srv.Step()
	got = append(got, describeMod(t, c, id), volumeShape(t, c, id))
	_, err = c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(30)})
	checkAPIError(t, err, "IncorrectModificationState", "OPTIMIZING")
	srv.Step()
	got = append(got, describeMod(t, c, id), volumeShape(t, c, id))

	orig := modSummary{OrigSize: 10, OrigIops: 100, OrigType: "gp2", TargetSize: 20, TargetIops: 3000, TargetThrput: 125, TargetType: "gp3"}
	at := func(state string, progress int64, ended bool) modSummary {
		m := orig
		m.State, m.Progress, m.Ended = state, progress, ended
		return m
	}
	want := []any{
		at("modifying", 0, false), "10 GiB gp2 100 IOPS 0 MiB/s",
		at("optimizing", 50, false), "20 GiB gp3 3000 IOPS 125 MiB/s",
		at("completed", 100, true), "20 GiB gp3 3000 IOPS 125 MiB/s",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("modification (-want +got):\n%s", diff)
	}
	// Completed, the volume can be modified again, and attached.
	if _, err := c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), Iops: aws.Int32(4000)}); err != nil {
		t.Fatal(err)
	}
	srv.Settle()
	if diff := cmp.Diff("20 GiB gp3 4000 IOPS 125 MiB/s", volumeShape(t, c, id)); diff != "" {
		t.Errorf("after IOPS change (-want +got):\n%s", diff)
	}
	if _, err := c.AttachVolume(ctx, &awsec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")}); err != nil {
		t.Fatal(err)
	}
}

func TestModifyVolumeDefaults(t *testing.T) {
	srv := ec2test.Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	tests := []struct {
		name   string
		create awsec2.CreateVolumeInput
		modify awsec2.ModifyVolumeInput
		want   string
	}{
		{"gp2 grows, IOPS follow size", awsec2.CreateVolumeInput{Size: aws.Int32(100)},
			awsec2.ModifyVolumeInput{Size: aws.Int32(200)}, "200 GiB gp2 600 IOPS 0 MiB/s"},
		{"gp3 keeps its IOPS and throughput", awsec2.CreateVolumeInput{Size: aws.Int32(100), VolumeType: types.VolumeTypeGp3,
			Iops: aws.Int32(5000), Throughput: aws.Int32(300)},
			awsec2.ModifyVolumeInput{Size: aws.Int32(150)}, "150 GiB gp3 5000 IOPS 300 MiB/s"},
		{"gp3 to io2 takes 3000 IOPS", awsec2.CreateVolumeInput{Size: aws.Int32(100), VolumeType: types.VolumeTypeGp3,
			Iops: aws.Int32(5000), Throughput: aws.Int32(300)},
			awsec2.ModifyVolumeInput{VolumeType: types.VolumeTypeIo2}, "100 GiB io2 3000 IOPS 0 MiB/s"},
		{"io1 keeps its IOPS", awsec2.CreateVolumeInput{Size: aws.Int32(100), VolumeType: types.VolumeTypeIo1, Iops: aws.Int32(2000)},
			awsec2.ModifyVolumeInput{Size: aws.Int32(200)}, "200 GiB io1 2000 IOPS 0 MiB/s"},
		{"to st1", awsec2.CreateVolumeInput{Size: aws.Int32(500)},
			awsec2.ModifyVolumeInput{VolumeType: types.VolumeTypeSt1}, "500 GiB st1 0 IOPS 0 MiB/s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.create
			id := createVolume(t, c, &in)
			mod := tt.modify
			mod.VolumeId = aws.String(id)
			if _, err := c.ModifyVolume(t.Context(), &mod); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, volumeShape(t, c, id)); diff != "" {
				t.Errorf("modified volume (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModifyVolumeErrors(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := awsec2.NewFromConfig(srv.Config(""))
	gp2 := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
	srv.Step()
	creating := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
	theirs := createVolume(t, otherClient(t, srv, "us-east-1"), &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
	tests := []struct {
		name           string
		in             awsec2.ModifyVolumeInput
		code, contains string
	}{
		{"no change", awsec2.ModifyVolumeInput{VolumeId: aws.String(gp2)}, "MissingParameter", "Size"},
		{"shrink", awsec2.ModifyVolumeInput{VolumeId: aws.String(gp2), Size: aws.Int32(5)}, "InvalidParameterValue", "smaller"},
		{"unknown volume", awsec2.ModifyVolumeInput{VolumeId: aws.String("vol-0123456789abcdef0"), Size: aws.Int32(20)},
			"InvalidVolume.NotFound", "vol-0123456789abcdef0"},
		{"malformed volume", awsec2.ModifyVolumeInput{VolumeId: aws.String("vol-xyz"), Size: aws.Int32(20)},
			"InvalidVolumeID.Malformed", "vol-xyz"},
		{"another account's volume", awsec2.ModifyVolumeInput{VolumeId: aws.String(theirs), Size: aws.Int32(20)},
			"InvalidVolume.NotFound", theirs},
		{"still creating", awsec2.ModifyVolumeInput{VolumeId: aws.String(creating), Size: aws.Int32(20)}, "IncorrectState", "creating"},
		{"st1 too small", awsec2.ModifyVolumeInput{VolumeId: aws.String(gp2), VolumeType: types.VolumeTypeSt1}, "InvalidParameterValue", "125"},
		{"gp2 iops", awsec2.ModifyVolumeInput{VolumeId: aws.String(gp2), Iops: aws.Int32(500)}, "InvalidParameterCombination", "iops"},
		{"gp3 iops too high", awsec2.ModifyVolumeInput{VolumeId: aws.String(gp2), VolumeType: types.VolumeTypeGp3, Iops: aws.Int32(80001)},
			"InvalidParameterValue", "80001"},
		{"unknown type", awsec2.ModifyVolumeInput{VolumeId: aws.String(gp2), VolumeType: "ssd"}, "InvalidParameterValue", "ssd"},
		{"multi-attach gp2", awsec2.ModifyVolumeInput{VolumeId: aws.String(gp2), MultiAttachEnabled: aws.Bool(true)},
			"InvalidParameterCombination", "Multi-Attach"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			_, err := c.ModifyVolume(t.Context(), &in)
			checkAPIError(t, err, tt.code, tt.contains)
		})
	}
	if diff := cmp.Diff("10 GiB gp2 100 IOPS 0 MiB/s", volumeShape(t, c, gp2)); diff != "" {
		t.Errorf("refused modifications changed the volume (-want +got):\n%s", diff)
	}
}

// clock is a settable clock for the fake.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func TestModifyVolumeRate(t *testing.T) {
	clk := &clock{now: time.Now()}
	srv := ec2test.Start(t, fakes.WithClock(clk.Now), fakes.WithMaxSkew(72*time.Hour))
	c := awsec2.NewFromConfig(srv.Config(""))
	id := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
	modify := func(size int32) error {
		_, err := c.ModifyVolume(t.Context(), &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(size)})
		return err
	}
	// Four a day, each once the last has completed (instant here).
	for i := range int32(4) {
		if err := modify(11 + i); err != nil {
			t.Fatalf("modification %d: %v", i+1, err)
		}
		clk.Add(time.Hour)
	}
	checkAPIError(t, modify(20), "VolumeModificationRateExceeded", id)
	clk.Add(20*time.Hour + time.Minute) // the first is now more than 24 hours old
	if err := modify(20); err != nil {
		t.Fatal(err)
	}
	checkAPIError(t, modify(21), "VolumeModificationRateExceeded", id)
}

func TestDescribeVolumesModifications(t *testing.T) {
	srv := ec2test.Start(t, ec2test.WithManualTransitions())
	c := awsec2.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	var ids []string
	for range 7 {
		ids = append(ids, createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)}))
	}
	srv.Step()
	never := ids[6]
	for _, id := range ids[:6] {
		if _, err := c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(20)}); err != nil {
			t.Fatal(err)
		}
	}
	if !srv.FailVolumeModification(fake.TestAccountID, "us-east-1", ids[5], "transient fault") {
		t.Fatal("FailVolumeModification found no modification in progress")
	}
	srv.Step() // the others optimizing
	_, err := c.DescribeVolumesModifications(ctx, &awsec2.DescribeVolumesModificationsInput{VolumeIds: []string{never}})
	checkAPIError(t, err, "InvalidVolumeModification.NotFound", never)
	_, err = c.DescribeVolumesModifications(ctx, &awsec2.DescribeVolumesModificationsInput{
		Filters: []types.Filter{{Name: aws.String("no-such-filter"), Values: []string{"x"}}}})
	checkAPIError(t, err, "InvalidParameterValue", "no-such-filter")

	list := func(in *awsec2.DescribeVolumesModificationsInput) (got []string, pages int) {
		p := awsec2.NewDescribeVolumesModificationsPaginator(c, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, m := range out.VolumesModifications {
				got = append(got, aws.ToString(m.VolumeId)+" "+string(m.ModificationState)+" "+aws.ToString(m.StatusMessage))
			}
		}
		return got, pages
	}
	var all []string
	for _, id := range ids[:5] {
		all = append(all, id+" optimizing ")
	}
	all = append(all, ids[5]+" failed transient fault")
	slices.Sort(all)
	filter := func(name, value string) *awsec2.DescribeVolumesModificationsInput {
		return &awsec2.DescribeVolumesModificationsInput{Filters: []types.Filter{{Name: aws.String(name), Values: []string{value}}}}
	}
	tests := []struct {
		name  string
		in    *awsec2.DescribeVolumesModificationsInput
		want  []string
		pages int
	}{
		{"every modified volume, in pages", &awsec2.DescribeVolumesModificationsInput{MaxResults: aws.Int32(5)}, all, 2},
		{"by state", filter("modification-state", "failed"), []string{ids[5] + " failed transient fault"}, 1},
		{"by volume", filter("volume-id", ids[0]), []string{ids[0] + " optimizing "}, 1},
		{"by target size", filter("target-size", "30"), nil, 1},
		{"by IDs", &awsec2.DescribeVolumesModificationsInput{VolumeIds: []string{ids[5], ids[1]}},
			[]string{ids[5] + " failed transient fault", ids[1] + " optimizing "}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, pages := list(tt.in)
			if tt.in.VolumeIds == nil {
				slices.Sort(got)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("modifications (-want +got):\n%s", diff)
			}
			if pages != tt.pages {
				t.Errorf("%d pages; want %d", pages, tt.pages)
			}
		})
	}
	// A failed modification leaves the volume as it was and does not
	// block the next one.
	if diff := cmp.Diff("10 GiB gp2 100 IOPS 0 MiB/s", volumeShape(t, c, ids[5])); diff != "" {
		t.Errorf("failed modification changed the volume (-want +got):\n%s", diff)
	}
	if _, err := c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(ids[5]), Size: aws.Int32(20)}); err != nil {
		t.Fatal(err)
	}
}

func TestModifyVolumeMultiAttach(t *testing.T) {
	srv := ec2test.Start(t)
	c := awsec2.NewFromConfig(srv.Config(""))
	ctx := t.Context()
	_, err := c.CreateVolume(ctx, &awsec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10),
		VolumeType: types.VolumeTypeGp3, MultiAttachEnabled: aws.Bool(true)})
	checkAPIError(t, err, "InvalidParameterCombination", "gp3")
	id := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10), VolumeType: types.VolumeTypeIo2, Iops: aws.Int32(1000),
		MultiAttachEnabled: aws.Bool(true)})
	multi := func() bool {
		out, err := c.DescribeVolumes(ctx, &awsec2.DescribeVolumesInput{VolumeIds: []string{id}})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToBool(out.Volumes[0].MultiAttachEnabled)
	}
	got := []bool{multi()}
	// Leaving io2 needs Multi-Attach turned off in the same request.
	_, err = c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), VolumeType: types.VolumeTypeGp3})
	checkAPIError(t, err, "InvalidParameterCombination", "Multi-Attach")
	out, err := c.ModifyVolume(ctx, &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), VolumeType: types.VolumeTypeGp3,
		MultiAttachEnabled: aws.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	m := out.VolumeModification
	got = append(got, aws.ToBool(m.OriginalMultiAttachEnabled), aws.ToBool(m.TargetMultiAttachEnabled), multi())
	if diff := cmp.Diff([]bool{true, true, false, false}, got); diff != "" {
		t.Errorf("Multi-Attach: created, original, target, after (-want +got):\n%s", diff)
	}
}

// TestVolumeModificationEndTime checks that a modification ends at the
// time of the last request before it completed or failed, on the server's
// clock, and that describing it later does not move that time.
func TestVolumeModificationEndTime(t *testing.T) {
	tests := []struct {
		name   string
		finish func(t *testing.T, srv *ec2test.Server, id string)
		state  types.VolumeModificationState
	}{
		{"completed", func(_ *testing.T, srv *ec2test.Server, _ string) { srv.Step(); srv.Step() }, types.VolumeModificationStateCompleted},
		{"failed", func(t *testing.T, srv *ec2test.Server, id string) {
			if !srv.FailVolumeModification(fake.TestAccountID, "us-east-1", id, "transient fault") {
				t.Fatal("FailVolumeModification found no modification in progress")
			}
		}, types.VolumeModificationStateFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, clock := startClocked(t, ec2test.WithManualTransitions())
			c := cclient(t, srv)
			id := createVolume(t, c, &awsec2.CreateVolumeInput{Size: aws.Int32(10)})
			srv.Step()
			start := clock.Now()
			if _, err := c.ModifyVolume(t.Context(), &awsec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(20)}); err != nil {
				t.Fatal(err)
			}
			clock.Advance(10 * time.Minute)
			volumeShape(t, c, id) // the last request before the modification ends
			end := clock.Now()
			tt.finish(t, srv, id)
			clock.Advance(time.Hour)
			out, err := c.DescribeVolumesModifications(t.Context(), &awsec2.DescribeVolumesModificationsInput{VolumeIds: []string{id}})
			if err != nil {
				t.Fatal(err)
			}
			m := out.VolumesModifications[0]
			got := []any{m.ModificationState, aws.ToTime(m.StartTime), aws.ToTime(m.EndTime)}
			if diff := cmp.Diff([]any{tt.state, start, end}, got); diff != "" {
				t.Errorf("modification (-want +got):\n%s", diff)
			}
		})
	}
}
