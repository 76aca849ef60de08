package csvgeo

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// parseNumber reads a number as spreadsheets write it: "43.6352",
// "43,6352" when decimal commas are in use, with thousands separators
// ("1.234,5", "1,234.5", "1 234,5").
func parseNumber(s string, decimalComma bool) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return 0, false
	}
	if plainNumber(s) {
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil && !math.IsInf(v, 0)
	}
	s = spaceMinus.Replace(s)
	if strings.ContainsAny(s, " '") && thousands.MatchString(s) {
		s = groupMarks.Replace(s)
	}
	hasComma, hasDot := strings.Contains(s, ","), strings.Contains(s, ".")
	switch {
	case hasComma && hasDot:
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
			s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".") // 1.234,5
		} else {
			s = strings.ReplaceAll(s, ",", "") // 1,234.5
		}
	case hasComma:
		if !decimalComma || strings.Count(s, ",") > 1 {
			return 0, false
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// plainNumber reports text of only ASCII digits, one dot, a leading
// minus and an exponent: what most cells hold, read without the
// spreadsheet rules.
func plainNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}

var (
	thousands = regexp.MustCompile(`^-?\d{1,3}([ '\x{00a0}]\d{3})+([.,]\d+)?$`)
	// spaceMinus drops the no-break spaces spreadsheets group digits with
	// and reads a typographic minus.
	spaceMinus = strings.NewReplacer("\u00a0", "", "\u202f", "", "\u2212", "-")
	groupMarks = strings.NewReplacer(" ", "", "'", "")
)

// dms reads degrees, minutes and seconds with a hemisphere letter:
// 41°12'30.5"N, 41 12 30.5 N, N41°12.5', 49°52′E, 41.5S. axis is 'y' for
// latitude (N/S, С/Ю) or 'x' for longitude (E/W, В/З).
func dms(s string, axis byte, decimalComma bool) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	sign := 1.0
	hemi := func(r string) bool {
		switch strings.ToUpper(r) {
		case "N", "С":
			return axis == 'y'
		case "S", "Ю":
			sign = -1
			return axis == 'y'
		case "E", "В", "O": // O: German "Ost"
			return axis == 'x'
		case "W", "З":
			sign = -1
			return axis == 'x'
		}
		return false
	}
	found := false
	if m := dmsHemi.FindStringSubmatch(s); m != nil && m[1]+m[3] != "" {
		if m[1] != "" && m[3] != "" || !hemi(m[1]+m[3]) {
			return 0, false
		}
		s, found = m[2], true
	}
	parts := dmsSplit.Split(strings.TrimSpace(s), -1)
	var nums []float64
	for _, p := range parts {
		if p == "" {
			continue
		}
		v, ok := parseNumber(p, decimalComma)
		if !ok {
			return 0, false
		}
		nums = append(nums, v)
	}
	if len(nums) == 0 || len(nums) > 3 || (!found && len(nums) == 1) {
		return 0, false // a plain number is not DMS
	}
	deg := nums[0]
	if deg < 0 {
		sign, deg = -sign, -deg
	}
	for i, v := range nums[1:] {
		if v < 0 || v >= 60 {
			return 0, false
		}
		deg += v / math.Pow(60, float64(i+1))
	}
	return sign * deg, true
}

var (
	dmsHemi  = regexp.MustCompile(`^([NSEWOnsewoСЮВЗсювз]?)\s*([^NSEWOnsewoСЮВЗсювз]+?)\s*([NSEWOnsewoСЮВЗсювз]?)$`)
	dmsSplit = regexp.MustCompile(`[°º˚′'’″"\s:]+`)
)
