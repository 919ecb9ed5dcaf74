package autoscaletest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The engine's timing model, on the fake's clock (fakes.WithClock):
//
//   - A launch calls EC2's RunInstances at once; the instance is Pending.
//     At the first request at least the launch time (WithLaunchTime,
//     DefaultLaunchTime) after its launch, once EC2 reports it running,
//     it moves on: to Pending:Wait when the group has launch lifecycle
//     hooks, else InService, and its launch activity is Successful.
//   - A termination (after any Terminating:Wait) calls EC2's
//     TerminateInstances at once; the instance is Terminating until the
//     first request at least the launch time later at which EC2 reports
//     it terminated, when it leaves the group and its activity is
//     Successful.
//   - Every request first moves the engine (advance): hook timeouts,
//     health, scheduled actions, then each group brought towards its
//     desired capacity. So nothing changes between requests, and a
//     waiter always needs one more look after a launch.
//   - A launch EC2 refuses is a Failed activity with EC2's message; the
//     group tries again no sooner than launchRetry later (AWS backs off
//     similarly, at a pace it does not document).

// launchRetry is how long a group waits after a failed launch.
const launchRetry = 10 * time.Second

// Lifecycle states (API Reference, Instance: LifecycleState).
const (
	lcPending         = "Pending"
	lcPendingWait     = "Pending:Wait"
	lcInService       = "InService"
	lcTerminating     = "Terminating"
	lcTerminatingWait = "Terminating:Wait"
	lcStandby         = "Standby"
)

// member is one instance of a group.
type member struct {
	id, zone, subnet string
	instanceType     string
	imageID          string
	launchConfig     string       // as launched from
	template         *templateRef // as launched from, Version a number
	lifecycle        string
	health           string // "Healthy" or "Unhealthy"
	healthCause      string // why Unhealthy, for the termination's cause
	protected        bool
	launched         time.Time // or attached
	inService        time.Time // when it went InService, for the grace period
	until            time.Time // Pending or Terminating lasts until then at least
	activity         *activity // the launch or termination in progress
	waits            []*wait   // lifecycle actions in progress
	abandoned        bool      // a launch hook answered ABANDON
}

// activity is one scaling activity (API Reference, Activity).
type activity struct {
	seq                        int
	id, group, groupARN        string
	description, cause, status string
	message, details           string
	progress                   int
	start, end                 time.Time
	deleted                    bool // its group is gone
}

// record starts an activity of g.
func (st *region) record(g *group, description, cause, status string, now time.Time) *activity {
	st.seq++
	a := &activity{seq: st.seq, id: newUUID(), group: g.name, groupARN: g.arn, description: description, cause: cause,
		status: status, start: now, progress: 0}
	switch status {
	case "Successful", "Failed", "Cancelled":
		a.end, a.progress = now, 100
	default:
		a.progress = 30
	}
	st.activities = append(st.activities, a)
	return a
}

// finish ends an activity.
func (a *activity) finish(status, message string, now time.Time) {
	if a == nil || !a.end.IsZero() {
		return
	}
	a.status, a.message, a.end, a.progress = status, message, now, 100
}

// advance moves account's groups in region to time now: launches and
// terminations finishing, lifecycle hooks timing out, unhealthy
// instances found, scheduled actions falling due, every group brought to
// its desired capacity.
func (b *Backend) advance(account, region string, now time.Time) {
	st := b.regions.Get(account, region)
	st.mu.Lock()
	defer st.mu.Unlock()
	var ec2 map[string]ec2Instance
	for _, g := range st.groups {
		if len(g.members) > 0 {
			ec2 = b.ec2Instances(account, region, now)
			break
		}
	}
	for _, g := range sortedGroups(st) {
		for _, m := range slices.Clone(g.members) {
			if ec2 == nil && m.lifecycle != lcPendingWait && m.lifecycle != lcTerminatingWait {
				continue // EC2 did not answer: judge nothing by it
			}
			b.step(st, g, m, ec2[m.id], now) // a zero state: EC2 no longer has it
		}
		b.finishDelete(st, g, now)
	}
	b.runScheduled(st, now)
	for _, g := range sortedGroups(st) {
		b.reconcile(st, g, now)
	}
}

