package engine

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tailExprs are expressions of the form newTailSlot splits, some of them
// such that HEAD's preferred match can leave too short a run and the
// regex must take another way through HEAD.
var tailExprs = []string{
	`(?i:laut|gemäß) (?P<source>[^.,;:!?„“”"»«()\n]{2,120})`,
	`(?:sagte|sagt|hieß es (?:in|bei|von)) (?P<source>[^.,;:!?„“”"»«()\n]{2,120})`,
	`(?:sagt|sagte)(?P<s>[^.]{2,5})`,
	`(?:ab|a)(?P<s>[b-z]{3,4})`,
	`\bso(?:\b|x)(?P<s>[^ä.]{1,3})`,
	`(?m)x$(?P<s>[\n\r]{1,2})`,
	`(?i)k (?P<s>[^\x{FFFD}.]{2,4})`,
	`a\B(?P<s>[\p{L}]{2,6})`,
	`z+(?P<s>[^z]{1,2})`,
}

// checkTail compares the tail split of the anchored form of expr with the
// anchored regex at every byte offset of text, on the rest of the text and
// on a few bytes of it.
func checkTail(t *testing.T, re *regexp.Regexp, ts *tailSlot, text string) {
	t.Helper()
	for p := 0; p <= len(text); p++ {
		for _, end := range []int{len(text), min(len(text), p+7), min(len(text), p+40)} {
			s := text[p:end]
			want := re.FindStringSubmatchIndex(s)
			if got := ts.match(re, s); !cmp.Equal(want, got) {
				t.Fatalf("%s on %q: tail split gives %v, the regex %v", re, s, got, want)
			}
		}
	}
}

func tailSamples(r *rand.Rand, n int) []string {
	parts := []string{"sagte", "sagt", "laut", "Laut", "gemäß", "hieß es in", "ab", "a", "b", "so", "x", "z", "k", "K", "\u212a",
		" ", ".", ",", "\n", "ä", "„", "_", "wie ", "so ", "Herr ", "weist", "zurück", "berichtet", "\xff", "\xc3", "\ufffd", "Peskow", "der WSJ"}
	out := make([]string, n)
	for i := range out {
		var sb strings.Builder
		for k := r.IntN(12); k >= 0; k-- {
			sb.WriteString(parts[r.IntN(len(parts))])
		}
		out[i] = sb.String()
	}
	return out
}

func TestTailSlot_SameAsRegex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	samples := append(tailSamples(r, 1000), "laut der WSJ, sagte Peskow.", "sagtesagte x", "abbb", "ab.bbbb", "so sox", "x\n\n\n")
	for _, expr := range tailExprs {
		re := regexp.MustCompile(expr)
		ts := newTailSlot(expr, re.NumSubexp())
		if ts == nil {
			t.Fatalf("newTailSlot(%q) = nil", expr)
		}
		anchored := regexp.MustCompile(`^(?:` + expr + `)`)
		for _, s := range samples {
			checkTail(t, anchored, ts, s)
		}
	}
}

func TestTailSlot_NotSplit(t *testing.T) {
	for _, expr := range []string{
		`laut (?P<s>[^.]{2,5}?)`,        // lazy
		`laut (?P<s>[^.]{2,})`,          // unbounded
		`(laut) (?P<s>[^.]{2,5})`,       // a group in HEAD
		`laut (?P<s>[^.]{2,5})x`,        // the run is not last
		`laut (?P<s>.{2,5})`,            // not a class
		`laut (?P<s>(?:[^.]{2,5}|xyz))`, // not a repeat
	} {
		re := regexp.MustCompile(expr)
		if ts := newTailSlot(expr, re.NumSubexp()); ts != nil {
			t.Errorf("newTailSlot(%q) split it", expr)
		}
	}
}

// TestTailSlot_Builtin: the {after} cues of the built-in set are split, and
// the split finds what the anchored regex finds at each literal of the
// seeds.
func TestTailSlot_Builtin(t *testing.T) {
	set := builtin(t)
	n := 0
	for _, gr := range set.gate.regexes {
		if gr.tail == nil {
			continue
		}
		n++
		for _, text := range seedArticles(t) {
			body := string(text)
			lower := strings.ToLower(body)
			for p := range body {
				for _, l := range gr.lits {
					if strings.HasPrefix(lower[p:], l) {
						end := len(body)
						if gr.reach > 0 {
							end = min(end, p+gr.reach)
						}
						want := gr.anchored.FindStringSubmatchIndex(body[p:end])
						if got := gr.tail.match(gr.anchored, body[p:end]); !cmp.Equal(want, got) {
							t.Fatalf("%s at %d: tail split gives %v, the regex %v", gr.re, p, got, want)
						}
					}
				}
			}
		}
	}
	if n < 5 {
		t.Fatalf("%d split regexes in the built-in set, want the {after} cues among them", n)
	}
}

