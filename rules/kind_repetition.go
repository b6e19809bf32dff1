package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/engine"
)

// repetitionSpec: the same word twice within a few words ("Jetzt ist jetzt
// klar"), the same sentence twice, the headline repeated word for word as
// the first sentence, a name echoed in parentheses ("the FBI (FBI)"):
// artifacts of machine translation.
type repetitionSpec struct {
	Header           `yaml:",inline"`
	Checks           []string         `yaml:"checks"`             // which checks run: words, sentences, headline, echo, doublets (default: the first four)
	Window           int              `yaml:"window"`             // words: the second occurrence at most this many words after the first (default 3)
	Ignore           []string         `yaml:"ignore"`             // words: words that repeat legitimately ("die die", "had had"); numbers and one-letter words never count
	Joiners          []string         `yaml:"joiners"`            // words: a repetition whose second occurrence comes right after one of these is fine ("Tag für Tag", "side by side", "the plan is the plan")
	Breaks           []string         `yaml:"breaks"`             // words: words that end a clause as punctuation does, such as conjunctions ("Joe Biden und Jill Biden")
	MinSentenceWords int              `yaml:"min_sentence_words"` // sentences, headline: the words a repeated sentence or headline needs (default 6)
	MaxClauseWords   int              `yaml:"max_clause_words"`   // words: a run of more words than this with no punctuation is no prose (a menu, a row of tags or icons) and its repetitions do not count (default 40)
	OutsideQuotes    bool             `yaml:"outside_quotes"`     // count only repetitions outside quotations
	Exceptions       []string         `yaml:"exceptions"`         // repeated texts that never count (any case: "Bora Bora")
	Captions         Terms            `yaml:"captions"`           // sentences: a line holding one of these (a photo's credit: "Foto: dpa") is a caption, which pages print twice, and its sentences never count
	DoubletJoiners   []string         `yaml:"doublet_joiners"`    // doublets: the words between the two copies ("and", "und"); the check needs at least one
	DoubletWords     int              `yaml:"doublet_words"`      // doublets: the most words a copy may have (default 6)
	DoubletBefore    []string         `yaml:"doublet_before"`     // doublets: a doublet right before one of these is a word with two complements or objects, not a doublet ("experts and experts of the Red Cross")
	Penalty          `yaml:",inline"` // per_hit (default 0.25), max_penalty, per_1000_words
}

// The checks of a repetition rule.
const (
	checkWords     = "words"
	checkSentences = "sentences"
	checkHeadline  = "headline"
	checkEcho      = "echo"
	checkDoublets  = "doublets"
)

// repetitionChecks are the checks a rule may list; the first four run when
// it lists none.
var repetitionChecks = []string{checkWords, checkSentences, checkHeadline, checkEcho, checkDoublets}

const maxDoubletWords = 10 // the largest doublet_words

// maxEcho is the longest text in parentheses the echo check compares.
const maxEcho = 60

const (
	maxRepetitionWindow = 10 // the largest window
	maxHeadlineWords    = 25 // a longer first line is no headline
	headlineLookahead   = 3  // lines after the headline that may start with it
)

