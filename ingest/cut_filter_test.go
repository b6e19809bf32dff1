package ingest

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"sourcescore"
)

// A cut rule's line filter is a prefilter: a line it turns down is not
// tried against the regular expression at all, even one that would match.
func TestCutLines_Filter(t *testing.T) {
	lines := []string{"Text", "  ANZEIGE ", "mehr Text", "\tÄrger-Anzeige "}
	re := regexp.MustCompile(`(?i)anzeige$`)
	tests := []struct {
		f    sourcescore.LineFilter
		want []bool
	}{
		{sourcescore.LineFilter{}, []bool{false, true, false, true}},
		{sourcescore.LineFilter{Literals: []string{"anzeige"}}, []bool{false, true, false, true}},
		{sourcescore.LineFilter{Literals: []string{"werbung"}}, []bool{false, false, false, false}},
		// "text" occurs, but not on the lines the pattern matches.
		{sourcescore.LineFilter{Literals: []string{"werbung", "text"}}, []bool{false, false, false, false}},
		// Across a line end is not within a line.
		{sourcescore.LineFilter{Literals: []string{"anzeige \nmehr"}}, []bool{false, false, false, false}},
		{sourcescore.LineFilter{Literals: []string{"mehr", "ärger-"}}, []bool{false, false, false, true}},
		{sourcescore.LineFilter{Prefixes: []string{"ärger"}}, []bool{false, false, false, true}},
		{sourcescore.LineFilter{Suffixes: []string{"-anzeige"}}, []bool{false, false, false, true}},
		{sourcescore.LineFilter{MaxLen: 7}, []bool{false, true, false, false}},
		{sourcescore.LineFilter{MaxLen: 6}, []bool{false, false, false, false}},
		// Every field must hold: a prefix that fits with a literal found
		// nowhere in the text cuts nothing, nor a suffix that does not fit.
		{sourcescore.LineFilter{Prefixes: []string{"ärger"}, Literals: []string{"werbung"}}, []bool{false, false, false, false}},
		{sourcescore.LineFilter{Prefixes: []string{"ärger"}, Literals: []string{"anzeige"}}, []bool{false, false, false, true}},
		{sourcescore.LineFilter{Prefixes: []string{"ärger"}, Suffixes: []string{"werbung"}}, []bool{false, false, false, false}},
	}
	text := strings.Join(lines, "\n")
	for _, tt := range tests {
		bp := &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{{Start: re, StartFilter: tt.f}}}
		got := cutLines(lines, sourcescore.LowerSameLength(text), bp)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("filter %+v: cut %v, want %v", tt.f, got, tt.want)
				break
			}
		}
	}
}

// FuzzFindLiteral checks findLiteral against strings.Contains.
func FuzzFindLiteral(f *testing.F) {
	for _, c := range [][2]string{
		{"", ""}, {"a", ""}, {"", "a"}, {"newsletter abonnieren", "newsletter abonnieren"},
		{"jetzt den newsletter abonnieren!", "newsletter abonnieren"}, {"podcast", "podcast!"},
		{"xx podcast! yy", "podcast!"}, {"jetzt reinhören", "jetzt reinhören"}, {"reinhö", "jetzt reinhören"},
		{"abcab", "cab"}, {"aaaa", "aaa"}, {"listen\nnow", "listen now"}, {"q", "qq"}, {"zz", "z"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, s, lit string) {
		if got, want := findLiteral(s, lit), strings.Contains(s, lit); got != want {
			t.Errorf("findLiteral(%q, %q) = %v, want %v", s, lit, got, want)
		}
	})
}

// TestCutLines_Tail: a pattern whose every match ends the line within
// TailLen bytes is searched in the line's end only, and cuts exactly the
// lines the pattern matches in full: one whose match would start right at
// the end searched, where a \b or a class looks at the byte before it, too.
func TestCutLines_Tail(t *testing.T) {
	lines := []string{
		strings.Repeat("Wort ", 40) + "am Montag. Foto: dpa",
		strings.Repeat("Wort ", 40) + "am Montag.Foto: dpa", // no space after the period
		strings.Repeat("Wort ", 40) + "am Montag XFoto: dpa",
		"Foto: dpa",
		strings.Repeat("Wort ", 40) + "am Montag. Foto: Erika Muster, die mit dem sehr langen Namen",
	}
	for _, expr := range []string{`[.!?]\s{1,3}Foto: [\w ,]{1,20}$`, `\bFoto: \w{1,5}$`} {
		re := regexp.MustCompile(expr)
		f := sourcescore.LineFilter{TailLen: 40, Literals: []string{"foto: "}}
		bp := &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{{Start: re, StartFilter: f}}}
		got := cutLines(lines, sourcescore.LowerSameLength(strings.Join(lines, "\n")), bp)
		for i, l := range lines {
			if want := re.MatchString(l); got[i] != want {
				t.Errorf("%s on %q: cut %v, the pattern matches: %v", expr, l, got[i], want)
			}
		}
	}
}

// TestCutLines_ToEndAboveProse: a to_end marker after the article's prose
// cuts everything after it; one above the first line of prose is the
// page's navigation and cuts its teasers up to that line, not the article.
func TestCutLines_ToEndAboveProse(t *testing.T) {
	para := "The council voted on Tuesday to close the old bridge for repairs that will last into the autumn."
	bp := &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{{Start: regexp.MustCompile(`(?i)^most read$`), ToEnd: true}}}
	for _, tt := range []struct {
		name  string
		lines []string
		want  []bool
	}{
		{"after the prose", []string{"Bridge to close", para, "Most Read", "Teaser one", para},
			[]bool{false, false, true, true, true}},
		{"above the prose", []string{"Bridge to close", "Most Read", "Teaser one", "Teaser two", para, "Short line."},
			[]bool{false, true, true, true, false, false}},
		{"no prose at all", []string{"Bridge to close", "Most Read", "Teaser one"},
			[]bool{false, true, true}},
		// A line of 80 characters that ends without a stop is a headline, not prose.
		{"a long headline is no prose", []string{strings.TrimSuffix(para, "."), "Most Read", "Teaser", para},
			[]bool{false, true, true, false}},
	} {
		text := strings.Join(tt.lines, "\n")
		got := cutLines(tt.lines, sourcescore.LowerSameLength(text), bp)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: cut %v, want %v", tt.name, got, tt.want)
		}
	}
}
