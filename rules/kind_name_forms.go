package rules

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameFormsSpec: names in a form a translation gives them. With
// variants, one name written two ways in the same article, the trace of a
// translation that transliterated or garbled it ("Ilon Musk" beside "Elon
// Musk", "Peskov" beside "Peskow"): no story is needed, the article's own
// spelling is the reference. With endings and forms, names in another
// language's transliteration ("Lavrov" in German text).
type nameFormsSpec struct {
	Header      `yaml:",inline"`
	Penalty     `yaml:",inline"`
	Variants    bool       `yaml:"variants"`     // report names written two ways
	Endings     []string   `yaml:"endings"`      // report capitalised words ending so (ov, ev), with at least min_length letters before
	Forms       []string   `yaml:"forms"`        // report these words as written (Dmitry, Kharkiv)
	MinLength   int        `yaml:"min_length"`   // letters a differing name part needs (default 4)
	MaxDistance int        `yaml:"max_distance"` // edits between the two forms of a name part in a two-word name (default 2)
	Swaps       [][]string `yaml:"swaps"`        // letter pairs that transliterations exchange ([v, w], [y, j]); a one-word name differing only by one of them counts
	Exceptions  [][]string `yaml:"exceptions"`   // pairs of forms that are different names, never variants
	Ignore      []string   `yaml:"ignore"`       // capitalised words that are no names (weekdays, months, sentence openers)
	Wordlists   []string   `yaml:"wordlists"`    // word lists read when present: two forms that are both common words (Montag, Sonntag) are no name
}

var nameFormsKind = kindSpec{
	summary: "names in a translation's form: one name written two ways in the article (variants: Ilon/Elon Musk, Peskov/Peskow), names with another language's transliteration endings or forms (endings, forms); per hit or per 1,000 words",
	params:  func() any { return new(nameFormsSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*nameFormsSpec)
		s.Penalty.setup(x, 0.25, errs)
		if s.MinLength == 0 {
			s.MinLength = 4
		}
		if s.MaxDistance == 0 {
			s.MaxDistance = 2
		}
		if s.MinLength < 2 {
			*errs = append(*errs, x.get("min_length").errf("2 or more", "min_length %d is out of range", s.MinLength))
		}
		if s.MaxDistance < 1 || s.MaxDistance > 3 {
			*errs = append(*errs, x.get("max_distance").errf("1 to 3", "max_distance %d is out of range", s.MaxDistance))
		}
		if !s.Variants && len(s.Endings)+len(s.Forms) == 0 {
			*errs = append(*errs, x.errf("set variants: true, endings: or forms:", "rule %s can never fire: it checks nothing", s.ID))
		}
		n := &nameForms{spec: s, swaps: map[[2]rune]bool{}, except: map[[2]string]bool{}, ignore: wordSet(s.Ignore), forms: map[string]bool{}, swapLetter: map[rune]bool{}, swapCanon: map[rune]rune{}}
		for _, f := range s.Forms {
			n.forms[f] = true
			n.formsFilter.add(f)
		}
		for i, e := range s.Endings {
			if e == "" {
				*errs = append(*errs, x.get("endings").index(i).errf("remove it", "empty ending"))
				continue
			}
			n.lastByte[e[len(e)-1]] = true
		}
		for _, p := range s.Wordlists {
			if w := ls.wordList(p); w != nil {
				n.lists = append(n.lists, w)
			} else {
				n.missing = append(n.missing, p)
			}
		}
		for i, p := range s.Swaps {
			a, b := []rune(strings.ToLower(strings.Join(p, ""))), p
			if len(b) != 2 || len(a) != 2 {
				*errs = append(*errs, x.get("swaps").index(i).errf("two single letters, e.g. [v, w]", "a swap is a pair of letters"))
				continue
			}
			n.swaps[[2]rune{a[0], a[1]}] = true
			n.swaps[[2]rune{a[1], a[0]}] = true
			n.swapLetter[a[0]], n.swapLetter[a[1]] = true, true
			n.swapCanon[a[1]] = n.canon(a[0])
			if n.swapCanon[a[0]] == 0 {
				n.swapCanon[a[0]] = a[0]
			}
			for _, r := range a {
				if r < utf8.RuneSelf {
					n.swapASCII[r] = true
				} else {
					n.swapOther = true
				}
			}
		}
		for i, p := range s.Exceptions {
			if len(p) != 2 {
				*errs = append(*errs, x.get("exceptions").index(i).errf("two forms, e.g. [Meier, Meyer]", "an exception is a pair of names"))
				continue
			}
			a, b := strings.ToLower(p[0]), strings.ToLower(p[1])
			n.except[[2]string{a, b}] = true
			n.except[[2]string{b, a}] = true
		}
		return n
	},
}

