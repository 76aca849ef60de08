package kml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// maxLinked bounds the documents one KMZ may link together.
const maxLinked = 64

// Open reads a .kml or .kmz file, told apart by content (a KMZ is a zip,
// whatever its name).
func Open(file string, opt load.Options) (*load.Result, error) {
	f, _, err := load.OpenRegular(file, load.MaxDataFile)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", file, err)
	}
	head := make([]byte, 4)
	n, _ := f.Read(head)
	f.Close()
	if n == 4 && bytes.Equal(head, []byte("PK\x03\x04")) {
		z, err := load.OpenZip(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		defer z.Close()
		return ReadKMZ(z, opt)
	}
	b, err := load.ReadFile(file, load.MaxDataFile)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", file, err)
	}
	return Read(file, b, opt)
}

// ReadKMZ reads a KMZ: its main document (doc.kml, else the first .kml at
// the root, else the first anywhere) and the .kml files inside the
// archive that its network links name.
func ReadKMZ(z *load.Zip, opt load.Options) (*load.Result, error) {
	members := map[string]*zip.File{}
	var docs, atRoot []*zip.File
	var main *zip.File
	for _, m := range z.Members() {
		if !strings.EqualFold(path.Ext(m.Name), ".kml") {
			continue
		}
		members[path.Clean(m.Name)] = m
		docs = append(docs, m)
		if !strings.Contains(m.Name, "/") {
			atRoot = append(atRoot, m)
			if strings.EqualFold(m.Name, "doc.kml") {
				main = m
			}
		}
	}
	switch {
	case main != nil:
	case len(atRoot) > 0:
		main = atRoot[0]
	case len(docs) > 0:
		main = docs[0]
	}
	if main == nil {
		return nil, fmt.Errorf("%s: no KML document (.kml) in the archive", z.Name)
	}
	var parsed []*parser
	var external int
	queue := []*zip.File{main}
	done := map[string]bool{path.Clean(main.Name): true}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		b, err := z.Read(m, load.MaxDataFile)
		if err != nil {
			return nil, err
		}
		p := newParser(z.Name+": "+m.Name, b, opt)
		if err := p.parse(); err != nil {
			return nil, err
		}
		parsed = append(parsed, p)
		for _, href := range p.links {
			target, inside := linkTarget(m.Name, href)
			lm := members[target]
			if !inside || lm == nil {
				external++
				continue
			}
			if done[target] {
				continue
			}
			if len(done) == maxLinked {
				return nil, fmt.Errorf("%s: links more than %d documents together", z.Name, maxLinked)
			}
			done[target] = true
			queue = append(queue, lm)
		}
	}
	var extra []string
	if external > 0 {
		extra = append(extra, fmt.Sprintf("%d network link(s) to files outside the archive not followed: the app never fetches other files or the network", external))
	}
	return finish(z.Name, parsed, opt, extra)
}

// linkTarget resolves a network link's href against the linking
// document's folder in the archive; inside is false for a URL with a
// scheme, an absolute path or one that climbs out of the archive.
func linkTarget(from, href string) (string, bool) {
	if strings.Contains(href, "://") || strings.HasPrefix(href, "/") || strings.Contains(href, ":") {
		return "", false
	}
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	t := path.Clean(path.Join(path.Dir(from), href))
	if t == ".." || strings.HasPrefix(t, "../") {
		return "", false
	}
	return t, true
}
