package render

import "sync/atomic"

// uids hands out the numbers that name layers and flows in cache keys:
// an address can be reused by a new object once the old one is freed.
var uids atomic.Uint64

// uid returns the number in *u, giving it one the first time.
func uid(u *atomic.Uint64) uint64 {
	if v := u.Load(); v != 0 {
		return v
	}
	u.CompareAndSwap(0, uids.Add(1))
	return u.Load()
}
