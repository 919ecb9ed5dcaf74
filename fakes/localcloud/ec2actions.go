package localcloud

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/goboto/goboto/cloudwatch/cloudwatchtest"
	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
)

// CloudWatch's EC2 actions (User Guide, "Create alarms to stop,
// terminate, reboot, or recover an EC2 instance") act on the instance
// the alarm's InstanceId dimension names, which PutMetricAlarm made sure
// every alarm carrying one has. They run through EC2's own API on the
// account's behalf (ec2test.Backend.Call), so EC2's checks and errors are
// the real ones: stopping an instance-store instance, or one already
// terminated, fails with EC2's answer, recorded in the alarm's history.

// ec2Verbs maps the action an ARN names to the EC2 action that does it.
var ec2Verbs = map[string]string{"stop": "StopInstances", "terminate": "TerminateInstances", "reboot": "RebootInstances", "recover": ""}

// ec2AlarmAction runs an EC2 alarm action on the alarm's instance: stop,
// terminate and reboot as StopInstances, TerminateInstances and
// RebootInstances; recover as recoverInstance does.
func (c *Cloud) ec2AlarmAction(a cloudwatchtest.AlarmAction) error {
	verb, ok := cloudwatchtest.EC2ActionVerb(a.Action)
	if _, known := ec2Verbs[verb]; !ok || !known {
		service := strings.SplitN(a.Action, ":", 4)[2]
		return fmt.Errorf("the local cloud runs no %s actions other than EC2's", service)
	}
	id := a.Dimensions["InstanceId"]
	if id == "" {
		// PutMetricAlarm refuses this; a handler called by hand may not.
		return errors.New("the alarm has no InstanceId dimension: an EC2 action can only be used if the alarm is monitoring an EC2 instance")
	}
	if verb == "recover" {
		return c.recoverInstance(a, id)
	}
	_, err := c.ec2.Call(a.Account, a.Region, a.Time, ec2Verbs[verb], url.Values{"InstanceId.1": {id}})
	return ec2Failure(verb, id, err)
}

// ec2Failure words EC2's refusal of an action on instance id for the
// alarm's history, with EC2's code and message; nil for none.
func ec2Failure(verb, id string, err error) error {
	if err == nil {
		return nil
	}
	var fe *fake.Error
	if errors.As(err, &fe) {
		return actionFailed(verb, id, "%s: %s", fe.Code, fe.Message)
	}
	return actionFailed(verb, id, "%v", err)
}

// actionFailed is the error of an EC2 action on instance id, as the
// alarm's history records it.
func actionFailed(verb, id, format string, args ...any) error {
	return fmt.Errorf("%s EC2 instance %s: %s", verb, id, fmt.Sprintf(format, args...))
}

// recoverInstance runs the recover action. AWS's CloudWatch action based
// recovery moves an instance whose system status check failed to another
// host, keeping its ID, addresses and volumes, and "can only operate if
// an instance is in the running state" (EC2 User Guide, "Configure
// CloudWatch action based recovery"; "Automatic instance recovery":
// it is "designed to restore instance availability when AWS detects an
// underlying hardware or software issue that causes a system status
// check to fail"). The local cloud has no hosts, so it recovers what it
// can see: a running instance whose system check EC2 reports impaired
// (ec2test.Backend.SetInstanceStatus) has that check set back to ok,
// the instance otherwise untouched; any other instance is not recovered
// and the action fails, saying why. It does not check AWS's other
// requirements (instance type, tenancy, no instance store volumes).
func (c *Cloud) recoverInstance(a cloudwatchtest.AlarmAction, id string) error {
	body, err := c.ec2.Call(a.Account, a.Region, a.Time, "DescribeInstanceStatus",
		url.Values{"InstanceId.1": {id}, "IncludeAllInstances": {"true"}})
	if err != nil {
		return ec2Failure("recover", id, err)
	}
	var resp struct {
		Statuses []struct {
			State  string `xml:"instanceState>name"`
			System string `xml:"systemStatus>status"`
		} `xml:"instanceStatusSet>item"`
	}
	if err := xml.Unmarshal(body, &resp); err != nil || len(resp.Statuses) != 1 {
		return actionFailed("recover", id, "EC2 gave no status for it")
	}
	st := resp.Statuses[0]
	switch {
	case st.State != "running":
		return actionFailed("recover", id, "the instance is %s, and only a running instance can be recovered", st.State)
	case st.System != ec2test.StatusImpaired:
		return actionFailed("recover", id, "its system status check is %s, and recovery acts only on a failed (impaired) one", st.System)
	}
	if !c.ec2.SetInstanceStatus(a.Account, a.Region, id, ec2test.StatusOK, "") {
		return actionFailed("recover", id, "the instance is no longer running")
	}
	return nil
}
