package shapefile

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// Open reads the Shapefile at path: a .shp with the .shx, .dbf, .prj and
// .cpg beside it (any letter case), or a .zip holding them. In a zip with
// several Shapefiles, layer names the one to read (see Layers); "" reads
// the only one.
func Open(path, layer string, opt load.Options) (*load.Result, error) {
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		z, err := load.OpenZip(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, unwrap(err))
		}
		defer z.Close()
		return ReadZip(z, layer, opt)
	}
	f, closeAll, err := looseFiles(path)
	if err != nil {
		return nil, err
	}
	defer closeAll()
	return Read(f, opt)
}

// looseFiles opens a .shp and the files beside it that share its name.
func looseFiles(shpPath string) (Files, func(), error) {
	var closers []func() error
	closeAll := func() {
		for _, c := range closers {
			c()
		}
	}
	f := Files{Name: shpPath}
	shp, st, err := load.OpenRegular(shpPath, load.MaxDataFile)
	if err != nil {
		return f, nil, fmt.Errorf("%s: cannot read: %w", shpPath, unwrap(err))
	}
	closers = append(closers, shp.Close)
	f.SHP = Part{shp, st.Size()}
	dir, base := filepath.Dir(shpPath), filepath.Base(shpPath)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	entries, _ := os.ReadDir(dir)
	// A sibling is named exactly like the .shp, or failing that in
	// another letter case ("ROADS.DBF" beside "roads.shp").
	sibling := func(ext string) string {
		found := ""
		for _, e := range entries {
			switch n := e.Name(); {
			case n == stem+ext:
				return filepath.Join(dir, n)
			case found == "" && strings.EqualFold(n, stem+ext):
				found = filepath.Join(dir, n)
			}
		}
		return found
	}
	for _, p := range []struct {
		ext  string
		part *Part
	}{{".shx", &f.SHX}, {".dbf", &f.DBF}} {
		name := sibling(p.ext)
		if name == "" {
			continue
		}
		h, st, err := load.OpenRegular(name, load.MaxDataFile)
		if err != nil {
			closeAll()
			return f, nil, fmt.Errorf("%s: cannot read: %w", name, unwrap(err))
		}
		closers = append(closers, h.Close)
		*p.part = Part{h, st.Size()}
	}
	for _, p := range []struct {
		ext  string
		data *[]byte
		has  *bool
	}{{".prj", &f.PRJ, &f.HasPRJ}, {".cpg", &f.CPG, &f.HasCPG}} {
		name := sibling(p.ext)
		if name == "" {
			continue
		}
		b, err := load.ReadFile(name, load.MaxSideFile)
		if err != nil {
			closeAll()
			return f, nil, fmt.Errorf("%s: cannot read: %w", name, unwrap(err))
		}
		*p.data, *p.has = b, true
	}
	return f, closeAll, nil
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Layers lists the Shapefiles in a zip archive by their path inside it
// without the extension ("data/rivers", "roads"), sorted.
func Layers(z *load.Zip) []string {
	var out []string
	for _, m := range z.Members() {
		if strings.EqualFold(path.Ext(m.Name), ".shp") {
			out = append(out, strings.TrimSuffix(m.Name, path.Ext(m.Name)))
		}
	}
	slices.Sort(out)
	return out
}

// ReadZip reads Shapefile layer (see Layers; "" for the only one) from a
// zip archive. The members are inflated into memory, within the archive's
// limits.
func ReadZip(z *load.Zip, layer string, opt load.Options) (*load.Result, error) {
	layers := Layers(z)
	switch {
	case len(layers) == 0:
		return nil, fmt.Errorf("%s: no Shapefile (.shp) in the archive", z.Name)
	case layer == "" && len(layers) > 1:
		return nil, fmt.Errorf("%s: holds %d Shapefiles (%s); name one as %s:NAME", z.Name, len(layers), strings.Join(layers, ", "), z.Name)
	case layer == "":
		layer = layers[0]
	case !slices.Contains(layers, layer):
		return nil, fmt.Errorf("%s: no Shapefile %q in the archive (it holds %s)", z.Name, layer, strings.Join(layers, ", "))
	}
	f := Files{Name: z.Name + ": " + path.Base(layer) + ".shp"}
	member := func(ext string) *zip.File {
		for _, m := range z.Members() {
			if strings.EqualFold(m.Name, layer+ext) {
				return m
			}
		}
		return nil
	}
	read := func(ext string, limit int64) ([]byte, bool, error) {
		m := member(ext)
		if m == nil {
			return nil, false, nil
		}
		b, err := z.Read(m, limit)
		return b, true, err
	}
	for _, p := range []struct {
		ext  string
		part *Part
	}{{".shp", &f.SHP}, {".shx", &f.SHX}, {".dbf", &f.DBF}} {
		b, ok, err := read(p.ext, load.MaxDataFile)
		if err != nil {
			return nil, err
		}
		if ok {
			*p.part = Part{bytes.NewReader(b), int64(len(b))}
		}
	}
	var err error
	if f.PRJ, f.HasPRJ, err = read(".prj", load.MaxSideFile); err != nil {
		return nil, err
	}
	if f.CPG, f.HasCPG, err = read(".cpg", load.MaxSideFile); err != nil {
		return nil, err
	}
	return Read(f, opt)
}
