package i18n

import "testing"

func TestAmount(t *testing.T) {
	tests := []struct {
		name   string
		l      Lang
		v      float64
		approx bool
		want   string
	}{
		{"english", EN, 1.392, false, "1.39 Mt"},
		{"german decimal comma", DE, 1.392, false, "1,39 Mio. t"},
		{"russian decimal comma", RU, 1.392, false, "1,39 млн т"},
		{"approximate", DE, 1.5, true, "≈1,50 Mio. t"},
		{"kilotonnes", EN, 0.0023, false, "2.3 kt"},
		{"kilotonnes german", DE, 0.0022, false, "2,2 Tsd. t"},
		{"kilotonnes russian", RU, 0.0023, true, "≈2,3 тыс. т"},
		{"zero stays in megatonnes", RU, 0, false, "0,00 млн т"},
		{"large", DE, 63.8, false, "63,80 Mio. t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Amount(tt.v, "Mt/yr", tt.approx); got != tt.want {
				t.Errorf("Amount(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestFigure(t *testing.T) {
	tests := []struct {
		name string
		l    Lang
		want string
	}{
		{"english", EN, "1.39 Mt · 2023 actual"},
		{"german", DE, "1,39 Mio. t (2023, Ist)"},
		{"russian", RU, "1,39 млн т (2023, факт)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Figure(1.392, "Mt/yr", false, 2023, "actual"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	want := map[Lang][]string{
		EN: {"actual", "estimate", "plan", "forecast"},
		DE: {"Ist", "Schätzung", "Plan", "Prognose"},
		RU: {"факт", "оценка", "план", "прогноз"},
	}
	for l, words := range want {
		t.Run(string(l), func(t *testing.T) {
			for i, k := range []string{"actual", "estimate", "plan", "forecast"} {
				if got := l.Kind(k); got != words[i] {
					t.Errorf("Kind(%s) = %q, want %q", k, got, words[i])
				}
			}
		})
	}
}

func TestYear(t *testing.T) {
	tests := []struct {
		name string
		l    Lang
		t    float64
		want string
	}{
		{"whole year never grouped, english", EN, 2023, "2023"},
		{"whole year never grouped, german", DE, 2023, "2023"},
		{"whole year never grouped, russian", RU, 2023, "2023"},
		{"half", EN, 2023.5, "2023.5"},
		{"half german", DE, 2023.5, "2023,5"},
		{"hundredths russian", RU, 2024.25, "2024,25"},
		{"cuts, never rounds up", DE, 2022.999, "2022,99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Year(tt.t); got != tt.want {
				t.Errorf("Year(%v) = %q, want %q", tt.t, got, tt.want)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"grouping english", EN.Number(77000, 0), "77,000"},
		{"grouping german", DE.Number(77000, 0), "77.000"},
		{"grouping russian", RU.Number(77000, 0), "77\u00a0000"},
		{"km long", DE.Km(1638.2), "1.638 km"},
		{"km short", RU.Km(12.46), "12,5 км"},
		{"metres", EN.Km(0.8), "800 m"},
		{"decimal", RU.Decimal(0.586, 3), "0,586"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		name string
		l    Lang
		iso  string
		want string
	}{
		{"day english", EN, "2024-01-15", "15 Jan 2024"},
		{"day german", DE, "2024-01-15", "15.01.2024"},
		{"day russian", RU, "2018-08-12", "12.08.2018"},
		{"month english", EN, "2025-10", "Oct 2025"},
		{"month german", DE, "2025-03", "März 2025"},
		{"month russian", RU, "2025-10", "окт. 2025"},
		{"year", RU, "2025", "2025"},
		{"free text kept", DE, "Jan–Oct 2024", "Jan–Oct 2024"},
		{"bad month kept", EN, "2025-13", "2025-13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Date(tt.iso); got != tt.want {
				t.Errorf("Date(%q) = %q, want %q", tt.iso, got, tt.want)
			}
		})
	}
}