var repetitionKind = kindSpec{
	summary: "finds repetitions: a word repeated within a few words of one clause (checks: words), a sentence that occurs twice (sentences), the headline repeated word for word as the first sentence (headline), the words before parentheses repeated inside them (echo: \"the FBI (FBI)\"); each is a finding",
	params:  func() any { return new(repetitionSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*repetitionSpec)
		s.Penalty.setup(x, 0.25, errs)
		if s.Window == 0 {
			s.Window = 3
		}
		if s.Window < 1 || s.Window > maxRepetitionWindow {
			*errs = append(*errs, x.get("window").errf(fmt.Sprintf("a number of words from 1 to %d", maxRepetitionWindow), "window %d is out of range", s.Window))
		}
		if s.MinSentenceWords == 0 {
			s.MinSentenceWords = 6
		}
		if s.MaxClauseWords == 0 {
			s.MaxClauseWords = 40
		}
		if s.MaxClauseWords < s.Window+1 {
			*errs = append(*errs, x.get("max_clause_words").errf(fmt.Sprintf("a number of words, more than window (%d)", s.Window), "max_clause_words %d is out of range", s.MaxClauseWords))
		}
		if s.DoubletWords == 0 {
			s.DoubletWords = 6
		}
		if s.DoubletWords < 1 || s.DoubletWords > maxDoubletWords {
			*errs = append(*errs, x.get("doublet_words").errf(fmt.Sprintf("a number of words from 1 to %d", maxDoubletWords), "doublet_words %d is out of range", s.DoubletWords))
		}
		if s.MinSentenceWords < 2 {
			*errs = append(*errs, x.get("min_sentence_words").errf("a number of words, 2 or more", "min_sentence_words %d is out of range", s.MinSentenceWords))
		}
		r := &repetition{spec: s, ignore: wordSet(s.Ignore), joiners: wordSet(s.Joiners), breaks: wordSet(s.Breaks), exceptions: map[string]bool{},
			doubletBefore: wordSet(s.DoubletBefore)}
		for w := range wordSet(s.DoubletJoiners) {
			r.joinerNeedles = append(r.joinerNeedles, " "+w)
		}
		slices.Sort(r.joinerNeedles)
		if len(s.Captions.Phrases)+len(s.Captions.Patterns) > 0 {
			r.captions = ls.compileTerms(s.Captions, x.get("captions"), errs)
		}
		for w := range r.breaks {
			r.breakFilter.add(w)
		}
		for _, e := range s.Exceptions {
			r.exceptions[foldSpaces(sourcescore.LowerSameLength(e))] = true
		}
		if len(s.Checks) == 0 {
			s.Checks = repetitionChecks[:4]
		}
		for i, c := range s.Checks {
			switch c {
			case checkWords:
				r.words = true
			case checkSentences:
				r.sentences = true
			case checkHeadline:
				r.headline = true
			case checkEcho:
				r.echo = true
			case checkDoublets:
				r.doublets = true
				if len(s.DoubletJoiners) == 0 {
					*errs = append(*errs, x.get("checks").index(i).errf("doublet_joiners: [and, und]", "check doublets needs doublet_joiners, the words between the two copies"))
				}
			default:
				hint := closest(c, repetitionChecks)
				if hint == "" {
					hint = strings.Join(repetitionChecks, ", ")
				}
				*errs = append(*errs, x.get("checks").index(i).errf(hint, "unknown check %q", c))
			}
		}
		return r
	},
}

type repetition struct {
	spec                       *repetitionSpec
	words, sentences, headline bool // the checks that run
	echo, doublets             bool
	ignore, joiners, breaks    map[string]bool
	joinerNeedles              []string        // each of doublet_joiners after a space, lower-cased
	doubletBefore              map[string]bool // lower-cased
	breakFilter                wordFilter      // tells most words at once that they are no break word
	exceptions                 map[string]bool // lower-cased, spaces folded
	captions                   *engine.Matcher // credits that make a line a caption; nil when none
}

var _ checker = (*repetition)(nil)

func (r *repetition) apply(d *Doc) outcome {
	var hits []hit
	var nWords, nSentences, nHeadline int
	if r.words {
		hits = r.repeatedWords(d, hits)
		nWords = len(hits)
	}
	if r.sentences {
		hits = r.repeatedSentences(d, hits)
		nSentences = len(hits) - nWords
	}
	if r.headline {
		hits = r.repeatedHeadline(d, hits)
		nHeadline = len(hits) - nWords - nSentences
	}
	nEcho := 0
	if r.echo {
		n := len(hits)
		hits = r.echoes(d, hits)
		nEcho = len(hits) - n
	}
	nDoublets := 0
	if r.doublets {
		n := len(hits)
		hits = r.findDoublets(d, hits)
		nDoublets = len(hits) - n
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.start, b.start) })
	var parts []string
	if r.words {
		parts = append(parts, fmt.Sprintf("%d repeated words", nWords))
	}
	if r.sentences {
		parts = append(parts, fmt.Sprintf("%d repeated sentences", nSentences))
	}
	if r.headline {
		if nHeadline > 0 {
			parts = append(parts, "headline repeated")
		} else {
			parts = append(parts, "headline not repeated")
		}
	}
	if r.echo {
		parts = append(parts, fmt.Sprintf("%d echoed in parentheses", nEcho))
	}
	if r.doublets {
		parts = append(parts, fmt.Sprintf("%d doublets", nDoublets))
	}
	score, counted := r.spec.score(len(hits), d.A.Words)
	return outcome{score: score, note: strings.Join(parts, ", ") + "; " + counted, hits: hits}
}

