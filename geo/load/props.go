package load

import (
	"slices"
	"sort"
	"sync/atomic"

	"github.com/paulmach/orb/geojson"
)

// Props holds the properties of a file's features as compact JSON text
// (Options.LazyProperties), decoded when asked for. A properties map per
// feature costs about 340 bytes however small it is (a Go map's header
// and first group of eight slots): 3 million points with one property
// each needed 1 GB of maps for a 291 MB file. As text they take about
// what the file spends on them, plus 4 bytes a feature.
//
// Props is aligned with Result.Features as loaded; it is safe for
// concurrent use.
type Props struct {
	parts []propPart
	n     int
	feats []*geojson.Feature
	// keys holds every top-level key seen, up to maxKeys of them.
	keys    map[string]struct{}
	allKeys bool // keys holds every key of the file
	// last is the index Index found last: the window asks about the
	// selected feature again and again, and walks ask in order.
	last atomic.Int64
}

// propPart is the properties of consecutive features read by one decoder
// (a big file is read by two): feature first+k's object is text[ends[k-1]:ends[k]]
// (from 0 for k = 0); empty for a feature without properties.
type propPart struct {
	first int
	text  []byte
	ends  []uint32
}

// maxKeys bounds the key set: a file whose properties are keyed by ids
// would otherwise grow it without limit.
const maxKeys = 1024

// Len is the number of features.
func (p *Props) Len() int {
	if p == nil {
		return 0
	}
	return p.n
}

// raw returns feature i's properties object, or nil for none.
func (p *Props) raw(i int) []byte {
	if p == nil || i < 0 || i >= p.n {
		return nil
	}
	k := sort.Search(len(p.parts), func(k int) bool { return p.parts[k].first > i }) - 1
	if k < 0 {
		return nil
	}
	pt := &p.parts[k]
	j := i - pt.first
	start := uint32(0)
	if j > 0 {
		start = pt.ends[j-1]
	}
	return pt.text[start:pt.ends[j]]
}

// Map decodes feature i's properties into a new map, as the eager loader
// would have made it: an empty map for null or absent properties.
func (p *Props) Map(i int) geojson.Properties {
	b := p.raw(i)
	if len(b) == 0 {
		return geojson.Properties{}
	}
	s := scanner{d: b}
	v, _ := s.value() // the text was checked when the file was read
	m, _ := v.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return geojson.Properties(m)
}

// Value decodes the one property key of feature i (the last, when a key
// repeats, as in Map); nil when it is absent.
func (p *Props) Value(i int, key string) any {
	b := p.raw(i)
	if len(b) == 0 {
		return nil
	}
	s := scanner{d: b}
	at := -1
	s.object(func(k []byte, v int) bool {
		if string(k) == key {
			at = v
		}
		return s.skip()
	})
	if at < 0 {
		return nil
	}
	s.i = at
	v, _ := s.value()
	return v
}

// HasKey reports whether some feature may have property key: false only
// when no feature of the file has it.
func (p *Props) HasKey(key string) bool {
	if p == nil {
		return false
	}
	if _, ok := p.keys[key]; ok {
		return true
	}
	return !p.allKeys
}

// Keys returns the property keys of the file, sorted, and whether that
// is all of them (a file with over a thousand distinct keys lists the
// first thousand).
func (p *Props) Keys() ([]string, bool) {
	if p == nil {
		return nil, true
	}
	out := make([]string, 0, len(p.keys))
	for k := range p.keys {
		out = append(out, k)
	}
	slices.Sort(out)
	return out, p.allKeys
}

// Index returns the index of feature f, or -1 when it is not one of the
// file's features.
func (p *Props) Index(f *geojson.Feature) int {
	if p == nil || f == nil {
		return -1
	}
	// The one asked about last, or the next one (a walk in order).
	last := int(p.last.Load())
	for i := last; i < min(last+2, len(p.feats)); i++ {
		if p.feats[i] == f {
			p.last.Store(int64(i))
			return i
		}
	}
	i := slices.Index(p.feats, f)
	if i >= 0 {
		p.last.Store(int64(i))
	}
	return i
}

// propsBuilder collects a decoder's properties text.
type propsBuilder struct {
	done []propPart
	cur  propPart
	keys map[string]struct{}
	more bool // keys were left out at maxKeys
}

// add appends one feature's properties object (raw JSON, checked; nil for
// none), without the white space between tokens.
func (b *propsBuilder) add(raw []byte) {
	in := false
	t := b.cur.text
	start := len(t)
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if in {
			t = append(t, c)
			switch c {
			case '\\':
				i++
				t = append(t, raw[i])
			case '"':
				in = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			in = true
		}
		t = append(t, c)
	}
	if len(t)-start == 2 { // "{}": as none
		t = t[:start]
	}
	b.cur.text = t
	b.cur.ends = append(b.cur.ends, uint32(len(t)))
	if len(t) >= partText || len(b.cur.ends) >= partText/4 {
		// A new part rather than a bigger array: see chunks.
		n := b.count()
		b.done = append(b.done, b.cur)
		b.cur = propPart{first: n}
	}
}

// partText is the size from which a part is closed and the next begun.
const partText = 1 << 18

// key notes a top-level property key.
func (b *propsBuilder) key(k []byte) {
	if _, ok := b.keys[string(k)]; ok || b.more {
		return
	}
	if len(b.keys) >= maxKeys {
		b.more = true
		return
	}
	if b.keys == nil {
		b.keys = map[string]struct{}{}
	}
	b.keys[string(k)] = struct{}{}
}

// count is the number of features added.
func (b *propsBuilder) count() int {
	n := len(b.cur.ends)
	for _, p := range b.done {
		n += len(p.ends)
	}
	return n
}

// take appends the features of t, a decoder that read on from where b
// stopped.
func (b *propsBuilder) take(t *propsBuilder) {
	first := b.count()
	if len(b.cur.ends) > 0 {
		b.done = append(b.done, b.cur)
	}
	b.cur = propPart{}
	for _, p := range append(t.done, t.cur) {
		if len(p.ends) == 0 {
			continue
		}
		p.first = first
		first += len(p.ends)
		b.done = append(b.done, p)
	}
	for k := range t.keys {
		b.key([]byte(k))
	}
	b.more = b.more || t.more
}

// props finishes the builder for the features feats.
func (b *propsBuilder) props(feats []*geojson.Feature) *Props {
	parts := b.done
	if len(b.cur.ends) > 0 {
		b.cur.first = b.count() - len(b.cur.ends)
		parts = append(parts, b.cur)
	}
	p := &Props{parts: parts, n: b.count(), feats: feats, keys: b.keys, allKeys: !b.more}
	return p
}
