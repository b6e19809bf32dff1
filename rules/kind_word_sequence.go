package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordSequenceSpec: a sequence of words of given shapes on one line, with
// only spaces between them ("after The meeting": a lower-case word, a
// capitalised function word, a lower-case word). It does by walking the
// words once what a regular expression starting with a character class
// would do slowly at every position of the text.
type wordSequenceSpec struct {
	Header        `yaml:",inline"`
	Penalty       `yaml:",inline"`
	Sequences     [][]wordElem `yaml:"sequences"`      // each a list of elements (see wordElem); a match of any is a hit
	OutsideQuotes bool         `yaml:"outside_quotes"` // count only hits outside quotations
	ProseOnly     bool         `yaml:"prose_only"`     // count only hits on a line with a sentence's end mark (. ! ?): a line without one is headings or key points the page ran together
	Exceptions    []string     `yaml:"exceptions"`     // matched texts that never count (case-insensitive)
}

// wordElem is one element of a sequence: a shape, written as a string
// (lower, cap, caps, word; with a trailing comma or semicolon, the word
// must be followed directly by it, as in "lower,"; with a question mark
// after that the mark may be there or not, "lower,?"), or a list of exact words
// (case-sensitive).
type wordElem struct {
	Shape string   // lower, cap, caps or word; "" when Words is set
	Mark  byte     // ',' or ';' after the word, or 0
	Maybe bool     // the mark may be missing
	Words []string // exact words
}

var wordShapes = []string{"lower", "cap", "caps", "word"}

var wordSequenceKind = kindSpec{
	summary: "sequences of word shapes on one line with only spaces between (lower, cap, caps, word, a comma or semicolon after, or a list of exact words); each match is a hit, per hit or per 1,000 words",
	params:  func() any { return new(wordSequenceRaw) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		raw := spec.(*wordSequenceRaw)
		s := &wordSequenceSpec{Header: raw.Header, Penalty: raw.Penalty, OutsideQuotes: raw.OutsideQuotes, ProseOnly: raw.ProseOnly, Exceptions: raw.Exceptions}
		s.Penalty.setup(x, 0.25, errs)
		if len(raw.Sequences) == 0 {
			*errs = append(*errs, x.errf("add sequences: a list of lists such as [lower, [The, Of], lower]", "rule %s can never fire: it has no sequences", s.ID))
		}
		for i, seq := range raw.Sequences {
			sx := x.get("sequences").index(i)
			if len(seq) < 2 {
				*errs = append(*errs, sx.errf("list two elements or more", "a sequence of %d elements matches single words", len(seq)))
				continue
			}
			var elems []wordElem
			for j, e := range seq {
				ex := sx.index(j)
				switch v := e.(type) {
				case string:
					shape := v
					var mark byte
					maybe := strings.HasSuffix(shape, "?")
					shape = strings.TrimSuffix(shape, "?")
					if n := len(shape); n > 0 && (shape[n-1] == ',' || shape[n-1] == ';') {
						mark, shape = shape[n-1], shape[:n-1]
					}
					if !slices.Contains(wordShapes, shape) {
						*errs = append(*errs, ex.errf("one of "+strings.Join(wordShapes, ", ")+" (with , ; ,? or ;? after), or a list of words", "unknown word shape %q", v))
						continue
					}
					if maybe && mark == 0 {
						*errs = append(*errs, ex.errf("write , or ; before the ?", "word shape %q: ? follows a mark", v))
						continue
					}
					elems = append(elems, wordElem{Shape: shape, Mark: mark, Maybe: maybe})
				case []any:
					var words []string
					for _, w := range v {
						words = append(words, fmt.Sprint(w))
					}
					if len(words) == 0 {
						*errs = append(*errs, ex.errf("list one word or more", "empty word list"))
						continue
					}
					elems = append(elems, wordElem{Words: words})
				default:
					*errs = append(*errs, ex.errf("a shape (lower, cap, caps, word) or a list of words", "a sequence element must be a shape or a list of words"))
				}
			}
			s.Sequences = append(s.Sequences, elems)
		}
		w := &wordSequence{spec: s, exceptions: wordSet(s.Exceptions), byAnchor: map[string][]int{}}
		for _, seq := range s.Sequences {
			cs := make([]compiledElem, len(seq))
			for i, e := range seq {
				cs[i] = compiledElem{shape: e.Shape, mark: e.Mark, maybe: e.Maybe}
				if e.Words != nil {
					cs[i].words = map[string]bool{}
					for _, x := range e.Words {
						cs[i].words[x] = true
					}
				}
			}
			w.seqs = append(w.seqs, cs)
			a := slices.IndexFunc(cs, func(e compiledElem) bool { return e.words != nil })
			w.anchor = append(w.anchor, a)
			if a >= 0 {
				for x := range cs[a].words {
					w.first[x[0]] |= 1 << min(len(x), 63)
					w.byAnchor[x] = append(w.byAnchor[x], len(w.seqs)-1)
				}
			}
		}
		w.anchored = len(w.seqs) > 0 && !slices.Contains(w.anchor, -1)
		return w
	},
}

// wordSequenceRaw is the YAML form of wordSequenceSpec: elements are
// strings or lists, so they are decoded as any.
type wordSequenceRaw struct {
	Header        `yaml:",inline"`
	Penalty       `yaml:",inline"`
	Sequences     [][]any  `yaml:"sequences"`
	OutsideQuotes bool     `yaml:"outside_quotes"`
	ProseOnly     bool     `yaml:"prose_only"`
	Exceptions    []string `yaml:"exceptions"`
}

type compiledElem struct {
	shape string
	mark  byte // ',' or ';' after the word; 0: none
	maybe bool // the mark may be missing
	words map[string]bool
}