// gone reports whether EC2 no longer runs an instance in state s ("" for
// an instance it does not have).
func gone(s string) bool {
	switch s {
	case "pending", "running":
		return false
	}
	return true
}

// step moves one member on by time and EC2's state of it.
func (b *Backend) step(st *region, g *group, m *member, e ec2Instance, now time.Time) {
	switch m.lifecycle {
	case lcPending:
		if now.Before(m.until) {
			return
		}
		if e.State == "running" {
			if len(g.hooksFor(transLaunch)) > 0 {
				m.lifecycle = lcPendingWait
				m.waits = g.newWaits(st, transLaunch, endedAt(m, now))
				if m.activity != nil {
					m.activity.status, m.activity.progress = "MidLifecycleAction", 50
				}
				return
			}
			// The launch ended when its time was up, however much later
			// a request comes to see it: cooldowns count from then.
			b.putInService(g, m, endedAt(m, now))
			return
		}
		if gone(e.State) {
			// Stopped or terminated by someone else while launching: it
			// is in service only to be found unhealthy and replaced.
			b.putInService(g, m, now)
			m.health, m.healthCause = "Unhealthy", "an EC2 health check indicating it has been terminated or stopped"
		}
	case lcPendingWait, lcTerminatingWait:
		b.settleWaits(st, g, m, now)
	case lcInService:
		if m.health == "Healthy" && !g.isSuspended("HealthCheck") && gone(e.State) && !now.Before(m.inService.Add(time.Duration(g.grace)*time.Second)) {
			m.health, m.healthCause = "Unhealthy", "an EC2 health check indicating it has been terminated or stopped"
		}
	case lcTerminating:
		if now.Before(m.until) || e.State != "terminated" && e.State != "" {
			return
		}
		end := endedAt(m, now)
		m.activity.finish("Successful", "", end)
		g.lastScaled = end
		g.members = slices.DeleteFunc(g.members, func(x *member) bool { return x == m })
	}
}

// endedAt is when m's launch or termination ended: when its time was up
// (m.until), or now for one with no time set.
func endedAt(m *member, now time.Time) time.Time {
	if m.until.IsZero() || m.until.After(now) {
		return now
	}
	return m.until
}

// putInService ends a launch: the instance is InService and healthy.
func (b *Backend) putInService(g *group, m *member, now time.Time) {
	m.lifecycle, m.inService, m.waits = lcInService, now, nil
	if m.health == "" {
		m.health = "Healthy"
	}
	m.activity.finish("Successful", "", now)
	m.activity = nil
	g.lastScaled = now
}

