package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"golang.org/x/text/language"

	"github.com/corridor-atlas/corridor-atlas/app/outfile"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
	"github.com/corridor-atlas/corridor-atlas/geo"
	"github.com/corridor-atlas/corridor-atlas/geo/load"
)

// The file's identity. Version is raised only for changes an older app
// would misread; additions keep it (older apps ignore unknown members).
const (
	Format  = "corridor-atlas-project"
	Version = 1
	// Ext is the extension the window offers and adds when missing.
	Ext = ".catlas"
)

// maxFileSize bounds what Load reads: a project is a few kilobytes of
// settings, so anything this big is not one, and refusing it early keeps
// a mistaken pick (a 2 GB GeoJSON) from eating memory.
const maxFileSize = 16 << 20

// Project is a saved session and its briefing. In memory, file paths are
// absolute (Load resolves them against the project file; Save writes them
// relative to it), so a project can be saved under another folder
// without its data moving.
type Project struct {
	// Path is the project file this was loaded from or last saved to, as
	// the user named it; "" for a new project.
	Path string `json:"-"`

	View *View `json:"view,omitempty"`
	BBox *BBox `json:"bbox,omitempty"`
	// Projection is "conic" (a Lambert conformal conic fitted to each
	// place shown) or "mercator" (Web Mercator); "" is the conic.
	Projection string   `json:"projection,omitempty"`
	Year       geo.Year `json:"year,omitzero"`
	Layers     []Layer  `json:"layers,omitzero"`
	Flows      []string `json:"flows,omitzero"` // visible flows; nil: all, empty: none
	FlowData   []string `json:"flowData,omitzero"`
	Scenes     []Scene  `json:"scenes,omitzero"`
	// Language is the language the project is written in (a code: "de"):
	// the scenes' titles and notes are in it, and an export of the
	// project speaks it unless asked for another. A code this app does
	// not speak is kept as it is.
	Language string `json:"language,omitempty"`

	// renamed maps new ids to the ids in the file, for layers Load had to
	// rename (see renameTaken).
	renamed map[string]string
}

// Kind is the kind of projection the project's maps are drawn in.
func (p *Project) Kind() string {
	if p.Projection == "" {
		return geo.ConicKind
	}
	return p.Projection
}

// View is a map position: a centre and a zoom in logical pixels, as the
// window and geo.Viewport use them (a zoom shows the same ground scale in
// either projection; see geo.Projection).
type View struct {
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	Zoom float64 `json:"zoom"`
	// Conic is the conic the view was drawn in: its standard parallels
	// and central meridian. Without it (or for Web Mercator) the view's
	// projection is fitted to the ground it shows.
	Conic *[3]float64 `json:"conic,omitempty"`
}

// NewView is the view of a viewport, with its conic when it has one.
func NewView(v geo.Viewport) *View {
	out := &View{Lon: v.Center[0], Lat: v.Center[1], Zoom: v.Zoom}
	if p := v.Proj(); p.Kind() == geo.ConicKind {
		lat1, lat2 := p.Parallels()
		out.Conic = &[3]float64{lat1, lat2, p.CentralMeridian()}
	}
	return out
}

// BBox is an area: minLon, minLat, maxLon, maxLat.
type BBox [4]float64

// Bound is the box as an orb.Bound.
func (b BBox) Bound() orb.Bound {
	return orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
}

// Layer is one layer of the session: an embedded layer by ID, or a user
// data file (File set). In a file, visible and opacity default to true
// and 1, so a hand-written project can list a layer just to name its file.
type Layer struct {
	ID   string `json:"id"`
	File string `json:"file,omitempty"` // absolute in memory, relative in the file
	// Table is the layer of a file that holds several: a GeoPackage table,
	// or a Shapefile in a zip (its path in the archive without ".shp").
	Table string `json:"table,omitempty"`
	// Columns are a CSV's geometry columns when they were named by hand.
	Columns *Columns `json:"columns,omitempty"`
	Visible bool     `json:"visible"`
	Opacity float64  `json:"opacity"`
	// Style is a user layer's look; nil keeps the automatic one. Embedded
	// layers are styled by the app and ignore it.
	Style *Style `json:"style,omitempty"`
}

// Columns name a CSV's geometry columns: Lat and Lon, or WKT.
type Columns struct {
	Lat string `json:"lat,omitempty"`
	Lon string `json:"lon,omitempty"`
	WKT string `json:"wkt,omitempty"`
}

