package export

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"github.com/klauspost/compress/flate"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"math"
	"runtime"
	"sync"
)

// EncodePNG writes an opaque RGBA picture as a PNG with a pHYs chunk
// recording dpi, so slide and layout programs place a 300-dpi export at its
// true size (Go's image/png cannot write pHYs).
//
// The encoder is our own because image/png cannot reach the export
// target: it takes 190–270 ms at BestSpeed for a 4K map on these machines
// (BenchmarkEncode*), mostly in trying all five row filters and in one
// single-threaded deflate. Maps are flat colour, where the "Up" filter
// alone compresses as well, and the rows are compressed in independent
// pieces on every core, each ending in a sync flush so the pieces join
// into one valid zlib stream (the pigz technique), with klauspost/compress's
// deflate (the standard library's interface, measured 40 % faster at
// level 1 here). Decoders see a plain 8-bit RGB PNG. The pieces are
// 2 × GOMAXPROCS (the deflate of a piece takes longer than filtering its
// rows, and more pieces even the cores' shares), of at least 64 rows.
func EncodePNG(w io.Writer, img *image.RGBA, dpi float64) error {
	return encodePNG(w, img, dpi, min(2*runtime.GOMAXPROCS(0), img.Bounds().Dy()/pieceRows))
}

// pieceRows is the fewest rows a piece of the deflate stream holds: a
// piece costs a sync flush and a goroutine.
const pieceRows = 64

// encodePNG is EncodePNG with the rows deflated in the given number of
// pieces (at least one, at most one per row), each on a goroutine of its
// own.
func encodePNG(w io.Writer, img *image.RGBA, dpi float64, pieces int) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bit depth
	ihdr[9] = 2 // colour type: RGB
	if err := writeChunk(bw, "IHDR", ihdr[:]); err != nil {
		return err
	}
	if err := writeChunk(bw, "pHYs", physData(dpi)); err != nil {
		return err
	}
	pieces = max(1, min(pieces, height))
	type piece struct {
		data  bytes.Buffer
		adler uint32
		n     int // uncompressed bytes
		err   error
	}
	ps := make([]piece, pieces)
	var wg sync.WaitGroup
	for k := range ps {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			p := &ps[k]
			y0, y1 := b.Min.Y+height*k/pieces, b.Min.Y+height*(k+1)/pieces
			fw, _ := flate.NewWriter(&p.data, flate.BestSpeed)
			ad := adler32.New()
			row := make([]byte, 1+3*width)
			for y := y0; y < y1; y++ {
				filterUp(row, img, y, b.Min.X, width, y == b.Min.Y)
				ad.Write(row)
				if _, err := fw.Write(row); err != nil {
					p.err = err
					return
				}
				p.n += len(row)
			}
			if k == pieces-1 {
				p.err = fw.Close()
			} else {
				p.err = fw.Flush() // byte-aligned, not final: the next piece follows
			}
			p.adler = ad.Sum32()
		}(k)
	}
	wg.Wait()
	// zlib: header, the joined deflate pieces, Adler-32 of everything.
	adler := uint32(1)
	for k := range ps {
		if ps[k].err != nil {
			return ps[k].err
		}
		adler = adler32Combine(adler, ps[k].adler, ps[k].n)
	}
	const idatMax = 1 << 20
	header := []byte{0x78, 0x01}
	var trailer [4]byte
	binary.BigEndian.PutUint32(trailer[:], adler)
	stream := make([][]byte, 0, pieces+2)
	stream = append(stream, header)
	for k := range ps {
		stream = append(stream, ps[k].data.Bytes())
	}
	stream = append(stream, trailer[:])
	// Write the stream in IDAT chunks of at most idatMax bytes.
	var chunk []byte
	for _, part := range stream {
		for len(part) > 0 {
			n := min(len(part), idatMax-len(chunk))
			chunk = append(chunk, part[:n]...)
			part = part[n:]
			if len(chunk) == idatMax {
				if err := writeChunk(bw, "IDAT", chunk); err != nil {
					return err
				}
				chunk = chunk[:0]
			}
		}
	}
	if len(chunk) > 0 {
		if err := writeChunk(bw, "IDAT", chunk); err != nil {
			return err
		}
	}
	if err := writeChunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// filterUp writes row y as filter type Up (2) over RGB: each byte minus the
// one above. The first row has nothing above and uses filter None.
func filterUp(row []byte, img *image.RGBA, y, x0, width int, first bool) {
	cur := img.Pix[img.PixOffset(x0, y):]
	if first {
		row[0] = 0
		for x, j := 0, 1; x < width; x, j = x+1, j+3 {
			row[j], row[j+1], row[j+2] = cur[4*x], cur[4*x+1], cur[4*x+2]
		}
		return
	}
	prev := img.Pix[img.PixOffset(x0, y-1):]
	row[0] = 2
	// Two pixels at a time: the eight byte differences of two RGBA pixels
	// in one 64-bit subtraction that lets no borrow cross a byte (the
	// high bits are handled apart), then their RGB bytes out. Byte by
	// byte, this filter was a third of the 4K export's encoding time.
	const hi = 0x8080808080808080
	x, j := 0, 1
	for ; x+2 <= width; x, j = x+2, j+6 {
		c := binary.LittleEndian.Uint64(cur[4*x:])
		p := binary.LittleEndian.Uint64(prev[4*x:])
		d := ((c | hi) - (p &^ hi)) ^ ((c ^ ^p) & hi)
		r := row[j : j+6 : j+6]
		r[0], r[1], r[2] = byte(d), byte(d>>8), byte(d>>16)
		r[3], r[4], r[5] = byte(d>>32), byte(d>>40), byte(d>>48)
	}
	for ; x < width; x, j = x+1, j+3 {
		i := 4 * x
		row[j] = cur[i] - prev[i]
		row[j+1] = cur[i+1] - prev[i+1]
		row[j+2] = cur[i+2] - prev[i+2]
	}
}

// adler32Combine returns the Adler-32 of A followed by B from the sums of
// each and the length of B (as zlib's adler32_combine).
func adler32Combine(a, b uint32, lenB int) uint32 {
	const mod = 65521
	rem := uint64(lenB % mod)
	a1, a2 := uint64(a&0xffff), uint64(a>>16)
	b1, b2 := uint64(b&0xffff), uint64(b>>16)
	s1 := (a1 + b1 + mod - 1) % mod
	s2 := (a2 + b2 + rem*a1 + mod - rem) % mod
	return uint32(s2<<16 | s1)
}

// physData is the pHYs payload: pixels per metre on both axes, unit metre.
func physData(dpi float64) []byte {
	ppm := uint32(math.Round(dpi / 0.0254))
	d := make([]byte, 9)
	binary.BigEndian.PutUint32(d[0:], ppm)
	binary.BigEndian.PutUint32(d[4:], ppm)
	d[8] = 1
	return d
}

func writeChunk(w io.Writer, typ string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	for _, p := range [][]byte{hdr[:], data, sum[:]} {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// ReadDPI returns the DPI recorded in a PNG's pHYs chunk, for tests and
// for checking exports.
func ReadDPI(b []byte) (float64, bool) {
	i := 8
	for i+8 <= len(b) {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		if n < 0 || i+12+n > len(b) {
			return 0, false
		}
		if typ == "pHYs" && n == 9 && b[i+16] == 1 {
			ppm := binary.BigEndian.Uint32(b[i+8:])
			return math.Round(float64(ppm)*0.0254*10) / 10, true
		}
		if typ == "IDAT" {
			return 0, false
		}
		i += 12 + n
	}
	return 0, false
}
