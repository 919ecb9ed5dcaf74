//go:build !linux

package suite_test

import "os/exec"

// setDeathSignal does nothing where the OS offers no parent-death signal;
// the test's cleanup stops MinIO.
func setDeathSignal(*exec.Cmd) {}
