package engine

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// TestPrintExpr: printExpr prints what String prints, as the parser reads
// it back, for every part of every built-in pattern (the parts are what
// the gate prints: a head, a rest, the text after ^) and for classes
// String prints with a flag; and both compile to regexes that find the
// same matches in a text of the seeds' kind.
func TestPrintExpr(t *testing.T) {
	exprs := []string{
		`(?i)straße|STRASSE`, `[^\n]{1,80}`, `\p{Lu}\p{Ll}+`, `(?i:[a-zäöü])+ sagte`, `[^\x00-\x{10FFFF}]`,
		`[Kk]reml\b`, `(?s:.)x`, `[\x{F0000}]`, `a\x{F0000}b`,
	}
	exprs = append(exprs, builtin(t).Patterns()...)
	text := "Die Sprecherin sagte am Montag, der Kreml habe „nichts damit zu tun“. STRASSE und Straße; " +
		"Peskow sagte: Das ist falsch. Moskau wies die Vorwürfe zurück.\nThe Kremlin said on Monday it rejects the claims."
	for _, expr := range exprs {
		x, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatalf("%q: %v", expr, err)
		}
		var parts []*syntax.Regexp
		var walk func(*syntax.Regexp)
		walk = func(re *syntax.Regexp) {
			parts = append(parts, re)
			for _, s := range re.Sub {
				walk(s)
			}
		}
		walk(x)
		for _, part := range parts {
			got, want := printExpr(part), part.String()
			g, err1 := syntax.Parse(got, syntax.Perl)
			w, err2 := syntax.Parse(want, syntax.Perl)
			if err1 != nil || err2 != nil {
				t.Fatalf("%q: printed %q (%v), String %q (%v)", expr, got, err1, want, err2)
			}
			if !g.Equal(w) {
				t.Errorf("%q: printExpr %q parses to %v, String %q to %v", expr, got, g, want, w)
				continue
			}
			if strings.Contains(want, `\x{f0000}`) {
				continue // a placeholder rune in the pattern itself: printExpr leaves it to String
			}
			rg, rw := regexp.MustCompile(got), regexp.MustCompile(want)
			if a, b := rg.FindAllStringIndex(text, -1), rw.FindAllStringIndex(text, -1); len(a) != len(b) {
				t.Errorf("%q: %d matches printed, %d with String", expr, len(a), len(b))
			}
		}
	}
}
