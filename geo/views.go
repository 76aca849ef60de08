package geo

import "github.com/paulmach/orb"

// View is a named map extent. The names are part of the command-line and
// project-file contract, so they never change once published.
type View struct {
	Name  string
	Title string
	Bound orb.Bound
}

// DefaultView is the view the app and export open on.
const DefaultView = "caspian"

// Views lists the named views in the order the window shows them.
var Views = []View{
	{Name: "caspian", Title: "Caspian", Bound: box(33, 35, 58, 47)},
	{Name: "corridor", Title: "Middle Corridor", Bound: box(26, 33, 90, 52)},
	{Name: "aktau-baku", Title: "Aktau – Baku", Bound: box(48.5, 39.3, 52.5, 44.2)},
	{Name: "btc", Title: "BTC pipeline", Bound: box(34.5, 36, 50.5, 42.5)},
}

// ViewByName finds a named view.
func ViewByName(name string) (View, bool) {
	for _, v := range Views {
		if v.Name == name {
			return v, true
		}
	}
	return View{}, false
}

// ViewNames returns the names of all views, for usage messages.
func ViewNames() []string {
	names := make([]string, len(Views))
	for i, v := range Views {
		names[i] = v.Name
	}
	return names
}

func box(minLon, minLat, maxLon, maxLat float64) orb.Bound {
	return orb.Bound{Min: orb.Point{minLon, minLat}, Max: orb.Point{maxLon, maxLat}}
}

// Region is the box the 10 m basemap covers (lon 25..90, lat 30..56). Inside
// it the detailed data is used; outside it, the 50 m overview.
var Region = box(25, 30, 90, 56)
