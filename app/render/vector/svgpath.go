package vector

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/corridor-atlas/corridor-atlas/app/render"
)

// svgPath builds an SVG path's d attribute: absolute moves, relative
// lines and curves, in whole units of 1/q pixel. Each step is taken from
// the rounded point before it, so rounding never adds up along a line.
type svgPath struct {
	b      []byte
	q      float64
	cx, cy int64 // the current point, in units
	sx, sy int64 // where the subpath started
	last   byte  // the last command, written once for a series
}

func (s *svgPath) reset(q float64) {
	s.b, s.q, s.last = s.b[:0], q, 0
}

func (s *svgPath) unit(v float64) int64 { return int64(math.Round(v * s.q)) }

// cmd writes command c unless it repeats the last one.
func (s *svgPath) cmd(c byte) {
	if s.last != c {
		s.b = append(s.b, c)
		s.last = c
	}
}

// num writes a number of units, separated from what came before unless
// a command letter or its minus sign does it.
func (s *svgPath) num(n int64) {
	if c := s.b[len(s.b)-1]; n >= 0 && !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
		s.b = append(s.b, ' ')
	}
	s.b = appendUnits(s.b, n, s.q)
}

// appendUnits writes n/q, q a power of ten, without trailing zeros or a
// leading zero: 12.5, .5, -.25, 3.
func appendUnits(b []byte, n int64, q float64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	d := int64(q)
	whole, frac := n/d, n%d
	if whole > 0 || frac == 0 {
		b = strconv.AppendInt(b, whole, 10)
	}
	if frac == 0 {
		return b
	}
	b = append(b, '.')
	for d /= 10; d > 0 && frac > 0; d /= 10 {
		b = append(b, byte('0'+frac/d))
		frac %= d
	}
	return b
}

func (s *svgPath) moveTo(p orb.Point) {
	x, y := s.unit(p[0]), s.unit(p[1])
	s.b = append(s.b, 'M')
	s.last = 'M'
	s.num(x)
	s.num(y)
	s.cx, s.cy, s.sx, s.sy = x, y, x, y
	s.last = 0 // pairs after M would be absolute lines: the next line names its command
}

func (s *svgPath) lineTo(p orb.Point) {
	x, y := s.unit(p[0]), s.unit(p[1])
	if x == s.cx && y == s.cy {
		return
	}
	s.cmd('l')
	s.num(x - s.cx)
	s.num(y - s.cy)
	s.cx, s.cy = x, y
}

func (s *svgPath) quadTo(c, p orb.Point) {
	cx, cy, x, y := s.unit(c[0]), s.unit(c[1]), s.unit(p[0]), s.unit(p[1])
	s.cmd('q')
	s.num(cx - s.cx)
	s.num(cy - s.cy)
	s.num(x - s.cx)
	s.num(y - s.cy)
	s.cx, s.cy = x, y
}

func (s *svgPath) cubicTo(c1, c2, p orb.Point) {
	ax, ay, bx, by := s.unit(c1[0]), s.unit(c1[1]), s.unit(c2[0]), s.unit(c2[1])
	x, y := s.unit(p[0]), s.unit(p[1])
	s.cmd('c')
	s.num(ax - s.cx)
	s.num(ay - s.cy)
	s.num(bx - s.cx)
	s.num(by - s.cy)
	s.num(x - s.cx)
	s.num(y - s.cy)
	s.cx, s.cy = x, y
}

func (s *svgPath) closePath() {
	s.b = append(s.b, 'z')
	s.last = 'z'
	s.cx, s.cy = s.sx, s.sy
}

// circle is two half arcs from the leftmost point.
func (s *svgPath) circle(c orb.Point, r float64) {
	s.moveTo(orb.Point{c[0] - r, c[1]})
	d := s.unit(2 * r)
	ru := s.unit(r)
	for _, dx := range []int64{d, -d} {
		s.b = append(s.b, 'a')
		s.num(ru)
		s.num(ru)
		s.b = append(s.b, " 0 1 0"...)
		s.num(dx)
		s.b = append(s.b, " 0"...)
	}
	s.last = 'a'
	s.closePath()
}

func (s *svgPath) rect(b render.Box) {
	s.moveTo(orb.Point{b.X0, b.Y0})
	w, h := s.unit(b.X1)-s.cx, s.unit(b.Y1)-s.cy
	s.b = append(s.b, 'h')
	s.num(w)
	s.b = append(s.b, 'v')
	s.num(h)
	s.b = append(s.b, 'h')
	s.num(-w)
	s.last = 'h'
	s.closePath()
}
