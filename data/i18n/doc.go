// Package i18n is what Corridor Atlas needs to speak English, German and
// Russian below the window: the languages themselves, text fields that
// carry a translation per language with English as the fallback, the
// catalogues of words the map and the command line use, and numbers,
// amounts and dates written the way each language writes them.
//
// It sits under data (which reads translated fields from its files) and
// under the app packages (which pick a language per picture, per command
// line or per window), so a map in Russian is drawn by the same code as
// one in English, only with another Lang.
//
// Adding a language is adding a Lang to All, a words/<lang>.json with
// every key of words/en.json, and the _<lang> fields of the data; the
// tests name every key and field still missing.
package i18n
