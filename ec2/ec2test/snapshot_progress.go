package ec2test

import "strconv"

// SnapshotSteps is how many Steps a new snapshot takes to complete under
// manual transitions. Its progress climbs by an equal share each Step
// (0%, 25%, 50%, 75%) while it is "pending", and the last Step makes it
// "completed" at "100%". Without manual transitions it completes before
// the next request, as every transition does. EC2's progress follows the
// data copied, so its steps are neither equal nor predictable.
const SnapshotSteps = 4

// progressSteps returns the steps of sn's way from pending to completed.
func (sn *snapshot) progressSteps() []func() {
	steps := make([]func(), 0, SnapshotSteps)
	for i := 1; i < SnapshotSteps; i++ {
		pct := strconv.Itoa(i*100/SnapshotSteps) + "%"
		steps = append(steps, func() { sn.progress = pct })
	}
	return append(steps, func() { sn.state, sn.progress = "completed", "100%" })
}
