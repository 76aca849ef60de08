package load

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Zip is an archive (a zipped Shapefile, a KMZ) whose members are read
// with their expansion bounded: a zip bomb, a member that claims or
// inflates to more than the data file limit, is refused, not obeyed.
type Zip struct {
	Name string
	f    *os.File
	r    *zip.Reader
	used int64 // bytes inflated so far, over all members
}

// OpenZip opens a zip archive through OpenRegular. The archive itself is
// held to MaxDataFile.
func OpenZip(path string) (*Zip, error) {
	f, st, err := OpenRegular(path, MaxDataFile)
	if err != nil {
		return nil, err
	}
	r, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("not a readable zip archive: %v", err)
	}
	return &Zip{Name: path, f: f, r: r}, nil
}

// Close closes the archive's file.
func (z *Zip) Close() error { return z.f.Close() }

// Members are the archive's files, without folders and without the
// resource forks macOS adds ("__MACOSX/…", "._name").
func (z *Zip) Members() []*zip.File {
	var out []*zip.File
	for _, f := range z.r.File {
		base := path.Base(f.Name)
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(base, "._") {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Read inflates member m, refusing it when it claims or turns out to hold
// more than limit bytes, or when the archive's members together inflate
// past MaxDataFile.
func (z *Zip) Read(m *zip.File, limit int64) ([]byte, error) {
	limit = min(limit, MaxDataFile-z.used)
	if m.UncompressedSize64 > uint64(limit) {
		return nil, z.bomb(m, limit)
	}
	rc, err := m.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read %s: %v", z.Name, m.Name, err)
	}
	defer rc.Close()
	b := make([]byte, 0, m.UncompressedSize64+1)
	b, err = readAllLimit(rc, b, limit)
	if err != nil {
		return nil, z.readError(m, limit, err)
	}
	z.used += int64(len(b))
	return b, nil
}

// Open is Read for a member that is read as a stream: what it inflates
// counts against the same limits, and reading past them fails.
func (z *Zip) Open(m *zip.File, limit int64) (io.ReadCloser, error) {
	limit = min(limit, MaxDataFile-z.used)
	if m.UncompressedSize64 > uint64(limit) {
		return nil, z.bomb(m, limit)
	}
	rc, err := m.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read %s: %v", z.Name, m.Name, err)
	}
	return &boundedReader{z: z, m: m, rc: rc, left: limit}, nil
}

type boundedReader struct {
	z    *Zip
	m    *zip.File
	rc   io.ReadCloser
	left int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	b.z.used += int64(n)
	if b.left < 0 {
		return 0, b.z.bomb(b.m, int64(n)+b.left)
	}
	if err != nil && err != io.EOF {
		err = b.z.readError(b.m, 0, err)
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.rc.Close() }

// bomb refuses a member that claims more than limit bytes.
func (z *Zip) bomb(m *zip.File, limit int64) error {
	return fmt.Errorf("%s: %s claims %s, over the %s limit; refused (a zip bomb?)", z.Name, m.Name,
		sizeText(int64(min(m.UncompressedSize64, 1<<62))), sizeText(max(limit, 0)))
}

// readError words a failure to inflate a member. archive/zip stops a
// member that inflates past the size it claims with ErrFormat.
func (z *Zip) readError(m *zip.File, limit int64, err error) error {
	var tb *TooBigError
	switch {
	case errors.As(err, &tb):
		return fmt.Errorf("%s: %s inflates to more than %s; refused (a zip bomb?)", z.Name, m.Name, sizeText(limit))
	case errors.Is(err, zip.ErrFormat):
		return fmt.Errorf("%s: %s inflates to more than the %s it claims; refused (a zip bomb?)", z.Name, m.Name, sizeText(int64(min(m.UncompressedSize64, 1<<62))))
	}
	return fmt.Errorf("%s: cannot read %s: %v", z.Name, m.Name, err)
}
