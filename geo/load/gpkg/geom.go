package gpkg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// DecodeGeometry reads a GeoPackage geometry blob: the "GP" header
// (version, flags, SRS id, optional envelope) followed by WKB. An empty
// geometry is nil. Z and M values are dropped: orb's WKB decoder reads
// 2-D WKB only, so 3-D and measured WKB (ISO types 1001–3007, or EWKB's
// flags) is first rewritten as 2-D.
func DecodeGeometry(b []byte) (orb.Geometry, int32, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, 0, errors.New(`not a GeoPackage geometry (no "GP" header)`)
	}
	if b[2] != 0 {
		return nil, 0, fmt.Errorf("GeoPackage geometry version %d; only version 1 (0) is defined", b[2])
	}
	flags := b[3]
	if flags&0x20 != 0 {
		return nil, 0, errors.New("extended GeoPackage geometry (an extension's own type) cannot be read")
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&1 == 1 {
		order = binary.LittleEndian
	}
	srs := int32(order.Uint32(b[4:]))
	envelope := [...]int{0, 32, 48, 48, 64}
	e := int(flags>>1) & 7
	if e >= len(envelope) {
		return nil, 0, fmt.Errorf("invalid envelope code %d in the geometry header", e)
	}
	body := 8 + envelope[e]
	if len(b) < body {
		return nil, 0, errors.New("geometry blob ends inside its header")
	}
	if flags&0x10 != 0 {
		return nil, srs, nil // empty
	}
	w := b[body:]
	if need2D(w) {
		var err error
		if w, err = to2D(w); err != nil {
			return nil, 0, err
		}
	}
	g, err := wkb.Unmarshal(w)
	if err != nil {
		return nil, 0, fmt.Errorf("invalid WKB: %v", err)
	}
	if isEmpty(g) {
		return nil, srs, nil
	}
	return g, srs, nil
}

// isEmpty reports a geometry with no positions: GDAL writes an empty
// point as NaN, NaN.
func isEmpty(g orb.Geometry) bool {
	if p, ok := g.(orb.Point); ok {
		return math.IsNaN(p[0]) && math.IsNaN(p[1])
	}
	return false
}

// need2D reports WKB that orb cannot read as it is: a type code with Z or
// M (ISO 1000s–3000s, EWKB flags) anywhere at its top level.
func need2D(w []byte) bool {
	if len(w) < 5 {
		return false
	}
	t := binary.LittleEndian.Uint32(w[1:])
	if w[0] == 0 {
		t = binary.BigEndian.Uint32(w[1:])
	}
	return t > 7 // a multi part or collection inside is checked by to2D
}

// maxWKBDepth bounds collections nested in collections.
const maxWKBDepth = 32

// to2D rewrites WKB with Z and M values as plain 2-D WKB in the same byte
// order. Curves and surfaces other than polygons are refused.
func to2D(w []byte) ([]byte, error) {
	out := make([]byte, 0, len(w))
	r := wkbReader{b: w}
	if err := r.geometry(&out, 0); err != nil {
		return nil, err
	}
	return out, nil
}

type wkbReader struct {
	b   []byte
	off int
}

func (r *wkbReader) need(n int) error {
	if n < 0 || r.off+n > len(r.b) || r.off+n < r.off {
		return errors.New("invalid WKB: it ends early")
	}
	return nil
}

// geometry copies one geometry from r to out as 2-D.
func (r *wkbReader) geometry(out *[]byte, depth int) error {
	if depth > maxWKBDepth {
		return errors.New("invalid WKB: collections nested too deeply")
	}
	if err := r.need(5); err != nil {
		return err
	}
	bo := r.b[r.off]
	var order byteOrder
	switch bo {
	case 0:
		order = binary.BigEndian
	case 1:
		order = binary.LittleEndian
	default:
		return fmt.Errorf("invalid WKB: byte order %d", bo)
	}
	raw := order.Uint32(r.b[r.off+1:])
	r.off += 5
	dims := 2
	t := raw
	if raw&0x80000000 != 0 { // EWKB Z
		dims++
	}
	if raw&0x40000000 != 0 { // EWKB M
		dims++
	}
	if raw&0x20000000 != 0 { // EWKB SRID
		if err := r.need(4); err != nil {
			return err
		}
		r.off += 4
	}
	t &= 0x0FFFFFFF
	switch t / 1000 {
	case 1, 2:
		dims++
	case 3:
		dims += 2
	}
	t %= 1000
	*out = append(*out, bo)
	*out = order.AppendUint32(*out, t)
	switch t {
	case 1: // point
		return r.coords(out, 1, dims)
	case 2: // linestring
		return r.counted(out, order, dims)
	case 3: // polygon: rings
		return r.list(out, order, func() error { return r.counted(out, order, dims) })
	case 4, 5, 6, 7:
		return r.list(out, order, func() error { return r.geometry(out, depth+1) })
	}
	return fmt.Errorf("WKB geometry type %d (a curve, surface or TIN) cannot be drawn", raw&0x0FFFFFFF)
}

// coords copies n positions of dims values as x, y.
func (r *wkbReader) coords(out *[]byte, n, dims int) error {
	if err := r.need(8 * dims * n); err != nil {
		return err
	}
	for range n {
		*out = append(*out, r.b[r.off:r.off+16]...)
		r.off += 8 * dims
	}
	return nil
}

// counted copies a count followed by that many positions. The count is
// checked against the bytes left before anything grows.
func (r *wkbReader) counted(out *[]byte, order byteOrder, dims int) error {
	if err := r.need(4); err != nil {
		return err
	}
	n := order.Uint32(r.b[r.off:])
	r.off += 4
	if uint64(n)*uint64(8*dims) > uint64(len(r.b)-r.off) {
		return errors.New("invalid WKB: a count runs past the end")
	}
	*out = order.AppendUint32(*out, n)
	return r.coords(out, int(n), dims)
}

// list copies a count followed by that many items read by item.
func (r *wkbReader) list(out *[]byte, order byteOrder, item func() error) error {
	if err := r.need(4); err != nil {
		return err
	}
	n := order.Uint32(r.b[r.off:])
	r.off += 4
	if uint64(n) > uint64(len(r.b)-r.off) {
		return errors.New("invalid WKB: a count runs past the end")
	}
	*out = order.AppendUint32(*out, n)
	for range n {
		if err := item(); err != nil {
			return err
		}
	}
	return nil
}

// byteOrder reads and appends in one of WKB's two byte orders.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}
