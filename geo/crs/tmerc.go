package crs

import "math"

// tmerc is the Transverse Mercator projection by Krüger's series in the
// third flattening n, to sixth order: accurate to well under a millimetre
// within 4000 km of the central meridian (Karney 2011), as PROJ's default
// tmerc. lam0 and phi0 are the natural origin in radians.
type tmerc struct {
	lam0, k0, fe, fn float64
	e                float64 // first eccentricity
	a1               float64 // rectifying radius A
	alpha, beta      [6]float64
	xi0              float64 // the origin latitude's ξ, so northings start there
}

func newTmerc(el Ellipsoid, lam0, phi0, k0, fe, fn float64) *tmerc {
	n := el.F / (2 - el.F)
	n2 := n * n
	n3, n4, n5, n6 := n2*n, n2*n2, n2*n2*n, n2*n2*n2
	t := &tmerc{lam0: lam0, k0: k0, fe: fe, fn: fn, e: math.Sqrt(el.e2())}
	t.a1 = el.A / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	t.alpha = [6]float64{
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	t.beta = [6]float64{
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	if phi0 != 0 {
		t.xi0, _ = t.series(phi0, 0)
	}
	return t
}

// series maps longitude offset dlam and latitude phi to ξ, η.
func (t *tmerc) series(phi, dlam float64) (xi, eta float64) {
	// τ' = tan of the conformal latitude.
	sphi := math.Sin(phi)
	tau := math.Tan(phi)
	sig := math.Sinh(t.e * math.Atanh(t.e*sphi))
	taup := tau*math.Sqrt(1+sig*sig) - sig*math.Sqrt(1+tau*tau)
	sl, cl := math.Sincos(dlam)
	xip := math.Atan2(taup, cl)
	etap := math.Asinh(sl / math.Hypot(taup, cl))
	xi, eta = xip, etap
	for j, a := range t.alpha {
		k := float64(2 * (j + 1))
		s, c := math.Sincos(k * xip)
		xi += a * s * math.Cosh(k*etap)
		eta += a * c * math.Sinh(k*etap)
	}
	return xi, eta
}

func (t *tmerc) forward(lam, phi float64) (x, y float64) {
	xi, eta := t.series(phi, normLon(lam-t.lam0))
	return t.fe + t.k0*t.a1*eta, t.fn + t.k0*t.a1*(xi-t.xi0)
}

func (t *tmerc) inverse(x, y float64) (lam, phi float64) {
	xi := (y-t.fn)/(t.k0*t.a1) + t.xi0
	eta := (x - t.fe) / (t.k0 * t.a1)
	// Beyond a pole, or so far from the central meridian that the series
	// no longer holds (η = 1.5 is 60° of longitude at the equator): no
	// place on earth.
	if math.Abs(xi) > math.Pi/2+1e-9 || math.Abs(eta) > 1.5 {
		return math.NaN(), math.NaN()
	}
	xip, etap := xi, eta
	for j, b := range t.beta {
		k := float64(2 * (j + 1))
		s, c := math.Sincos(k * xi)
		xip -= b * s * math.Cosh(k*eta)
		etap -= b * c * math.Sinh(k*eta)
	}
	sxi, cxi := math.Sincos(xip)
	she := math.Sinh(etap)
	taup := sxi / math.Hypot(she, cxi)
	lam = t.lam0 + math.Atan2(she, cxi)
	return normLon(lam), math.Atan(tauFromConformal(taup, t.e))
}

// tauFromConformal solves τ' = τ√(1+σ²) − σ√(1+τ²), σ = sinh(e·atanh(eτ/√(1+τ²))),
// for τ = tan φ by Newton's method (Karney 2011, eqs. 19–21): two or
// three steps reach double precision.
func tauFromConformal(taup, e float64) float64 {
	e2 := e * e
	tau := taup / (1 - e2)
	for range 8 {
		t1 := math.Hypot(1, tau)
		sig := math.Sinh(e * math.Atanh(e*tau/t1))
		ti := tau*math.Hypot(1, sig) - sig*t1
		d := (taup - ti) / math.Hypot(1, ti) * (1 + (1-e2)*tau*tau) / ((1 - e2) * t1)
		tau += d
		if math.Abs(d) < 1e-14*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}

// normLon brings a longitude difference into −π..π.
func normLon(l float64) float64 {
	if l > math.Pi || l < -math.Pi {
		l = math.Remainder(l, 2*math.Pi)
	}
	return l
}
