package ec2test

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Status check values (EC2 API Reference, InstanceStatusSummary, Status).
const (
	StatusOK               = "ok"
	StatusImpaired         = "impaired"
	StatusInitializing     = "initializing"
	StatusInsufficientData = "insufficient-data"
)

// checks are an instance's two status checks while it runs: the system
// check (AWS's hardware and network) and the instance check (the guest).
type checks struct {
	system, instance string
	impairedSince    time.Time
}

// boot returns the steps of an instance's way from pending: running, with
// both checks initializing, then both checks ok (EC2 User Guide, "Status
// checks for Amazon EC2 instances": checks run once the instance is
// running and report initializing until they complete). Either step does
// nothing if the instance has changed state since; a check seeded with
// SetInstanceStatus in between is kept.
func (inst *instance) boot(gen int) []func() {
	var running int
	return []func(){
		inst.then(gen, "running", func() {
			running = inst.gen
			inst.assignPublicIP()
			inst.checks = checks{system: StatusInitializing, instance: StatusInitializing}
		}),
		func() {
			if inst.gen != running || inst.state != "running" {
				return
			}
			if inst.checks.system == StatusInitializing {
				inst.checks.system = StatusOK
			}
			if inst.checks.instance == StatusInitializing {
				inst.checks.instance = StatusOK
			}
		},
	}
}

// SetInstanceStatus sets the system and instance checks of the running
// instance id of account in region ("ok", "impaired", "initializing",
// "insufficient-data"; "" leaves a check as it is), as AWS's monitoring
// would find them, until the instance stops. It reports false for an
// instance the fake does not hold, one not running, or an unknown value.
func (s *Backend) SetInstanceStatus(account, region, id, system, instance string) bool {
	for _, v := range []string{system, instance} {
		switch v {
		case "", StatusOK, StatusImpaired, StatusInitializing, StatusInsufficientData:
		default:
			return false
		}
	}
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	inst := s.compute.stores.Get(account, region).instances[id]
	if inst == nil || inst.state != "running" {
		return false
	}
	if system != "" {
		inst.checks.system = system
	}
	if instance != "" {
		inst.checks.instance = instance
	}
	if (system == StatusImpaired || instance == StatusImpaired) && inst.checks.impairedSince.IsZero() {
		inst.checks.impairedSince = s.compute.house.now
	}
	return true
}

type statusDetail struct {
	Name          string `xml:"name"`
	Status        string `xml:"status"`
	ImpairedSince string `xml:"impairedSince,omitempty"`
}

type statusSummary struct {
	Status  string         `xml:"status"`
	Details []statusDetail `xml:"details>item"`
}

type instanceStatusItem struct {
	InstanceID       string        `xml:"instanceId"`
	AvailabilityZone string        `xml:"availabilityZone"`
	ZoneID           string        `xml:"availabilityZoneId"`
	InstanceState    instanceState `xml:"instanceState"`
	SystemStatus     statusSummary `xml:"systemStatus"`
	InstanceStatus   statusSummary `xml:"instanceStatus"`
}

// summary is one check as DescribeInstanceStatus writes it: a status and
// its reachability detail (passed, failed, initializing,
// insufficient-data); an instance that is not running has neither check
// (not-applicable).
func summary(inst *instance, status string, since time.Time) statusSummary {
	if inst.state != "running" || status == "" {
		return statusSummary{Status: "not-applicable"}
	}
	d := statusDetail{Name: "reachability", Status: map[string]string{StatusOK: "passed", StatusImpaired: "failed",
		StatusInitializing: "initializing", StatusInsufficientData: "insufficient-data"}[status]}
	if status == StatusImpaired && !since.IsZero() {
		d.ImpairedSince = since.UTC().Format(xmlTime)
	}
	return statusSummary{Status: status, Details: []statusDetail{d}}
}

func (s *Backend) instanceStatusXML(inst *instance, zoneID string) instanceStatusItem {
	return instanceStatusItem{InstanceID: inst.id, AvailabilityZone: inst.zone, ZoneID: zoneID,
		InstanceState:  stateOf(inst.state),
		SystemStatus:   summary(inst, inst.checks.system, inst.checks.impairedSince),
		InstanceStatus: summary(inst, inst.checks.instance, inst.checks.impairedSince)}
}

type describeInstanceStatusResponse struct {
	XMLName   xml.Name             `xml:"DescribeInstanceStatusResponse"`
	Xmlns     string               `xml:"xmlns,attr"`
	RequestID string               `xml:"requestId"`
	Statuses  []instanceStatusItem `xml:"instanceStatusSet>item"`
	NextToken string               `xml:"nextToken,omitempty"`
}

// describeInstanceStatus answers DescribeInstanceStatus (EC2 API
// Reference): running instances only unless IncludeAllInstances is true;
// InstanceId.N cannot be combined with MaxResults (5-1000); Filter.N on
// zone, state and the checks. The fake schedules no events, so the
// event.* filters match nothing.
func (s *Backend) describeInstanceStatus(w http.ResponseWriter, r *fake.Request) error {
	fs, err := filters(r.Params, "availability-zone", "availability-zone-id", "event.code", "event.description",
		"event.instance-event-id", "event.not-after", "event.not-before", "event.not-before-deadline", "instance-state-code",
		"instance-state-name", "instance-status.reachability", "instance-status.status", "operator.managed",
		"system-status.reachability", "system-status.status")
	if err != nil {
		return err
	}
	st := s.store(r)
	ids := list(r.Params, "InstanceId")
	if len(ids) > 0 && r.Params.Has("MaxResults") {
		return ec2Error("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults")
	}
	insts, err := st.instancesByID(ids)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		for _, id := range st.order {
			insts = append(insts, st.instances[id])
		}
	}
	all := boolParam(r.Params, "IncludeAllInstances")
	zoneIDs := s.zoneIDs(r.Region)
	var items []instanceStatusItem
	for _, inst := range insts {
		if inst.state != "running" && !all {
			continue
		}
		it := s.instanceStatusXML(inst, zoneIDs[inst.zone])
		ok := matchResource(fs, nil, func(name string) []string {
			detail := func(sum statusSummary) []string {
				if len(sum.Details) == 0 {
					return nil
				}
				return []string{sum.Details[0].Status}
			}
			switch name {
			case "instance-status.reachability":
				return detail(it.InstanceStatus)
			case "system-status.reachability":
				return detail(it.SystemStatus)
			}
			return []string{map[string]string{"availability-zone": inst.zone, "availability-zone-id": it.ZoneID,
				"instance-state-code": strconv.Itoa(it.InstanceState.Code), "instance-state-name": inst.state,
				"instance-status.status": it.InstanceStatus.Status, "system-status.status": it.SystemStatus.Status,
				"operator.managed": "false"}[name]}
		})
		if ok {
			items = append(items, it)
		}
	}
	items, next, err := page(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeInstanceStatusResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID,
		Statuses: items, NextToken: next})
}
