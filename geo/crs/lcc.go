package crs

import "math"

// lcc is the Lambert conformal conic projection on the ellipsoid (Snyder,
// Map Projections: A Working Manual, §15), with one standard parallel
// (phi1 == phi2, scale k0 on it) or two (k0 = 1).
type lcc struct {
	e, a, n, f, rho0, lam0, k0, fe, fn float64
}

func newLCC(el Ellipsoid, lam0, phi0, phi1, phi2, k0, fe, fn float64) *lcc {
	e := math.Sqrt(el.e2())
	m := func(phi float64) float64 {
		s := math.Sin(phi)
		return math.Cos(phi) / math.Sqrt(1-e*e*s*s)
	}
	l := &lcc{e: e, a: el.A, lam0: lam0, k0: k0, fe: fe, fn: fn}
	if math.Abs(phi1-phi2) < 1e-12 {
		l.n = math.Sin(phi1)
	} else {
		l.n = (math.Log(m(phi1)) - math.Log(m(phi2))) / (math.Log(l.t(phi1)) - math.Log(l.t(phi2)))
	}
	l.f = m(phi1) / (l.n * math.Pow(l.t(phi1), l.n))
	l.rho0 = l.rho(phi0)
	return l
}

// t is Snyder's t (eq. 15-9): tan(π/4 − φ/2) over the eccentricity term.
func (l *lcc) t(phi float64) float64 {
	s := l.e * math.Sin(phi)
	return math.Tan(math.Pi/4-phi/2) / math.Pow((1-s)/(1+s), l.e/2)
}

func (l *lcc) rho(phi float64) float64 {
	if math.Abs(math.Abs(phi)-math.Pi/2) < 1e-12 {
		if phi*l.n > 0 {
			return 0
		}
		return math.Inf(1)
	}
	return l.a * l.k0 * l.f * math.Pow(l.t(phi), l.n)
}

func (l *lcc) forward(lam, phi float64) (x, y float64) {
	x, y = l.plane(normLon(lam-l.lam0), phi)
	return l.fe + x, l.fn + y
}

// plane is forward without the false origin, from the longitude east of
// the central meridian as given: not brought into ±π, so the two sides of
// a ring cut at the seam project where each belongs.
func (l *lcc) plane(dlam, phi float64) (x, y float64) {
	r := l.rho(phi)
	th := l.n * dlam
	return r * math.Sin(th), l.rho0 - r*math.Cos(th)
}

func (l *lcc) inverse(x, y float64) (lam, phi float64) {
	dlam, phi := l.unplane(x-l.fe, y-l.fn)
	return normLon(l.lam0 + dlam), phi
}

// unplane is plane's inverse.
func (l *lcc) unplane(x, y float64) (dlam, phi float64) {
	dx, dy := x, l.rho0-y
	r := math.Copysign(math.Hypot(dx, dy), l.n)
	th := math.Atan2(math.Copysign(1, l.n)*dx, math.Copysign(1, l.n)*dy)
	lam := th / l.n
	if r == 0 {
		return lam, math.Copysign(math.Pi/2, l.n)
	}
	t := math.Pow(r/(l.a*l.k0*l.f), 1/l.n)
	// Snyder eq. 7-9, iterated.
	phi = math.Pi/2 - 2*math.Atan(t)
	for range 15 {
		s := l.e * math.Sin(phi)
		next := math.Pi/2 - 2*math.Atan(t*math.Pow((1-s)/(1+s), l.e/2))
		if math.Abs(next-phi) < 1e-14 {
			return lam, next
		}
		phi = next
	}
	return lam, phi
}
