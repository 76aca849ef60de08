package data

import (
	"slices"
	"strings"
	"testing"
)

func TestContextLayers(t *testing.T) {
	blocs, err := Blocs()
	if err != nil {
		t.Fatal(err)
	}
	countries := mustOpen(t, "countries")
	named := map[string]bool{}
	for _, f := range countries.Overview {
		named[f.Properties["name"].(string)] = true
	}
	// The fact sheet's membership table, as the data draws it.
	want := map[string]string{
		"eaeu": "Armenia:member Belarus:member Iran:observer Kazakhstan:member Kyrgyzstan:member Russia:member Uzbekistan:observer",
		"csto": "Armenia:member Belarus:member Kazakhstan:member Kyrgyzstan:member Russia:member Tajikistan:member",
		"ots":  "Azerbaijan:member Hungary:observer Kazakhstan:member Kyrgyzstan:member Turkmenistan:observer Türkiye:member Uzbekistan:member",
	}
	for _, bl := range blocs {
		t.Run(bl.ID, func(t *testing.T) {
			src, ok := SourceByID(bl.ID)
			if !ok || src.Group != Context || !src.Off {
				t.Fatalf("bloc %q has no context layer that is off by default", bl.ID)
			}
			l := mustOpen(t, bl.ID)
			var got []string
			for _, f := range l.Overview {
				got = append(got, f.Properties["name"].(string)+":"+f.Properties["status"].(string))
			}
			slices.Sort(got)
			if strings.Join(got, " ") != want[bl.ID] {
				t.Errorf("drawn %s, want %s", strings.Join(got, " "), want[bl.ID])
			}
			for _, m := range bl.Members {
				if !named[m.Country] {
					t.Errorf("%s is not a country of the basemap", m.Country)
				}
			}
		})
	}
	if ms := CountryMemberships("Kazakhstan"); len(ms) != 3 {
		t.Errorf("Kazakhstan is in %d blocs, want 3", len(ms))
	}
	tl, err := KazakhstanAzerbaijan()
	if err != nil || len(tl.Events) < 5 {
		t.Fatalf("timeline: %v, %d events", err, len(tl.Events))
	}
	for i, e := range tl.Events {
		if e.Source == "" || (i > 0 && e.Date < tl.Events[i-1].Date) {
			t.Errorf("event %v: unsourced or out of order", e)
		}
	}
}
