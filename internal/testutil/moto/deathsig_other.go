//go:build !linux

package moto

import "os/exec"

func setDeathSignal(*exec.Cmd) {}