// FuzzTailSlot checks the tail split (tailExprs) and the run cut
// (runExprs) against the regexes.
func FuzzTailSlot(f *testing.F) {
	f.Add("laut der WSJ, sagte Peskow.")
	f.Add("sagtesagte.x abbb\xff")
	type split struct {
		re *regexp.Regexp
		ts *tailSlot
	}
	var splits []split
	for _, expr := range tailExprs {
		re := regexp.MustCompile(expr)
		splits = append(splits, split{regexp.MustCompile(`^(?:` + expr + `)`), newTailSlot(expr, re.NumSubexp())})
	}
	type cut struct {
		re *regexp.Regexp
		c  *charSet
	}
	var cuts []cut
	for _, expr := range runExprs {
		cuts = append(cuts, cut{regexp.MustCompile(`^(?:` + expr + `)`), matchAlphabet(expr, true)})
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 200 {
			return
		}
		for _, s := range splits {
			checkTail(t, s.re, s.ts, text)
		}
		for _, c := range cuts {
			for p := 0; p <= len(text); p++ {
				want := c.re.FindStringSubmatchIndex(text[p:])
				if got := c.re.FindStringSubmatchIndex(text[p:c.c.runEnd(text, p)]); !cmp.Equal(want, got) {
					t.Fatalf("%s on %q: %v cut, %v uncut", c.re, text[p:], got, want)
				}
			}
		}
	})
}

// runExprs are anchored regexes with assertions, for the run cut.
var runExprs = []string{
	`\b(?i:wie|so) (?P<source>(?:[\p{L}\p{N}’'-]+ ){1,4})(?:berichtet|sagt|sagte)\b`,
	`\b(Herr|Herrn|Frau)\s+\p{Lu}\p{L}+`,
	`\b(wies|weist)\b[^.!?]{0,8}\bzurück\b`,
	`ab+\B`,
	`(?m)ab+$`,
	`ab+\z`,
	`(?i)k[a-c]*\b`,
}

// TestRunEnd_SameAsRegex: an anchored regex finds the same on the input
// cut one rune after the run of its alphabet as on the whole input.
func TestRunEnd_SameAsRegex(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	samples := append(tailSamples(r, 1000), "wie die WSJ berichtet", "so Peskow_sagt", "Herr Müller", "abb_", "abb\nx", "Kab\u212a", "weist das zurück")
	for _, expr := range runExprs {
		re := regexp.MustCompile(`^(?:` + expr + `)`)
		c := matchAlphabet(expr, true)
		if c == nil {
			t.Fatalf("matchAlphabet(%q) = nil", expr)
		}
		for _, s := range samples {
			for p := 0; p <= len(s); p++ {
				want := re.FindStringSubmatchIndex(s[p:])
				if got := re.FindStringSubmatchIndex(s[p:c.runEnd(s, p)]); !cmp.Equal(want, got) {
					t.Fatalf("%s on %q: %v cut at %d, %v uncut", re, s[p:], got, c.runEnd(s, p)-p, want)
				}
			}
		}
	}
	for _, expr := range []string{`ab.`, `a(?s:.)`} {
		if matchAlphabet(expr, true) != nil {
			t.Errorf("matchAlphabet(%q) is not nil", expr)
		}
	}
	if matchAlphabet(`\bab`, false) != nil {
		t.Errorf("matchAlphabet without assertions allowed \\b")
	}
}

func TestHeadNeeded(t *testing.T) {
	tests := map[string]bool{
		`(?:sagte|sagt) (?P<s>[^.]{2,120})`:              true,
		`\b(Herr|Herrn|Frau)\s+\p{Lu}\p{L}+`:             true,
		`\b(?i:wie|so) (?P<s>\p{L}+ )(?:sagt|berichtet)`: false, // matched regardless of case
		`(?i:laut|gemäß) (?P<s>[^.]{2,120})`:             false,
		`\bso(?P<s>[^.]{1,3})`:                           false, // too short to be a needed set
	}
	for expr, want := range tests {
		if got := headNeeded(expr); got != want {
			t.Errorf("headNeeded(%q) = %v, want %v", expr, got, want)
		}
	}
}