// setDesired sets g's desired capacity to n as a scaling activity whose
// cause is cause, and starts the launches or terminations it needs.
//
// cause is the reason phrase AWS writes after the time, without the
// capacity change, e.g. "a user request explicitly set group desired
// capacity" or "a monitor alarm high-cpu in state ALARM triggered
// policy scale-out"; setDesired makes it "At <now> <cause> changing the
// desired capacity from <old> to <n>." and the activities that follow
// carry it, as AWS's do. An unchanged capacity records nothing.
//
// With honorCooldown, a group with an activity in progress or still in
// its default cooldown (from lastScaled) is refused with
// ScalingActivityInProgress, as is a group being deleted. n outside
// [min, max] is a ValidationError. The region's lock is held.
func (b *Backend) setDesired(st *region, g *group, n int, cause string, now time.Time, honorCooldown bool) error {
	if g.deleting {
		return errScalingActivityInProgress("AutoScalingGroup %s is pending delete.", g.name)
	}
	// AWS's wording, as quoted from the aws CLI in public scripts and
	// logs: "An error occurred (ValidationError) when calling the
	// SetDesiredCapacity operation: New SetDesiredCapacity value 2 is
	// above max value 1 for the AutoScalingGroup." and "New
	// SetDesiredCapacity value 1 is below min value 2" (the end of the
	// latter taken to match the former).
	if n < g.min {
		return errValidation("New SetDesiredCapacity value %d is below min value %d for the AutoScalingGroup.", n, g.min)
	}
	if n > g.max {
		return errValidation("New SetDesiredCapacity value %d is above max value %d for the AutoScalingGroup.", n, g.max)
	}
	if honorCooldown && (g.busy() || now.Before(g.lastScaled.Add(time.Duration(g.defaultCooldown)*time.Second))) {
		// "An error occurred (ScalingActivityInProgress) when calling the
		// SetDesiredCapacity operation: Scaling activity 0685cb16-...
		// is in progress and blocks this action" (diem/diem#4597), also
		// seen with nothing launching, in the cooldown
		// (TwiN/aws-eks-asg-rolling-update-handler#16): the activity
		// named is the one in progress, else the last one.
		return errScalingActivityInProgress("Scaling activity %s is in progress and blocks this action", st.blockingActivity(g))
	}
	if n == g.desired {
		return nil
	}
	g.cause = fmt.Sprintf("At %s %s changing the desired capacity from %d to %d.", awsTime(now), cause, g.desired, n)
	g.desired = n
	g.lastScaled = now
	b.reconcile(st, g, now)
	return nil
}

// blockingActivity is the ID of g's activity in progress, else of its
// latest one: what a refusal in its cooldown names.
func (st *region) blockingActivity(g *group) string {
	last := ""
	for _, a := range slices.Backward(st.activities) {
		if a.group != g.name || a.deleted {
			continue
		}
		if a.end.IsZero() {
			return a.id
		}
		if last == "" {
			last = a.id
		}
	}
	return last
}

// reconcile replaces g's unhealthy instances and launches or terminates
// towards its desired capacity, as its suspended processes allow.
func (b *Backend) reconcile(st *region, g *group, now time.Time) {
	if g.deleting {
		return
	}
	if !g.isSuspended("ReplaceUnhealthy") && !g.isSuspended("Terminate") {
		for _, m := range g.live() {
			if m.lifecycle == lcInService && m.health == "Unhealthy" {
				b.startTerminate(st, g, m, fmt.Sprintf("At %s an instance was taken out of service in response to %s.", awsTime(now), m.healthCause), now, true)
			}
		}
	}
	live := len(g.live())
	switch {
	case live < g.desired && !g.isSuspended("Launch") && !now.Before(g.retryAt):
		from := live
		for live < g.desired {
			cause := fmt.Sprintf("At %s an instance was started in response to a difference between desired and actual capacity, increasing the capacity from %d to %d.",
				awsTime(now), from, g.desired)
			if g.cause != "" {
				cause = g.cause + "  " + cause
			}
			if !b.launch(st, g, cause, now) {
				break
			}
			live++
		}
		g.cause = ""
	case live > g.desired && !g.isSuspended("Terminate"):
		// AZRebalance launches first and terminates once the new
		// instances are in service (User Guide, "Rebalancing
		// activities"): until then the extra capacity stays.
		for _, m := range g.rebalancing {
			if m.lifecycle == lcPending || m.lifecycle == lcPendingWait {
				return
			}
		}
		g.rebalancing = nil
		victims := chooseVictims(g, live-g.desired, now)
		for _, m := range victims {
			// A rebalancing's terminations are worded as any other's,
			// after the launches' sentence (g.cause): AWS's activities
			// quoted in spacelift-io/terraform-aws-spacelift-workerpool-
			// on-ec2#97 and awslabs/benchmark-ai#71 read "At <t>
			// instances were launched to balance instances in zones ...
			// At <t> an instance was taken out of service in response to
			// a difference between desired and actual capacity,
			// shrinking the capacity from 60 to 58. ...".
			cause := fmt.Sprintf("At %s an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from %d to %d.  At %s instance %s was selected for termination.",
				awsTime(now), live, g.desired, awsTime(now), m.id)
			if g.cause != "" {
				cause = g.cause + "  " + cause
			}
			b.startTerminate(st, g, m, cause, now, true)
		}
		if len(victims) > 0 {
			g.cause = ""
		}
	case live == g.desired && !g.busy() && g.unbalanced() && !g.isSuspended("AZRebalance") && !g.isSuspended("Launch") &&
		!now.Before(g.retryAt):
		b.rebalance(st, g, live, now)
	}
}