type wordSequence struct {
	spec       *wordSequenceSpec
	seqs       [][]compiledElem
	exceptions map[string]bool
	// anchor[i] is the index in seqs[i] of its first list of exact words,
	// or -1; when every sequence has one, apply looks only at the words
	// whose first byte and length in bytes one of those words has: bit
	// min(length, 63) of first[its first byte].
	anchor   []int
	anchored bool
	first    [256]uint64
	byAnchor map[string][]int // an anchor word → the sequences it anchors, in order
}

var _ checker = (*wordSequence)(nil)

// seqWord is a word of a line: its bytes, and what follows it up to the
// next word: only spaces (gap), a comma or semicolon and spaces (mark), or anything
// else (broken: the sequence cannot go on).
type seqWord struct {
	start, end int
	mark       byte // ',' or ';' right after the word, then spaces; 0: none
	broken     bool // something other than spaces (and one mark) before the next word, or the line ends
}

func (e *compiledElem) fits(text string, w seqWord, last bool) bool {
	if !last && w.broken {
		return false // a non-final element needs a next word on the line
	}
	switch {
	case e.mark != 0 && w.mark != e.mark && !(e.maybe && w.mark == 0):
		return false
	case e.mark == 0 && w.mark != 0 && !last:
		return false
	}
	word := text[w.start:w.end]
	if e.words != nil {
		return e.words[word]
	}
	first, n := utf8.DecodeRuneInString(word)
	switch e.shape {
	case "lower":
		return unicode.IsLower(first)
	case "cap":
		if !unicode.IsUpper(first) {
			return false
		}
		for _, r := range word[n:] {
			if unicode.IsLower(r) {
				return true
			}
		}
		return false
	case "caps":
		if !unicode.IsUpper(first) || utf8.RuneCountInString(word) < 2 {
			return false
		}
		for _, r := range word {
			if unicode.IsLower(r) {
				return false
			}
		}
		return true
	}
	return true // word
}

func (w *wordSequence) apply(d *Doc) outcome {
	var hits []hit
	add := func(start, end int) {
		if w.spec.OutsideQuotes && d.inQuote(start) {
			return
		}
		if w.exceptions[d.Lower[start:end]] {
			return
		}
		if w.spec.ProseOnly {
			ls, le := d.lineOf(start)
			if !strings.ContainsAny(d.Body[ls:le], ".!?") {
				return // no sentence ends on the line: headings or key points run together, not prose
			}
		}
		if n := len(hits); n > 0 && hits[n-1].end > start {
			return // overlaps the previous hit
		}
		hits = append(hits, hit{start: start, end: end})
	}
	if w.anchored {
		w.applyAnchored(d, add)
	} else {
		w.applyAll(d, add)
	}
	if len(hits) == 0 {
		return outcome{score: 1, note: "0 hits"}
	}
	score, counted := w.spec.score(len(hits), d.A.Words)
	return outcome{score: score, note: fmt.Sprintf("%d hits, %s", len(hits), counted), hits: hits}
}

// matchAt reports whether seq matches the words, which are as many.
func matchAt(body string, seq []compiledElem, words []seqWord) bool {
	for k := range seq {
		if !seq[k].fits(body, words[k], k == len(seq)-1) {
			return false
		}
	}
	return true
}

// applyAll tries every sequence at every word.
func (w *wordSequence) applyAll(d *Doc, add func(start, end int)) {
	words := d.words()
	var buf []seqWord
	for k := range words {
		for _, seq := range w.seqs {
			if k+len(seq) > len(words) {
				continue
			}
			buf = seqWindow(d.Body, words, k, len(seq), buf[:0])
			if matchAt(d.Body, seq, buf) {
				add(buf[0].start, buf[len(buf)-1].end)
				break
			}
		}
	}
}

// applyAnchored looks at the Doc's words that are one of the sequences'
// exact words, and at the words around such a word only.
func (w *wordSequence) applyAnchored(d *Doc, add func(start, end int)) {
	body := d.Body
	words := d.words()
	var buf []seqWord
	for k, wd := range words {
		if w.first[body[wd.start]]>>min(wd.end-wd.start, 63)&1 == 0 {
			continue
		}
		for _, si := range w.byAnchor[body[wd.start:wd.end]] {
			seq, a := w.seqs[si], w.anchor[si]
			if k < a || k-a+len(seq) > len(words) {
				continue
			}
			buf = seqWindow(body, words, k-a, len(seq), buf[:0])
			if matchAt(body, seq, buf) {
				add(buf[0].start, buf[len(buf)-1].end)
				break
			}
		}
	}
}

// seqWindow appends words[from:from+n] to out, each with what separates it
// from the word after it.
func seqWindow(body string, words []word, from, n int, out []seqWord) []seqWord {
	for j := from; j < from+n; j++ {
		next := len(body)
		if j+1 < len(words) {
			next = words[j+1].start
		}
		sw := seqWord{start: words[j].start, end: words[j].end}
		sw.mark, sw.broken = seqGap(body, sw.end, next)
		out = append(out, sw)
	}
	return out
}

// seqGap reads what lies between a word that ends at end and the next word,
// which starts at next: a comma or semicolon right after the word, then
// one space or more, is a mark; anything else (or no space, or the end of
// the text) breaks a sequence.
func seqGap(body string, end, next int) (mark byte, broken bool) {
	i := end
	if i < next && (body[i] == ',' || body[i] == ';') {
		mark = body[i]
		i++
	}
	if i == next || next >= len(body) {
		return mark, true
	}
	for ; i < next; i++ {
		if body[i] != ' ' && body[i] != '\t' {
			return mark, true
		}
	}
	return mark, false
}
