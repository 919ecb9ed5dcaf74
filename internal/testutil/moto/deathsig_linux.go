package moto

import (
	"os/exec"
	"syscall"
)

// setDeathSignal kills moto if the test binary dies without cleaning up.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