// Style is a user layer's look where its features carry no simplestyle
// properties: the whole style, so a saved "no labels" stays off.
type Style struct {
	Colour     string  `json:"colour"`               // "#rrggbb"
	Width      float64 `json:"width,omitzero"`       // logical pixels; 0: 2
	LabelField string  `json:"labelField,omitempty"` // "" for no labels
}

// Scene is one step of a briefing. Members left out take the project's.
type Scene struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"` // caption and export title, in the project's language; "": Name
	Note  string `json:"note,omitempty"`  // for the presenter, in the project's language
	// Titles and Notes are the title and note in other languages, by code
	// ({"ru": "Через Каспий"}).
	Titles map[string]string `json:"titles,omitempty"`
	Notes  map[string]string `json:"notes,omitempty"`
	View   *View             `json:"view,omitempty"`
	BBox   *BBox             `json:"bbox,omitempty"`
	// Year is the scene's timeline position; 0: the project's.
	Year geo.Year `json:"year,omitzero"`
	// Layers are the visible layer ids; nil: the project's visible layers.
	Layers []string `json:"layers,omitzero"`
	// Flows are the visible flow ids; nil: the project's, empty: none.
	Flows []string `json:"flows,omitzero"`
}

// Caption is what the scene is titled on stage and in exports, in the
// project's language.
func (s *Scene) Caption() string {
	if s.Title != "" {
		return s.Title
	}
	return s.Name
}

// CaptionIn is the scene's title in l: its own text in l, else the
// project's language's (Title), else its name.
func (s *Scene) CaptionIn(l i18n.Lang) string {
	if t := s.Titles[string(l)]; t != "" {
		return t
	}
	return s.Caption()
}

// NoteIn is the presenter's note in l, else in the project's language.
func (s *Scene) NoteIn(l i18n.Lang) string {
	if n := s.Notes[string(l)]; n != "" {
		return n
	}
	return s.Note
}

// SetCaption sets the scene's title in l, the project being written in
// lang: the title itself in the project's language, a translation in any
// other ("" removes it, falling back to the project's language).
func (s *Scene) SetCaption(l, lang i18n.Lang, title string) {
	if l == lang || lang == "" {
		s.Title = title
		delete(s.Titles, string(l))
		if len(s.Titles) == 0 {
			s.Titles = nil
		}
		return
	}
	if title == "" {
		delete(s.Titles, string(l))
		if len(s.Titles) == 0 {
			s.Titles = nil
		}
		return
	}
	if s.Titles == nil {
		s.Titles = map[string]string{}
	}
	s.Titles[string(l)] = title
}

// Lang is the project's language, "" when it names none or one this app
// does not speak.
func (p *Project) Lang() i18n.Lang {
	if l := i18n.Lang(p.Language); l.Valid() {
		return l
	}
	return ""
}

// header is what is read first, so a newer version is recognised even
// when the rest of the file would not decode as version 1.
type header struct {
	Format  string          `json:"format"`
	Version json.RawMessage `json:"version"`
}

// file is the document as written.
type file struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	*Project
}

// Error is a refusal to open or save a project: the file, where in it
// when known, and what is wrong, in one line.
type Error struct {
	File      string
	Line, Col int // 1-based; 0 when unknown
	Msg       string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads a project file. On any error it returns nil and a one-line
// *Error naming the file; it has no other effect, so a failed open leaves
// the caller's session as it was. Data files are not read here (see Open).
func Load(path string) (*Project, error) {
	b, err := load.ReadFile(path, maxFileSize)
	var big *load.TooBigError
	if errors.As(err, &big) && !big.Grew {
		return nil, &Error{File: path, Msg: fmt.Sprintf("not a project: %.0f MB is far too big for one (is it a data file?)", float64(big.Size)/1e6)}
	}
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot open: " + load.Reason(err)}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot open: " + err.Error()}
	}
	p, err := Parse(path, filepath.Dir(abs), b)
	if err != nil {
		return nil, err
	}
	p.Path = path
	return p, nil
}

