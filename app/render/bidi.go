package render

import (
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/text/unicode/bidi"
)

// visualOrder puts a label's runs, as go-text's segmenter returns them in
// logical order, into the order they are drawn from left to right (rule
// L2 of the Unicode bidirectional algorithm, UAX #9).
//
// The segmenter resolves each rune's direction with x/text's bidi
// package, which reports runs by direction only, not by embedding level;
// L2 needs the levels. A label is one paragraph without explicit
// embeddings, so its levels follow from the base direction (the first
// strong letter's, rules P2–P3) and the run directions, except that a
// left-to-right run of a left-to-right label may mix level 0 (Latin
// letters, neutrals) and level 2 (numbers after Hebrew or Arabic, rules
// W2, W7 and I1). Those runs are split here, so "Tel Aviv תל אביב 2" puts
// the 2 to the left of the Hebrew, as UAX #9 does.
func visualOrder(text []rune, runs []shaping.Input) []shaping.Input {
	if len(runs) == 0 {
		return runs
	}
	rtlBase := baseRTL(text)
	var pieces []shaping.Input
	var levels []int
	lastStrongR := false // rule W7: sos has the base direction (left to right here)
	for _, r := range runs {
		if r.Direction.Progression() == di.TowardTopLeft {
			pieces, levels = append(pieces, r), append(levels, 1)
			lastStrongR = true
			continue
		}
		if rtlBase {
			// Everything left to right in a right-to-left label is at
			// level 2 (rule I2).
			pieces, levels = append(pieces, r), append(levels, 2)
			continue
		}
		lv := ltrLevels(text[r.RunStart:r.RunEnd], &lastStrongR)
		from := 0
		for i := 1; i <= len(lv); i++ {
			if i == len(lv) || lv[i] != lv[from] {
				p := r
				p.RunStart, p.RunEnd = r.RunStart+from, r.RunStart+i
				pieces, levels = append(pieces, p), append(levels, lv[from])
				from = i
			}
		}
	}
	// Rule L2: from the highest level down to level 1, reverse every
	// sequence of pieces at that level or above. The shaper already
	// returns a right-to-left piece's glyphs in visual order.
	for lv := 2; lv >= 1; lv-- {
		for i := 0; i < len(pieces); {
			if levels[i] < lv {
				i++
				continue
			}
			j := i
			for j < len(pieces) && levels[j] >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				pieces[a], pieces[b] = pieces[b], pieces[a]
				levels[a], levels[b] = levels[b], levels[a]
			}
			i = j
		}
	}
	return pieces
}

// ltrLevels gives the level, 0 or 2, of each rune of a left-to-right run
// in a left-to-right label: digits after a right-to-left letter (rule W7)
// and Arabic-Indic digits are at level 2 (rule I1), with a separator
// between two of them (W4), terminators beside European ones (W5) and
// marks on them (W1); the rest is at level 0. lastStrongR tracks the last
// strong letter seen, across runs.
func ltrLevels(run []rune, lastStrongR *bool) []int {
	lv := make([]int, len(run))
	cl := make([]bidi.Class, len(run))
	for i, r := range run {
		cl[i] = class(r)
		switch cl[i] {
		case bidi.L:
			*lastStrongR = false
		case bidi.EN:
			if *lastStrongR {
				lv[i] = 2
			}
		case bidi.AN:
			lv[i] = 2
		}
	}
	num := func(i int) bool {
		return i >= 0 && i < len(run) && lv[i] == 2 && (cl[i] == bidi.EN || cl[i] == bidi.AN)
	}
	for i := range run {
		switch cl[i] {
		case bidi.ES, bidi.CS:
			if num(i-1) && num(i+1) {
				lv[i] = 2
			}
		case bidi.ET:
			if (num(i-1) && cl[i-1] == bidi.EN) || (num(i+1) && cl[i+1] == bidi.EN) {
				lv[i] = 2
			}
		case bidi.NSM:
			if i > 0 {
				lv[i] = lv[i-1]
			}
		}
	}
	return lv
}

// baseRTL reports whether a label reads right to left: its first strong
// letter is Hebrew or Arabic (rules P2 and P3).
func baseRTL(text []rune) bool {
	for _, r := range text {
		switch class(r) {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

func class(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}