// echoes finds words repeated in the parentheses right after them: "the
// FBI (FBI)", "North Korea (North Korea)", "flight MH17 (MH17)" (a
// translation that spelled out what the source explained, "Korea Utara
// (Korut)"). The text in parentheses must hold a letter; the words before
// it must end with it as whole words, any case.
func (r *repetition) echoes(d *Doc, hits []hit) []hit {
	body := d.Body
	for i := 0; ; {
		k := strings.IndexByte(body[i:], '(')
		if k < 0 {
			return hits
		}
		open := i + k
		i = open + 1
		end := strings.IndexByte(body[i:min(len(body), i+maxEcho+1)], ')')
		if end < 0 {
			continue
		}
		inner := strings.TrimSpace(body[i : i+end])
		if inner == "" || strings.ContainsAny(inner, "\n()") || !strings.ContainsFunc(inner, unicode.IsLetter) {
			continue
		}
		before := strings.TrimRight(body[:open], " \t")
		start := len(before) - len(inner)
		if start < 0 || !strings.EqualFold(before[start:], inner) {
			continue
		}
		if c, _ := utf8.DecodeLastRuneInString(before[:start]); start > 0 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			continue // "the NSA (SA)": not the whole word
		}
		if r.spec.OutsideQuotes && d.inQuote(start) {
			continue
		}
		hits = append(hits, hit{start: start, end: i + end + 1, detail: "echoed in parentheses: " + inner})
	}
}

// findDoublets finds the same words on both sides of a joiner, in one
// clause: "baseless and baseless", "had nothing to do with and had nothing
// to do with". Arabic, Persian, Indonesian and other languages pair two
// words of like meaning for emphasis, and a translation that knows one
// word for both writes it twice. The longest doublet of at most
// doublet_words words counts. Never counted: a copy without a word of two
// letters or more that is not in ignore, a copy with a number, a single
// word ending in "er" (a comparative: "closer and closer", "weiter und
// weiter"), a copy whose words are all capitalised (names and titles:
// "Smith and Smith"; in German a noun alone), texts in exceptions ("more and more", "nach und nach"), and a
// doublet right before a word of doublet_before ("experts and experts of
// the Red Cross", "verurteilt und verurteilt sie": one word with two
// complements or two objects).
func (r *repetition) findDoublets(d *Doc, hits []hit) []hit {
	joiners := r.joinerWords(d)
	if len(joiners) == 0 {
		return hits
	}
	words := d.words()
	next := 0 // the first word a doublet may begin at
	for _, at := range joiners {
		j, ok := slices.BinarySearchFunc(words, at, func(w word, at int) int { return cmp.Compare(w.start, at) })
		if !ok || j < max(1, next) || j+1 >= len(words) || !words[j].joined || !words[j+1].joined {
			continue
		}
		n := r.doubletAt(d, words, j)
		if n == 0 {
			continue
		}
		first, last := words[j-n], words[j+n]
		if r.spec.OutsideQuotes && d.inQuote(first.start) {
			continue
		}
		if r.exceptions[foldSpaces(d.Lower[first.start:last.end])] {
			continue
		}
		if k := j + n + 1; k < len(words) && words[k].joined && r.doubletBefore[d.Lower[words[k].start:words[k].end]] {
			continue
		}
		w := words[j]
		hits = append(hits, hit{start: first.start, end: last.end,
			detail: fmt.Sprintf("the same words on both sides of %q: %s", d.Body[w.start:w.end], d.Body[first.start:words[j-1].end])})
		next = j + n + 1
	}
	return hits
}