type nameForms struct {
	spec        *nameFormsSpec
	swaps       map[[2]rune]bool
	except      map[[2]string]bool
	ignore      map[string]bool     // lower-cased
	forms       map[string]bool     // as written
	formsFilter wordFilter          // tells most words at once that they are not in forms
	swapLetter  map[rune]bool       // the letters of the swaps
	swapASCII   [utf8.RuneSelf]bool // the ASCII letters of the swaps
	swapOther   bool                // a swap has a letter outside ASCII
	swapCanon   map[rune]rune       // a swap letter → the first letter of its pair
	lastByte    [256]bool           // the last bytes of endings
	lists       []*wordList         // word lists found
	missing     []string            // word lists not found
}

var _ checker = (*nameForms)(nil)

// nameTok is a capitalised word of the body: its byte range, and its
// index in the Doc's words.
type nameTok struct{ start, end, word int }

// capitalised returns the body's capitalised words (an upper-case letter
// first, a lower-case one after), in order, from the Doc's words; next[i]
// is true when word i+1 follows word i with only spaces between, on the
// same line, so that the two make a two-word name. It is made once per
// Doc.
func (d *Doc) capitalised() (toks []nameTok, next []bool) {
	if d.capsDone {
		return d.capWords, d.capNext
	}
	toks, next = d.capWords[:0], d.capNext[:0]
	words := d.words()
	for k, w := range words {
		if !w.capital || !w.lower || w.digit {
			continue
		}
		if n := len(toks); n > 0 {
			next[n-1] = toks[n-1].word == k-1 && w.joined
		}
		toks = append(toks, nameTok{start: w.start, end: w.end, word: k})
		next = append(next, false)
	}
	d.capWords, d.capNext, d.capsDone = toks, next, true
	return toks, next
}

