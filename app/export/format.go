package export

import (
	"errors"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/corridor-atlas/corridor-atlas/app/outfile"
	"github.com/corridor-atlas/corridor-atlas/data/i18n"
)

// Format is what an export writes.
type Format int

// Formats. FormatAuto takes the format from the output's extension (PNG
// for a stream).
const (
	FormatAuto Format = iota
	FormatPNG
	FormatSVG
	FormatPDF
)

var formatNames = [...]string{FormatAuto: "", FormatPNG: "png", FormatSVG: "svg", FormatPDF: "pdf"}

func (f Format) String() string { return formatNames[f] }

// Ext is the format's file extension.
func (f Format) Ext() string { return "." + f.String() }

// whatKey is the message naming the format ("a PDF").
func (f Format) whatKey() string {
	switch f {
	case FormatSVG:
		return "what.svg"
	case FormatPDF:
		return "what.pdf"
	}
	return "what.png"
}

// ParseFormat reads --format: png, svg or pdf, in any case.
func ParseFormat(s string) (Format, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "png":
		return FormatPNG, true
	case "svg":
		return FormatSVG, true
	case "pdf":
		return FormatPDF, true
	}
	return FormatAuto, false
}

// formatOf is the format an output name asks for, and whether it names
// one at all.
func formatOf(out string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".png":
		return FormatPNG, true
	case ".svg":
		return FormatSVG, true
	case ".pdf":
		return FormatPDF, true
	}
	return FormatAuto, false
}

// resolveFormat settles the options' format from --format and the output
// name: they must agree, and a regular file's name must say the format,
// so a .jpg or .catlas never holds PDF bytes. Devices and pipes have no
// name to check and write PNG unless told otherwise.
func (o *Options) resolveFormat() error {
	named, ok := formatOf(o.Out)
	stream := false
	if t, err := outfile.Inspect(o.Out); err == nil && t.Kind != outfile.Regular && t.Kind != outfile.Missing {
		stream = true
	}
	switch {
	case stream:
		if o.Format == FormatAuto {
			o.Format = FormatPNG
		}
		return nil
	case ok && (o.Format == FormatAuto || o.Format == named):
		o.Format = named
		return nil
	case ok:
		return usage(o.Lang, "out.format_mismatch", map[string]any{"Out": o.Out, "Format": o.Format.String(),
			"What": messages.T(o.Lang, o.Format.whatKey()), "Ext": strings.ToLower(filepath.Ext(o.Out))})
	case o.Format != FormatAuto:
		return checkOut(o.Lang, o.Out, o.Format.Ext(), o.Format.whatKey())
	}
	e := strings.ToLower(filepath.Ext(o.Out))
	if e == "" {
		return usage(o.Lang, "out.no_ext_any", map[string]any{"Out": o.Out})
	}
	return usage(o.Lang, "out.wrong_ext_any", map[string]any{"Out": o.Out, "Got": strings.TrimPrefix(e, ".")})
}

// PrintSize is a picture's size on paper, in millimetres.
type PrintSize struct{ W, H float64 }

// paper are the named print sizes, landscape.
var paper = map[string]PrintSize{
	"a3": {420, 297},
	"a4": {297, 210},
	"a5": {210, 148},
}

// DefaultPrintDPI is the resolution a print size is drawn at when no
// --dpi is given: what printers and journals ask for.
const DefaultPrintDPI = 300

// SizeSpec is a --size as given: pixels, or a print size.
type SizeSpec struct {
	Width, Height int
	Print         *PrintSize
}

// ParseSize reads a size: WxH pixels, WxHmm (or cm, in) on paper, or a
// paper name (A3, A4, A5; -portrait or -landscape, landscape by default).
// Its errors are in l: they explain a --size or a dialog's field.
func ParseSize(s string, l i18n.Lang) (SizeSpec, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	name, orient, _ := strings.Cut(t, "-")
	if p, ok := paper[name]; ok {
		switch orient {
		case "", "landscape":
		case "portrait":
			p.W, p.H = p.H, p.W
		default:
			return SizeSpec{}, errors.New(messages.T(l, "size.orientation", map[string]any{"Paper": strings.ToUpper(name)}))
		}
		return SizeSpec{Print: &p}, nil
	}
	unit := 0.0
	for _, u := range []struct {
		suffix string
		mm     float64
	}{{"mm", 1}, {"cm", 10}, {"in", 25.4}} {
		if strings.HasSuffix(t, u.suffix) {
			t, unit = strings.TrimSuffix(t, u.suffix), u.mm
			break
		}
	}
	ws, hs, ok := strings.Cut(t, "x")
	if !ok {
		return SizeSpec{}, errors.New(messages.T(l, "size.want"))
	}
	if unit == 0 {
		w, err1 := strconv.Atoi(strings.TrimSpace(ws))
		h, err2 := strconv.Atoi(strings.TrimSpace(hs))
		if err1 != nil || err2 != nil {
			return SizeSpec{}, errors.New(messages.T(l, "size.want_whole"))
		}
		return SizeSpec{Width: w, Height: h}, nil
	}
	w, err1 := strconv.ParseFloat(strings.TrimSpace(ws), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSpace(hs), 64)
	if err1 != nil || err2 != nil || !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return SizeSpec{}, errors.New(messages.T(l, "size.want_positive"))
	}
	return SizeSpec{Print: &PrintSize{w * unit, h * unit}}, nil
}

// SetSize sets the picture's size from a spec. A print size is drawn at
// the options' DPI, or DefaultPrintDPI: text and lines at their printed
// size, the page exactly the size asked for. Give --dpi before or after
// --size: call SetSize once every flag is read.
func (o *Options) SetSize(sp SizeSpec) {
	if sp.Print == nil {
		o.Width, o.Height, o.Print = sp.Width, sp.Height, nil
		return
	}
	if o.DPI == 0 {
		o.DPI = DefaultPrintDPI
	}
	p := *sp.Print
	o.Print = &p
	o.Width = int(math.Round(p.W / 25.4 * o.DPI))
	o.Height = int(math.Round(p.H / 25.4 * o.DPI))
}

// PageSize is the picture's size on paper in points (1/72 in): the print
// size asked for, or the pixels at the picture's resolution.
func (o *Options) PageSize() (w, h float64) {
	if o.Print != nil {
		return o.Print.W / 25.4 * 72, o.Print.H / 25.4 * 72
	}
	dpi := o.ResolutionDPI()
	return float64(o.Width) / dpi * 72, float64(o.Height) / dpi * 72
}
