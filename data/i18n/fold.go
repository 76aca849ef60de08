package i18n

import (
	"strings"
	"unicode/utf8"
)

// Search compares names across spellings: the same place is Baku, Баку
// and Bakı, Aktau, Aqtau and Актау. Fold takes case and diacritics away;
// Skeleton goes further, to a rough Latin spelling of the sound, so
// transliterations of one name meet; Near tolerates the one letter they
// still differ in.

// diacritics maps the accented letters of the region's Latin spellings
// (Turkish, Azerbaijani, Kazakh, Romanian and the rest of Europe) and
// Cyrillic ё to their plain letters, after lower-casing.
var diacritics = strings.NewReplacer(
	"ı", "i", "i̇", "i", "ş", "s", "ș", "s", "ğ", "g", "ç", "c", "ö", "o", "ü", "u", "ə", "a",
	"â", "a", "ă", "a", "á", "a", "à", "a", "ä", "a", "ã", "a", "å", "a", "î", "i", "í", "i",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ó", "o", "ò", "o", "ô", "o", "õ", "o", "ú", "u",
	"ù", "u", "û", "u", "ţ", "t", "ț", "t", "ñ", "n", "ń", "n", "ł", "l", "ž", "z", "ź", "z",
	"ż", "z", "č", "c", "ć", "c", "š", "s", "ś", "s", "ř", "r", "ý", "y", "ā", "a", "ē", "e",
	"ī", "i", "ō", "o", "ū", "u", "ё", "е", "ғ", "г", "қ", "к", "ң", "н", "ө", "о", "ұ", "у",
	"ү", "у", "һ", "х", "і", "и", "ә", "а", "’", "", "'", "", "ʼ", "",
)

// Fold makes names comparable: lower case, diacritics and apostrophes
// removed ("Kars" and "kars", "Bakı" and "baki", "T'Bilisi" and
// "tbilisi").
func Fold(s string) string {
	return diacritics.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// cyrillic spells the Cyrillic letters in Latin, close to BGN/PCGN
// (Kazakh letters included): Скелет of "Баку" is "baku".
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e",
	'ю': "yu", 'я': "ya", 'є': "ye", 'ї': "yi", 'ў': "u",
}

// sounds fold the Latin spellings of one sound together, after
// transliteration: kh and x (Khankendi, Xankəndi), q and k (Aqtau,
// Aktau), zh and j, sh and s, ch and c, y and i, w and v.
var sounds = strings.NewReplacer("kh", "h", "x", "h", "q", "k", "dzh", "j", "zh", "j", "sh", "s", "ch", "c",
	"y", "i", "w", "v", "ph", "f")

// Skeleton is a name reduced to a rough Latin spelling of its sound, with
// doubled letters single and everything but letters and digits dropped:
// "Баку", "Baku" and "Bakı" become "baku", "baku" and "baki"; "Актау",
// "Aktau" and "Aqtau" all "aktau".
func Skeleton(s string) string {
	var b strings.Builder
	for _, r := range Fold(s) {
		if t, ok := cyrillic[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	t := sounds.Replace(b.String())
	b.Reset()
	var last rune
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && isLetter(r)) || r == last {
			if r != last {
				last = 0
			}
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

func isLetter(r rune) bool { return strings.ToLower(string(r)) != strings.ToUpper(string(r)) }

// Near reports whether the query q, a skeleton, begins name, a skeleton,
// but for a letter: one substituted, added, dropped or swapped with its
// neighbour (two for a query of eight letters or more). Queries shorter
// than four letters must match exactly: anything is near "ba".
func Near(q, name string) bool {
	n := utf8.RuneCountInString(q)
	if n < 4 {
		return false
	}
	k := 1
	if n >= 8 {
		k = 2
	}
	a, b := []rune(q), []rune(name)
	// The edit distance of q to the best prefix of name (Damerau: a swap
	// of neighbours counts one).
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j // skipping the start of name costs; its end is free (below)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	best := len(a)
	for _, d := range prev { // the rest of name after any prefix is free
		best = min(best, d)
	}
	return best <= k
}
