package rules

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
)

// gluedSpec: words run together across a lost space or sentence boundary,
// a machine-translation and copy-paste artifact ("WSJIn", "Politischsind").
type gluedSpec struct {
	Header        `yaml:",inline"`
	FunctionWords []string         `yaml:"function_words"` // capitalised closed-class words; a token ending in one after a capital or lower-case letter is glued ("WSJ"+"In")
	SafeSuffixes  []string         `yaml:"safe_suffixes"`  // lower-case words that no word of the language ends with; a token ending in one is glued ("Politisch"+"sind")
	Suffixes      []string         `yaml:"suffixes"`       // more closed-class words, checked only with a word list (prefix a known word, token not)
	Wordlist      string           `yaml:"wordlist"`       // path of a word list, one word per line (Debian wngerman: /usr/share/dict/ngerman); used when present
	MinPrefix     int              `yaml:"min_prefix"`     // letters the part before a suffix needs (default 4)
	Exceptions    []string         `yaml:"exceptions"`     // tokens never reported (case-insensitive)
	Penalty       `yaml:",inline"` // per_hit: score lost per glued word per 1,000 words (default 0.1); max_penalty
}

var gluedKind = kindSpec{
	summary: "finds words glued across a lost space by structure: an acronym or word running into a capitalised function word, or a word ending in a closed-class word; density-based (per 1,000 words)",
	params:  func() any { return new(gluedSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*gluedSpec)
		if s.MinPrefix == 0 {
			s.MinPrefix = 4
		}
		s.Penalty.setup(x, 0.1, errs)
		if len(s.FunctionWords) == 0 && len(s.SafeSuffixes) == 0 && len(s.Suffixes) == 0 {
			*errs = append(*errs, x.errf("add function_words: or safe_suffixes:", "rule %s can never fire: it has no function words or suffixes", s.ID))
		}
		g := &glued{spec: s, function: map[string]bool{}, exceptions: wordSet(s.Exceptions), words: ls.wordList(s.Wordlist)}
		for _, w := range s.FunctionWords {
			g.function[strings.TrimSpace(w)] = true
		}
		g.safe = newSuffixSet(s.SafeSuffixes, false)
		g.suffixes = newSuffixSet(s.Suffixes, true)
		g.minTail = math.MaxInt
		for _, set := range [2]*suffixSet{&g.safe, &g.suffixes} {
			if set.needList && g.words == nil {
				continue
			}
			for _, suf := range set.list {
				g.tail[suf[len(suf)-1]] = true
				g.minTail = min(g.minTail, len(suf)+max(s.MinPrefix, 1))
			}
		}
		return g
	},
}

type glued struct {
	spec       *gluedSpec
	function   map[string]bool
	safe       suffixSet
	suffixes   suffixSet
	exceptions map[string]bool
	words      *wordList // nil without a word list

	// A token can end in a suffix that check looks at only when it is
	// minTail bytes long at least and its last byte is in tail.
	tail    [256]bool
	minTail int
}

var _ checker = (*glued)(nil)

func (g *glued) apply(d *Doc) outcome {
	var hits []hit
	body := d.Body
	for i := 0; i < len(body); {
		w := 1
		if c := body[i]; c < utf8.RuneSelf {
			if !asciiLetter[c] {
				i++
				continue
			}
		} else {
			var r rune
			if r, w = utf8.DecodeRuneInString(body[i:]); !unicode.IsLetter(r) {
				i += w
				continue
			}
		}
		// The token's end, and whether it has a capital past its second
		// letter.
		j, n, upper := i+w, 1, false
		for ; j < len(body); n++ {
			if c := body[j]; c < utf8.RuneSelf {
				if !asciiLetter[c] {
					break
				}
				upper = upper || n >= 2 && c <= 'Z'
				j++
				continue
			}
			r, w2 := utf8.DecodeRuneInString(body[j:])
			if !unicode.IsLetter(r) {
				break
			}
			upper = upper || n >= 2 && unicode.IsUpper(r)
			j += w2
		}
		if upper && datelineGlue(body, i, j) {
			i = j
			continue // "Kuala LumpurDer …": a page's dateline run into the text's first word
		}
		if upper || j-i >= g.minTail && g.tail[d.Lower[j-1]] {
			if detail := g.check(body[i:j], d.Lower[i:j], upper); detail != "" {
				hits = append(hits, hit{start: i, end: j, detail: detail})
			}
		}
		i = j
	}
	words := max(d.A.Words, 1)
	density := float64(len(hits)) * 1000 / float64(words)
	note := fmt.Sprintf("%d glued words in %d words = %.1f per 1,000 words", len(hits), d.A.Words, density)
	if g.words == nil && g.spec.Wordlist != "" {
		note += " (word list " + g.spec.Wordlist + " not found: structural checks only)"
	}
	return outcome{score: penaltyScore(density, g.spec.PerHit, g.spec.MaxPenalty), note: note, hits: hits}
}

