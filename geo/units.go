package geo

import "fmt"

// Km is a length in kilometres. A named type, so a length cannot be passed
// where a number of degrees or pixels is expected.
type Km float64

// String formats the length the way the legend and info panel show it.
func (k Km) String() string {
	if k >= 100 {
		return fmt.Sprintf("%.0f km", float64(k))
	}
	return fmt.Sprintf("%.1f km", float64(k))
}

// Year is a fractional calendar year: 2023.5 is the middle of 2023. Flow
// figures for year Y are pinned at t = Y.
type Year float64

// Mt is a mass in million tonnes, the unit of every built-in flow.
type Mt float64

// String formats a tonnage as the flow labels print it ("1.06 Mt").
func (m Mt) String() string { return fmt.Sprintf("%.2f Mt", float64(m)) }
