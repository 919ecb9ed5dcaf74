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
// Unlike a request, Call evaluates no alarm and so runs no alarm action:
// the caller may hold its own locks while it calls, with no action
// calling back into it. The next request to the region evaluates.
func (b *Backend) Call(account, region string, now time.Time, action string, params url.Values) ([]byte, error) {
	svc := b.Service()
	svc.Protocol = fake.Query
	return fake.Invoke(svc, account, region, now, action, params)
}
