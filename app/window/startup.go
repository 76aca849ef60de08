package window

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// initTime is when this package was initialised: the earliest moment Go
// code can note, a few milliseconds after the process started.
var initTime = time.Now()

// processStart is when the process began: on Linux from /proc (the
// kernel's start time, to a clock tick), elsewhere the package's
// initialisation, which leaves out only the runtime's own start.
func processStart() time.Time {
	if runtime.GOOS != "linux" {
		return initTime
	}
	stat, err1 := os.ReadFile("/proc/self/stat")
	up, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return initTime
	}
	// Fields after the command name (which may hold spaces), from field 3.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return initTime
	}
	f := strings.Fields(s[i+1:])
	const startField = 22 - 3 // starttime is field 22
	if len(f) <= startField {
		return initTime
	}
	ticks, err := strconv.ParseFloat(f[startField], 64)
	uptime, err2 := strconv.ParseFloat(strings.Fields(string(up))[0], 64)
	if err != nil || err2 != nil {
		return initTime
	}
	const hz = 100 // USER_HZ, 100 on every Linux ABI Go supports
	age := time.Duration((uptime - ticks/hz) * float64(time.Second))
	start := time.Now().Add(-age)
	if start.After(initTime) || initTime.Sub(start) > 10*time.Second {
		return initTime // clock skew between the two files: trust our own
	}
	return start
}