// Parse decodes a project read from name (used in messages), resolving
// its relative paths against dir.
func Parse(name, dir string, b []byte) (*Project, error) {
	fail := func(format string, args ...any) error {
		return &Error{File: name, Msg: fmt.Sprintf(format, args...)}
	}
	if !utf8.Valid(b) {
		return nil, fail("not a project: not UTF-8 text")
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fail("not a project: the file is empty")
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return nil, fail("not a project: the file is JSON but not an object")
		}
		return nil, jsonError(name, b, err)
	}
	switch {
	case h.Format == "":
		return nil, fail("not a Corridor Atlas project (no \"format\": %q)", Format)
	case h.Format != Format:
		return nil, fail("not a Corridor Atlas project (format %s)", load.Quote(h.Format))
	}
	var version int
	if err := json.Unmarshal(h.Version, &version); err != nil || version < 1 {
		return nil, fail("project version %s is not a version number", strings.TrimSpace(string(h.Version)))
	}
	if version > Version {
		return nil, fail("made by a newer version of Corridor Atlas (project version %d; this app reads version %d): update the app to open it", version, Version)
	}
	p := &Project{}
	if err := json.Unmarshal(b, &file{Project: p}); err != nil {
		return nil, jsonError(name, b, err)
	}
	layerDefaults(p, b)
	p.renameTaken()
	if err := p.validate(); err != nil {
		return nil, fail("%v", err)
	}
	for i := range p.Layers {
		if p.Layers[i].File != "" {
			p.Layers[i].File = resolve(dir, p.Layers[i].File)
		}
	}
	for i, f := range p.FlowData {
		p.FlowData[i] = resolve(dir, f)
	}
	return p, nil
}

// layerDefaults gives layer members left out their defaults, visible and
// opaque, so a hand-written project can list a layer just to name its
// file. (A second pass over the members present, rather than a custom
// UnmarshalJSON, keeps the positions in decoding errors right.)
func layerDefaults(p *Project, b []byte) {
	var raw struct {
		Layers []map[string]json.RawMessage `json:"layers"`
	}
	if json.Unmarshal(b, &raw) != nil || len(raw.Layers) != len(p.Layers) {
		return
	}
	for i, m := range raw.Layers {
		if _, ok := m["visible"]; !ok {
			p.Layers[i].Visible = true
		}
		if _, ok := m["opacity"]; !ok {
			p.Layers[i].Opacity = 1
		}
	}
}

// renameTaken gives a user layer whose id is now a built-in layer's (a
// later app added one) a free id, and moves the scenes' references with
// it: when the file was written the id could only mean the user's layer.
// Open reports the rename.
func (p *Project) renameTaken() {
	taken := map[string]bool{}
	for _, src := range data.Sources {
		taken[src.ID] = true
	}
	for _, l := range p.Layers {
		taken[l.ID] = true
	}
	for i, l := range p.Layers {
		if l.File == "" || !slices.ContainsFunc(data.Sources, func(s data.Source) bool { return s.ID == l.ID }) {
			continue
		}
		id := l.ID
		for k := 2; taken[id]; k++ {
			id = fmt.Sprintf("%s-%d", l.ID, k)
		}
		taken[id] = true
		p.Layers[i].ID = id
		for j := range p.Scenes {
			for k, ref := range p.Scenes[j].Layers {
				if ref == l.ID {
					p.Scenes[j].Layers[k] = id
				}
			}
		}
		if p.renamed == nil {
			p.renamed = map[string]string{}
		}
		p.renamed[id] = l.ID
	}
}

// jsonError turns a decoding error into one line with its position.
func jsonError(name string, b []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return errAt(name, b, se.Offset, "not a project: invalid JSON: "+se.Error())
	case errors.As(err, &te):
		what := strings.TrimPrefix(te.Field, "Project.") // the embedded struct
		if what == "" {
			what = "the file"
		}
		return errAt(name, b, te.Offset, fmt.Sprintf("%s: %s where %s belongs", what, jsonKind(te.Value), goKind(te.Type.Kind().String())))
	}
	return &Error{File: name, Msg: err.Error()}
}

func jsonKind(v string) string {
	switch {
	case v == "string", v == "array", v == "object", v == "bool":
		return "a JSON " + v
	case strings.HasPrefix(v, "number"):
		return "the " + v
	}
	return v
}

func goKind(k string) string {
	switch k {
	case "float64", "int":
		return "a number"
	case "string":
		return "a string"
	case "slice", "array":
		return "a list"
	case "struct", "ptr":
		return "an object"
	case "bool":
		return "true or false"
	}
	return k
}