// joinerWords returns, in text order, where a word of doublet_joiners
// stands after a space and before a space or a tab: a few places an
// article, found without splitting it into words.
func (r *repetition) joinerWords(d *Doc) []int {
	var at []int
	for _, w := range r.joinerNeedles {
		// " and": a space before (tabs are rare between words) makes
		// the needle rarer than the word alone, "and" in "land".
		for i := 0; ; {
			k := strings.Index(d.Lower[i:], w)
			if k < 0 {
				break
			}
			k += i + 1 // the word, after the space
			i = k + len(w) - 1
			if i < len(d.Lower) && isBlank(d.Lower[i]) {
				at = append(at, k)
			}
		}
	}
	slices.Sort(at)
	return at
}

// isBlank reports whether c is a space or a tab, which leave the words
// around it joined.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// doubletAt returns the number of words of the longest doublet around the
// joiner words[j] (0 when there is none): words[j-n:j] equal to
// words[j+1:j+n+1], case folded, all of them in the joiner's clause.
func (r *repetition) doubletAt(d *Doc, words []word, j int) int {
	for n := min(r.spec.DoubletWords, j, len(words)-j-1); n >= 1; n-- {
		if !words[j+n].joined || !words[j-n+1].joined {
			continue // the copies must lie in one clause
		}
		ok, content := true, false
		for i := 0; i < n && ok; i++ {
			a, b := words[j-n+i], words[j+1+i]
			if i > 0 && !a.joined || i > 0 && !b.joined || a.digit || !sameWord(d, a, b) {
				ok = false
			}
			if a.runes >= 2 && !r.ignore[d.Lower[a.start:a.end]] {
				content = true
			}
		}
		if !ok || !content || allCapital(words[j+1:j+n+1]) {
			continue // a capitalised copy is a name or a title ("Smith and Smith", "Deputy Minister and Minister")
		}
		if a := words[j-1]; n == 1 && strings.HasSuffix(d.Lower[a.start:a.end], "er") {
			return 0
		}
		return n
	}
	return 0
}

// repeatedWords finds a word repeated within the window, in one clause:
// only spaces between the words, no punctuation, quotation mark, line
// break or break word.
func (r *repetition) repeatedWords(d *Doc, hits []hit) []hit {
	words := d.words()
	clause := 0 // the index of the clause's first word
	quotes := quoteCursor{q: d.quotes}
	// The hits of the current run of words with no punctuation between
	// them count when the run ends, unless it was too long to be prose.
	run, found := 0, len(hits)
	endRun := func(j int) {
		if j-run > r.spec.MaxClauseWords {
			hits = hits[:found]
		}
		run, found = j, len(hits)
	}
	for j, w := range words {
		if !w.joined {
			endRun(j)
			clause = j
		}
		if r.spec.OutsideQuotes && quotes.in(w.start) {
			clause = j + 1
			continue
		}
		lw := d.Lower[w.start:w.end]
		if r.breakFilter.mayHave(lw) && r.breaks[lw] {
			clause = j + 1
			continue
		}
		// The nearest earlier occurrence decides.
		for k := j - 1; k >= max(clause, j-r.spec.Window); k-- {
			p := words[k]
			if p.end-p.start != len(lw) || d.Lower[p.start:p.end] != lw {
				continue
			}
			if r.wordCounts(d, words, k, j) {
				hits = append(hits, hit{start: p.start, end: w.end, detail: "word repeated within a clause: " + lw})
				clause = j + 1 // "said said said" is one artifact
			}
			break
		}
	}
	endRun(len(words))
	return hits
}

// allCapital reports whether every word of ws begins with a capital letter.
func allCapital(ws []word) bool {
	for _, w := range ws {
		if !w.capital {
			return false
		}
	}
	return true
}

