package i18n

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// printer formats numbers the way l writes them: decimal comma in German
// and Russian, and each language's grouping.
func (l Lang) printer() *message.Printer { return message.NewPrinter(l.Tag()) }

// Decimal writes v with exactly digits decimals in l: "1.39", "1,39".
func (l Lang) Decimal(v float64, digits int) string {
	return l.printer().Sprint(number.Decimal(v, number.Scale(digits)))
}

// Number writes v with at most digits decimals and no trailing zeros,
// grouped as l groups thousands: "77,000", "77.000", "77 000".
func (l Lang) Number(v float64, digits int) string {
	return l.printer().Sprint(number.Decimal(v, number.MaxFractionDigits(digits)))
}

// Year writes a calendar year, never grouped ("2023", not "2.023"), and a
// fractional one to the hundredth the timeline steps in ("2023.5" in
// English, "2023,5" in German and Russian). It cuts rather than rounds,
// so 2022.999 reads 2022.99 and never 2023, a year whose flows may not
// be drawn yet.
func (l Lang) Year(t float64) string {
	h := math.Floor(t*100 + 1e-6) // 1e-6: 2022.99 is 202298.99999… hundredths
	s := strings.TrimRight(strings.TrimRight(strconv.FormatFloat(h/100, 'f', 2, 64), "0"), ".")
	if l != EN {
		s = strings.Replace(s, ".", l.decimalSep(), 1)
	}
	return s
}

// decimalSep is l's decimal separator.
func (l Lang) decimalSep() string {
	s := l.Decimal(1.5, 1)
	return strings.Trim(s, "15")
}

// Unit is a unit's usual abbreviation in l: "Mt" is "Mio. t" in German and
// "млн т" in Russian. Units the app does not know (from a user's flow
// data) are written as given.
func (l Lang) Unit(unit string) string {
	k := "unit." + unit
	if Words.Has(EN, k) {
		return l.T(k)
	}
	return unit
}

// Amount writes a flow value the way labels and panels show it: "1.39
// Mt", "≈1,50 Mio. t", and "2,3 Tsd. t" in kilotonnes for what a
// hundredth of a megatonne would hide. unit is the flow's unit ("Mt/yr");
// the rate is the flow's, so the amount names the quantity alone. Only
// the precision shown changes, never the figure.
func (l Lang) Amount(v float64, unit string, approx bool) string {
	u := strings.TrimSuffix(unit, "/yr")
	var s string
	if u == "Mt" && v > 0 && v < 0.1 {
		kt := v * 1000
		digits := 3
		if r := strconv.FormatFloat(kt, 'f', -1, 64); len(r) > 5 {
			digits = 1 // 2.3456 kt: a tenth is the precision the label has room for
		}
		s, u = l.Number(kt, digits), "kt"
	} else {
		s = l.Decimal(v, 2)
	}
	if approx {
		s = "≈" + s
	}
	return s + " " + l.Unit(u)
}

// Kind is a figure kind's word in l: actual, estimate, plan, forecast are
// Ist, Schätzung, Plan, Prognose and факт, оценка, план, прогноз.
func (l Lang) Kind(kind string) string { return l.T("figure." + kind) }

// Figure writes a published figure with its year and kind, as labels
// name it: "1.39 Mt (2023, actual)", "1,39 Mio. t (2023, Ist)",
// "1,39 млн т (2023, факт)".
func (l Lang) Figure(v float64, unit string, approx bool, year float64, kind string) string {
	return l.T("figure.label", map[string]string{"Amount": l.Amount(v, unit, approx), "Year": l.Year(year), "Kind": l.Kind(kind)})
}

// Km writes a length: whole kilometres from 100 km, tenths below, metres
// under one kilometre ("1,638 km", "12,5 km", "800 m").
func (l Lang) Km(k float64) string {
	switch {
	case k >= 100:
		return l.Number(math.Round(k), 0) + " " + l.Unit("km")
	case k >= 1:
		return l.Decimal(k, 1) + " " + l.Unit("km")
	}
	return l.Number(math.Round(k*1000), 0) + " " + l.Unit("m")
}

// Date writes an ISO date as precise as the source gave it: "2024-01-15"
// is "15 Jan 2024", "15.01.2024", "15.01.2024"; "2025-10" is "Oct 2025",
// "Okt. 2025", "окт. 2025"; a year stays a year. Anything else (a
// source's own wording) is returned as it is.
func (l Lang) Date(iso string) string {
	parts := strings.Split(iso, "-")
	num := func(s string, n int) (int, bool) {
		v, err := strconv.Atoi(s)
		return v, err == nil && len(s) == n
	}
	switch len(parts) {
	case 1:
		if _, ok := num(parts[0], 4); ok {
			return iso
		}
	case 2:
		y, ok1 := num(parts[0], 4)
		m, ok2 := num(parts[1], 2)
		if ok1 && ok2 && m >= 1 && m <= 12 {
			return l.T("date.month", map[string]string{"Month": l.T("month." + strconv.Itoa(m)), "Year": strconv.Itoa(y)})
		}
	case 3:
		y, ok1 := num(parts[0], 4)
		m, ok2 := num(parts[1], 2)
		d, ok3 := num(parts[2], 2)
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return l.T("date.day", map[string]string{"Day": strconv.Itoa(d), "DD": parts[2], "MM": parts[1],
				"Month": l.T("month." + strconv.Itoa(m)), "Year": strconv.Itoa(y)})
		}
	}
	return iso
}
