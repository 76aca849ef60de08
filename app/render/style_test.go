package render

import (
	"image/color"
	"math"
	"testing"

	"github.com/corridor-atlas/corridor-atlas/geo"
)

// Colour science for the flow palette: WCAG relative luminance and
// contrast, CIE L*a*b* (D65), and deuteranopia simulated with Machado,
// Oliveira and Fernandes (2009) at severity 1, on linear RGB.

func linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func luminance(c color.NRGBA) float64 {
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func labOf(r, g, b float64) [3]float64 {
	x := 0.4124*r + 0.3576*g + 0.1805*b
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := 0.0193*r + 0.1192*g + 0.9505*b
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	fx, fy, fz := f(x/0.95047), f(y), f(z/1.08883)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

func lab(c color.NRGBA) [3]float64 { return labOf(linear(c.R), linear(c.G), linear(c.B)) }

func deutan(c color.NRGBA) [3]float64 {
	r, g, b := linear(c.R), linear(c.G), linear(c.B)
	cl := func(v float64) float64 { return max(0, min(1, v)) }
	return labOf(cl(0.367322*r+0.860646*g-0.227968*b), cl(0.280085*r+0.672501*g+0.047413*b), cl(-0.011820*r+0.042940*g+0.968881*b))
}

func deltaE(a, b [3]float64) float64 { return math.Hypot(math.Hypot(a[0]-b[0], a[1]-b[1]), a[2]-b[2]) }

// TestFlowColoursReadEverywhere: every flow colour stands 3:1 against
// water and land (WCAG's minimum for graphics), and the built-in flows
// stay apart printed in greyscale (≥ 10 L*) and for a deuteranope (≥ 20
// ΔE*ab).
func TestFlowColoursReadEverywhere(t *testing.T) {
	all := map[string]color.NRGBA{}
	for id, c := range flowColours {
		all[id] = c
	}
	for i, c := range otherFlowColours {
		all["file flow "+string(rune('A'+i))] = c
	}
	for name, c := range all {
		t.Run(name, func(t *testing.T) {
			w, l := contrast(c, colWater), contrast(c, colLand)
			t.Logf("%v: %.2f:1 against water, %.2f:1 against land, L* %.1f", c, w, l, lab(c)[0])
			if w < 3 || l < 3 {
				t.Errorf("%v: %.2f:1 against water, %.2f:1 against land; want ≥ 3:1", c, w, l)
			}
			if FlowOutline(c) == c || luminance(FlowOutline(c)) >= luminance(c) {
				t.Errorf("%v: the band's edge %v is not darker", c, FlowOutline(c))
			}
		})
	}
	ids := []string{"kz-oil-btc", "titr-cargo", "btk-rail", "kz-uranium"}
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			t.Run(a+"/"+b, func(t *testing.T) {
				ca, cb := flowColours[a], flowColours[b]
				dl := math.Abs(lab(ca)[0] - lab(cb)[0])
				dd := deltaE(deutan(ca), deutan(cb))
				t.Logf("greyscale ΔL* %.1f, deuteranopia ΔE %.1f", dl, dd)
				if dl < 10 {
					t.Errorf("%s and %s differ by %.1f L*: alike in greyscale", a, b, dl)
				}
				if dd < 20 {
					t.Errorf("%s and %s differ by %.1f ΔE for a deuteranope", a, b, dd)
				}
			})
		}
	}
}

// TestSelectionLooksLikeNoFlow: the selection's black dashes appear only
// where something is selected: no flow band draws that colour.
func TestSelectionLooksLikeNoFlow(t *testing.T) {
	s := corridorScene(t, "caspian", 640, 400)
	count := func() int {
		img := New().Render(s)
		n := 0
		for i := 0; i < len(img.Pix); i += 4 {
			if img.Pix[i] == colSelect.R && img.Pix[i+1] == colSelect.G && img.Pix[i+2] == colSelect.B {
				n++
			}
		}
		return n
	}
	for _, y := range []float64{2022, 2023, 2024, 2026} {
		s.Year = geo.Year(y)
		if n := count(); n > 0 {
			t.Errorf("%g: %d pixels of the selection colour with nothing selected", y, n)
		}
	}
	s.Highlight = "btc-pipeline"
	if n := count(); n < 100 {
		t.Errorf("the selected pipeline shows %d pixels of the selection colour", n)
	}
	s.Highlight = ""
	for _, fp := range s.Flows {
		if fp.Flow.ID == "kz-oil-btc" {
			s.HighlightFlow = fp
		}
	}
	if n := count(); n < 100 {
		t.Errorf("the selected crude band shows %d pixels of the selection colour", n)
	}
}