// wordCounts reports whether words[j] repeating words[k] in one clause is
// a finding.
func (r *repetition) wordCounts(d *Doc, words []word, k, j int) bool {
	w := words[j]
	lw := d.Lower[w.start:w.end]
	if w.digit || w.runes < 2 || r.ignore[lw] {
		return false
	}
	// A capitalised word inside a sentence beside the same word in lower
	// case is a name beside a word ("The Times repeated it several
	// times"); at the start of a sentence it is the same word ("Jetzt ist
	// jetzt klar").
	if p := words[k]; p.capital != w.capital {
		c := p
		if w.capital {
			c = w
		}
		if c.joined {
			return false
		}
	}
	if j-k == 2 && (j+1 < len(words) && words[j+1].joined && sameWord(d, words[k+1], words[j+1]) ||
		k >= 1 && words[k].joined && sameWord(d, words[k-1], words[j-1])) {
		// "Ukrainian President Ukrainian President Volodymyr Zelensky":
		// a phrase doubled whole is the page's (a link's text beside
		// the text), not a word a translation repeated.
		return false
	}
	if j-k > 1 && w.capital && w.joined && words[k].capital && k >= 1 && words[k].joined && words[k-1].capital && words[j-1].capital &&
		!sameWord(d, words[k-1], words[j-1]) {
		// "North Korea accused South Korea", "die West Bank und die East
		// Bank": the last words of two names, each with its own first
		// word, not a word said twice.
		return false
	}
	if d.Lang == "en" && j-k > 1 && w.capital && words[k].capital && allCapital(words[k+1:j]) {
		// "Chief of Air Staff Air Chief Marshal", "General Staff Major
		// General": a chain of titles and names, each word capitalised,
		// that shares a word, not a word said twice (in English, where
		// only names and titles are capitalised inside a sentence).
		return false
	}
	if j-k > 1 && words[k+1].digit && j+1 < len(words) && words[j+1].digit {
		// "von Oktober 2020 bis Oktober 2023", "Seite 3 und Seite 5": each
		// with its number, a span or a list, not a word said twice.
		return false
	}
	if j-k > 1 {
		// "Tag für Tag", "the plan is the plan": a joiner right before.
		if b := words[j-1]; r.joiners[d.Lower[b.start:b.end]] {
			return false
		}
		// "Krieg ist Krieg.": a word between and the clause ends.
		if j+1 == len(words) || !words[j+1].joined || r.breaks[d.Lower[words[j+1].start:words[j+1].end]] {
			return false
		}
	}
	return len(r.exceptions) == 0 || !r.exceptions[foldSpaces(d.Lower[words[k].start:w.end])]
}

// sameWord reports whether two words of the Doc are the same, case folded.
func sameWord(d *Doc, a, b word) bool {
	return a.end-a.start == b.end-b.start && d.Lower[a.start:a.end] == d.Lower[b.start:b.end]
}

