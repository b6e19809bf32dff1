package ingest

import (
	"regexp"
	"strings"

	"sourcescore"
)

// splitLines returns the lines of s, which has '\n' line ends, without their
// '\n'. A text ending in '\n' has an empty last line, as LineIndex counts it.
func splitLines(s string) []string { return strings.Split(s, "\n") }

// cutLines reports, for each line, whether a rule of bp cuts it. Rules see
// each line with surrounding whitespace trimmed, and never match an empty
// line.
func cutLines(lines []string, bp *sourcescore.Boilerplate) []bool {
	cut := make([]bool, len(lines))
	if bp == nil || len(bp.Rules) == 0 {
		return cut
	}
	trimmed := make([]string, len(lines))
	for i, l := range lines {
		trimmed[i] = strings.TrimSpace(l)
	}
	lower := make([]string, len(lines)) // lower-cased trimmed lines, made when first needed
	for i := range bp.Rules {
		applyCutRule(&bp.Rules[i], trimmed, lower, cut)
	}
	return cut
}

// mayMatch reports whether line i can match a pattern whose matches all
// contain one of lits (lower-cased); with no lits it always can.
func mayMatch(lits []string, trimmed, lower []string, i int) bool {
	if len(lits) == 0 {
		return true
	}
	if lower[i] == "" {
		lower[i] = strings.ToLower(trimmed[i])
	}
	for _, l := range lits {
		if strings.Contains(lower[i], l) {
			return true
		}
	}
	return false
}

// applyCutRule marks in cut the lines r cuts.
func applyCutRule(r *sourcescore.CutRule, trimmed, lower []string, cut []bool) {
	if r.Start == nil {
		return
	}
	matches := func(re *regexp.Regexp, lits []string, i int) bool {
		return trimmed[i] != "" && mayMatch(lits, trimmed, lower, i) && re.MatchString(trimmed[i])
	}
	for i := 0; i < len(trimmed); i++ {
		if !matches(r.Start, r.StartLiterals, i) {
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
		case r.ToEnd:
			for j := i + 1; j < len(trimmed); j++ {
				cut[j] = true
			}
			return
		case r.Until != nil:
			j := i + 1
			for ; j < len(trimmed) && !matches(r.Until, r.UntilLiterals, j); j++ {
				cut[j] = true
			}
			// The line that ends the section is not cut by it, but it may
			// start the next one: look at it again.
			next = max(next, j)
		}
		i = next - 1 // the paragraph or section is cut already
	}
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
	return string(b)
}