// datelineGlue reports whether the token body[i:j] opens its line as a
// place's name run into the next word ("BeirutDas russische
// Verteidigungsministerium", "Kuala LumpurDer Tod …"): a capital and a
// small letter first, and before it on its line only capitalised words of
// the place joined by spaces or slashes, at most three ("Washington/",
// "Kuala "), each a capital and small letters. Pages
// set the dateline apart by their layout, which text extraction drops;
// the glue is the extraction's, not a translation's.
func datelineGlue(body string, i, j int) bool {
	r1, w1 := utf8.DecodeRuneInString(body[i:j])
	r2, _ := utf8.DecodeRuneInString(body[i+w1 : j])
	if !unicode.IsUpper(r1) || !unicode.IsLower(r2) {
		return false // "WSJIn": an acronym, not a place
	}
	ls := strings.LastIndexByte(body[:i], '\n') + 1
	prefix := body[ls:i]
	if len(prefix) > 40 {
		return false
	}
	words := strings.FieldsFunc(prefix, func(r rune) bool { return r == ' ' || r == '/' })
	if len(words) > 3 {
		return false
	}
	for _, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.IndexFunc(w[n:], func(r rune) bool { return !unicode.IsLower(r) && r != '-' }) >= 0 {
			return false // "Politischsind Magazinund": no place's name
		}
	}
	return prefix == "" || strings.HasSuffix(prefix, " ") || strings.HasSuffix(prefix, "/")
}

// asciiLetter tells the ASCII letters.
var asciiLetter = func() (t [utf8.RuneSelf]bool) {
	for c := 'A'; c <= 'z'; c++ {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c
	}
	return
}()

// suffixSet is a list of suffixes, lower-cased, without repeats, in the
// order of the rule's list.
type suffixSet struct {
	list     []string
	byLast   [256][]string // the suffixes of list that end in each byte, in list order
	needList bool          // the part before the suffix must be a word of the list
}

func newSuffixSet(words []string, needList bool) suffixSet {
	set := suffixSet{needList: needList}
	seen := map[string]bool{}
	for _, w := range words {
		w = sourcescore.LowerSameLength(strings.TrimSpace(w))
		if seen[w] || w == "" {
			continue
		}
		seen[w] = true
		set.list = append(set.list, w)
		set.byLast[w[len(w)-1]] = append(set.byLast[w[len(w)-1]], w)
	}
	return set
}

// check returns why token looks glued, or "". upper tells whether the
// token has an upper-case letter past its second letter.
func (g *glued) check(token, lower string, upper bool) string {
	if len(g.exceptions) > 0 && g.exceptions[lower] {
		return ""
	}
	var runes []rune
	// An acronym or word running into a capitalised function word: "WSJIn",
	// "ZeitungDie". Most tokens have no capital past their second letter.
	if upper {
		runes = []rune(token)
		for k := 2; k < len(runes)-1; k++ {
			if !unicode.IsUpper(runes[k]) || !unicode.IsLower(runes[k+1]) {
				continue
			}
			left, right := string(runes[:k]), string(runes[k:])
			if !g.function[right] {
				continue
			}
			if unicode.IsLower(runes[k-1]) || isAcronym(runes[:k]) {
				return fmt.Sprintf("%q looks like %q and %q run together", token, left, right)
			}
		}
	}
	// A word ending in a closed-class word: "Politischsind". A safe suffix
	// counts on its own (no word ends in it); a plain suffix only when the
	// word list knows the part before it. A word the list knows, or an
	// acronym, is never glued; that is asked only of a candidate, as the
	// list is large and most words end in no such suffix.
	known := func(w string) bool { return g.words.has(w) }
	for _, set := range [2]*suffixSet{&g.safe, &g.suffixes} {
		if set.needList && g.words == nil {
			continue // no prefix can be a known word
		}
		for _, suf := range set.byLast[lower[len(lower)-1]] {
			if len(suf) >= len(lower) || !strings.HasSuffix(lower, suf) {
				continue
			}
			prefix := lower[:len(lower)-len(suf)]
			n := utf8.RuneCountInString(prefix)
			if n < g.spec.MinPrefix {
				continue
			}
			if (set.needList || g.words != nil) && !known(prefix) {
				continue
			}
			if runes == nil {
				runes = []rune(token)
			}
			if known(lower) || isAcronym(runes) {
				return ""
			}
			return fmt.Sprintf("%q looks like %q and %q run together", token, string(runes[:n]), string(runes[n:]))
		}
	}
	return ""
}

// isAcronym reports whether runes are two or more capitals.
func isAcronym(runes []rune) bool {
	if len(runes) < 2 {
		return false
	}
	for _, r := range runes {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
