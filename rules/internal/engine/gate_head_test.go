package engine

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// headExprs are expressions of the form newHeadSplit splits, with heads
// whose literals are prefixes of one another, assertions right after the
// head, and rests that fail after one literal and match after another.
var headExprs = []string{
	`\b(?:sagte|sagten|sagt|sagen)\b(?P<middle>(?:[^,.;:!?„“”"»«()\n]|\d\.)*?)[,:]`,
	`\b(?:teilte|teilt|gab|gaben)\b(?P<middle>(?:[^,.;:!?\n]|\d\.)*?)\b(?:mit|an|zu|darauf hin|darauf)[,:]`,
	`(?:sagt|sagte)\B(?P<s>[a-z]{0,3})x`,
	`(?:ab|a|abc)(?P<s>b*)c`,
	`(?:Darüber|Dies)\s+(?:berichtet|meldet)\b[^.\n]{0,10}\b(?:unter|mit)`,
	`(?:ä|äb)\b(?P<s>.)`,
	`(?:xy|x)z?(?P<g>y?)\b`,
	`(?:so|sox?)(?P<a>\w*)(?P<b>\w)$`,
}

// checkHead compares the head split of the anchored form of expr with the
// anchored regex at every byte offset of text, on the rest of the text and
// on a few bytes of it.
func checkHead(t *testing.T, re *regexp.Regexp, h *headSplit, text string) {
	t.Helper()
	for p := 0; p <= len(text); p++ {
		for _, end := range []int{len(text), min(len(text), p+7), min(len(text), p+40)} {
			s := text[p:end]
			want := re.FindStringSubmatchIndex(s)
			if got := h.match(s); !cmp.Equal(want, got) {
				t.Fatalf("%s on %q: head split gives %v, the regex %v", re, s, got, want)
			}
		}
	}
}

func headSamples(r *rand.Rand, n int) []string {
	parts := []string{"sagte", "sagten", "sagt", "sagen", "teilte", "teilt", "gab", "mit", "an", "darauf", "hin", "ab", "a", "abc",
		"b", "c", "x", "xy", "y", "z", "so", "sox", "ä", "äb", "Darüber", "Dies", "berichtet", "unter", " ", ".", ",", ":", "\n",
		"1.", "„", "_", "\xff", "\xc3", "\ufffd", "Peskow"}
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

func TestHeadSplit_SameAsRegex(t *testing.T) {
	texts := headSamples(rand.New(rand.NewPCG(1, 2)), 400)
	texts = append(texts, "Klein sagte am 12. März, es sei. Die Ministerin teilte am Montag mit: ja, so Berg.",
		"Darüber berichtet Reuters unter Berufung auf", "sagten: ja", "sagtex", "abbbc", "äb.", "xyzy", "soxab")
	for _, expr := range headExprs {
		re := regexp.MustCompile(expr)
		h := newHeadSplit(expr, re)
		if h == nil {
			t.Fatalf("%s: not split", expr)
		}
		anchored := regexp.MustCompile(`^(?:` + expr + `)`)
		for _, text := range texts {
			checkHead(t, anchored, h, text)
		}
	}
}

func TestHeadSplit_NotSplit(t *testing.T) {
	for _, expr := range []string{
		`sagte`,                           // no rest
		`(?P<v>sagte|sagt),`,              // a capture group in the head
		`(?:sagte|sagt)??x`,               // a non-greedy head
		`(?i:laut|gemäß) (?P<source>\w+)`, // matched regardless of case
		`(?:x|)y`,                         // an empty literal
		`(sagte|sagt), (?P<s>\w+)`,
		`\w+ sagte`,
	} {
		if h := newHeadSplit(expr, regexp.MustCompile(expr)); h != nil {
			t.Errorf("%s: split into %q and %s", expr, h.lits, h.rest)
		}
	}
}

// TestHeadSplit_Builtin compares the head split of every built-in regex
// that has one with its anchored regex wherever one of its literals
// begins in the seeds.
func TestHeadSplit_Builtin(t *testing.T) {
	set := builtin(t)
	n := 0
	for _, gr := range set.gate.regexes {
		if gr.split == nil {
			continue
		}
		n++
		for _, text := range seedArticles(t) {
			body := string(text)
			lower := strings.ToLower(body)
			for p := range body {
				for _, l := range gr.lits {
					if !strings.HasPrefix(lower[p:], l) {
						continue
					}
					for _, end := range []int{len(body), min(len(body), p+gr.reach), min(len(body), p+20)} {
						if end <= p {
							continue
						}
						want := gr.anchored.FindStringSubmatchIndex(body[p:end])
						if got := gr.split.match(body[p:end]); !cmp.Equal(want, got) {
							t.Fatalf("%s at %d: head split gives %v, the regex %v", gr.re, p, got, want)
						}
					}
				}
			}
		}
	}
	if n < 3 {
		t.Fatalf("%d head-split regexes in the built-in set, want the {speaker} cues among them", n)
	}
}

// FuzzHeadSplit checks the head split of headExprs against the regexes.
func FuzzHeadSplit(f *testing.F) {
	f.Add("Klein sagte am 12. März, es sei. Die Ministerin teilte am Montag mit: ja.")
	f.Add("sagtesagten.x abbbc\xff äb")
	type split struct {
		re *regexp.Regexp
		h  *headSplit
	}
	var splits []split
	for _, expr := range headExprs {
		splits = append(splits, split{regexp.MustCompile(`^(?:` + expr + `)`), newHeadSplit(expr, regexp.MustCompile(expr))})
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 200 {
			return
		}
		for _, s := range splits {
			checkHead(t, s.re, s.h, text)
		}
	})
}
