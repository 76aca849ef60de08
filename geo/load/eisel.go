package load

import (
	"math"
	"math/big"
	"math/bits"
)

// The number conversion below is the Eisel–Lemire algorithm, as in Go's
// strconv, restricted to the decimal exponents coordinates use
// (10^-22..10^22). strconv cannot be handed the digits it needs: it
// re-reads the text, and that second pass was a quarter of the whole parse
// of the 107 MB benchmark (BenchmarkGeoJSON107MB, pprof). The scanner
// already has the mantissa and exponent in hand. When the fast path cannot
// decide the rounding it reports so and strconv decides.

const (
	elMinExp10 = -22
	elMaxExp10 = 22
)

// elPowers[e-elMinExp10] is 10^e as a normalised 128-bit mantissa, rounded
// down ({low, high} words), like strconv's detailedPowersOfTen. The table
// is small enough to compute exactly at start-up.
var elPowers = func() (t [elMaxExp10 - elMinExp10 + 1][2]uint64) {
	two128 := new(big.Int).Lsh(big.NewInt(1), 128)
	two127 := new(big.Int).Lsh(big.NewInt(1), 127)
	for e := elMinExp10; e <= elMaxExp10; e++ {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil)
		var m *big.Int
		if e >= 0 {
			// Shift 10^e up (or down) into [2^127, 2^128).
			m = new(big.Int).Set(p)
			for m.Cmp(two127) < 0 {
				m.Lsh(m, 1)
			}
			for m.Cmp(two128) >= 0 {
				m.Rsh(m, 1)
			}
		} else {
			// floor(2^k / 10^-e) with k chosen to land in [2^127, 2^128).
			k := 127 + p.BitLen()
			m = new(big.Int).Quo(new(big.Int).Lsh(big.NewInt(1), uint(k)), p)
			for m.Cmp(two128) >= 0 {
				k--
				m = new(big.Int).Quo(new(big.Int).Lsh(big.NewInt(1), uint(k)), p)
			}
			for m.Cmp(two127) < 0 {
				k++
				m = new(big.Int).Quo(new(big.Int).Lsh(big.NewInt(1), uint(k)), p)
			}
		}
		words := m.Bits() // little-endian words
		var lo, hi uint64
		if len(words) > 0 {
			lo = uint64(words[0])
		}
		if len(words) > 1 {
			hi = uint64(words[1])
		}
		t[e-elMinExp10] = [2]uint64{lo, hi}
	}
	return t
}()

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// eiselLemire converts man × 10^exp10 to the nearest float64, or reports
// that it cannot decide (ok false).
func eiselLemire(man uint64, exp10 int, neg bool) (float64, bool) {
	if man == 0 {
		if neg {
			return math.Copysign(0, -1), true
		}
		return 0, true
	}
	if exp10 < elMinExp10 || exp10 > elMaxExp10 {
		return 0, false
	}
	pow := elPowers[exp10-elMinExp10]
	clz := bits.LeadingZeros64(man)
	man <<= uint(clz)
	const bias = 1023
	retExp2 := uint64(217706*exp10>>16+64+bias) - uint64(clz)
	xHi, xLo := bits.Mul64(man, pow[1])
	if xHi&0x1FF == 0x1FF && xLo+man < man {
		yHi, yLo := bits.Mul64(man, pow[0])
		mergedHi, mergedLo := xHi, xLo+yHi
		if mergedLo < xLo {
			mergedHi++
		}
		if mergedHi&0x1FF == 0x1FF && mergedLo+1 == 0 && yLo+man < man {
			return 0, false
		}
		xHi, xLo = mergedHi, mergedLo
	}
	msb := xHi >> 63
	retMantissa := xHi >> (msb + 9)
	retExp2 -= 1 ^ msb
	if xLo == 0 && xHi&0x1FF == 0 && retMantissa&3 == 1 {
		return 0, false
	}
	retMantissa += retMantissa & 1
	retMantissa >>= 1
	if retMantissa>>53 > 0 {
		retMantissa >>= 1
		retExp2++
	}
	if retExp2-1 >= 0x7FF-1 {
		return 0, false
	}
	b := retExp2<<52 | retMantissa&0x000FFFFFFFFFFFFF
	if neg {
		b |= 0x8000000000000000
	}
	return math.Float64frombits(b), true
}
