package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
)

// attributionSpec: find attributions ("laut X", "X zufolge", "sagte X",
// "according to X") and rate the share that names its source.
type attributionSpec struct {
	Header         `yaml:",inline"`
	Cues           []string `yaml:"cues"`            // patterns with {after} or {before} where the source stands
	VaguePhrases   []string `yaml:"vague_phrases"`   // phrases that are vague attributions by themselves ("Berichten zufolge", "es hieß")
	Vague          []string `yaml:"vague"`           // words that make a source vague ("Quellen", "Insidern", "sources")
	Specific       []string `yaml:"specific"`        // words that make an unnamed source specific ("vertraute", "ehemalige", "officials")
	Named          []string `yaml:"named"`           // names of outlets, agencies, bodies that count as named
	Hedges         []string `yaml:"hedges"`          // hedge words, counted in the note ("angeblich", "reportedly")
	SourceWords    int      `yaml:"source_words"`    // words of the source slot that are classified (default 5)
	SpecificCredit float64  `yaml:"specific_credit"` // what a specific anonymous source counts against a named one (default 0.75)
	EmptyScore     float64  `yaml:"empty_score"`     // score of an article without any attribution (default 0.5)
}

// beforeWords is how many words before a cue ("einem Zeitungsbericht
// zufolge") are classified: the source stands right before the cue.
const beforeWords = 3

const (
	afterSlot  = `(?P<source>[^.,;:!?„“”"»«()\n]{2,120})`
	beforeSlot = `(?P<source>(?:[\p{L}\p{N}’'-]+ ){1,%d})`
)

// slotPattern finds {after}, {before} and {before:N} in a cue.
var slotPattern = regexp.MustCompile(`\{(after|before)(?::([1-9][0-9]?))?\}`)

var attributionKind = kindSpec{
	summary: "classifies each attribution as named, specific anonymous or vague; score = (named + specific_credit × specific) / all; vague ones are findings",
	params:  func() any { return new(attributionSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*attributionSpec)
		if s.SourceWords == 0 {
			s.SourceWords = 5
		}
		defaultFloat(&s.SpecificCredit, 0.75)
		defaultFloat(&s.EmptyScore, 0.5)
		checkRange(x, "specific_credit", s.SpecificCredit, 0, 1, errs)
		checkRange(x, "empty_score", s.EmptyScore, 0, 1, errs)
		a := &attribution{spec: s, vaguePhrases: ls.newPhraseSet(s.VaguePhrases), vague: wordSet(s.Vague), specific: wordSet(s.Specific), named: newPhraseSet(s.Named), hedges: ls.newPhraseSet(s.Hedges)}
		for i, c := range s.Cues {
			cx := x.get("cues").index(i)
			slots := slotPattern.FindAllStringSubmatch(c, -1)
			if len(slots) != 1 {
				*errs = append(*errs, cx.errf("put {after} after the cue words (laut {after}) or {before} before them ({before}zufolge); {before:5} classifies 5 words", "cue %q needs exactly one {after} or {before}", c))
				continue
			}
			before := slots[0][1] == "before"
			words := beforeWords
			if !before {
				words = s.SourceWords
			}
			if slots[0][2] != "" {
				words, _ = strconv.Atoi(slots[0][2])
			}
			slot := afterSlot
			if before {
				slot = fmt.Sprintf(beforeSlot, max(4, words))
			}
			re, err := compilePattern(slotPattern.ReplaceAllLiteralString(c, slot))
			if err != nil {
				*errs = append(*errs, cx.errf("check the pattern; Go uses RE2 syntax", "%v", err))
				continue
			}
			a.cues = append(a.cues, cue{re: ls.gates.add(re), before: before, words: words, group: re.SubexpIndex("source")})
		}
		if len(a.cues) == 0 && a.vaguePhrases == nil {
			*errs = append(*errs, x.errf("add cues: or vague_phrases:", "rule %s can never fire: it has no cues", s.ID))
		}
		return a
	},
}

type cue struct {
	re     *gatedRegex
	before bool // the source stands before the cue words
	words  int  // how many words of the source are classified
	group  int  // index of the source group
}

type attribution struct {
	spec         *attributionSpec
	cues         []cue
	vaguePhrases *phraseSet
	vague        map[string]bool
	specific     map[string]bool
	named        *phraseSet
	hedges       *phraseSet
}

var _ checker = (*attribution)(nil)

// wordSet lower-cases a word list into a set.
func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[sourcescore.LowerSameLength(strings.TrimSpace(w))] = true
	}
	return m
}

// Attribution classes.
const (
	classUnclear = iota
	classNamed
	classSpecific
	classVague
)

var classNames = []string{"unclear", "named", "specific anonymous", "vague"}