func (n *nameForms) apply(d *Doc) outcome {
	toks, next := d.capitalised()
	text := func(t nameTok) string { return d.Body[t.start:t.end] }
	var hits []hit
	if len(n.forms)+len(n.spec.Endings) > 0 {
		for _, t := range toks {
			if n.foreign(text(t)) {
				hits = append(hits, hit{start: t.start, end: t.end, detail: text(t)})
			}
		}
	}
	if !n.spec.Variants {
		return n.outcome(hits, d)
	}
	low := func(i int) string { return d.Lower[toks[i].start:toks[i].end] }
	// kind[i] says, once looked up, whether token i is in ignore (2), a
	// common word (1), or neither (3); 0: not looked up yet.
	kind := make([]uint8, len(toks))
	lookup := func(i int) uint8 {
		if kind[i] == 0 {
			switch w := low(i); {
			case n.ignore[w]:
				kind[i] = 2
			case inLists(n.lists, w):
				kind[i] = 1
			default:
				kind[i] = 3
			}
		}
		return kind[i]
	}
	ignored := func(i int) bool { return lookup(i) == 2 }
	common := func(i int) bool { return lookup(i) != 3 }
	// occurrences counts the two-word names (span 1) or words (span 0)
	// equal to the one at token i, and returns the first one's index.
	occurrences := func(i, span int) (first, count int) {
		first = -1
		for k := range toks {
			if span == 1 && !next[k] {
				continue
			}
			if text(toks[k]) == text(toks[i]) && (span == 0 || text(toks[k+1]) == text(toks[i+1])) {
				if first < 0 {
					first = k
				}
				count++
			}
		}
		return first, count
	}
	var reported []int
	// report adds the rarer of the forms at token a and b (on a tie, the
	// later one) as a finding, once.
	report := func(a, b, span int) {
		fa, ca := occurrences(a, span)
		fb, cb := occurrences(b, span)
		v, o := fb, fa
		if ca < cb || (ca == cb && fa > fb) {
			v, o = fa, fb
		}
		if slices.Contains(reported, v) {
			return
		}
		reported = append(reported, v)
		end := toks[v+span].end
		hits = append(hits, hit{start: toks[v].start, end: end,
			detail: fmt.Sprintf("%q beside %q", d.Body[toks[v].start:end], d.Body[toks[o].start:toks[o+span].end])})
	}
	// Two-word names that share one word while the other is close. Only
	// names with a word that is not a common word are candidates: two
	// common words are no name. Nor is a pair where one of the differing
	// words is a compound that ends in a common word: that is a common
	// word misspelt ("EU-Kommisar Oliver" beside "EU-Kommissar Oliver"),
	// not a name transliterated two ways.
	var bis []int
	for i := range toks {
		if !next[i] {
			continue
		}
		la, lb := low(i), low(i+1)
		if len(la) < n.spec.MinLength && len(lb) < n.spec.MinLength || ignored(i) || ignored(i+1) || (common(i) && common(i+1)) {
			continue
		}
		bis = append(bis, i)
	}
	// longerNamesDiffer reports whether the two-word names at a and b both
	// go on with a third word, and not the same one: two people, not one
	// name written two ways ("Kim Jong Un", "Kim Yong Bok").
	longerNamesDiffer := func(a, b int) bool {
		third := func(i int) string {
			if i+2 < len(toks) && next[i+1] {
				return text(toks[i+2])
			}
			return ""
		}
		ta, tb := third(a), third(b)
		return ta != "" && tb != "" && ta != tb
	}
	// Pairs that share one word exactly: sorted by the shared word, each
	// run of equal words is compared within itself, in the order of bis.
	seen := map[string]bool{}
	byWord := make([]int, len(bis))
	for part := 0; part < 2; part++ {
		shared := 1 - part // the word the two names share
		copy(byWord, bis)
		slices.SortFunc(byWord, func(a, b int) int {
			if c := strings.Compare(text(toks[a+shared]), text(toks[b+shared])); c != 0 {
				return c
			}
			return a - b // bis order within a run
		})
		for lo := 0; lo < len(byWord); {
			hi := lo + 1
			for hi < len(byWord) && text(toks[byWord[hi]+shared]) == text(toks[byWord[lo]+shared]) {
				hi++
			}
			// One token per form: a name repeated a thousand times is
			// compared once.
			run := distinct(byWord[lo:hi], func(a int) string { return text(toks[a+part]) }, seen)
			for x, a := range run {
				for _, b := range run[x+1:] {
					if text(toks[a+part]) == text(toks[b+part]) {
						continue
					}
					lx, ly := low(a+part), low(b+part)
					if !(common(a+part) && common(b+part)) && !n.commonTail(lx) && !n.commonTail(ly) && !n.misspeltCommon(lx, ly) &&
						!longerNamesDiffer(a, b) && n.variant(lx, ly, n.spec.MaxDistance) {
						report(min(a, b), max(a, b), 1)
					}
				}
			}
			lo = hi
		}
	}
	// One-word names that differ by a transliteration swap: candidates are
	// words long enough, with a swap letter, that are not common words.
	// Two that differ by a swap have the same key (lower-cased, each swap
	// letter replaced by its pair's first), so only words with one key
	// are compared.
	if len(n.swaps) > 0 {
		type keyed struct {
			key uint64
			tok int
		}
		var ws []keyed
		for i, t := range toks {
			w := low(i)
			if t.end-t.start < n.spec.MinLength+1 || !n.hasSwapLetter(w) || common(i) {
				continue
			}
			ws = append(ws, keyed{n.swapKey(w), i})
		}
		slices.SortFunc(ws, func(a, b keyed) int {
			if c := cmp.Compare(a.key, b.key); c != 0 {
				return c
			}
			return a.tok - b.tok
		})
		for lo := 0; lo < len(ws); {
			hi := lo + 1
			for hi < len(ws) && ws[hi].key == ws[lo].key {
				hi++
			}
			run := distinct(ws[lo:hi], func(k keyed) string { return text(toks[k.tok]) }, seen)
			for x, ka := range run {
				for _, kb := range run[x+1:] {
					a, b := min(ka.tok, kb.tok), max(ka.tok, kb.tok)
					if len(text(toks[a])) == len(text(toks[b])) && text(toks[a]) != text(toks[b]) && n.swapped(text(toks[a]), text(toks[b])) {
						report(a, b, 0)
					}
				}
			}
			lo = hi
		}
	}
	return n.outcome(hits, d)
}

