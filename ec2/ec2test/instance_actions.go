package ec2test

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// describeInstances answers DescribeInstances: InstanceId.N, Filter.N and
// MaxResults 5..1000 paging (counted in instances). Instances are grouped
// by reservation, in launch order. Terminated instances stay listed for
// TerminatedLifetime.
func (s *Backend) describeInstances(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, instanceFilterNames()...)
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
	zoneIDs := s.zoneIDs(r.Region)
	var matched []*instance
	for _, inst := range insts {
		if matchResource(fs, st.tags[inst.id], func(name string) []string {
			if name == "availability-zone-id" {
				return []string{zoneIDs[inst.zone]}
			}
			return st.instanceField(inst, name)
		}) {
			matched = append(matched, inst)
		}
	}
	matched, next, err := page(r.Params, matched, 5, 1000)
	if err != nil {
		return err
	}
	resp := describeInstancesResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, NextToken: next}
	for i := 0; i < len(matched); {
		j := i + 1
		for j < len(matched) && matched[j].reservationID == matched[i].reservationID {
			j++
		}
		resp.Reservations = append(resp.Reservations, st.reservationXML(st.reservations[matched[i].reservationID], matched[i:j]))
		i = j
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

// changeStates applies change to every instance InstanceId.N names, after
// checking that all exist and all may change, and answers their previous
// and current states.
func (s *Backend) changeStates(w http.ResponseWriter, r *fake.Request, check func(*instance) error, change func(*instance)) error {
	ids := list(r.Params, "InstanceId")
	if len(ids) == 0 {
		return missing("InstanceId")
	}
	st := s.store(r)
	insts, err := st.instancesByID(ids)
	if err != nil {
		return err
	}
	for _, inst := range insts {
		if err := check(inst); err != nil {
			return err
		}
	}
	var changes []stateChange
	for _, inst := range insts {
		prev := inst.state
		change(inst)
		changes = append(changes, stateChange{inst.id, stateOf(inst.state), stateOf(prev)})
	}
	return writeStateChanges(w, r, changes)
}

func incorrectInstanceState(inst *instance, verb string) error {
	return ec2Error("IncorrectInstanceState", "The instance '%s' is not in a state from which it can be %s.", inst.id, verb)
}

// startInstances answers StartInstances: stopped instances become pending,
// then running; running and pending ones stay as they are.
func (s *Backend) startInstances(w http.ResponseWriter, r *fake.Request) error {
	return s.changeStates(w, r, func(inst *instance) error {
		switch inst.state {
		case "stopped", "running", "pending":
			return nil
		}
		return incorrectInstanceState(inst, "started")
	}, func(inst *instance) {
		if inst.state == "stopped" {
			inst.stateReason = ""
			s.compute.start(inst.boot(inst.setState("pending"))...)
		}
	})
}

// stopInstances answers StopInstances: running instances become stopping,
// then stopped, and lose their public address. Instance-store-backed
// instances cannot be stopped.
func (s *Backend) stopInstances(w http.ResponseWriter, r *fake.Request) error {
	return s.changeStates(w, r, func(inst *instance) error {
		if inst.rootDeviceType != "ebs" {
			return ec2Error("UnsupportedOperation", "The instance '%s' does not have an 'ebs' root device type and cannot be stopped.", inst.id)
		}
		switch inst.state {
		case "running", "stopping", "stopped":
			return nil
		}
		return incorrectInstanceState(inst, "stopped")
	}, func(inst *instance) {
		if inst.state == "running" {
			inst.stateReason = "User initiated (" + inst.launchTime.UTC().Format("2006-01-02 15:04:05 GMT") + ")"
			s.compute.start(inst.then(inst.setState("stopping"), "stopped", func() { inst.publicIP = "" }))
		}
	})
}

// terminateInstances answers TerminateInstances: instances become
// shutting-down, then terminated; their delete-on-termination volumes are
// deleted and the others detached. disableApiTermination refuses it. A
// terminated instance disappears TerminatedLifetime later (expiry.go).
func (s *Backend) terminateInstances(w http.ResponseWriter, r *fake.Request) error {
	st := s.store(r)
	return s.changeStates(w, r, func(inst *instance) error {
		if inst.noTerminate {
			return ec2Error("OperationNotPermitted", "The instance '%s' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.", inst.id)
		}
		return nil
	}, func(inst *instance) {
		if inst.state == "terminated" || inst.state == "shutting-down" {
			return
		}
		inst.stateReason = "User initiated (" + r.Now.UTC().Format("2006-01-02 15:04:05 GMT") + ")"
		s.compute.start(inst.then(inst.setState("shutting-down"), "terminated", func() {
			inst.publicIP = ""
			s.compute.terminated(inst)
			for _, v := range st.devices(inst) {
				del := v.att.deleteOnTermination
				st.detach(v)
				if del {
					delete(st.volumes, v.id)
					s.compute.dropTags(st.region, v.id)
				} else {
					v.state = "available"
				}
			}
		}))
	})
}

// rebootInstances answers RebootInstances; the instance stays running.
func (s *Backend) rebootInstances(w http.ResponseWriter, r *fake.Request) error {
	ids := list(r.Params, "InstanceId")
	if len(ids) == 0 {
		return missing("InstanceId")
	}
	insts, err := s.store(r).instancesByID(ids)
	if err != nil {
		return err
	}
	for _, inst := range insts {
		if inst.state != "running" && inst.state != "pending" {
			return incorrectInstanceState(inst, "rebooted")
		}
	}
	return writeReturn(w, r)
}

type monitoringItem struct {
	InstanceID string `xml:"instanceId"`
	Monitoring struct {
		State string `xml:"state"`
	} `xml:"monitoring"`
}

type monitoringResponse struct {
	XMLName   xml.Name
	Xmlns     string           `xml:"xmlns,attr"`
	RequestID string           `xml:"requestId"`
	Items     []monitoringItem `xml:"instancesSet>item"`
}

// setMonitoring answers MonitorInstances (on) and UnmonitorInstances: the
// answer says "pending" or "disabling", and the transition settles on
// "enabled" or "disabled".
func (s *Backend) setMonitoring(w http.ResponseWriter, r *fake.Request, on bool) error {
	ids := list(r.Params, "InstanceId")
	if len(ids) == 0 {
		return missing("InstanceId")
	}
	insts, err := s.store(r).instancesByID(ids)
	if err != nil {
		return err
	}
	resp := monitoringResponse{XMLName: xml.Name{Local: r.Operation + "Response"}, Xmlns: responseNamespace(r), RequestID: r.RequestID}
	for _, inst := range insts {
		if inst.state == "terminated" || inst.state == "shutting-down" {
			return incorrectInstanceState(inst, "monitored")
		}
		via, final := "disabling", "disabled"
		if on {
			via, final = "pending", "enabled"
		}
		inst.monitoring = via
		s.compute.start(func() {
			if inst.monitoring == via {
				inst.monitoring = final
			}
		})
		it := monitoringItem{InstanceID: inst.id}
		it.Monitoring.State = via
		resp.Items = append(resp.Items, it)
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

func (s *Backend) monitorInstances(w http.ResponseWriter, r *fake.Request) error {
	return s.setMonitoring(w, r, true)
}

func (s *Backend) unmonitorInstances(w http.ResponseWriter, r *fake.Request) error {
	return s.setMonitoring(w, r, false)
}

type consoleOutputResponse struct {
	XMLName    xml.Name `xml:"GetConsoleOutputResponse"`
	Xmlns      string   `xml:"xmlns,attr"`
	RequestID  string   `xml:"requestId"`
	InstanceID string   `xml:"instanceId"`
	Timestamp  string   `xml:"timestamp"`
	Output     string   `xml:"output"`
}

// getConsoleOutput answers GetConsoleOutput with a short boot log, base64
// encoded as EC2 sends it.
func (s *Backend) getConsoleOutput(w http.ResponseWriter, r *fake.Request) error {
	id := r.Params.Get("InstanceId")
	if id == "" {
		return missing("InstanceId")
	}
	insts, err := s.store(r).instancesByID([]string{id})
	if err != nil {
		return err
	}
	inst := insts[0]
	log := "Linux version 5.10.0 (goboto ec2test)\r\n" +
		"Booting instance " + inst.id + " (" + inst.instanceType + ") in " + inst.zone + "\r\n" +
		"cloud-init: running modules for final\r\n"
	return fake.WriteXML(w, http.StatusOK, consoleOutputResponse{
		Xmlns: responseNamespace(r), RequestID: r.RequestID, InstanceID: inst.id,
		Timestamp: r.Now.UTC().Format(xmlTime), Output: base64.StdEncoding.EncodeToString([]byte(log)),
	})
}
