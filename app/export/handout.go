package export

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/app/catalog"
	"github.com/corridor-atlas/corridor-atlas/app/outfile"
	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/app/render/vector"
	"github.com/corridor-atlas/corridor-atlas/data"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// A briefing handout is a project's scenes as one PDF, a page each: the
// scene's map as its PDF export draws it (title, year, legend and all),
// the scene's note, and the sources of the flows the map shows, with
// each figure's date and kind. Page text is set with the map's font and
// shaping, so it searches and copies like the map's labels.

// HandoutPage is one scene of a handout.
type HandoutPage struct {
	// Name is the scene's name, for the page heading and the outline.
	Name string
	Note string
	// Options are the scene's export options for a picture of the given
	// size in pixels at dpi: its area, year, layers, flows and title.
	Options func(width, height int, dpi float64) Options
}

// Handout is a briefing to write.
type Handout struct {
	Out string
	// Title heads every page and names the document (the project).
	Title string
	// Paper is the page size; nil: A4 landscape.
	Paper *PrintSize
	Pages []HandoutPage
	// Lang is the language of the page text, the document's metadata and
	// the refusals; each page's map is in its Options' Lang.
	Lang i18n.Lang
}

// Handout page geometry, in points.
const (
	handoutMargin  = 28.0 // about 10 mm
	handoutHeading = 11.0 // the running heading's size
	handoutNote    = 10.5
	handoutSource  = 8.0
	handoutLeading = 1.3
)

// Check validates a handout before anything is loaded or drawn.
func (h *Handout) Check() error {
	if len(h.Pages) == 0 {
		return usage(h.Lang, "handout.no_scenes", map[string]any{"Out": h.Out})
	}
	if !strings.EqualFold(filepath.Ext(h.Out), ".pdf") {
		if t, err := outfile.Inspect(h.Out); err != nil || t.Kind == outfile.Regular || t.Kind == outfile.Missing {
			return usage(h.Lang, "handout.not_pdf", map[string]any{"Out": h.Out})
		}
	}
	if p := h.Paper; p != nil && (p.W < 100 || p.H < 100 || p.W > 1200 || p.H > 1200) {
		return usage(h.Lang, "handout.paper", map[string]any{"Width": h.Lang.Number(p.W, 1), "Height": h.Lang.Number(p.H, 1)})
	}
	return nil
}

// WriteHandout writes the handout from a loaded catalogue, atomically as
// every export.
func WriteHandout(h Handout, cat *catalog.Catalogue, r *render.Renderer) (*Result, error) {
	if err := h.Check(); err != nil {
		return nil, err
	}
	if in := outfile.SameAsAny(h.Out, cat.Inputs); in != "" {
		return nil, usage(h.Lang, "out.is_input", map[string]any{"Out": h.Out, "Input": in})
	}
	if r == nil {
		r = render.New()
	}
	paper := PrintSize{297, 210}
	if h.Paper != nil {
		paper = *h.Paper
	}
	pw, ph := paper.W/25.4*72, paper.H/25.4*72
	// The pages are drawn while the temporary file is open, so an
	// interruption or a failure on any page leaves nothing behind.
	var notices []string
	size, err := outfile.Write(h.Out, func(w io.Writer) error {
		subject := messages.N(h.Lang, "handout.subject", len(h.Pages), map[string]any{"N": len(h.Pages), "Attribution": messages.T(h.Lang, "doc.attribution")})
		doc := vector.NewPDF(vector.PDFOptions{Title: h.Title, Subject: subject})
		for i := range h.Pages {
			n, err := h.page(doc, i, pw, ph, cat, r)
			if err != nil {
				return err
			}
			notices = append(notices, n...)
		}
		return doc.Close(w)
	})
	if err != nil {
		return nil, err
	}
	return &Result{Path: h.Out, Bytes: size, Notices: notices, Format: FormatPDF}, nil
}

