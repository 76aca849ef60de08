package load

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestNumberMatchesStrconv: the fast path must give exactly strconv's
// float64 for every form of number.
func TestNumberMatchesStrconv(t *testing.T) {
	cases := []string{"0", "-0", "1", "-1", "0.5", "117.70497704977049", "4.162900023240738", "-179.99999999999997",
		"1e5", "1.5E-3", "-2.5e+10", "9007199254740993", "90071992547409931", "0.000000000000000000000001",
		"123456789012345678901234567890", "1.7976931348623157e308", "5e-324", "43.6500", "51.1667"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		v := (r.Float64()*2 - 1) * math.Pow(10, float64(r.IntN(6)))
		cases = append(cases, strconv.FormatFloat(v, 'f', -1, 64), strconv.FormatFloat(v, 'f', r.IntN(12), 64))
	}
	for _, c := range cases {
		s := scanner{d: []byte(c)}
		got, ok := s.number()
		want, err := strconv.ParseFloat(c, 64)
		if !ok || err != nil || math.Float64bits(got) != math.Float64bits(want) || s.i != len(c) {
			t.Errorf("number(%q) = %v %v, strconv %v %v", c, got, ok, want, err)
		}
	}
	for _, bad := range []string{"-", "01", "1.", ".5", "1e", "+1", "1e+", "-a"} {
		s := scanner{d: []byte(bad + "]")}
		if _, ok := s.number(); ok && s.i == len(bad) {
			t.Errorf("number(%q) accepted", bad)
		}
	}
}
