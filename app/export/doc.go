// Package export turns export options into a PNG file. It is the one
// export path: `corridor-atlas export` fills Options from its flags and the
// window's export dialog fills them from its form, and both call Run.
// Nothing here starts a GUI driver, so exports work without a display.
package export