// rebalance starts one step of AZRebalance: launches into the zones
// with the fewest instances, as many as balancing g's desired capacity
// needs, but never more than g's maximum plus its rebalancing margin
// (User Guide, "Rebalancing activities": "the system can temporarily
// exceed the specified maximum capacity of a group during a rebalancing
// activity. It can do so by a margin of 10 percent or one instance,
// whichever is greater"). The terminations follow once these are in
// service (reconcile); a group the margin does not let balance at once
// balances in steps. With Terminate suspended nothing follows, and the
// group may stay up to the margin over its maximum (User Guide,
// "Suspend and resume a process": AZRebalance "can launch new instances
// without terminating the old ones").
func (b *Backend) rebalance(st *region, g *group, live int, now time.Time) {
	n := min(max(1, g.rebalanceLaunches()), g.max+rebalanceMargin(g.max)-live)
	if n <= 0 {
		return
	}
	// AWS's cause, from activities quoted in spacelift-io/terraform-aws-
	// spacelift-workerpool-on-ec2#97 and awslabs/benchmark-ai#71: "At
	// <time> instances were launched to balance instances in zones
	// us-east-1a us-east-1b us-east-1c with other zones resulting in more
	// than desired number of instances in the group." Both name all three
	// zones of a three-zone group, so the group's zones are named here.
	cause := fmt.Sprintf("At %s instances were launched to balance instances in zones %s with other zones resulting in more than desired number of instances in the group.",
		awsTime(now), strings.Join(g.zones, " "))
	for range n {
		if !b.launch(st, g, cause, now) {
			break
		}
		g.rebalancing = append(g.rebalancing, g.members[len(g.members)-1])
	}
	if len(g.rebalancing) > 0 && !g.isSuspended("Terminate") {
		g.cause = cause // the terminations' causes begin with it
	}
}

// rebalanceMargin is how far over its maximum maxSize a group may go while
// rebalancing: 10 percent of max, rounded down since the guide allows
// no more than 10 percent, or one instance, whichever is greater.
func rebalanceMargin(maxSize int) int {
	return cmp.Or(maxSize/10, 1)
}

// rebalanceLaunches is how many launches bring g's zones to a balanced
// share of its desired capacity: each zone g spans gets desired/zones
// instances, the remainder one more each in the zones that have most
// already, so that as few instances as possible move.
func (g *group) rebalanceLaunches() int {
	if len(g.zones) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, m := range g.live() {
		count[m.zone]++
	}
	zones := slices.Clone(g.zones)
	slices.SortStableFunc(zones, func(a, b string) int { return count[b] - count[a] })
	need := 0
	for i, z := range zones {
		share := g.desired / len(zones)
		if i < g.desired%len(zones) {
			share++
		}
		need += max(0, share-count[z])
	}
	return need
}

// unbalanced reports whether g's instances need AZRebalance: one of
// them is in a zone g no longer spans, or two of g's zones differ by
// more than one instance while the fuller one has an instance not
// protected from scale in (User Guide, "Rebalancing activities").
func (g *group) unbalanced() bool {
	count := map[string]int{}
	unprotected := map[string]bool{}
	for _, m := range g.live() {
		if !slices.Contains(g.zones, m.zone) && !m.protected {
			return true
		}
		count[m.zone]++
		unprotected[m.zone] = unprotected[m.zone] || !m.protected
	}
	least := -1
	for _, z := range g.zones {
		if least < 0 || count[z] < least {
			least = count[z]
		}
	}
	for _, z := range g.zones {
		if count[z]-least > 1 && unprotected[z] {
			return true
		}
	}
	return false
}