// errAt positions a message at byte offset off of b (json reports the
// offset just past the fault; the column points at the fault itself, or
// just past the end for a truncated file).
func errAt(name string, b []byte, off int64, msg string) *Error {
	if off > 0 && off < int64(len(b)) {
		off--
	}
	off = max(0, min(off, int64(len(b))))
	before := b[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return &Error{File: name, Line: line, Col: col, Msg: msg}
}

// validate checks the values JSON cannot: ranges, ids, scene names.
func (p *Project) validate() error {
	if err := checkPlace("", p.View, p.BBox); err != nil {
		return err
	}
	if p.Projection != "" && !slices.Contains(geo.ProjectionKinds(), p.Projection) {
		return fmt.Errorf("projection %s is not one of %s", load.Quote(p.Projection), strings.Join(geo.ProjectionKinds(), ", "))
	}
	if err := checkYear("", p.Year); err != nil {
		return err
	}
	if err := checkLanguage("language", p.Language); err != nil {
		return err
	}
	ids := map[string]bool{}
	for i, l := range p.Layers {
		where := fmt.Sprintf("layer %d", i+1)
		if strings.TrimSpace(l.ID) == "" {
			return fmt.Errorf("%s: id is empty", where)
		}
		where = "layer " + load.Quote(l.ID)
		if ids[l.ID] {
			return fmt.Errorf("%s is listed twice", where)
		}
		ids[l.ID] = true
		if l.File != "" && slices.ContainsFunc(data.Sources, func(s data.Source) bool { return s.ID == l.ID }) {
			return fmt.Errorf("%s: a user layer cannot take a built-in layer's id", where)
		}
		if !(l.Opacity >= 0 && l.Opacity <= 1) {
			return fmt.Errorf("%s: opacity %g is out of range (0..1)", where, l.Opacity)
		}
		if c := l.Columns; c != nil && ((c.Lat == "") != (c.Lon == "") || c.WKT != "" && c.Lat != "" || *c == Columns{}) {
			return fmt.Errorf(`%s: "columns" names "lat" and "lon" together, or "wkt"`, where)
		}
		if st := l.Style; st != nil {
			if _, err := render.ParseColour(st.Colour); err != nil {
				return fmt.Errorf("%s: style colour %s is not #rrggbb", where, load.Quote(st.Colour))
			}
			if !(st.Width >= 0 && st.Width <= 50) {
				return fmt.Errorf("%s: style width %g is out of range (0..50)", where, st.Width)
			}
		}
	}
	if err := checkIDs("flows", p.Flows); err != nil {
		return err
	}
	for i, f := range p.FlowData {
		if strings.TrimSpace(f) == "" {
			return fmt.Errorf("flowData entry %d is empty", i+1)
		}
	}
	names := map[string]bool{}
	for i, s := range p.Scenes {
		if strings.TrimSpace(s.Name) == "" {
			return fmt.Errorf("scene %d: name is empty", i+1)
		}
		where := "scene " + load.Quote(s.Name)
		key := strings.ToLower(s.Name)
		if names[key] {
			return fmt.Errorf("%s: another scene has that name", where)
		}
		names[key] = true
		if err := checkPlace(where+": ", s.View, s.BBox); err != nil {
			return err
		}
		if err := checkYear(where+": ", s.Year); err != nil {
			return err
		}
		if err := checkIDs(where+": layers", s.Layers); err != nil {
			return err
		}
		if err := checkIDs(where+": flows", s.Flows); err != nil {
			return err
		}
		for _, m := range []map[string]string{s.Titles, s.Notes} {
			for code := range m {
				if err := checkLanguage(where+": a title or note's language", code); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkLanguage accepts a language code, "" or one this app does not
// speak yet (a later app's project keeps its other languages).
func checkLanguage(where, code string) error {
	if code == "" {
		return nil
	}
	if _, err := language.ParseBase(code); err != nil || len(code) > 3 || strings.ToLower(code) != code {
		return fmt.Errorf("%s %s is not a language code (en, de, ru…)", where, load.Quote(code))
	}
	return nil
}

func checkPlace(where string, v *View, b *BBox) error {
	if v != nil && b != nil {
		return fmt.Errorf("%sgive view or bbox, not both", where)
	}
	if v != nil {
		if !(v.Lon >= -180 && v.Lon <= 180 && v.Lat >= -geo.MaxLat && v.Lat <= geo.MaxLat) {
			return fmt.Errorf("%sview centre %g,%g is outside lon ±180 / lat ±%.2f", where, v.Lon, v.Lat, geo.MaxLat)
		}
		if !(v.Zoom >= geo.MinZoom && v.Zoom <= geo.MaxZoom) {
			return fmt.Errorf("%sview zoom %g is out of range (%g..%g)", where, v.Zoom, geo.MinZoom, geo.MaxZoom)
		}
		if c := v.Conic; c != nil {
			if _, ok := geo.Conic(c[0], c[1], c[2]); !ok {
				return fmt.Errorf("%sview conic %g, %g, %g: the standard parallels must lie on one side of the equator, between 5° and 80°", where, c[0], c[1], c[2])
			}
		}
	}
	if b != nil {
		if !(b[0] < b[2] && b[1] < b[3]) {
			return fmt.Errorf("%sbbox %g,%g,%g,%g: min must be less than max", where, b[0], b[1], b[2], b[3])
		}
		if b[0] < -180 || b[2] > 180 || b[1] < -85 || b[3] > 85 {
			return fmt.Errorf("%sbbox %g,%g,%g,%g is outside lon ±180 / lat ±85", where, b[0], b[1], b[2], b[3])
		}
	}
	return nil
}

func checkYear(where string, y geo.Year) error {
	if y != 0 && !(y >= 1900 && y <= 2100) {
		return fmt.Errorf("%syear %g is out of range (1900..2100)", where, float64(y))
	}
	return nil
}

func checkIDs(where string, ids []string) error {
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			return fmt.Errorf("%s: an id is empty", where)
		}
	}
	return nil
}

// resolve turns a path from the file (relative, "/"-separated) into an
// absolute one.
func resolve(dir, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// relative is how a path is written into a project in dir: relative with
// "/" separators wherever a relative path exists.
func relative(dir, p string) string {
	if !filepath.IsAbs(p) {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
	}
	if r, err := filepath.Rel(dir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// Marshal encodes the project as it would be saved in folder dir.
func (p *Project) Marshal(dir string) ([]byte, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	q := *p
	q.Layers = make([]Layer, len(p.Layers))
	copy(q.Layers, p.Layers)
	for i := range q.Layers {
		if q.Layers[i].File != "" {
			q.Layers[i].File = relative(dir, q.Layers[i].File)
		}
	}
	if p.FlowData != nil {
		q.FlowData = make([]string, len(p.FlowData))
		for i, f := range p.FlowData {
			q.FlowData[i] = relative(dir, f)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // notes and titles stay readable: "A & B"
	enc.SetIndent("", "  ")
	if err := enc.Encode(file{Format: Format, Version: Version, Project: &q}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save writes the project to path through outfile.Write: the new content
// goes to a temporary file beside the target, which is synced and renamed
// over it, and a symbolic link is written through. Fyne's save dialog
// would truncate the chosen file before its callback runs, so writing in
// place would lose the old project whenever the write failed; with the
// rename, a failed save leaves whatever was there. A project that Load
// would refuse is not written at all. On success Path becomes path.
func (p *Project) Save(path string) error {
	target := path
	if t, err := outfile.Inspect(path); err == nil && (t.Kind == outfile.Regular || t.Kind == outfile.Missing) {
		target = t.Path // the file a link points to: paths are relative to its folder
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return &Error{File: path, Msg: "cannot save: " + err.Error()}
	}
	b, err := p.Marshal(filepath.Dir(abs))
	if err != nil {
		return &Error{File: path, Msg: "cannot save: " + err.Error()}
	}
	if _, err := outfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}); err != nil {
		return &Error{File: path, Msg: "cannot save: " + strings.TrimPrefix(err.Error(), path+": cannot write: ")}
	}
	p.Path = path
	return nil
}

// FindScene returns the index of the scene called name: an exact match,
// else the one match ignoring case, else the scene whose file-name slug
// it is (so `--scene aktau-baku` finds "Aktau–Baku"). It fails with the
// list of scene names.
func (p *Project) FindScene(name string) (int, error) {
	for i, s := range p.Scenes {
		if s.Name == name {
			return i, nil
		}
	}
	for i, s := range p.Scenes {
		if strings.EqualFold(s.Name, name) {
			return i, nil
		}
	}
	for i, s := range p.Scenes {
		if Slug(s.Name) == name {
			return i, nil
		}
	}
	if len(p.Scenes) == 0 {
		return -1, fmt.Errorf("no scene %s: the project has no scenes", load.Quote(name))
	}
	names := make([]string, len(p.Scenes))
	for i, s := range p.Scenes {
		names[i] = load.Quote(s.Name)
	}
	return -1, fmt.Errorf("no scene %s (scenes: %s)", load.Quote(name), strings.Join(names, ", "))
}

// Slug is a scene name as a file name: lower-case letters and digits
// joined by single hyphens, at most 48 characters ("Aktau–Baku, 2024" →
// "aktau-baku-2024"); "scene" when nothing is left.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range strings.ToLower(name) {
		if n >= 48 {
			break
		}
		if isSlugRune(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "scene"
	}
	return b.String()
}

// isSlugRune keeps letters of any script (a Kazakh or Azerbaijani scene
// name stays readable) but nothing a file system or shell treats
// specially.
func isSlugRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return true
	case r < 0x80:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
