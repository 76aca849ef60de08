package render

import (
	"image/color"
	"sort"
)

// label is a text waiting for a place. Labels are collected while layers
// are drawn and placed together at the end, most important first, so a
// key port is never crowded out by a village.
type label struct {
	text    string
	x, y    float64 // anchor in image pixels
	size    float64 // logical pixels
	style   fontStyle
	col     color.NRGBA
	prio    int // lower is placed first
	centred bool
	upper   bool
	// Point labels: a dot at the anchor, drawn only when the label fits.
	dot     float64 // radius in logical pixels; 0 for none
	dotCol  color.NRGBA
	capital bool
	// offset pushes a point label away from a bigger symbol (logical px).
	offset float64
	// top labels (corridor places) are drawn again above the flow bands.
	top bool
}

// drawnText is a label as drawn, kept to draw it again on top.
type drawnText struct {
	style      fontStyle
	size, halo float64
	text       string
	x, y       float64
	col        color.NRGBA
	box        labelBox
}

func (f *frame) placeLabels() {
	sort.SliceStable(f.labels, func(a, b int) bool { return f.labels[a].prio < f.labels[b].prio })
	p := &placer{bounds: labelBox{0, 0, f.w, f.h}}
	ls := f.s.labelScale()
	for _, l := range f.labels {
		f.placeLabel(p, l, ls)
	}
	f.labels = f.labels[:0]
}

func (f *frame) placeLabel(p *placer, l label, ls float64) bool {
	text := l.text
	if l.upper {
		text = upperLabel(text)
	}
	size := l.size * f.px * ls
	face := f.r.faces.get(l.style, size)
	w, asc, desc := textBox(face, text)
	halo := 1.7 * f.px * ls
	pad := 2 * f.px
	type cand struct{ x, y float64 } // baseline start
	var cands []cand
	if l.centred {
		cands = []cand{{l.x - w/2, l.y + (asc-desc)/2}}
	} else {
		gap := (l.dot+l.offset)*f.px + 3*f.px*ls
		mid := l.y + (asc-desc)/2
		cands = []cand{
			{l.x + gap, mid},              // right
			{l.x - gap - w, mid},          // left
			{l.x - w/2, l.y - gap - desc}, // above
			{l.x - w/2, l.y + gap + asc},  // below
		}
	}
	if l.dot > 0 && !l.top && p.nearAnchor(l.x, l.y, 18*f.px) {
		// A town at a corridor port ("Aqtau" beside "Aktau"): the port's
		// label names the place already.
		return false
	}
	for _, c := range cands {
		box := labelBox{c.x - pad, c.y - asc - pad, c.x + w + pad, c.y + desc + pad}
		if !p.free(box) {
			continue
		}
		p.claim(box)
		if l.dot > 0 {
			r := l.dot * f.px
			if l.capital {
				f.c.disc(l.x, l.y, r+1.4*f.px)
				f.c.flush(l.dotCol)
				f.c.disc(l.x, l.y, r)
				f.c.flush(colHalo)
				f.c.disc(l.x, l.y, r*0.5)
				f.c.flush(l.dotCol)
			} else {
				f.c.disc(l.x, l.y, r+1*f.px)
				f.c.flush(colHalo)
				f.c.disc(l.x, l.y, r)
				f.c.flush(l.dotCol)
			}
			// The dot's own space is taken too.
			p.claim(labelBox{l.x - r, l.y - r, l.x + r, l.y + r})
		}
		drawText(f.img, face, text, c.x, c.y, l.col, withAlpha(colHalo, 0.9), halo)
		if l.top {
			f.top = append(f.top, drawnText{l.style, size, halo, text, c.x, c.y, l.col, box})
			p.anchors = append(p.anchors, [2]float64{l.x, l.y})
		}
		return true
	}
	return false
}