// launch starts one instance of g in the zone (and subnet) with the
// fewest live instances, ties to the first listed: AWS's balance across
// zones (User Guide, "Instance distribution"). It reports whether EC2
// launched it; a refusal is a Failed activity with EC2's message.
func (b *Backend) launch(st *region, g *group, cause string, now time.Time) bool {
	zone, subnet := g.nextPlacement()
	inst, err := b.runInstance(st, g, zone, subnet, now)
	if err != nil {
		reason := err.Error()
		a := st.record(g, fmt.Sprintf("Launching a new EC2 instance.  Status Reason: %s Launching EC2 instance failed.", reason), cause, "Failed", now)
		a.message = reason
		a.details = details(subnet, zone)
		g.retryAt = now.Add(launchRetry)
		return false
	}
	m := &member{id: inst.ID, zone: cmpOr(inst.Zone, zone), subnet: cmpOr(inst.SubnetID, subnet), instanceType: inst.Type,
		imageID: inst.ImageID, launchConfig: g.launchConfig, lifecycle: lcPending, health: "Healthy",
		protected: g.protectNew, launched: now, until: now.Add(b.launchTime)}
	if g.template != nil {
		t := *g.template
		if _, _, v, err := b.resolveTemplate(st.account, st.name, now, templateRef{LaunchTemplateId: t.LaunchTemplateId, Version: t.Version}); err == nil {
			t.Version = v
		}
		m.template = &t
	}
	m.activity = st.record(g, "Launching a new EC2 instance: "+inst.ID, cause, "InProgress", now)
	m.activity.details = details(m.subnet, m.zone)
	g.members = append(g.members, m)
	return true
}

func details(subnet, zone string) string {
	d := map[string]string{"Availability Zone": zone}
	if subnet != "" {
		d["Subnet ID"] = subnet
	}
	j, _ := json.Marshal(d)
	return string(j)
}

// nextPlacement is the zone (and subnet, when g has subnets) with the
// fewest live instances.
func (g *group) nextPlacement() (zone, subnet string) {
	count := map[string]int{}
	for _, m := range g.live() {
		count[m.zone]++
		count[m.subnet]++
	}
	best := -1
	for _, z := range g.zones {
		if best < 0 || count[z] < best {
			zone, best = z, count[z]
		}
	}
	best = -1
	for _, s := range g.subnets {
		if g.subnetZone[s] == zone && (best < 0 || count[s] < best) {
			subnet, best = s, count[s]
		}
	}
	return zone, subnet
}

// startTerminate takes m out of service: into Terminating:Wait while the
// group's termination hooks hold it (when withHooks), else EC2
// terminates it now.
func (b *Backend) startTerminate(st *region, g *group, m *member, cause string, now time.Time, withHooks bool) {
	if m.activity != nil {
		m.activity.finish("Cancelled", "The instance was taken out of service before its launch completed.", now)
	}
	m.activity = st.record(g, "Terminating EC2 instance: "+m.id, cause, "InProgress", now)
	m.activity.details = details(m.subnet, m.zone)
	if withHooks && len(g.hooksFor(transTerminate)) > 0 {
		m.lifecycle = lcTerminatingWait
		m.waits = g.newWaits(st, transTerminate, now)
		m.activity.status, m.activity.progress = "MidLifecycleAction", 50
		return
	}
	b.terminateNow(st, m, now)
}

// terminateNow has EC2 terminate m.
func (b *Backend) terminateNow(st *region, m *member, now time.Time) {
	m.lifecycle, m.waits, m.until = lcTerminating, nil, now.Add(b.launchTime)
	b.terminateInstance(st, m.id, now)
}

