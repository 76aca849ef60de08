package shapefile

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/corridor-atlas/corridor-atlas/geo/crs"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Part is one file of a Shapefile, readable at any offset.
type Part struct {
	R    io.ReaderAt
	Size int64
}

// Files are the parts of one Shapefile. SHP is required; the others are
// used when present (nil R). PRJ and CPG are the small text files.
type Files struct {
	// Name names the Shapefile in messages: "roads.shp", or
	// "roads.zip: roads.shp" for a zipped one.
	Name     string
	SHP      Part
	SHX, DBF Part
	PRJ, CPG []byte
	// HasPRJ and HasCPG tell an empty file from a missing one.
	HasPRJ, HasCPG bool
}

// headerSize is the size of the .shp and .shx main file header.
const headerSize = 100

// Read reads a Shapefile into features: each record's shape (converted
// from the .prj's CRS to WGS84) with its .dbf attributes as properties.
// Errors are *load.Error values naming the file, the record and the byte
// offset.
func Read(f Files, opt load.Options) (*load.Result, error) {
	file := f.Name
	fail := func(off int64, format string, args ...any) error {
		return &load.Error{File: file, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	if f.SHP.R == nil {
		return nil, fail(-1, "no .shp file")
	}
	shp := newWindow(f.SHP.R, f.SHP.Size)
	h, err := shp.at(0, headerSize)
	if err != nil {
		return nil, fail(0, "not a Shapefile: %d bytes, shorter than its header", f.SHP.Size)
	}
	if binary.BigEndian.Uint32(h) != 9994 {
		return nil, fail(0, "not a Shapefile: the .shp does not start with the file code 9994")
	}
	fileType := int32(binary.LittleEndian.Uint32(h[32:]))
	if baseType(fileType) < 0 {
		return nil, fail(32, "unknown shape type %d in the .shp header", fileType)
	}
	var c *crs.CRS
	if f.HasPRJ && strings.TrimSpace(string(f.PRJ)) != "" {
		if c, err = crs.ParseWKT(string(f.PRJ)); err != nil {
			return nil, &load.Error{File: file, Offset: -1, Msg: ".prj: " + err.Error()}
		}
	}
	// Where the records are: from the index when there is one, else in a
	// row from the header on.
	type span struct{ off, n int64 }
	var spans []span
	if f.SHX.R != nil {
		if f.SHX.Size < headerSize || (f.SHX.Size-headerSize)%8 != 0 {
			return nil, fail(-1, ".shx is %d bytes: not a header and 8-byte entries", f.SHX.Size)
		}
		shx := newWindow(f.SHX.R, f.SHX.Size)
		n := int((f.SHX.Size - headerSize) / 8)
		spans = make([]span, n)
		for i := range spans {
			e, err := shx.at(headerSize+8*int64(i), 8)
			if err != nil {
				return nil, fail(-1, ".shx: %v", err)
			}
			spans[i] = span{2 * int64(binary.BigEndian.Uint32(e)), 2 * int64(binary.BigEndian.Uint32(e[4:]))}
		}
	}
	var db *dbf
	if f.DBF.R != nil {
		if db, err = openDBF(f.DBF.R, f.DBF.Size, cpgOrNil(f)); err != nil {
			return nil, &load.Error{File: file, Offset: -1, Msg: ".dbf: " + err.Error()}
		}
		if spans != nil && len(spans) != db.records {
			return nil, fail(-1, "the .shx indexes %d records but the .dbf holds %d", len(spans), db.records)
		}
	}
	res := &load.Result{}
	var fix repairs
	var records []int // record number (1-based) of each feature, for messages
	off := int64(headerSize)
	n := 0 // records in the .shp
	for i := 0; ; i++ {
		var recOff, contentLen int64
		if spans != nil {
			if i == len(spans) {
				break
			}
			recOff = spans[i].off
		} else {
			if off+8 > f.SHP.Size {
				break
			}
			recOff = off
		}
		if i%1024 == 0 {
			if opt.Cancel != nil {
				select {
				case <-opt.Cancel:
					return nil, load.ErrCancelled
				default:
				}
			}
			if opt.Progress != nil {
				opt.Progress(float64(recOff) / float64(f.SHP.Size))
			}
		}
		n++
		rh, err := shp.at(recOff, 8)
		if err != nil {
			return nil, fail(recOff, "record %d (byte %d): %v", i+1, recOff, err)
		}
		contentLen = 2 * int64(binary.BigEndian.Uint32(rh[4:]))
		content, err := shp.at(recOff+8, int(min(contentLen, f.SHP.Size)))
		if err != nil {
			return nil, fail(recOff, "record %d (byte %d): claims %d bytes, past the end of the .shp", i+1, recOff, contentLen)
		}
		off = recOff + 8 + contentLen
		var props geojson.Properties
		if db != nil {
			if spans == nil && i >= db.records {
				return nil, fail(recOff, "record %d (byte %d): the .dbf has only %d records", i+1, recOff, db.records)
			}
			p, deleted, err := db.record(i)
			if err != nil {
				return nil, &load.Error{File: file, Offset: db.offset(i), Msg: fmt.Sprintf(".dbf record %d (byte %d): %v", i+1, db.offset(i), err)}
			}
			if deleted {
				continue
			}
			props = p
		}
		g, err := decodeShape(content, &fix)
		if err != nil {
			return nil, fail(recOff, "record %d (byte %d): %v", i+1, recOff, err)
		}
		if props == nil {
			props = geojson.Properties{}
		}
		feat := &geojson.Feature{Type: "Feature", Geometry: g, Properties: props}
		res.Features = append(res.Features, feat)
		records = append(records, i+1)
	}
	if db != nil && n != db.records {
		return nil, fail(-1, "the .shp holds %d records but the .dbf %d", n, db.records)
	}
	if db != nil {
		res.Fields = db.names()
	}
	if err := load.Finish(file, res, c, func(i int) string { return fmt.Sprintf("record %d", records[i]) }); err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, notices(f, db, fix)...)
	if opt.Progress != nil {
		opt.Progress(1)
	}
	return res, nil
}

func cpgOrNil(f Files) []byte {
	if !f.HasCPG {
		return nil
	}
	if f.CPG == nil {
		return []byte{}
	}
	return f.CPG
}

// notices are the things a user should know about what was read.
func notices(f Files, db *dbf, fix repairs) []string {
	var out []string
	if f.DBF.R == nil {
		out = append(out, "no .dbf beside the .shp: the features have no attributes")
	}
	if !f.HasPRJ {
		out = append(out, "no .prj: coordinates taken as WGS 84 longitude and latitude")
	}
	if db != nil {
		if db.notice != "" {
			out = append(out, db.notice)
		}
		if db.text.guess && db.text.guessed != "" {
			out = append(out, "no code page given (.cpg): text that is not UTF-8 read as "+db.text.guessed)
		}
		if db.badNums > 0 {
			out = append(out, fmt.Sprintf("%d unreadable number(s) in the .dbf left empty", db.badNums))
		}
		if len(db.memos) > 0 {
			out = append(out, "memo fields not read (their text is in a .dbt): "+strings.Join(db.memos, ", "))
		}
	}
	if fix.closed > 0 {
		out = append(out, fmt.Sprintf("%d unclosed polygon ring(s) closed", fix.closed))
	}
	if fix.degenerate > 0 {
		out = append(out, fmt.Sprintf("%d polygon ring(s) of fewer than 3 positions dropped", fix.degenerate))
	}
	if fix.shortParts > 0 {
		out = append(out, fmt.Sprintf("%d line part(s) of a single point dropped", fix.shortParts))
	}
	if fix.orphanHoles > 0 {
		out = append(out, fmt.Sprintf("%d hole(s) outside every shell drawn as shells", fix.orphanHoles))
	}
	return out
}
