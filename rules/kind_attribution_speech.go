package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/engine"
)

// Reported speech. German news reports what a source said in Konjunktiv I
// ("Klein sagte, die Lage sei ernst. Das Ministerium habe keine Hinweise,
// es gebe aber offene Fragen."): a sentence with such a verb form goes on
// with the attribution before it. The rule's reported_speech lists the forms
// that differ from the indicative ("sei", "habe", "könne"; not "haben",
// which is both).
//
// A run of such sentences continues the last attribution of the sentence
// right before it; a sentence with an attribution of its own starts again,
// a quotation alone is passed over, and any other sentence ends the run.
// Reported speech changes no count: a source counts once, where the article
// identifies it, however long it is then paraphrased, and the same verb
// forms also serve other purposes ("damit er kommen könne"), so they may
// not make a score. Each run is an info finding that says which attribution
// it continues; a run with no attribution before it is an info finding too
// ("no source before it"), never a source.

// reportedSpeech returns one info finding per run of sentences of reported
// speech and how many sentences continue an attribution and how many have
// none before them. found is sorted by position.
func (a *attribution) reportedSpeech(d *Doc, found []attrib) (hits []hit, cont, orphan int) {
	if a.reported == nil || len(d.sentences) == 0 {
		return nil, 0, 0
	}
	except := d.find(a.notReported)
	// The first form of reported speech in each sentence.
	verb := map[int]engine.Match{}
	for _, m := range d.find(a.reported) {
		if r, _ := utf8.DecodeRuneInString(d.Body[m.Start:]); !unicode.IsLower(r) {
			continue // a noun ("die Plane") or a sentence's first word
		}
		if overlapsMatch(except, m.Start, m.End) || d.inQuote(m.Start) {
			continue
		}
		s := d.sentenceAt(m.Start)
		if s < 0 {
			continue
		}
		if _, ok := verb[s]; ok {
			continue
		}
		// "Sei es …", "Habe ich …": a verb that begins its sentence is no
		// reported speech; "ich habe", "habe ich" are indicative. A form in
		// a subordinate or relative clause ("…, dass er komme", "…, wonach
		// sie sich getroffen habe", "…, in denen es um … gehe") hangs on
		// its sentence, which may name its source in words no cue reads.
		if firstWordAt(d, d.sentences[s].start) == m.Start || wordBefore(d.Lower, m.Start) == "ich" || nextWord(d.Lower, m.End) == "ich" || subordinate(d, m.Start) {
			continue
		}
		verb[s] = m
	}
	if len(verb) == 0 {
		return nil, 0, 0
	}
	// The last attribution of each sentence.
	last := map[int]int{}
	for i, at := range found {
		if s := d.sentenceAt(at.hit.start); s >= 0 {
			last[s] = i
		}
	}
	info := sourcescore.SeverityInfo
	anchor, inRun := -1, false
	for s := range d.sentences {
		if i, ok := last[s]; ok {
			anchor, inRun = i, false
			continue
		}
		m, ok := verb[s]
		if !ok {
			if anchor >= 0 && !quoteOnly(d, s) && !continues(d, s) {
				anchor, inRun = -1, false
			}
			continue
		}
		if anchor < 0 {
			orphan++
			continue
		}
		cont++
		if inRun {
			continue
		}
		inRun = true
		at := found[anchor]
		hits = append(hits, hit{start: m.Start, end: m.End, severity: &info, own: true,
			detail: "reported speech continues the " + classNames[at.class] + " source: " + at.source(d)})
	}
	return hits, cont, orphan
}

// source returns the words of an attribution's source, for a message.
func (at attrib) source(d *Doc) string {
	if at.src.start < 0 {
		return d.evidence(at.hit.start, at.hit.end)
	}
	return d.evidence(at.src.start, at.src.end)
}

func overlapsMatch(ms []engine.Match, start, end int) bool {
	for _, m := range ms {
		if start < m.End && m.Start < end {
			return true
		}
	}
	return false
}

// firstWordAt returns where the first word at or after off begins.
func firstWordAt(d *Doc, off int) int {
	for off < len(d.Body) {
		r, w := utf8.DecodeRuneInString(d.Body[off:])
		if isWordRune(r) {
			break
		}
		off += w
	}
	return off
}

// nextWord returns the word that begins right after off (skipping spaces),
// lower-cased.
func nextWord(lower string, off int) string {
	for off < len(lower) && lower[off] == ' ' {
		off++
	}
	end := off
	for end < len(lower) {
		r, w := utf8.DecodeRuneInString(lower[end:])
		if !isWordRune(r) {
			break
		}
		end += w
	}
	return lower[off:end]
}

// quoteOnly reports whether sentence s is a quotation and nothing else: it
// begins with a quotation mark and its last word lies inside the quotation.
func quoteOnly(d *Doc, s int) bool {
	sp := d.sentences[s]
	r, _ := utf8.DecodeRuneInString(d.Body[sp.start:])
	if !isOpener(r) || r == '(' || r == '[' {
		return false
	}
	end := sp.end
	for end > sp.start {
		r, w := utf8.DecodeLastRuneInString(d.Body[sp.start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		end -= w
	}
	return end > sp.start && d.inQuote(end-1)
}

// subordinators open a subordinate or relative clause.
var subordinators = set("dass daß wonach ob weil damit nachdem wenn als obwohl sodass da bevor während indem falls sobald seit seitdem wie wo was wer der die das dem den deren dessen denen welche welcher welches welchem welchen")

// subordinate reports whether the verb at off stands in a subordinate or
// relative clause: its clause (from the last comma or dash before it)
// begins with a subordinating conjunction or a relative
// pronoun, perhaps after a preposition ("in denen").
func subordinate(d *Doc, off int) bool {
	start, inner := clauseStart(d, off)
	if !inner {
		return false
	}
	at := firstWordAt(d, start)
	first := nextWord(d.Lower, at)
	if srcPrepositions[first] {
		first = nextWord(d.Lower, firstWordAt(d, at+len(first)))
	}
	return subordinators[first]
}

// continuers are adverbs that go on with the source before them: "Demnach
// soll …" keeps a run of reported speech going, counted or not.
var continuers = set("demnach demzufolge")

// continues reports whether sentence s holds one of the continuers.
func continues(d *Doc, s int) bool {
	sp := d.sentences[s]
	text := d.Lower[sp.start:sp.end]
	for w := range continuers {
		for off := 0; ; {
			i := strings.Index(text[off:], w)
			if i < 0 {
				break
			}
			if engine.WholeWord(text, off+i, off+i+len(w)) {
				return true
			}
			off += i + len(w)
		}
	}
	return false
}