// chooseVictims picks n of g's live instances to terminate, as AWS's
// termination policies do (User Guide, "Configure termination
// policies"), never one protected from scale in:
//
//  1. Instances in a zone the group no longer spans go first; else
//     only the zones with the most instances, among those with one not
//     protected, are considered.
//  2. Each of g's policies in turn narrows the candidates: Default is
//     OldestLaunchConfiguration/OldestLaunchTemplate (instances not
//     launched from the group's current configuration, template or
//     version) and then ClosestToNextInstanceHour; OldestInstance and
//     NewestInstance go by launch time; AllocationStrategy, which only
//     matters for mixed instance types the fake refuses, narrows
//     nothing.
//  3. Among those left, the first launched goes (AWS picks at random).
//
// ClosestToNextInstanceHour keeps the instances whose running time
// since their launch is closest to the next whole hour.
func chooseVictims(g *group, n int, now time.Time) []*member {
	var out []*member
	for range n {
		var cands []*member
		for _, m := range g.live() {
			if !m.protected && !slices.Contains(out, m) {
				cands = append(cands, m)
			}
		}
		if len(cands) == 0 {
			break
		}
		all := slices.Clone(cands) // DeleteFunc below reuses cands' array
		count := map[string]int{}
		for _, m := range g.live() {
			if !slices.Contains(out, m) {
				count[m.zone]++
			}
		}
		most := 0
		for _, m := range cands {
			most = max(most, count[m.zone])
		}
		cands = slices.DeleteFunc(cands, func(m *member) bool { return count[m.zone] < most })
		if outside := narrow(all, func(m *member) bool { return !slices.Contains(g.zones, m.zone) }); len(outside) < len(all) {
			cands = outside // instances in a zone the group left go first
		}
		for _, p := range g.termination {
			switch p {
			case "Default":
				cands = narrow(cands, func(m *member) bool { return !g.current(m) })
				cands = closestToHour(cands, now)
			case "OldestLaunchConfiguration", "OldestLaunchTemplate":
				cands = narrow(cands, func(m *member) bool { return !g.current(m) })
			case "ClosestToNextInstanceHour":
				cands = closestToHour(cands, now)
			case "OldestInstance":
				first := slices.MinFunc(cands, func(a, b *member) int { return a.launched.Compare(b.launched) })
				cands = narrow(cands, func(m *member) bool { return m.launched.Equal(first.launched) })
			case "NewestInstance":
				last := slices.MaxFunc(cands, func(a, b *member) int { return a.launched.Compare(b.launched) })
				cands = narrow(cands, func(m *member) bool { return m.launched.Equal(last.launched) })
			}
		}
		out = append(out, cands[0])
	}
	return out
}

// narrow keeps the candidates keep accepts, or all of them if it accepts
// none.
func narrow(cands []*member, keep func(*member) bool) []*member {
	var out []*member
	for _, m := range cands {
		if keep(m) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return cands
	}
	return out
}

func closestToHour(cands []*member, now time.Time) []*member {
	left := func(m *member) time.Duration { return time.Hour - now.Sub(m.launched)%time.Hour }
	least := slices.MinFunc(cands, func(a, b *member) int { return int(left(a) - left(b)) })
	return narrow(cands, func(m *member) bool { return left(m) == left(least) })
}

// current reports whether m was launched from g's launch configuration,
// or its template at the version g's names now.
func (g *group) current(m *member) bool {
	if g.template == nil {
		return m.template == nil && m.launchConfig == g.launchConfig
	}
	if m.template == nil || m.template.LaunchTemplateId != g.template.LaunchTemplateId {
		return false
	}
	switch cmpOr(g.template.Version, "$Default") {
	case "$Latest", "$Default":
		// Resolved at launch; without asking EC2 again, the newest
		// launched version is taken as current.
		newest := 0
		for _, x := range g.members {
			if x.template != nil {
				newest = max(newest, atoi(x.template.Version))
			}
		}
		return atoi(m.template.Version) == newest
	}
	return m.template.Version == g.template.Version
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
