package rules

import (
	"strings"
	"unicode/utf8"
)

// Lines in the other language. A German article that embeds a post or a
// quotation in English ("Russian terrorists. The destruction of the dam
// …" under a politician's name) has a whole line of English words; the
// translation rules would take its "of the" for English left untranslated
// and its "It’s" for an English genitive. Such a line is blanked for the
// translation family (the other families read it as it is): a line of at
// least foreignLineWords words in which the other language's function
// words are at least foreignLineHits and more than three times the
// article language's own, one of them among its most frequent
// (markersOf). An English sentence a machine left untranslated is left
// out with it: a miss rather than a false alarm.
const (
	foreignLineWords = 8
	foreignLineHits  = 4

	maxFunctionWordBytes = 7 // the longest of functionWordsOf ("because")
)

// functionWordsOf are frequent function words of German and English that
// are no words of the other language.
var functionWordsOf = map[string]map[string]bool{
	"de": wordSet([]string{"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einen", "zu", "den", "von", "mit",
		"sich", "des", "auf", "für", "im", "dem", "auch", "es", "als", "wird", "bei", "nach", "sind", "wurde", "oder",
		"aus", "sie", "er", "wir", "hat", "haben", "noch", "nur", "über", "dass", "vom", "zum", "zur", "werden", "kein"}),
	"en": wordSet([]string{"the", "and", "of", "to", "is", "that", "for", "it", "with", "was", "on", "are", "be", "this",
		"by", "from", "they", "have", "not", "we", "has", "will", "their", "which", "would", "been", "were", "its",
		"should", "because", "every", "only", "there", "what", "who", "them", "our", "must", "could", "said"}),
}

// markersOf are the most frequent words of a language, between spaces: a
// line in the language has one of them (or begins with it), and a line
// without any is not counted word by word, which leaves most lines of an
// article at a few fast searches.
var markersOf = map[string][]string{
	"de": {" der ", " die ", " das ", " und "},
	"en": {" the ", " and ", " of "},
}

// linesWithWord returns, per line of the Doc (lineStarts), whether the
// line holds one of markers (words between spaces) or begins with one (the
// word and its space). It searches the whole text once per marker, for the
// word and its space: a search for the leading space would stop at every
// word.
func linesWithWord(d *Doc, markers []string) []bool {
	has := make([]bool, len(d.lineStarts))
	for _, m := range markers {
		w := m[1:]
		line := 0
		for i := 0; i <= len(d.Lower)-len(w); {
			k := strings.Index(d.Lower[i:], w)
			if k < 0 {
				break
			}
			i += k
			if i == 0 || d.Lower[i-1] == ' ' || d.Lower[i-1] == '\n' {
				for line+1 < len(d.lineStarts) && d.lineStarts[line+1] <= i {
					line++
				}
				has[line] = true
			}
			i++
		}
	}
	return has
}

// foreignLines returns the Doc's body and its lower-cased text with the
// lines in the other language blanked (spaces: every offset stays), and
// the lines' first offsets; nil when there is none or the article is in
// neither language.
func foreignLines(d *Doc) (body, low string, at []int) {
	lang := d.A.Meta.Language
	own, other := functionWordsOf[lang], functionWordsOf[otherLanguage(lang)]
	if own == nil || other == nil {
		return "", "", nil
	}
	var blank []span
	marked := linesWithWord(d, markersOf[otherLanguage(lang)])
	for i, start := range d.lineStarts {
		end := len(d.Lower)
		if i+1 < len(d.lineStarts) {
			end = d.lineStarts[i+1] - 1
		}
		if !marked[i] {
			continue
		}
		line := d.Lower[start:end]
		words, ownN, otherN := 0, 0, 0
		for i := 0; i < len(line); {
			r, size := utf8.DecodeRuneInString(line[i:])
			if !isWordRune(r) {
				i += size
				continue
			}
			j := i + size
			for j < len(line) {
				r, size := utf8.DecodeRuneInString(line[j:])
				if !isWordRune(r) {
					break
				}
				j += size
			}
			words++
			if w := line[i:j]; len(w) <= maxFunctionWordBytes {
				if own[w] {
					ownN++
				}
				if other[w] {
					otherN++
				}
			}
			i = j
		}
		if words >= foreignLineWords && otherN >= foreignLineHits && otherN > 3*ownN {
			blank = append(blank, span{start, end})
		}
	}
	if len(blank) == 0 {
		return "", "", nil
	}
	b, l := []byte(d.Body), []byte(d.Lower)
	for _, s := range blank {
		for i := s.start; i < s.end; i++ {
			b[i], l[i] = ' ', ' '
		}
		at = append(at, s.start)
	}
	return string(b), string(l), at
}

// otherLanguage is the language whose words a German article's foreign
// lines are in, and the other way round.
func otherLanguage(lang string) string {
	switch lang {
	case "de":
		return "en"
	case "en":
		return "de"
	}
	return ""
}
