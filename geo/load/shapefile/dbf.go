package shapefile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// field is one column of a .dbf.
type field struct {
	name     string
	typ      byte
	off, len int // within the record, after the deletion flag
	decimals int
}

// dbf reads the attribute table of a Shapefile.
type dbf struct {
	w         *window
	fields    []field
	records   int
	headerLen int64
	recordLen int
	text      text
	notice    string // about the code page
	badNums   int    // numbers that could not be read (left empty)
	memos     []string
}

// maxFields is dBASE's own limit (255), with room for the files GDAL
// writes past it.
const maxFields = 2046

// openDBF reads and checks a .dbf header; cpg is the .cpg's content (nil
// when there is none).
func openDBF(r io.ReaderAt, size int64, cpg []byte) (*dbf, error) {
	w := newWindow(r, size)
	h, err := w.at(0, 32)
	if err != nil {
		return nil, fmt.Errorf("header: %v", err)
	}
	d := &dbf{w: w}
	nrec := binary.LittleEndian.Uint32(h[4:])
	d.headerLen = int64(binary.LittleEndian.Uint16(h[8:]))
	d.recordLen = int(binary.LittleEndian.Uint16(h[10:]))
	if d.headerLen < 33 || d.headerLen > size {
		return nil, fmt.Errorf("header length %d does not fit the file (%d bytes)", d.headerLen, size)
	}
	if d.recordLen < 1 {
		return nil, fmt.Errorf("record length %d", d.recordLen)
	}
	// The records must be in the file: a header claiming 2^31 records of a
	// file holding a few is refused here, before anything is allocated.
	if need := d.headerLen + int64(nrec)*int64(d.recordLen); need > size {
		return nil, fmt.Errorf("header claims %d records of %d bytes (%d bytes), but the file has %d", nrec, d.recordLen, need, size)
	}
	d.records = int(nrec)
	d.text, d.notice = codePage(cpg, h[29])
	desc, err := w.at(32, int(d.headerLen-32))
	if err != nil {
		return nil, err
	}
	desc = bytes.Clone(desc)
	off := 0
	seen := map[string]int{}
	for i := 0; i+32 <= len(desc) && desc[i] != 0x0D; i += 32 {
		fd := desc[i : i+32]
		raw := fd[:11]
		if k := bytes.IndexByte(raw, 0); k >= 0 {
			raw = raw[:k]
		}
		f := field{name: strings.TrimSpace(d.text.decode(raw)), typ: fd[11], off: off, len: int(fd[16]), decimals: int(fd[17])}
		if f.typ == 'C' && f.decimals > 0 {
			f.len += f.decimals << 8 // Clipper and GDAL: long character fields
		}
		if f.name == "" {
			f.name = fmt.Sprintf("field%d", len(d.fields)+1)
		}
		if n := seen[f.name]; n > 0 {
			seen[f.name] = n + 1
			f.name = fmt.Sprintf("%s_%d", f.name, n+1)
		} else {
			seen[f.name] = 1
		}
		off += f.len
		if len(d.fields) == maxFields {
			return nil, fmt.Errorf("more than %d fields", maxFields)
		}
		if f.typ == 'M' || f.typ == 'G' || f.typ == 'P' {
			d.memos = append(d.memos, f.name)
		}
		d.fields = append(d.fields, f)
	}
	if 1+off > d.recordLen {
		return nil, fmt.Errorf("fields take %d bytes, more than the %d-byte record", 1+off, d.recordLen)
	}
	return d, nil
}

// names are the field names in file order, memo fields left out (their
// text lives in a .dbt that is not read).
func (d *dbf) names() []string {
	var out []string
	for _, f := range d.fields {
		if f.typ != 'M' && f.typ != 'G' && f.typ != 'P' {
			out = append(out, f.name)
		}
	}
	return out
}

// offset is where record i starts.
func (d *dbf) offset(i int) int64 { return d.headerLen + int64(i)*int64(d.recordLen) }

// record reads record i (0-based): its properties, and whether it is
// marked deleted.
func (d *dbf) record(i int) (geojson.Properties, bool, error) {
	b, err := d.w.at(d.offset(i), d.recordLen)
	if err != nil {
		return nil, false, err
	}
	if b[0] == '*' {
		return nil, true, nil
	}
	props := make(geojson.Properties, len(d.fields))
	for _, f := range d.fields {
		raw := b[1+f.off : 1+f.off+f.len]
		switch f.typ {
		case 'M', 'G', 'P':
			continue
		case 'C':
			props[f.name] = d.text.decode(bytes.TrimRight(raw, " \x00"))
		case 'N', 'F':
			props[f.name] = d.number(raw)
		case 'L':
			switch c := bytes.TrimSpace(raw); {
			case len(c) == 0:
				props[f.name] = nil
			case bytes.ContainsAny(c[:1], "TtYy"):
				props[f.name] = true
			case bytes.ContainsAny(c[:1], "FfNn"):
				props[f.name] = false
			default:
				props[f.name] = nil
			}
		case 'D':
			s := strings.TrimSpace(string(raw))
			if len(s) == 8 && isDigits(s) && s != "00000000" {
				props[f.name] = s[:4] + "-" + s[4:6] + "-" + s[6:]
			} else {
				props[f.name] = nil
			}
		case 'I', '+':
			if len(raw) == 4 {
				props[f.name] = float64(int32(binary.LittleEndian.Uint32(raw)))
			} else {
				props[f.name] = nil
			}
		case 'O', 'B':
			if len(raw) == 8 {
				v := math.Float64frombits(binary.LittleEndian.Uint64(raw))
				if math.IsNaN(v) || math.IsInf(v, 0) {
					props[f.name] = nil
				} else {
					props[f.name] = v
				}
			} else {
				props[f.name] = d.number(raw)
			}
		default:
			props[f.name] = d.text.decode(bytes.TrimSpace(raw))
		}
	}
	return props, false, nil
}

// number reads a numeric field: blanks and dBASE's overflow stars are
// empty; anything else unreadable is empty too, and counted for a notice.
func (d *dbf) number(raw []byte) any {
	s := strings.TrimSpace(string(bytes.Trim(raw, "\x00")))
	if s == "" || strings.Trim(s, "*") == "" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// Some writers use a decimal comma.
		if v, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err != nil {
			d.badNums++
			return nil
		}
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		d.badNums++
		return nil
	}
	return v
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