// distinct returns the first of the items of each form, in their order;
// seen is scratch memory.
func distinct[T any](items []T, form func(T) string, seen map[string]bool) []T {
	if len(items) < 2 {
		return items
	}
	clear(seen)
	var out []T
	for _, it := range items {
		if f := form(it); !seen[f] {
			seen[f] = true
			out = append(out, it)
		}
	}
	return out
}

// foreign reports whether a capitalised word is one of forms, or ends in
// one of endings after at least min_length letters.
func (n *nameForms) foreign(w string) bool {
	if n.formsFilter.mayHave(w) && n.forms[w] {
		return true
	}
	if !n.lastByte[w[len(w)-1]] {
		return false
	}
	for _, e := range n.spec.Endings {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= n.spec.MinLength {
			return true
		}
	}
	return false
}

func (n *nameForms) outcome(hits []hit, d *Doc) outcome {
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	lists := ""
	if len(n.missing) > 0 {
		lists = " (word lists " + strings.Join(n.missing, ", ") + " not found: ignore list only)"
	}
	if len(hits) == 0 {
		return outcome{score: 1, note: "no name written two ways" + lists}
	}
	score, counted := n.spec.score(len(hits), d.A.Words)
	return outcome{score: score, note: fmt.Sprintf("%d names written two ways, %s%s", len(hits), counted, lists), hits: hits}
}

// variant reports whether lx and ly (lower-cased) are two forms of one name part: both
// long enough, not an inflection of each other (one a prefix of the
// other: Putin, Putins), and within max edits.
func (n *nameForms) variant(lx, ly string, maxDist int) bool {
	if n.except[[2]string{lx, ly}] {
		return false
	}
	rx, ry := []rune(lx), []rune(ly)
	if len(rx) < n.spec.MinLength || len(ry) < n.spec.MinLength {
		return false
	}
	if strings.HasPrefix(lx, ly) || strings.HasPrefix(ly, lx) {
		return false
	}
	d := editDistance(rx, ry, maxDist)
	return d >= 1 && d <= maxDist && !typographic(lx, ly)
}

// typographic reports whether two lower-cased forms differ only as
// careful writers' forms do: by the apostrophe ("Khashoggi’s",
// "Khashoggi's"), or by a hyphen one of them has where the other runs on,
// with a German linking "s" before it at most ("Kremls-Sprecher",
// "Kremlsprecher"; "Amir-Abdollahian", "Amirabdollahian"). A machine's
// transliteration changes letters ("Elabid", "El-Abeid").
func typographic(lx, ly string) bool {
	if strings.ContainsRune(lx, '’') || strings.ContainsRune(ly, '’') {
		if strings.ReplaceAll(lx, "’", "'") == strings.ReplaceAll(ly, "’", "'") {
			return true
		}
	}
	hx, hy := strings.ContainsAny(lx, "-‐‑"), strings.ContainsAny(ly, "-‐‑")
	if hx == hy {
		return false
	}
	if hy {
		lx, ly = ly, lx // lx is the hyphenated one
	}
	lx = hyphens.Replace(lx)
	return strings.ReplaceAll(lx, "-", "") == ly || strings.ReplaceAll(strings.ReplaceAll(lx, "s-", ""), "-", "") == ly
}

