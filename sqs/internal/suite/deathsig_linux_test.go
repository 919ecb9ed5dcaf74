package suite_test

import (
	"os/exec"
	"syscall"
)

// setDeathSignal kills fauxqs if the test binary dies without cleaning up.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
