package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/engine"
)

// attributionSpec: find attributions ("laut X", "X zufolge", "sagte X",
// "X sagte, …", "according to X") and rate the share that names its source.
type attributionSpec struct {
	Header         `yaml:",inline"`
	Cues           []string `yaml:"cues"`            // patterns with {after}, {before} or {speaker} where the source stands
	VaguePhrases   []string `yaml:"vague_phrases"`   // phrases that are vague attributions by themselves ("Berichten zufolge", "es hieß")
	Vague          []string `yaml:"vague"`           // words that make a source vague ("Quellen", "Insidern", "sources")
	Specific       []string `yaml:"specific"`        // words that make an unnamed source specific ("vertraute", "ehemalige", "officials")
	Roles          []string `yaml:"roles"`           // roles and institutions: a source word that is one or ends in one ("Regierungssprecherin", "Bundesministerium") makes an unnamed source specific
	Named          []string `yaml:"named"`           // names of outlets, agencies, bodies that count as named
	Ends           []string `yaml:"ends"`            // words and phrases that end a source ("am", "ist", "sagte", "in einem", "on")
	Hedges         []string `yaml:"hedges"`          // hedge words, counted in the note ("angeblich", "reportedly")
	ReportedSpeech []string `yaml:"reported_speech"` // verb forms of reported speech, Konjunktiv I only where it differs from the indicative ("sei", "habe", "könne")
	NotReported    []string `yaml:"not_reported"`    // phrases in which such a form reports no speech ("es sei denn", "Gott sei Dank")
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

// slotPattern finds {after}, {before}, {before:N} and {speaker} in a cue.
var slotPattern = regexp.MustCompile(`\{(after|before|speaker)(?::([1-9][0-9]?))?\}`)

// Where a cue's source stands.
const (
	slotAfter   = iota // after the cue words: "laut {after}"
	slotBefore         // before them: "{before}zufolge"
	slotSpeaker        // the clause before a verb of saying: "{speaker}sagte …,"
)

var attributionKind = kindSpec{
	summary: "classifies each attribution as named, specific anonymous or vague; score = (named + specific_credit × specific) / all; vague ones are findings; reported speech continues the attribution before it",
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
		a := &attribution{spec: s, vaguePhrases: ls.eng.Phrases(s.VaguePhrases), vague: wordSet(s.Vague), specific: wordSet(s.Specific),
			roles: map[string]bool{}, endsBy: map[string][][]string{}, named: engine.NewPhraseSet(s.Named), hedges: ls.eng.Phrases(s.Hedges), reported: ls.eng.Phrases(s.ReportedSpeech), notReported: ls.eng.Phrases(s.NotReported)}
		for i, r := range s.Roles {
			if r = sourcescore.LowerSameLength(strings.TrimSpace(r)); r == "" || strings.ContainsAny(r, " \t") {
				*errs = append(*errs, x.get("roles").index(i).errf("write one word: a role or institution noun", "role %q is not one word", s.Roles[i]))
				continue
			}
			a.roles[r] = true
			if utf8.RuneCountInString(r) >= 5 {
				a.roleEnds = append(a.roleEnds, r)
			}
		}
		for v := range a.vague {
			if len(v) >= 6 {
				a.vagueEnds = append(a.vagueEnds, v)
			}
		}
		slices.Sort(a.vagueEnds)
		for i, e := range s.Ends {
			words := strings.Fields(sourcescore.LowerSameLength(e))
			if len(words) == 0 {
				*errs = append(*errs, x.get("ends").index(i).errf("remove it", "empty end"))
				continue
			}
			a.endsBy[words[0]] = append(a.endsBy[words[0]], words)
		}
		for i, c := range s.Cues {
			cx := x.get("cues").index(i)
			slots := slotPattern.FindAllStringSubmatch(c, -1)
			if len(slots) != 1 {
				*errs = append(*errs, cx.errf("put {after} after the cue words (laut {after}), {before} before them ({before}zufolge) or {speaker} before a verb of saying ({speaker}sagte,); {before:5} classifies 5 words", "cue %q needs exactly one {after}, {before} or {speaker}", c))
				continue
			}
			cu := cue{kind: slotAfter, words: s.SourceWords, group: -1, middle: -1, closed: !strings.HasSuffix(c, slots[0][0])}
			slot := afterSlot
			switch slots[0][1] {
			case "before":
				cu.kind, cu.words = slotBefore, beforeWords
			case "speaker":
				cu.kind, slot = slotSpeaker, ""
				if !strings.HasPrefix(c, "{speaker}") || slots[0][2] != "" {
					*errs = append(*errs, cx.errf("begin the cue with {speaker}, then the verb of saying: {speaker}(?:sagte|erklärte)", "cue %q: {speaker} must begin the cue and takes no number", c))
					continue
				}
			}
			if slots[0][2] != "" {
				cu.words, _ = strconv.Atoi(slots[0][2])
			}
			if cu.kind == slotBefore {
				slot = fmt.Sprintf(beforeSlot, max(4, cu.words))
			}
			re, err := engine.CompilePattern(slotPattern.ReplaceAllLiteralString(c, slot))
			if err != nil {
				*errs = append(*errs, cx.errf("check the pattern; Go uses RE2 syntax", "%v", err))
				continue
			}
			cu.group, cu.middle = re.SubexpIndex("source"), re.SubexpIndex("middle")
			cu.re = ls.regex(re, cx)
			a.cues = append(a.cues, cu)
		}
		if len(a.cues) == 0 && a.vaguePhrases == nil {
			*errs = append(*errs, x.errf("add cues: or vague_phrases:", "rule %s can never fire: it has no cues", s.ID))
		}
		return a
	},
}