func (a *attribution) apply(d *Doc) outcome {
	var counts [4]int
	var hits []hit
	var taken []span
	info := sourcescore.SeverityInfo
	for _, c := range a.cues {
		for _, loc := range c.re.findAll(d) {
			if !wholeWord(d.Body, loc[0], loc[1]) || overlaps(taken, loc[0], loc[1]) {
				continue
			}
			src := span{loc[2*c.group], loc[2*c.group+1]}
			src = window(d.Body, src, c.before, c.words)
			class := a.classify(d, src)
			taken = append(taken, span{loc[0], loc[1]})
			counts[class]++
			h := hit{start: loc[0], end: loc[1], detail: classNames[class] + " source: " + d.evidence(src.start, src.end)}
			switch class {
			case classVague:
				hits = append(hits, h)
			case classNamed, classSpecific:
				h.severity, h.own = &info, true
				hits = append(hits, h)
			}
		}
	}
	for _, m := range d.find(a.vaguePhrases) {
		if overlaps(taken, m.start, m.end) {
			continue
		}
		counts[classVague]++
		hits = append(hits, hit{start: m.start, end: m.end, detail: "names no source"})
	}
	hedges := len(d.find(a.hedges))
	total := counts[classNamed] + counts[classSpecific] + counts[classVague]
	note := fmt.Sprintf("%d named, %d specific anonymous, %d vague, %d unclear attributions; %d hedges", counts[classNamed], counts[classSpecific], counts[classVague], counts[classUnclear], hedges)
	if total == 0 {
		return outcome{score: a.spec.EmptyScore, note: note, hits: append(hits, hit{start: -1, detail: "no attributed source found"})}
	}
	good := float64(counts[classNamed]) + a.spec.SpecificCredit*float64(counts[classSpecific])
	return outcome{score: good / float64(total), note: note, hits: hits}
}

func overlaps(spans []span, start, end int) bool {
	for _, s := range spans {
		if start < s.end && s.start < end {
			return true
		}
	}
	return false
}

// window narrows a source slot to its first n words (after the cue) or its
// last n words (before the cue).
func window(body string, s span, before bool, n int) span {
	var words []span
	in := false
	for i, r := range body[s.start:s.end] {
		space := unicode.IsSpace(r)
		switch {
		case !space && !in:
			words = append(words, span{s.start + i, s.end})
		case space && in:
			words[len(words)-1].end = s.start + i
		}
		in = !space
	}
	if len(words) == 0 {
		return s
	}
	if before {
		if len(words) > n {
			words = words[len(words)-n:]
		}
	} else if len(words) > n {
		words = words[:n]
	}
	return span{words[0].start, words[len(words)-1].end}
}

// classify decides whether a source is vague, named or specific anonymous:
// a vague word makes it vague; else a known name (the rule's named list, the
// story's parties) makes it named; else a specific word ("vertraute",
// "officials") makes it specific anonymous; else a name by its form (two
// capitalised words, an acronym) makes it named.
func (a *attribution) classify(d *Doc, s span) int {
	lower := d.Lower[s.start:s.end]
	words := strings.FieldsFunc(lower, func(r rune) bool { return !isWordRune(r) && r != '-' })
	for _, w := range words {
		if a.vague[w] {
			return classVague
		}
	}
	if len(a.named.find(lower)) > 0 {
		return classNamed
	}
	if d.Story != nil && (len(d.Story.primary.find(lower)) > 0 || len(d.Story.accused.find(lower)) > 0 || len(d.Story.others.find(lower)) > 0) {
		return classNamed
	}
	for _, w := range words {
		if a.specific[w] {
			return classSpecific
		}
	}
	if looksLikeName(d.Body[s.start:s.end]) {
		return classNamed
	}
	return classUnclear
}

// determiners are capitalised words that never start a name.
var determiners = map[string]bool{
	"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true, "ein": true, "eine": true,
	"einem": true, "einer": true, "eines": true, "the": true, "a": true, "an": true, "this": true, "diese": true,
	"dieser": true, "dieses": true, "sein": true, "seine": true, "ihr": true, "ihre": true, "er": true, "sie": true, "es": true,
}

// looksLikeName reports whether text has two capitalised words in a row
// (not starting with a determiner: "Dmitri Peskow", "Herrn Peskow") or an
// acronym of two or more capitals ("WSJ", "AFP").
func looksLikeName(text string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) && r != '-' })
	prevCap := false
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		upper := 0
		for _, c := range w {
			if unicode.IsUpper(c) {
				upper++
			}
		}
		if upper >= 2 && upper == utf8.RuneCountInString(w) {
			return true
		}
		isCap := unicode.IsUpper(r) && !determiners[strings.ToLower(w)]
		if isCap && prevCap {
			return true
		}
		prevCap = isCap
	}
	return false
}
