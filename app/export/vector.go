package export

import (
	"fmt"
	"io"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/app/render/vector"
)

// The vector exports draw the scene through render.Renderer.Paint: the
// same frame, layout and drawing calls as the PNG, written as SVG or PDF
// objects instead of pixels.

// description says what the picture shows, for a document's metadata.
func (o *Options) description(s *render.Scene) string {
	return messages.T(o.Lang, "doc.description", map[string]any{"Year": o.Lang.Year(float64(s.Year)), "Attribution": messages.T(o.Lang, "doc.attribution")})
}

// physical is the picture's size as an SVG states it: millimetres for a
// print size, else pixels.
func (o *Options) physical() (w, h string) {
	if o.Print == nil {
		return "", ""
	}
	return fmt.Sprintf("%gmm", round2(o.Print.W)), fmt.Sprintf("%gmm", round2(o.Print.H))
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

func (o *Options) writeSVG(w io.Writer, s *render.Scene, r *render.Renderer) error {
	pw, ph := o.physical()
	doc := vector.NewSVG(vector.SVGOptions{Width: float64(s.View.Width), Height: float64(s.View.Height),
		PhysicalWidth: pw, PhysicalHeight: ph, Title: o.docTitle(), Description: o.description(s),
		Text: o.SVGText, GroupTitle: s.GroupTitle})
	r.Paint(s, doc)
	return doc.Close(w)
}

func (o *Options) writePDF(w io.Writer, s *render.Scene, r *render.Renderer) error {
	doc := vector.NewPDF(vector.PDFOptions{Title: o.docTitle(), Subject: o.description(s), GroupTitle: s.GroupTitle})
	pw, ph := o.PageSize()
	doc.AddPage(pw, ph)
	p := doc.Painter(0, 0, pw/float64(s.View.Width), float64(s.View.Width), float64(s.View.Height), false)
	r.Paint(s, p)
	p.Finish()
	return doc.Close(w)
}

// docTitle is the document's title: the map's, or the default in the
// export's language.
func (o *Options) docTitle() string {
	if o.Title != "" {
		return o.Title
	}
	return DefaultTitleIn(o.Lang)
}