// repeatedSentences finds sentences of at least min_sentence_words words
// that end as sentences do and occur again, case and spaces folded. A
// sentence whose whole line is repeated (a title or teaser shown twice by
// the web page) does not count.
func (r *repetition) repeatedSentences(d *Doc, hits []hit) []hit {
	type key struct {
		h uint64
		i int
	}
	var keys []key
	quotes := quoteCursor{q: d.quotes}
	words := d.words()
	// The lines that are photo captions: their sentences never count.
	var captionLines []int
	if r.captions != nil {
		for _, m := range d.findTerms(r.captions) {
			li, _ := d.lineOf(m.Start)
			captionLines = append(captionLines, li)
		}
	}
	from := 0 // the first word of the sentence
	for i, s := range d.sentences {
		for from < len(words) && words[from].start < s.start {
			from++
		}
		to := from
		for to < len(words) && words[to].start < s.end {
			to++
		}
		if to-from < r.spec.MinSentenceWords || r.spec.OutsideQuotes && quotes.in(s.start) || !endsSentence(d.Body[s.start:s.end]) {
			continue
		}
		if li, _ := d.lineOf(s.start); slices.Contains(captionLines, li) {
			continue
		}
		keys = append(keys, key{sentenceKey(d, words[from:to]), i})
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for a := 0; a < len(keys); {
		b := a + 1
		for b < len(keys) && keys[b].h == keys[a].h {
			b++
		}
		for j := a + 1; j < b; j++ {
			sj := d.sentences[keys[j].i]
			for k := a; k < j; k++ {
				sk := d.sentences[keys[k].i]
				if !foldEqual(d.Lower[sk.start:sk.end], d.Lower[sj.start:sj.end]) {
					continue
				}
				ks, ke := d.lineOf(sk.start)
				js, je := d.lineOf(sj.start)
				if ks != js && foldEqual(d.Lower[ks:ke], d.Lower[js:je]) {
					break // the whole line is repeated
				}
				if sk.start == ks && sj.start == js && d.inHead(sk.start) {
					break // the page's teaser at the top, then the text's paragraph that opens with it
				}
				if len(r.exceptions) == 0 || !r.exceptions[foldSpaces(d.Lower[sj.start:sj.end])] {
					hits = append(hits, hit{start: sj.start, end: sj.end, detail: "sentence repeated"})
				}
				break
			}
		}
		a = b
	}
	return hits
}

// teaserLines is how many lines that are not blank a web page's head
// (headline, teaser, dateline) takes at most.
const teaserLines = 3

// inHead reports whether off lies in one of the first teaserLines lines
// of the Doc that are not blank.
func (d *Doc) inHead(off int) bool {
	n := 0
	for i, start := range d.lineStarts {
		if start > off {
			break
		}
		end := len(d.Body)
		if i+1 < len(d.lineStarts) {
			end = d.lineStarts[i+1] - 1
		}
		if strings.TrimSpace(d.Body[start:end]) != "" {
			if n++; n > teaserLines {
				return false
			}
		}
		if off <= end {
			return true
		}
	}
	return false
}

// repeatedHeadline finds the headline (the first line that is not blank,
// of min_sentence_words to 25 words, without a final period) repeated word
// for word at the start of one of the next lines (after a dateline ending
// in a dash), as the start of a sentence that goes on or ends there. Lines
// equal to the headline (the title shown twice) are passed over.
func (r *repetition) repeatedHeadline(d *Doc, hits []hit) []hit {
	li := 0
	var hs, he int
	for ; li < len(d.lineStarts); li++ {
		if hs, he = d.trimmedLine(li); hs < he {
			break
		}
	}
	if hs >= he {
		return hits
	}
	if last, _ := utf8.DecodeLastRuneInString(d.Body[hs:he]); last == '.' {
		return hits
	}
	words := d.words()
	hf, ht := wordsIn(words, hs, he)
	if n := ht - hf; n < r.spec.MinSentenceWords || n > maxHeadlineWords {
		return hits
	}
	tried := 0
	for li++; li < len(d.lineStarts) && tried < headlineLookahead; li++ {
		ls, le := d.trimmedLine(li)
		if ls >= le || foldEqual(d.Lower[hs:he], d.Lower[ls:le]) {
			continue
		}
		tried++
		start, end, ok := r.headlineAt(d, words[hf:ht], ls, le)
		if !ok {
			if k := datelineEnd(d.Body[ls:le]); k > 0 {
				start, end, ok = r.headlineAt(d, words[hf:ht], ls+k, le)
			}
		}
		if ok {
			if len(r.exceptions) == 0 || !r.exceptions[foldSpaces(d.Lower[start:end])] {
				hits = append(hits, hit{start: start, end: end, detail: "headline repeated as the first sentence"})
			}
			break
		}
	}
	return hits
}

// headlineAt reports whether the line from `from` to le starts with the
// words of the headline, and where they are: the sentence must go on after
// them (a comma, a word) or end right after them.
func (r *repetition) headlineAt(d *Doc, head []word, from, le int) (int, int, bool) {
	words := d.words()
	lf, lt := wordsIn(words, from, le)
	if lt-lf < len(head) {
		return 0, 0, false
	}
	line := words[lf : lf+len(head)]
	for i, hw := range head {
		lw := line[i]
		if hw.end-hw.start != lw.end-lw.start || d.Lower[hw.start:hw.end] != d.Lower[lw.start:lw.end] {
			return 0, 0, false
		}
	}
	start, end := line[0].start, line[len(line)-1].end
	if r.spec.OutsideQuotes && d.inQuote(start) {
		return 0, 0, false
	}
	rest := strings.TrimLeft(d.Body[end:le], " \t\u00a0")
	if rest == "" {
		return 0, 0, false // the line is the headline again
	}
	c, _ := utf8.DecodeRuneInString(rest)
	if !isWordRune(c) && !strings.ContainsRune(".!?…,", c) {
		return 0, 0, false // "Headline / Foto: dpa", "Headline (Video)"
	}
	if si := d.sentenceAt(start); si < 0 || !endsSentence(d.Body[d.sentences[si].start:d.sentences[si].end]) {
		return 0, 0, false // a subtitle, not a sentence
	}
	return start, end, true
}

// datelineEnd returns where the text after a dateline ("Berlin (dpa) – ")
// starts in line: after the first dash set off by spaces within its first
// 100 bytes; 0 when there is none.
func datelineEnd(line string) int {
	head := line[:min(len(line), 100)]
	best := -1
	for _, dash := range []string{" – ", " — ", " - "} {
		if k := strings.Index(head, dash); k >= 0 && (best < 0 || k < best) {
			best = k + len(dash)
		}
	}
	return max(best, 0)
}

// trimmedLine returns the bounds of line li without the spaces around it.
func (d *Doc) trimmedLine(li int) (int, int) {
	start := d.lineStarts[li]
	end := len(d.Body)
	if li+1 < len(d.lineStarts) {
		end = d.lineStarts[li+1] - 1
	}
	line := d.Body[start:end]
	return start + firstNonSpace(line), start + lastNonSpace(line, len(line))
}

// endsSentence reports whether s ends as a sentence does: with '.', '!',
// '?' or '…', maybe followed by closing quotation marks or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return isCloser(r) || r == ' ' })
	last, _ := utf8.DecodeLastRuneInString(s)
	return last == '.' || last == '!' || last == '?' || last == '…'
}

