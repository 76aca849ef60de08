package render

import (
	"image"
	"image/color"
	"testing"
)

// hasColour reports whether some pixel of img that is at least half
// covered is within tol of c once its alpha is divided out.
func hasColour(img *image.RGBA, c color.NRGBA, tol int) bool {
	for i := 0; i < len(img.Pix); i += 4 {
		a := int(img.Pix[i+3])
		if a < 120 { // planned kinds are drawn at 60 %
			continue
		}
		ok := true
		for k, want := range []uint8{c.R, c.G, c.B} {
			got := int(img.Pix[i+k]) * 255 / a // un-premultiply
			if d := got - int(want); d > tol || d < -tol {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestSwatch(t *testing.T) {
	layers, err := EmbeddedLayers()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Layer{}
	for _, l := range layers {
		byID[l.ID] = l
	}
	user := NewUserLayer("mine", "Mine", nil, layers[0].Bound, 3)
	tests := []struct {
		name  string
		layer *Layer
		want  color.NRGBA // a colour the map draws this layer in
	}{
		{"pipeline", byID["btc"], colOil},
		{"tanker lane", byID["oil-lane"], colOil},
		{"rail", byID["titr"], colRail},
		{"fibre (planned)", byID["fibre"], colFibre},
		{"ports", byID["ports"], colFerry},
		{"countries", byID["countries"], colLand},
		{"lakes", byID["lakes"], colWater},
		{"rivers", byID["rivers"], colRiver},
		{"cities", byID["cities"], colCity},
		{"user layer", user, UserColour(3)},
	}
	for _, tt := range tests {
		for _, scale := range []float64{1, 2} {
			t.Run(tt.name, func(t *testing.T) {
				w, h := int(34*scale), int(16*scale)
				img := Swatch(tt.layer.Shown(nil), w, h, scale)
				if img.Rect.Dx() != w || img.Rect.Dy() != h {
					t.Fatalf("swatch is %v, want %d×%d", img.Rect, w, h)
				}
				tol := 40 // planned kinds are drawn faded
				if !hasColour(img, tt.want, tol) {
					t.Errorf("the %s swatch at %g× has no pixel near %v", tt.name, scale, tt.want)
				}
			})
		}
	}
}

func TestFlowSwatch(t *testing.T) {
	s := pickScene(t)
	for _, fp := range s.Flows {
		t.Run(fp.Flow.ID, func(t *testing.T) {
			img := FlowSwatch(fp, 34, 16, 1)
			c := FlowColour(fp.Flow.ID, fp.Index)
			// Drawn at 80 % over transparency: the straight colour is c.
			if !hasColour(img, c, 12) {
				t.Errorf("flow swatch has no pixel near %v", c)
			}
		})
	}
}
