package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"sourcescore"
)

// splitLines returns the lines of s, which has '\n' line ends, without their
// '\n'. A text ending in '\n' has an empty last line, as LineIndex counts it.
func splitLines(s string) []string { return strings.Split(s, "\n") }

// cutLines reports, for each line, whether a rule of bp cuts it. lower is
// the text of lines lower-cased by sourcescore.LowerSameLength. Rules see
// each line with surrounding whitespace trimmed, and never match an empty
// line.
func cutLines(lines []string, lower string, bp *sourcescore.Boilerplate) []bool {
	cut := make([]bool, len(lines))
	if bp == nil || len(bp.Rules) == 0 {
		return cut
	}
	may := make([]bool, len(bp.Rules))
	var at [][]int // per rule, the only lines its start can match; nil: any line
	if bp.MayCut != nil {
		at = make([][]int, len(bp.Rules))
		bp.MayCut(lower, may, at)
	} else {
		for i := range bp.Rules {
			may[i] = !noLiteral(&bp.Rules[i].StartFilter, lower)
		}
	}
	if !slices.Contains(may, true) {
		return cut
	}
	c := cutter{trimmed: make([]string, len(lines)), lower: make([]string, len(lines)), cut: cut}
	off := 0
	for i, l := range lines {
		t := strings.TrimLeftFunc(l, unicode.IsSpace)
		lead := len(l) - len(t)
		t = strings.TrimRightFunc(t, unicode.IsSpace)
		c.trimmed[i] = t
		c.lower[i] = lower[off+lead : off+lead+len(t)]
		off += len(l) + 1
	}
	for i := range bp.Rules {
		if may[i] {
			var lines []int
			if at != nil {
				lines = at[i]
			}
			c.apply(&bp.Rules[i], lines)
		}
	}
	return cut
}

// noLiteral reports that no line of a text, lower-cased as lower, passes f
// because none of f's literals occurs anywhere in lower. LineFilter.May
// needs one of them in the line's lower-cased form (whatever else the
// filter tests), which is a part of lower, so a rule with this start
// filter can cut nothing. Searching the whole text once per literal, by
// its least common byte (see findLiteral), costs much less than
// LineFilter.May on every line; when some literal does occur the lines
// are filtered as before.
func noLiteral(f *sourcescore.LineFilter, lower string) bool {
	if len(f.Literals) == 0 {
		return false
	}
	for _, lit := range f.Literals {
		if findLiteral(lower, lit) {
			return false
		}
	}
	return true
}

// findLiteral reports whether s contains lit, as strings.Contains does. It
// looks for lit's least common byte (by byteRank) with strings.IndexByte and
// compares lit around each hit: a literal such as "newsletter abonnieren"
// begins with a byte found every few bytes of German text, which makes
// strings.Contains slow, but holds one found much more rarely.
func findLiteral(s, lit string) bool {
	if lit == "" {
		return true
	}
	at := 0 // where in lit its rarest byte is
	for i := 1; i < len(lit); i++ {
		if byteRank[lit[i]] < byteRank[lit[at]] {
			at = i
		}
	}
	b := lit[at]
	for from := at; from < len(s); {
		j := strings.IndexByte(s[from:], b)
		if j < 0 {
			return false
		}
		start := from + j - at
		if start+len(lit) <= len(s) && s[start:start+len(lit)] == lit {
			return true
		}
		from += j + 1
	}
	return false
}

// commonBytes are the bytes of lower-cased German and English text, most
// common first (roughly: letter frequencies, with the lead byte of ä, ö, ü
// and ß among them).
const commonBytes = " enisratdhulcgmobwfkz.,pv\xc3y-j\n0129x3q45678"

// byteRank ranks bytes by how often they occur in text: a byte of
// commonBytes ranks by its place there, from len(commonBytes) down to 1;
// every other byte is rare, 0.
var byteRank = func() (rank [256]int) {
	for i := 0; i < len(commonBytes); i++ {
		rank[commonBytes[i]] = len(commonBytes) - i
	}
	return rank
}()