// sentenceKey is a hash of a sentence's number of words and its first and
// last two words, lower-cased: sentences equal but for case and spaces
// have the same key. Sentences with equal keys are compared in full.
func sentenceKey(d *Doc, words []word) uint64 {
	const prime = 1099511628211
	h := (uint64(14695981039346656037) ^ uint64(len(words))) * prime
	for _, w := range [4]word{words[0], words[1], words[len(words)-2], words[len(words)-1]} {
		for i := w.start; i < w.end; i++ {
			h = (h ^ uint64(d.Lower[i])) * prime
		}
		h = (h ^ ' ') * prime
	}
	return h
}

// foldEqual reports whether a and b are equal trimmed, with each run of
// spaces (space, tab, line break, U+00A0) read as one space.
func foldEqual(a, b string) bool {
	if a == b { // most repeated sentences and lines are byte for byte
		return true
	}
	i, j := skipFoldSpace(a, 0), skipFoldSpace(b, 0)
	for i < len(a) && j < len(b) {
		ni, nj := skipFoldSpace(a, i), skipFoldSpace(b, j)
		switch {
		case (ni > i) != (nj > j):
			return false
		case ni > i: // spaces in both
			i, j = ni, nj
		case a[i] != b[j]:
			return false
		default:
			i, j = i+1, j+1
		}
	}
	return skipFoldSpace(a, i) == len(a) && skipFoldSpace(b, j) == len(b)
}

// skipFoldSpace returns the end of the spaces foldEqual folds that begin
// at s[i], or i.
func skipFoldSpace(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0xa0: // U+00A0
			i += 2
		default:
			return i
		}
	}
	return i
}

// foldSpaces trims s and replaces each run of spaces with one space.
func foldSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
