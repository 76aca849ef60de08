// Package project reads and writes Corridor Atlas project files (.catlas):
// a saved session — view, layers, flows, timeline position — and the
// ordered scenes of a briefing. The window saves and opens them, and
// `corridor-atlas export --project` renders their scenes, both through
// ExportOptions, so a scene looks the same on stage and on a slide.
//
// # Format (version 1)
//
// A project is one UTF-8 JSON object:
//
//	{
//	  "format": "corridor-atlas-project",
//	  "version": 1,
//	  "language": "en",
//	  "view": {"lon": 49.5, "lat": 41.2, "zoom": 5.3},
//	  "projection": "conic",
//	  "year": 2023.5,
//	  "layers": [
//	    {"id": "countries", "visible": true, "opacity": 1},
//	    {"id": "power", "visible": false},
//	    {"id": "routes", "file": "data/routes.geojson", "visible": true, "opacity": 0.8,
//	     "style": {"colour": "#8e44ad", "width": 2, "labelField": "name"}},
//	    {"id": "terminals", "file": "data/corridor.gpkg", "table": "terminals"},
//	    {"id": "depots", "file": "data/depots.csv", "columns": {"lat": "Nord", "lon": "Ost"}}
//	  ],
//	  "flows": ["kz-oil-btc", "ge-transit"],
//	  "flowData": ["data/flows.csv"],
//	  "scenes": [
//	    {"name": "Aktau–Baku", "title": "Across the Caspian", "note": "Ferries and tankers",
//	     "titles": {"de": "Über das Kaspische Meer", "ru": "Через Каспий"},
//	     "bbox": [47.5, 39.2, 53.5, 44.8], "year": 2024,
//	     "layers": ["countries", "coastline", "titr", "ports"], "flows": ["titr-cargo"]}
//	  ]
//	}
//
// Every member except format and version is optional:
//
//   - language is the code of the language the project is written in (en,
//     de, ru): its scenes' titles and notes are in it, and
//     `corridor-atlas export --project` draws the map in it unless --lang
//     names another. The window writes its own language there when it
//     first saves a project or adds a scene to a new one.
//   - view is a centre and a zoom (logical pixels, as the window and
//     `--view` use it), and for a view drawn in the conic its standard
//     parallels and central meridian ("conic": [lat1, lat2, lon0]), so it
//     opens in the very projection it was saved in; bbox is [minLon, minLat, maxLon, maxLat], fitted to
//     the picture's aspect ratio. Give one or neither; neither means the
//     default view. A view keeps its centre and scale in an export, so a
//     bigger picture shows more ground around it; a bbox always shows the
//     whole box.
//   - projection is "conic" (the default: a Lambert conformal conic whose
//     standard parallels are fitted to each place a scene or view shows)
//     or "mercator" (Web Mercator, as web maps draw). It holds for every
//     scene.
//   - year is the timeline position (fractional years, 1900..2100).
//   - layers are the session's layers with their visibility, opacity
//     (0..1, default 1) and, for a user layer, its style (colour "#rrggbb",
//     line width in logical pixels, the property labels come from; "" for
//     no labels). An entry with a file is a user data layer (any format
//     the app reads: GeoJSON, GeoPackage, Shapefile, KML/KMZ, CSV); without,
//     an embedded layer by id. "table" picks one layer of a file that holds
//     several (a GeoPackage table, a Shapefile in a zip); "columns" names a
//     CSV's geometry columns ("lat" and "lon", or "wkt") when they were
//     chosen by hand. Embedded layers left out are visible at full opacity.
//     User layers draw in the order listed, above the embedded ones.
//   - flows are the visible flow ids (absent: all; []: none); flowData are
//     flow CSV files (see data.ParseFlowCSV) loaded after the layers.
//   - scenes are the briefing, in order. A scene's name is unique (ignoring
//     case) and non-empty; title is its caption and export title (empty:
//     the name); note is for the presenter. Both are in the project's
//     language; "titles" and "notes" give them in others, by code. A
//     picture in a language without a title of its own is titled in the
//     project's language. Codes this app does not speak yet are kept.
//     A scene without view/bbox,
//     year, layers or flows takes the project's; "layers" and "flows" list
//     what the scene shows ([] for no flows).
//
// # Paths
//
// File paths are written relative to the project file's folder, with "/"
// separators, so a folder with a project and its data can be moved, zipped
// or opened on another system. A file outside that folder is written with
// "../" steps; only a file with no relative path at all (another Windows
// drive) is written absolute. Opening accepts all of these.
//
// Paths that climb out of the project's folder are deliberately allowed:
// sharing a data folder between briefings ("../data/ports.geojson") is the
// normal way to work. The guarantee is instead that a project makes the app
// read only the regular files it names as layers and flow data (plus the
// route files those CSVs name, as data.ParseFlowCSV documents), never a
// device or a directory, and write nothing but the project file itself,
// and that only when the user saves to a file they chose.
//
// # Errors
//
// Load refuses, with one line naming the file (and the line and column of
// a JSON syntax or type error), a file that is not JSON, not a project,
// from a newer version of the app, or has values out of range; it returns
// nothing else, so the caller's session is untouched. Open is forgiving
// about the data a valid project names: a missing or broken layer file, a
// broken flow CSV or an unknown id is reported as a Problem naming it, and
// everything else opens.
//
// A newer app may add members within version 1 and older apps ignore them;
// a change older apps would misread raises the version, and they refuse
// the file with "made by a newer version".
package project