// cutter holds an article's lines while the cut rules run over them.
type cutter struct {
	trimmed []string // each line, whitespace trimmed
	lower   []string // the same, lower-cased
	cut     []bool   // lines cut so far
}

// matches reports whether line i matches re, trying f first. A pattern
// whose every match ends the line within f.TailLen bytes is searched in
// the line's end only (a photo credit at the end of a long caption), with
// a few bytes more, so that an assertion at a match's start (\b) sees the
// byte before it; a match at the very start of that end, where it could
// not, is checked against the whole line.
func (c *cutter) matches(re *regexp.Regexp, f *sourcescore.LineFilter, i int, held bool) bool {
	t := c.trimmed[i]
	if t == "" || !f.MayHolding(t, c.lower[i], held) {
		return false
	}
	if from := len(t) - f.TailLen - utf8.UTFMax; f.TailLen > 0 && from > 0 {
		for from < len(t) && !utf8.RuneStart(t[from]) {
			from++
		}
		loc := re.FindStringIndex(t[from:])
		if loc == nil {
			return false
		}
		if loc[0] > 0 {
			return true
		}
	}
	return re.MatchString(t)
}

// apply marks the lines r cuts. only, when not nil, are the only lines
// r's start can match (ascending).
func (c *cutter) apply(r *sourcescore.CutRule, only []int) {
	if r.Start == nil {
		return
	}
	trimmed, cut := c.trimmed, c.cut
	for i := 0; i < len(trimmed); i++ {
		if only != nil {
			for len(only) > 0 && only[0] < i {
				only = only[1:]
			}
			if len(only) == 0 {
				return
			}
			i = only[0]
		}
		if !c.matches(r.Start, &r.StartFilter, i, only != nil) {
			continue
		}
		cut[i] = true
		next := i + 1 // the first line to look at after this match
		if r.Block {
			for j := i - 1; j >= 0 && trimmed[j] != ""; j-- {
				cut[j] = true
			}
			for ; next < len(trimmed) && trimmed[next] != ""; next++ {
				cut[next] = true
			}
		}
		switch {
		case r.ToEnd && !c.proseBefore(i):
			// Above the article's first line of prose the marker is the
			// page's navigation ("Most Read" between a headline and the
			// text): it cuts its teasers, up to that line, not the article.
			j := i + 1
			for ; j < len(trimmed) && !prose(trimmed[j]); j++ {
				cut[j] = true
			}
			next = max(next, j)
		case r.ToEnd:
			for j := i + 1; j < len(trimmed); j++ {
				cut[j] = true
			}
			return
		case r.Until != nil:
			j := i + 1
			for ; j < len(trimmed) && !c.matches(r.Until, &r.UntilFilter, j, false); j++ {
				cut[j] = true
			}
			// The line that ends the section is not cut by it, but it may
			// start the next one: look at it again.
			next = max(next, j)
		}
		i = next - 1 // the paragraph or section is cut already
	}
}

// proseBefore reports whether a line of prose that no marker has cut
// stands before line i.
func (c *cutter) proseBefore(i int) bool {
	for j := range i {
		if !c.cut[j] && prose(c.trimmed[j]) {
			return true
		}
	}
	return false
}

// prose reports whether a trimmed line reads as a paragraph of an
// article: 80 characters or more, ending a sentence (a closing quotation
// mark may follow), where headlines, teasers and menus are short or end
// without a stop.
func prose(line string) bool {
	if len(line) < 80 || utf8.RuneCountInString(line) < 80 {
		return false
	}
	end := strings.TrimRight(line, "\"”“’»'")
	return strings.HasSuffix(end, ".") || strings.HasSuffix(end, "!") || strings.HasSuffix(end, "?")
}

// blank returns text with every byte of a cut line other than '\n' replaced
// by a space, so the result has text's length and line breaks.
func blank(text string, lines []string, cut []bool) string {
	some := false
	for _, c := range cut {
		if c {
			some = true
			break
		}
	}
	if !some {
		return text
	}
	b := []byte(text)
	off := 0
	for i, l := range lines {
		if cut[i] {
			for j := off; j < off+len(l); j++ {
				b[j] = ' '
			}
		}
		off += len(l) + 1
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is this call's own copy, never written again
}