type cue struct {
	re     *engine.Regex
	kind   int  // slotAfter, slotBefore, slotSpeaker
	words  int  // how many words of the source are classified
	group  int  // index of the source group; -1 for a speaker cue
	middle int  // index of the group "middle" (the words between a verb of saying and its clause); -1 when none
	closed bool // the cue goes on after {after}: the whole slot must be the source
}

type attribution struct {
	spec         *attributionSpec
	cues         []cue
	vaguePhrases *engine.PhraseSet
	vague        map[string]bool
	specific     map[string]bool
	roles        map[string]bool // lower-cased
	roleEnds     []string        // roles of five letters or more, which also end German compounds
	vagueEnds    []string        // vague words of six bytes or more, which also end German compounds
	named        *engine.PhraseSet
	endsBy       map[string][][]string // lower-cased words of each end, by its first word, in the rule's order
	hedges       *engine.PhraseSet
	reported     *engine.PhraseSet
	notReported  *engine.PhraseSet
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

// attrib is one attribution found in an article.
type attrib struct {
	hit   span   // the evidence: cue words and source
	take  []span // the text no later cue may use
	src   span   // the source; start < 0 for a vague phrase
	class int    // classUnclear …
	role  string // a role named with a definite article ("die Ministerin"): who it is may be named before
	alias string // the name a bare surname or a role stands for, found elsewhere in the article
	bare  bool   // alias is the name written elsewhere before a bare surname, with up to two words before it
}

// shownAlias is the alias as a message shows it: a bare surname's first
// name or title and the surname ("Ivan Petrow"), a role's holder in full.
func (at attrib) shownAlias() string {
	if !at.bare {
		return at.alias
	}
	words := strings.Fields(at.alias)
	return strings.Join(words[max(len(words)-2, 0):], " ")
}

func (a *attribution) apply(d *Doc) outcome {
	// 1. Attributions: the cues in order, a later one never taking words
	// an earlier one used, then the vague phrases.
	var found []attrib
	var taken []span
	for _, c := range a.cues {
		for _, loc := range d.findRegex(c.re) {
			if !engine.WholeWord(d.Body, loc[0], loc[1]) || overlaps(taken, loc[0], loc[0]+1) {
				continue // the cue's first word is taken: so is the attribution
			}
			at, ok := a.attribute(d, c, loc)
			if !ok || overlapsSpans(taken, at.take) {
				continue
			}
			taken = append(taken, at.take...)
			found = append(found, at)
		}
	}
	for _, m := range d.find(a.vaguePhrases) {
		if overlaps(taken, m.Start, m.End) {
			continue
		}
		found = append(found, attrib{hit: span{m.Start, m.End}, src: span{-1, -1}, class: classVague})
	}
	slices.SortStableFunc(found, func(x, y attrib) int { return x.hit.start - y.hit.start })

	// 2. A role with a definite article is the person or body named with
	// that role before: "Bauministerin Anna Berg … Die Ministerin betonte".
	for i := range found {
		if found[i].role != "" {
			a.resolveRole(d, found, i)
		}
	}

	// 3. Count and report.
	var counts [4]int
	var hits []hit
	info := sourcescore.SeverityInfo
	for _, at := range found {
		counts[at.class]++
		h := hit{start: at.hit.start, end: at.hit.end}
		switch {
		case at.src.start < 0:
			h.detail = "names no source"
		case at.class == classUnclear:
			continue
		default:
			h.detail = classNames[at.class] + " source: " + d.evidence(at.src.start, at.src.end)
			if at.alias != "" {
				h.detail += " (= " + at.shownAlias() + ")"
			}
		}
		if at.class != classVague {
			h.severity, h.own = &info, true
		}
		hits = append(hits, h)
	}

	// 4. Reported speech: it continues the attribution before it, and
	// changes no count.
	speech, cont, orphan := a.reportedSpeech(d, found)
	hits = append(hits, speech...)

	hedges := len(d.find(a.hedges))
	total := counts[classNamed] + counts[classSpecific] + counts[classVague]
	note := fmt.Sprintf("%d named, %d specific anonymous, %d vague, %d unclear attributions; %d hedges", counts[classNamed], counts[classSpecific], counts[classVague], counts[classUnclear], hedges)
	if cont+orphan > 0 {
		note += fmt.Sprintf("; reported speech: %d sentences continue an attribution, %d have none before them", cont, orphan)
	}
	src := &sourcescore.Sourcing{Named: counts[classNamed], Specific: counts[classSpecific], Vague: counts[classVague]}
	if total == 0 {
		return outcome{score: a.spec.EmptyScore, note: note, hits: append(hits, hit{start: -1, detail: "no attributed source found"}), sourcing: src}
	}
	good := float64(counts[classNamed]) + a.spec.SpecificCredit*float64(counts[classSpecific])
	return outcome{score: good / float64(total), note: note, hits: hits, sourcing: src}
}

// attribute reads one match of a cue: its source, cut to where the source
// ends, and its class. ok is false when the match attributes nothing
// ("sagte nicht, ob", a phrase before a verb of saying that is no speaker).
func (a *attribution) attribute(d *Doc, c cue, loc []int) (attrib, bool) {
	if c.kind == slotSpeaker {
		return a.attributeSpeaker(d, c, loc)
	}
	slot := span{loc[2*c.group], loc[2*c.group+1]}
	if slot.start < 0 {
		return attrib{}, false
	}
	var toks []tok
	var ok bool
	if c.kind == slotBefore && loc[0] == slot.start {
		toks, ok = a.beforeSource(d, slot, c.words)
	} else if c.kind == slotBefore {
		// Cue words before the slot ("wie … berichtet"): the source is the
		// subject right after them, and what follows it is an adverbial
		// ("wie die Zeitung am Montag berichtete").
		toks, ok = a.afterSource(d, slot, c.words)
	} else {
		toks, ok = a.afterSource(d, slot, c.words)
	}
	if !ok {
		return attrib{}, false
	}
	if cueWords := strings.TrimSpace(d.Lower[loc[0]:slot.start]); loc[0] < slot.start && (srcPrepositions[cueWords] || cueWords == "gemäß") &&
		relatives[toks[0].low] && strings.HasSuffix(strings.TrimRight(d.Body[:loc[0]], " "), ",") {
		return attrib{}, false // "ein Bericht, laut dem Putin …": the source is the noun before the comma
	}
	if c.closed && c.kind == slotAfter {
		// Text after the slot fixes where the source ends (", so Klein."):
		// the whole slot must be the source, a name or a noun phrase.
		all := tokens(d, slot)
		if len(toks) != len(all) || !(all[0].cap || articles[all[0].low]) || nounPhraseEnd(all, a.namedWord) != len(all) {
			return attrib{}, false
		}
	}
	at := attrib{src: closeQuote(d, spanOf(toks))}
	if c.kind == slotBefore {
		at.hit = span{at.src.start, loc[1]}
		if loc[0] < slot.start {
			at.hit.start = loc[0] // "wie die Zeitung berichtet"
		}
	} else {
		at.hit = span{wordStart(d.Body, loc[0], at.src.start), at.src.end}
	}
	// What follows the source is free for other cues: "sagte Präsident
	// Xi laut einer Meldung der Agentur Xinhua".
	at.take = []span{at.hit}
	at.class, at.role, at.alias = a.classify(d, toks)
	at.bare = at.alias != ""
	return at, true
}

// attributeSpeaker reads a match of a {speaker} cue: a verb of saying (at
// loc[0]), the words after it and the comma, colon or "that" of its clause.
// The speaker is the clause before the verb; the evidence runs from the
// speaker to the verb ("Wirtschaftsminister Robert Klein sagte").
func (a *attribution) attributeSpeaker(d *Doc, c cue, loc []int) (attrib, bool) {
	v := loc[0]
	s := d.sentenceAt(v)
	if s < 0 || d.sentenceAt(loc[1]-1) != s {
		return attrib{}, false
	}
	middle := span{-1, -1}
	if c.middle >= 0 && loc[2*c.middle] >= 0 {
		middle = span{loc[2*c.middle], loc[2*c.middle+1]}
		if !reportsSpeech(d, middle) {
			return attrib{}, false
		}
	}
	if c.middle < 0 && negations[nextWord(d.Lower, loc[1])] {
		return attrib{}, false // "Klein said nothing about it"
	}
	sp, ok := a.speakerBefore(d, v)
	if !ok {
		return attrib{}, false
	}
	verbEnd := v
	for verbEnd < loc[1] {
		r, w := utf8.DecodeRuneInString(d.Body[verbEnd:])
		if !isWordRune(r) {
			break
		}
		verbEnd += w
	}
	at := attrib{src: closeQuote(d, spanOf(sp.toks))}
	at.hit = span{at.src.start, verbEnd}
	at.take = []span{at.hit}
	if sp.paren.end > 0 {
		// "The Post, citing sources, reported": the parenthetical is free
		// for its own cue.
		at.take = []span{{at.src.start, at.src.end}, {sp.paren.end, verbEnd}}
	}
	if sp.pronoun {
		return at, true // an unclear attribution: "Er sagte, …"
	}
	at.class, at.role, at.alias = a.classify(d, sp.toks)
	at.bare = at.alias != ""
	if at.class == classUnclear && middle.start >= 0 {
		// An unclear speaker ("Die Zeitung berichtete weiter, …") is kept,
		// uncounted, unless the subject may follow the verb ("Montag sagte
		// Klein, …"): then a cue with the source after the verb reads it.
		if next := tokens(d, middle); len(next) > 0 && (next[0].cap || articles[next[0].low]) {
			return attrib{}, false
		}
	}
	return at, true
}

// wordStart returns the first word rune at or after off and before limit:
// an after cue may begin with punctuation (", said the minister").
func wordStart(body string, off, limit int) int {
	for off < limit {
		r, w := utf8.DecodeRuneInString(body[off:])
		if isWordRune(r) {
			break
		}
		off += w
	}
	return off
}

func overlapsSpans(spans, these []span) bool {
	for _, t := range these {
		if overlaps(spans, t.start, t.end) {
			return true
		}
	}
	return false
}

// closeQuote extends a source over the closing quotation mark right after
// it when the source opens a quotation it does not close ("der Kanal
// „General SVR“").
func closeQuote(d *Doc, s span) span {
	text := d.Body[s.start:s.end]
	for _, p := range [...][2]string{{"„", "“"}, {"“", "”"}, {"»", "«"}, {"«", "»"}, {"\"", "\""}} {
		i := strings.LastIndex(text, p[0])
		if i < 0 || strings.Contains(text[i+len(p[0]):], p[1]) {
			continue
		}
		if strings.HasPrefix(d.Body[s.end:], p[1]) {
			return span{s.start, s.end + len(p[1])}
		}
	}
	return s
}

func overlaps(spans []span, start, end int) bool {
	for _, s := range spans {
		if start < s.end && s.start < end {
			return true
		}
	}
	return false
}

// classify decides whether a source is vague, named or specific anonymous:
//  1. a vague word makes it vague;
//  2. a word run together with another ("WSJDen") makes it unclear: the
//     text is garbled and names no one reliably;
//  3. a known name (the rule's named list, the story's parties) makes it
//     named;
//  4. a name by its form (two capitalised words, an acronym) that is the
//     source itself, not a complement attached to it, makes it named
//     ("Sprecher Dmitri Peskow", "spokesperson Dmitry Peskov");
//  5. a specific word or a role ("vertraute", "officials",
//     "Regierungssprecherin") makes it specific anonymous ("ein Sprecher
//     des Weißen Hauses", "Beamte der USA");
//  6. a name by its form anywhere makes it named ("der Deutschen Bahn");
//  7. a lone capitalised word is named when the article writes it
//     elsewhere after a first name or title ("Klein" and "Robert Klein");
//  8. else it is unclear.
//
// role is set for a role with a definite article ("die Ministerin"), which
// may stand for someone named before; alias is the full name of step 7.
func (a *attribution) classify(d *Doc, toks []tok) (class int, role, alias string) {
	german := d.Lang == "de"
	for i, t := range toks {
		if a.vague[t.low] || german && t.cap && a.vagueEnd(t.low) {
			// A title, not a source: "berichtete The Insider" in German;
			// in English, where a vague word is written in lower case, one
			// capitalised inside a sentence ("The Insider reported",
			// "Business Insider"; not "Sources said").
			if german && i > 0 && d.Body[toks[i-1].start:toks[i-1].end] == "The" {
				return classNamed, "", "" // an English title in German text
			}
			if !german && t.cap && !opensSentence(d.Body, t.start) {
				continue
			}
			return classVague, "", ""
		}
	}
	for _, t := range toks {
		if t.cap && gluedWord(d.Body[t.start:t.end]) {
			return classUnclear, "", ""
		}
	}
	s := spanOf(toks)
	body, lower := d.Body[s.start:s.end], d.Lower[s.start:s.end]
	if len(a.named.FindCase(body, lower)) > 0 {
		return classNamed, "", ""
	}
	if d.Story != nil && (len(d.Story.primary.FindCase(body, lower)) > 0 || len(d.Story.accused.FindCase(body, lower)) > 0 || len(d.Story.others.FindCase(body, lower)) > 0) {
		return classNamed, "", ""
	}
	name, attached := a.nameForm(d, toks)
	if attached {
		return classNamed, "", ""
	}
	for i, t := range toks {
		r := a.roleOf(t.low, german)
		if r == "" && !a.specific[t.low] {
			continue
		}
		if r != "" && i == len(toks)-1 && len(toks) <= 3 && definite[toks[0].low] && !name {
			return classSpecific, r, ""
		}
		return classSpecific, "", ""
	}
	if name {
		return classNamed, "", ""
	}
	if len(toks) == 1 && toks[0].cap && !determiners[toks[0].low] && !notSpeaker[toks[0].low] {
		if full := fullName(d, toks[0]); full != "" {
			return classNamed, "", full
		}
	}
	return classUnclear, "", ""
}

// roleOf returns the role a word is or ends in ("Bauministerin" ends in
// "ministerin"), or "". Only in German compounds, and only roles of five
// letters or more, match as an ending; other roles match a whole word or
// its last part after a hyphen ("Kreml-Chef", "vice-president").
func (a *attribution) roleOf(w string, compounds bool) string {
	if a.roles[w] {
		return w
	}
	if last := w[strings.LastIndexByte(w, '-')+1:]; a.roles[last] { // "kreml-chef": "chef"
		return last
	}
	if compounds {
		for _, r := range a.roleEnds {
			if len(w) > len(r) && strings.HasSuffix(w, r) {
				return r
			}
		}
	}
	return ""
}

// vagueEnd reports whether a German compound ends in a vague word of six
// letters or more ("Geheimdienstquellen", "Sicherheitskreise").
func (a *attribution) vagueEnd(w string) bool {
	for _, v := range a.vagueEnds {
		if len(w) > len(v)+2 && strings.HasSuffix(w, v) {
			return true
		}
	}
	return false
}

// nameWord reports whether a token can be part of a name: capitalised, and
// no article, function word (capitalised at a sentence's start) or
// quantifier ("Mehrere Personen", "Two officials").
func nameWord(t tok) bool {
	return t.cap && !determiners[t.low] && !articles[t.low] && !notSpeaker[t.low] && !pronouns[t.low] && !quantifiers[t.low]
}

// nameParticles stand inside names in lower case ("Carlos Fernandez de
// Cossio", "Ursula von der Leyen").
var nameParticles = set("de da del della di dos du la le van von der den ter bin ibn al el")

// quantifiers are capitalised only at a sentence's start.
var quantifiers = set("mehrere einige viele zahlreiche etliche manche beide alle zwei drei vier fünf sechs several many some two three four five both all most")

// nameForm reports whether toks hold a name by its form, and whether one
// such name is the source itself rather than a complement. A name is a run
// of two or more name words ("Dmitri Peskow", "Regierungssprecherin Anna
// Berg") or an acronym ("WSJ"), unless the run ends in a specific word or a
// role and begins the source ("Russische Beamte": an adjective capitalised
// at a sentence's start, not "Ukraine’s Foreign Ministry") or a
// lower-case word follows it (it modifies a noun: "US officials", "a
// Russian Telegram blog"). It is attached when nothing attaches it to a
// word before ("Sprecher Dmitri Peskow", not "Sprecher des Weißen Hauses",
// "Beamte der USA").
func (a *attribution) nameForm(d *Doc, toks []tok) (name, attached bool) {
	for i := 0; i < len(toks); {
		if !nameWord(toks[i]) && !acronym(d.Body[toks[i].start:toks[i].end]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && (nameWord(toks[j]) || acronym(d.Body[toks[j].start:toks[j].end])) {
			j++
		}
		run := toks[i:j]
		last := run[len(run)-1]
		ok := len(run) >= 2 || acronym(d.Body[last.start:last.end])
		if len(run) == 2 && i == 0 && (a.specific[last.low] || a.vague[last.low] || a.roleOf(last.low, d.Lang == "de") != "") {
			ok = false // "Russische Beamte", "Westliche Diplomaten" at a sentence's start
		}
		if j < len(toks) && !toks[j].cap && !toks[j].mark && !attachers[toks[j].low] && !articles[toks[j].low] && !conjunctions[toks[j].low] && !srcPrepositions[toks[j].low] && !nameParticles[toks[j].low] {
			ok = false
		}
		if ok {
			name = true
			if i == 0 || !attachers[toks[i-1].low] {
				return true, true
			}
		}
		i = j
	}
	return name, false
}

// acronym reports whether w is two or more capitals (digits and hyphens
// allowed between: "G7" is not, "SVR" is).
func acronym(w string) bool {
	upper := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
		case r == '-':
		default:
			return false
		}
	}
	return upper >= 2
}

