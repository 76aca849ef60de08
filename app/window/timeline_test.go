package window

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/corridor-atlas/corridor-atlas/app/render"
	"github.com/corridor-atlas/corridor-atlas/geo"
)

// onStep reports whether y is a whole number of timeline steps.
func onStep(y geo.Year) bool {
	h := float64(y) / yearStep
	return math.Abs(h-math.Round(h)) < 1e-6
}

// The slider stops at the data years unless moved finely (Shift), and the
// year shown is the year drawn: the case was 2022.99 shown as
// "2023.0" with the crude, whose figures start in 2023, not drawn.
func TestTimelineSnapsAndShowsTheYearDrawn(t *testing.T) {
	a := newTestAtlas(t, 900, 600)
	fine := false
	a.timeline.fine = func() bool { return fine }
	crude := a.flows[0]
	for _, fp := range a.flows {
		if fp.Flow.ID == "kz-oil-btc" {
			crude = fp
		}
	}
	years := a.dataYears()
	if len(years) < 3 || years[0] != a.first || years[len(years)-1] != a.last {
		t.Fatalf("data years %v for a timeline %v–%v", years, a.first, a.last)
	}
	tests := []struct {
		name   string
		fine   bool
		slider float64
		want   geo.Year
	}{
		{"a drag near 2023 stops on it", false, 2022.99, 2023},
		{"a drag past the middle stops on the next year", false, 2023.62, 2024},
		{"a drag below the middle stays on the year", false, 2024.3, 2024},
		{"Shift moves by hundredths", true, 2022.99, 2022.99},
		{"Shift keeps a hundredth", true, 2023.456, 2023.46},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fine = tt.fine
			a.setYear(2021)
			a.timeline.slider.SetValue(tt.slider) // as the slider's drag does
			if a.year != tt.want {
				t.Fatalf("year %v, want %v", a.year, tt.want)
			}
			if a.timeline.slider.Value != float64(tt.want) {
				t.Errorf("the thumb is at %v, the year %v", a.timeline.slider.Value, tt.want)
			}
			shown := render.YearLabel(a.year)
			if !strings.HasPrefix(a.timeline.label.Text, shown+" ") {
				t.Errorf("label %q for year %v", a.timeline.label.Text, a.year)
			}
			s := a.scene(a.mapv.View())
			if got := render.Subtitle(s); !strings.HasPrefix(got, shown) {
				t.Errorf("the picture's year line %q for year %v", got, a.year)
			}
			// The crude is drawn exactly when the year shown has a figure.
			_, _, drawn := crude.Flow.At(s.Year)
			if first, _ := crude.Flow.Span(); drawn != (s.Year >= first) {
				t.Errorf("crude drawn %v at %v", drawn, s.Year)
			}
		})
	}
	fine = false
	t.Run("arrow keys on the slider step data years", func(t *testing.T) {
		a.setYear(2023)
		a.timeline.slider.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		if a.year != 2024 {
			t.Errorf("→: %v", a.year)
		}
		a.setYear(2023.4)
		a.timeline.slider.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		if a.year != 2023 {
			t.Errorf("← from 2023.4: %v", a.year)
		}
	})
}

// Playback moves by fractions of a step per frame but the year it shows,
// draws and a scene saves is always on the step; the saved year is short.
func TestPlaybackYearsAreExact(t *testing.T) {
	a := newTestAtlas(t, 600, 400)
	a.setYear(a.first)
	a.timeline.speed = 0.5 // 0.0042 years per frame: less than a step
	a.timeline.setPlaying(true)
	start := a.year
	for i := 0; i < 200; i++ {
		a.tick(1.0 / 60)
		if !onStep(a.year) {
			t.Fatalf("frame %d: year %v is not on the timeline's step", i, a.year)
		}
	}
	a.timeline.setPlaying(false)
	want := float64(start) + 200.0/60*yearsPerSecond*0.5
	if math.Abs(float64(a.year)-want) > yearStep {
		t.Errorf("played to %v, want %.4f: frames shorter than a step were lost", a.year, want)
	}
	a.tick(0.123)
	if err := a.addScene("Mid-year", ""); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a.scenes[0].Year)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != render.YearLabel(a.year) {
		t.Errorf("the scene stores %s, the window shows %s", got, render.YearLabel(a.year))
	}
}

// The ticks under the slider sit where the slider puts their years (a
// click on a data year's tick sets that year) and name the data years.
func TestYearTicksLineUpWithTheSlider(t *testing.T) {
	a := newTestAtlas(t, 1100, 600)
	a.timeline.fine = func() bool { return true }
	ticks := a.timeline.ticks
	if ticks.Size().Width != a.timeline.slider.Size().Width || ticks.Position().X != a.timeline.slider.Position().X {
		t.Fatalf("ticks at %v %v, slider at %v %v", ticks.Position(), ticks.Size(), a.timeline.slider.Position(), a.timeline.slider.Size())
	}
	r := test.WidgetRenderer(ticks).(*ticksRenderer)
	var written []string
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			written = append(written, txt.Text)
		}
	}
	var want []string
	for _, y := range a.dataYears() {
		want = append(want, render.YearLabel(y))
		x := r.x(float64(y))
		a.timeline.slider.Tapped(&fyne.PointEvent{Position: fyne.NewPos(x, a.timeline.slider.Size().Height/2)})
		if math.Abs(float64(a.year-y)) > 0.011 {
			t.Errorf("a click on the %v tick (x %.1f) set %v", y, x, a.year)
		}
	}
	if !slices.Equal(written, want) {
		t.Errorf("years written %v, want the data years %v", written, want)
	}
}
