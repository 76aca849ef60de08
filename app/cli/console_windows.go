//go:build windows

package cli

import (
	"os"
	"syscall"
)

// The Windows build is a GUI-subsystem program (no console window flashes
// up when the map is opened from the Start menu), so Windows gives it no
// console, and `corridor-atlas layers` typed in cmd.exe or PowerShell would
// print nothing. When started from a console, write to that console;
// output redirected to a file or pipe is left alone.
func init() {
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS (DWORD -1)
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // no parent console: started from Explorer
	}
	for _, std := range []struct {
		f    **os.File
		name string
	}{{&os.Stdout, "CONOUT$"}, {&os.Stderr, "CONOUT$"}, {&os.Stdin, "CONIN$"}} {
		if _, err := (*std.f).Stat(); err == nil {
			continue // already redirected somewhere valid
		}
		if f, err := os.OpenFile(std.name, os.O_RDWR, 0); err == nil {
			*std.f = f
		}
	}
}