// fullName looks for the word of t elsewhere in the article after a
// capitalised word that is no article or function word ("Robert Klein",
// "Präsident Xi", "Kreml-Sprecher Peskow") and returns them with up to two
// more such words before ("Kremlsprecher Ivan Petrow"), or "".
func fullName(d *Doc, t tok) string {
	w := d.Body[t.start:t.end]
	for off := 0; off < len(d.Body); {
		i := strings.Index(d.Body[off:], w)
		if i < 0 {
			break
		}
		p := off + i
		off = p + len(w)
		if p == t.start || !engine.WholeWord(d.Body, p, p+len(w)) {
			continue
		}
		start := p
		for n := 0; n < 3; n++ {
			k := prevNameWord(d, start)
			if k < 0 {
				break
			}
			start = k
		}
		if start < p {
			return d.Body[start : p+len(w)]
		}
	}
	return ""
}

// prevNameWord returns where the name word that ends one space before off
// begins, or -1 when there is none.
func prevNameWord(d *Doc, off int) int {
	if off < 2 || d.Body[off-1] != ' ' {
		return -1
	}
	k := off - 1
	for k > 0 {
		r, rw := utf8.DecodeLastRuneInString(d.Body[:k])
		if !isWordRune(r) && r != '-' {
			break
		}
		k -= rw
	}
	prev := d.Body[k : off-1]
	if prev == "" || gluedWord(prev) {
		return -1
	}
	first, _ := utf8.DecodeRuneInString(prev)
	if !unicode.IsUpper(first) || !nameWord(tok{low: sourcescore.LowerSameLength(prev), cap: true}) {
		return -1
	}
	return k
}

// resolveRole makes found[i], a role with a definite article, named when
// an earlier named source holds that role ("Bauministerin Anna Berg" before
// "Die Ministerin").
func (a *attribution) resolveRole(d *Doc, found []attrib, i int) {
	for j := i - 1; j >= 0; j-- {
		at := found[j]
		if at.class != classNamed || at.src.start < 0 {
			continue
		}
		name := d.evidence(at.src.start, at.src.end)
		if at.alias != "" {
			name = at.alias // "Peskow (= Zarensprecher Peskow)"
		}
		for _, w := range strings.FieldsFunc(sourcescore.LowerSameLength(name), func(r rune) bool { return !isWordRune(r) && r != '-' }) {
			if strings.HasSuffix(w, found[i].role) {
				found[i].class = classNamed
				found[i].alias, found[i].bare = name, false
				return
			}
		}
	}
}