// page lays out and draws page i.
func (h *Handout) page(doc *vector.PDF, i int, pw, ph float64, cat *catalog.Catalogue, r *render.Renderer) ([]string, error) {
	pg := h.Pages[i]
	m := handoutMargin
	textW := pw - 2*m
	dpi := float64(DefaultPrintDPI)
	px := func(pt float64) int { return max(MinSide, int(math.Round(pt/72*dpi))) }

	// The scene at a first size tells which flows and year it shows, and
	// so how much text goes under the map.
	o := pg.Options(px(textW), px(ph*0.6), dpi)
	if err := o.checkPicture(); err != nil {
		return nil, sceneErr(h.Lang, pg.Name, err)
	}
	s, err := o.SceneWith(cat, r)
	if err != nil {
		return nil, sceneErr(h.Lang, pg.Name, err)
	}
	lines := handoutText(h.Lang, pg.Note, s, textW)
	textH := 0.0
	for _, l := range lines {
		textH += l.size * handoutLeading
	}
	headH := handoutHeading * 1.8
	mapH := ph - 2*m - headH - textH - 8
	if mapH < ph*0.45 {
		// A long note keeps at least this much of the page for the map:
		// the rest of the text is cut, and the notice says so.
		mapH = ph * 0.45
	}
	o = pg.Options(px(textW), px(mapH), dpi)
	if err := o.checkPicture(); err != nil {
		return nil, sceneErr(h.Lang, pg.Name, err)
	}
	if s, err = o.SceneWith(cat, r); err != nil {
		return nil, sceneErr(h.Lang, pg.Name, err)
	}
	doc.AddPage(pw, ph)
	doc.SetGroupTitle(func(n string) string {
		if n == groupPage {
			return messages.T(h.Lang, "handout.group_page")
		}
		return s.GroupTitle(n)
	})
	doc.Bookmark(fmt.Sprintf("%d. %s", i+1, pg.Name))
	k := textW / float64(s.View.Width)
	mp := doc.Painter(m, m+headH, k, float64(s.View.Width), float64(s.View.Height), true)
	r.Paint(s, mp)
	mp.Finish()

	// The running heading and the text under the map, one point a pixel.
	tp := doc.Painter(0, 0, 1, pw, ph, false)
	tp.Begin(groupPage)
	head := fmt.Sprintf("%s — %d / %d: %s", h.Title, i+1, len(h.Pages), pg.Name)
	if h.Title == "" {
		head = fmt.Sprintf("%d / %d: %s", i+1, len(h.Pages), pg.Name)
	}
	tp.Text([]render.TextRun{{Text: head, Style: render.Regular, Size: handoutHeading, X: m, Y: m + handoutHeading, Colour: colMuted}}, 0, 0, 0, color.NRGBA{})
	y := m + headH + mapH + 8
	var notices []string
	for j, l := range lines {
		y += l.size * handoutLeading
		if y > ph-m/2 {
			notices = append(notices, messages.N(h.Lang, "handout.cut", len(lines)-j, map[string]any{"Page": i + 1, "Name": pg.Name, "N": len(lines) - j}))
			break
		}
		tp.Text([]render.TextRun{{Text: l.text, Style: l.style, Size: l.size, X: m + l.indent, Y: y, Colour: l.col}}, 0, 0, 0, color.NRGBA{})
	}
	tp.End()
	tp.Finish()
	return notices, nil
}

// groupPage is the page text's group (its layer in the PDF).
const groupPage = "page-text"

var (
	colText  = color.NRGBA{0x22, 0x22, 0x22, 0xFF}
	colMuted = color.NRGBA{0x55, 0x55, 0x55, 0xFF}
)

// textLine is one set line of a handout page.
type textLine struct {
	text   string
	style  render.FontStyle
	size   float64
	indent float64
	col    color.NRGBA
}

// handoutText is the note and the flows' sources in l, wrapped to width.
func handoutText(l i18n.Lang, note string, s *render.Scene, width float64) []textLine {
	var out []textLine
	add := func(text string, style render.FontStyle, size, indent float64, col color.NRGBA) {
		for _, l := range render.WrapText(style, size, text, width-indent) {
			out = append(out, textLine{l, style, size, indent, col})
			indent = max(indent, 12) // wrapped lines hang under the first
		}
	}
	for _, para := range strings.Split(strings.TrimSpace(note), "\n") {
		if para = strings.TrimSpace(para); para != "" {
			add(para, render.Regular, handoutNote, 0, colText)
		}
	}
	src := flowSources(l, s)
	if len(src) == 0 {
		if len(s.Flows) > 0 {
			out = append(out, textLine{text: messages.T(l, "handout.no_figure", map[string]any{"Year": l.Year(float64(s.Year))}), style: render.Regular, size: handoutSource, col: colMuted})
		}
		return out
	}
	if len(out) > 0 {
		out = append(out, textLine{size: handoutSource * 0.6})
	}
	add(messages.T(l, "handout.sources"), render.Bold, handoutSource+0.5, 0, colText)
	for _, l := range src {
		add(l, render.Regular, handoutSource, 0, colMuted)
	}
	return out
}

// sceneErr names the scene whose page failed.
func sceneErr(l i18n.Lang, name string, err error) error {
	return fmt.Errorf("%s: %w", messages.T(l, "handout.scene", map[string]any{"Name": name}), err)
}

// flowSources names in l, for every flow the scene draws at its year,
// the figure drawn with its kind, source and date, and how many other
// figures were published for that year. Sources keep their own wording.
func flowSources(l i18n.Lang, s *render.Scene) []string {
	var out []string
	for _, fp := range s.Flows {
		f := fp.Flow
		fig, ok := f.FigureAt(s.Year)
		if !ok {
			continue
		}
		line := messages.T(l, "handout.source", map[string]any{"Flow": f.TitleIn(l), "Amount": l.Amount(fig.Value, f.Unit, fig.Approximate),
			"Year": l.Year(float64(fig.Year)), "Kind": l.Kind(fig.Kind.String()), "Source": fig.Source})
		if fig.Date != "" {
			line += ", " + l.Date(fig.Date)
		}
		others := 0
		for _, g := range f.YearFigures(fig.Year) {
			if !sameFigure(g, fig) {
				others++
			}
		}
		if others > 0 {
			line += " " + messages.N(l, "handout.others", others, map[string]any{"N": others, "Year": l.Year(float64(fig.Year))})
		}
		if fp.File != "" {
			line += " [" + fp.File + "]"
		}
		out = append(out, line)
	}
	return out
}

// sameFigure reports whether a and b are one published figure (its
// translations aside).
func sameFigure(a, b data.Figure) bool {
	return a.Year == b.Year && a.Period == b.Period && a.Value == b.Value && a.Kind == b.Kind &&
		a.Approximate == b.Approximate && a.Source == b.Source && a.Date == b.Date
}