// hyphens writes the Unicode hyphens as '-'.
var hyphens = strings.NewReplacer("‐", "-", "‑", "-")

// hasSwapLetter reports whether a lower-cased word holds a letter of a swap.
func (n *nameForms) hasSwapLetter(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < utf8.RuneSelf {
			if n.swapASCII[c] {
				return true
			}
		} else if n.swapOther {
			r, _ := utf8.DecodeRuneInString(w[i:])
			if n.swapLetter[r] {
				return true
			}
		}
	}
	return false
}

// canon is the letter that stands for r and the letters swapped with it.
func (n *nameForms) canon(r rune) rune {
	for k := 0; k < 8; k++ { // a chain of swaps ([v, w], [w, u]) ends at its first letter
		c, ok := n.swapCanon[r]
		if !ok || c == r {
			return r
		}
		r = c
	}
	return r
}

// swapKey is a hash of a lower-cased word with each swap letter replaced
// by canon: two words that differ by swaps have the same key.
func (n *nameForms) swapKey(w string) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range w {
		if r < utf8.RuneSelf && n.swapASCII[r] || r >= utf8.RuneSelf && n.swapLetter[r] {
			r = n.canon(r)
		}
		h = (h ^ uint64(r)) * 1099511628211
	}
	return h
}

// swapped reports whether a and b (of the same byte length) differ in
// exactly one letter, and that letter pair is one of the swaps.
func (n *nameForms) swapped(a, b string) bool {
	diff, runes := -1, 0
	var ra, rb rune
	for i, j := 0, 0; i < len(a) && j < len(b); runes++ {
		x, wx := utf8.DecodeRuneInString(a[i:])
		y, wy := utf8.DecodeRuneInString(b[j:])
		if x != y {
			if diff >= 0 {
				return false
			}
			diff, ra, rb = runes, x, y
		}
		i, j = i+wx, j+wy
	}
	return diff > 0 && runes >= n.spec.MinLength+1 && n.swaps[[2]rune{unicode.ToLower(ra), unicode.ToLower(rb)}] &&
		!n.except[[2]string{strings.ToLower(a), strings.ToLower(b)}]
}

// editDistance is the Levenshtein distance of a and b, or limit+1 when
// it is larger than limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			best = min(best, c)
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// misspeltCommon reports whether two lower-cased words of eight letters or
// more differ by one letter left out or put in, and one of them is a common
// word, or the feminine "-in" of one ("vizepräsidentin" of
// "vizepräsident", which word lists often lack): a common word misspelt
// ("Vizpräsidentin"), not a name written two ways.
func (n *nameForms) misspeltCommon(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb) != len(ra)+1 || len(rb) < 8 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if string(ra[i:]) != string(rb[i+1:]) {
		return false
	}
	isWord := func(w string) bool {
		return inLists(n.lists, w) || strings.HasSuffix(w, "in") && len(w) > 6 && inLists(n.lists, w[:len(w)-2])
	}
	return isWord(a) || isWord(b)
}

// commonTail reports whether lw, a lower-cased word with a hyphen, ends in
// a common word of min_length letters or more ("kommissar" of
// "eu-kommissar").
func (n *nameForms) commonTail(lw string) bool {
	k := strings.LastIndexByte(lw, '-')
	if k < 0 || len(lw)-k-1 < n.spec.MinLength {
		return false
	}
	return inLists(n.lists, lw[k+1:])
}
