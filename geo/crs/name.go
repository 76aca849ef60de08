package crs

import (
	"strconv"
	"strings"
)

// ParseName reads a CRS named by an identifier, as a GeoJSON "crs"
// member does: "EPSG:3857", "urn:ogc:def:crs:EPSG::32639",
// "http://www.opengis.net/def/crs/EPSG/0/32639", "urn:ogc:def:crs:OGC:1.3:CRS84".
// OGC's CRS84 is WGS84 longitude, latitude.
func ParseName(name string) (*CRS, error) {
	n := strings.ToUpper(strings.TrimSpace(name))
	for _, wgs := range []string{"CRS84", "CRS:84", "OGC:1.3:CRS84", "OGC::CRS84"} {
		if strings.HasSuffix(n, wgs) {
			return WGS84, nil
		}
	}
	i := strings.LastIndexAny(n, ":/")
	if i < 0 || !strings.Contains(n, "EPSG") {
		return nil, &UnsupportedError{Name: name}
	}
	code, err := strconv.Atoi(n[i+1:])
	if err != nil {
		return nil, &UnsupportedError{Name: name}
	}
	c, err := EPSG(code)
	if err != nil {
		return nil, &UnsupportedError{Name: name}
	}
	return c, nil
}
