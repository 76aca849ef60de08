package shapefile

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Shape types of the specification; Z and M variants carry the same x, y
// data first.
const (
	shpNull        = 0
	shpPoint       = 1
	shpPolyLine    = 3
	shpPolygon     = 5
	shpMultiPoint  = 8
	shpPointZ      = 11
	shpPolyLineZ   = 13
	shpPolygonZ    = 15
	shpMultiPointZ = 18
	shpPointM      = 21
	shpPolyLineM   = 23
	shpPolygonM    = 25
	shpMultiPointM = 28
	shpMultiPatch  = 31
)

// baseType maps Z and M variants to their 2-D type; -1 for unknown types.
func baseType(t int32) int32 {
	switch t {
	case shpNull, shpPoint, shpPolyLine, shpPolygon, shpMultiPoint, shpMultiPatch:
		return t
	case shpPointZ, shpPointM:
		return shpPoint
	case shpPolyLineZ, shpPolyLineM:
		return shpPolyLine
	case shpPolygonZ, shpPolygonM:
		return shpPolygon
	case shpMultiPointZ, shpMultiPointM:
		return shpMultiPoint
	}
	return -1
}

// counts of what a shape read dropped or repaired, for notices.
type repairs struct {
	closed, degenerate, shortParts, orphanHoles int
}

// decodeShape reads one record's content (after the 8-byte record
// header). The geometry is nil for a null shape.
func decodeShape(c []byte, fix *repairs) (orb.Geometry, error) {
	if len(c) < 4 {
		return nil, fmt.Errorf("record is %d bytes, too short for a shape type", len(c))
	}
	t := int32(binary.LittleEndian.Uint32(c))
	switch baseType(t) {
	case shpNull:
		return nil, nil
	case shpPoint:
		if len(c) < 20 {
			return nil, fmt.Errorf("point record is %d bytes, needs 20", len(c))
		}
		return point(c[4:]), nil
	case shpMultiPoint:
		if len(c) < 40 {
			return nil, fmt.Errorf("multipoint record is %d bytes, needs at least 40", len(c))
		}
		n := binary.LittleEndian.Uint32(c[36:])
		if uint64(n)*16 > uint64(len(c)-40) {
			return nil, fmt.Errorf("multipoint claims %d points; the record holds %d", n, (len(c)-40)/16)
		}
		if n == 0 {
			return nil, nil
		}
		mp := make(orb.MultiPoint, n)
		for i := range mp {
			mp[i] = point(c[40+16*i:])
		}
		return mp, nil
	case shpPolyLine, shpPolygon:
		parts, pts, err := partsOf(c)
		if err != nil {
			return nil, err
		}
		if baseType(t) == shpPolyLine {
			return lines(parts, pts, fix), nil
		}
		return polygons(parts, pts, fix), nil
	case shpMultiPatch:
		return nil, fmt.Errorf("multipatch shapes (3-D surfaces) cannot be drawn on a map")
	}
	return nil, fmt.Errorf("unknown shape type %d", t)
}

func point(b []byte) orb.Point {
	return orb.Point{
		math.Float64frombits(binary.LittleEndian.Uint64(b)),
		math.Float64frombits(binary.LittleEndian.Uint64(b[8:])),
	}
}

// partsOf reads a polyline or polygon's parts: the points, one slice per
// part, sharing one backing array.
func partsOf(c []byte) ([][]orb.Point, []orb.Point, error) {
	if len(c) < 44 {
		return nil, nil, fmt.Errorf("record is %d bytes, too short for parts", len(c))
	}
	nParts := binary.LittleEndian.Uint32(c[36:])
	nPoints := binary.LittleEndian.Uint32(c[40:])
	need := 44 + 4*uint64(nParts) + 16*uint64(nPoints)
	if need > uint64(len(c)) {
		return nil, nil, fmt.Errorf("claims %d parts and %d points (%d bytes); the record holds %d", nParts, nPoints, need, len(c))
	}
	if nParts == 0 || nPoints == 0 {
		return nil, nil, nil
	}
	pts := make([]orb.Point, nPoints)
	base := 44 + 4*int(nParts)
	for i := range pts {
		pts[i] = point(c[base+16*i:])
	}
	parts := make([][]orb.Point, nParts)
	prev := -1
	for i := range parts {
		start := int(binary.LittleEndian.Uint32(c[44+4*i:]))
		end := int(nPoints)
		if i+1 < int(nParts) {
			end = int(binary.LittleEndian.Uint32(c[44+4*(i+1):]))
		}
		if i == 0 && start != 0 {
			return nil, nil, fmt.Errorf("first part starts at point %d, not 0", start)
		}
		if start <= prev || end < start || end > int(nPoints) {
			return nil, nil, fmt.Errorf("part %d spans points %d..%d of %d", i+1, start, end, nPoints)
		}
		prev = start
		parts[i] = pts[start:end:end]
	}
	return parts, pts, nil
}

// lines makes a LineString of one part, a MultiLineString of several;
// parts of fewer than 2 points are dropped.
func lines(parts [][]orb.Point, _ []orb.Point, fix *repairs) orb.Geometry {
	var mls orb.MultiLineString
	for _, p := range parts {
		if len(p) < 2 {
			fix.shortParts++
			continue
		}
		mls = append(mls, orb.LineString(p))
	}
	switch len(mls) {
	case 0:
		return nil
	case 1:
		return mls[0]
	}
	return mls
}
