package cloudwatchtest

import (
	"net/url"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Call runs one CloudWatch action (PutMetricAlarm, DeleteAlarms,
// DescribeAlarms, ...) for account in region, in the Query protocol's
// parameters, as another AWS service does on the account's behalf:
// through the same checks as a signed request, at time now. It returns
// CloudWatch's Query XML answer, or the error CloudWatch answers (a
// *fakes.Error with CloudWatch's Query code, such as ResourceNotFound).
// The AutoScaling fake makes and deletes a target tracking policy's
// alarms through it (autoscaletest.WithCloudWatch).
//
// Unlike a request, Call evaluates no alarm, so that the caller may hold
// its own locks while it calls with no alarm action calling back into
// it; the next request to the region evaluates. Of the actions only
// SetAlarmState runs alarm actions (those of the state it sets), which
// a caller under its own locks must not call.
func (b *Backend) Call(account, region string, now time.Time, action string, params url.Values) ([]byte, error) {
	svc := b.Service()
	svc.Protocol = fake.Query
	return fake.Invoke(svc, account, region, now, action, params)
}
