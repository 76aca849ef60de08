package i18n

import "testing"

func TestSkeleton(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Baku", "baku"}, {"Баку", "baku"}, {"Bakı", "baki"},
		{"Aktau", "aktau"}, {"Aqtau", "aktau"}, {"Актау", "aktau"},
		{"Khankendi", "hankendi"}, {"Xankəndi", "hankandi"}, {"Ханкенди", "hankendi"},
		{"Tbilisi", "tbilisi"}, {"T'Bilisi", "tbilisi"}, {"Тбилиси", "tbilisi"},
		{"Zhezkazgan", "jezkazgan"}, {"Жезказган", "jezkazgan"},
		{"Алматы", "almati"}, {"Almaty", "almati"},
		{"Türkmenbaşy", "turkmenbasi"}, {"Туркменбаши", "turkmenbasi"},
		{"Қызылорда", "kizilorda"}, {"Kyzylorda", "kizilorda"},
	}
	for _, tt := range tests {
		if got := Skeleton(tt.in); got != tt.want {
			t.Errorf("Skeleton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNear(t *testing.T) {
	tests := []struct {
		q, name string
		want    bool
	}{
		{"baki", "baku", true},            // Bakı finds Baku
		{"aktau", "aktaukuriknuri", true}, // a prefix, the rest free
		{"gence", "ganja", false},         // three letters apart
		{"bak", "bar", false},             // too short to guess
		{"tbilsi", "tbilisi", true},       // a letter dropped
		{"tbliisi", "tbilisi", true},      // two swapped
		{"samtrdia", "samtredia", true},
		{"kropivnickii", "kropivnitskii", true}, // long: two letters
		{"moskva", "tbilisi", false},
	}
	for _, tt := range tests {
		if got := Near(tt.q, tt.name); got != tt.want {
			t.Errorf("Near(%q, %q) = %v, want %v", tt.q, tt.name, got, tt.want)
		}
	}
}
