package ec2test

import (
	"net/url"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// Call runs one EC2 action (RunInstances, TerminateInstances, CreateTags,
// ...) for account in region, as another AWS service does on the
// account's behalf: through the same checks as a signed request, at time
// now. It returns EC2's XML answer, or the error EC2 answers (an
// *fake.Error with EC2's code). autoscaletest launches and terminates a
// group's instances through it.
func (s *Backend) Call(account, region string, now time.Time, action string, params url.Values) ([]byte, error) {
	return fake.Invoke(s.Service(), account, region, now, action, params)
}
