package render

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel runs f(0) … f(n−1) at once, f(0) on the calling goroutine.
func parallel(n int, f func(k int)) {
	if n <= 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for k := 1; k < n; k++ {
		wg.Go(func() { f(k) })
	}
	f(0)
	wg.Wait()
}

// each calls f(i) for i in [0, n) on up to runtime.GOMAXPROCS(0)
// goroutines, taking the items in order from a shared counter, when
// there are at least least items per goroutine; else on the caller's.
func each(n, least int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if least > 0 {
		workers = max(1, min(workers, n/least))
	}
	var next atomic.Int64
	parallel(workers, func(int) {
		for {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			f(i)
		}
	})
}

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
