package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"sourcescore"
)

// denialSpec: the accused side's denial must be reported, tied to the
// accused side and to the story, and not buried at the end.
type denialSpec struct {
	Header               `yaml:",inline"`
	Cues                 Terms    `yaml:"cues"`                   // the general wording of denial (German, English); a story file adds its own
	About                []string `yaml:"about"`                  // words for the report and its claims: a denial must be about one of them, the primary source or the story's about words
	CounterClaims        Terms    `yaml:"counter_claims"`         // a counter-claim that blames someone else ("only the other side had the means"): a denial when the accused side says it of another party
	NoComment            Terms    `yaml:"no_comment"`             // wording of "declined to comment": no denial, reported as an info finding
	TopicWindow          int      `yaml:"topic_window"`           // sentences before the denial that may name what is denied (default 1)
	LateFraction         float64  `yaml:"late_fraction"`          // a denial first reported after this share of the body's sentences is buried (default 0.8; 1 disables)
	LateScore            float64  `yaml:"late_score"`             // score of a buried denial (default 0.5)
	LateSeverity         string   `yaml:"late_severity"`          // severity of the buried-denial finding (default warning)
	MinSentences         int      `yaml:"min_sentences"`          // a body of fewer sentences buries nothing (default 5)
	NonAgentPrepositions []string `yaml:"non_agent_prepositions"` // an actor right after one of these is not the one denying ("Kontakt zu Putin")
}

var denialKind = kindSpec{
	summary: "looks for denial wording (the rule's cues and the story's) in a sentence whose nearest actor is the accused side and that (or the sentence before) is about the story; a missing denial is a finding, a buried one (late in the body, by sentences) a lesser one, and \"declined to comment\" an info finding",
	params:  func() any { return new(denialSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*denialSpec)
		if s.TopicWindow == 0 {
			s.TopicWindow = 1
		}
		if s.MinSentences == 0 {
			s.MinSentences = 5
		}
		defaultFloat(&s.LateFraction, 0.8)
		defaultFloat(&s.LateScore, 0.5)
		checkRange(x, "late_fraction", s.LateFraction, 0, 1, errs)
		checkRange(x, "late_score", s.LateScore, 0, 1, errs)
		if s.TopicWindow < 0 || s.TopicWindow > 10 {
			*errs = append(*errs, x.get("topic_window").errf("a number of sentences from 0 to 10", "topic_window %d is out of range", s.TopicWindow))
		}
		late := sourcescore.SeverityWarning
		if s.LateSeverity != "" {
			var err error
			if late, err = sourcescore.ParseSeverity(s.LateSeverity); err != nil {
				*errs = append(*errs, x.get("late_severity").errf("info, warning or error", "%v", err))
			}
		}
		preps := map[string]bool{}
		for _, p := range s.NonAgentPrepositions {
			preps[sourcescore.LowerSameLength(p)] = true
		}
		dn := &denial{spec: s, late: late, preps: preps}
		if len(s.Cues.Phrases)+len(s.Cues.Patterns) > 0 {
			dn.cues = ls.compileTerms(s.Cues, x.get("cues"), errs)
		}
		if len(s.CounterClaims.Phrases)+len(s.CounterClaims.Patterns) > 0 {
			dn.counter = ls.compileTerms(s.CounterClaims, x.get("counter_claims"), errs)
		}
		if len(s.NoComment.Phrases)+len(s.NoComment.Patterns) > 0 {
			dn.noComment = ls.compileTerms(s.NoComment, x.get("no_comment"), errs)
		}
		dn.about = ls.newPhraseSet(s.About)
		return dn
	},
}

type denial struct {
	spec      *denialSpec
	late      sourcescore.Severity
	preps     map[string]bool
	cues      *matcher   // general denial wording; nil when the rule lists none
	counter   *matcher   // counter-claims; nil when none
	noComment *matcher   // "declined to comment"; nil when none
	about     *phraseSet // general words for the report and its claims
}

var _ checker = (*denial)(nil)

// actorMention is a mention of a party in a sentence.
type actorMention struct {
	start, end int
	accused    bool
}

func (dn *denial) apply(d *Doc) outcome {
	st := d.Story
	if st == nil {
		return notApplied("not scored: the article matches no story")
	}
	if st.accused == nil {
		return notApplied(fmt.Sprintf("not scored: story %s names no accused side", st.ID))
	}
	if dn.cues.empty() && st.denialCues.empty() {
		return notApplied(fmt.Sprintf("not scored: neither the rule nor story %s has denial wording", st.ID))
	}
	accused := d.find(st.accused)
	others := d.find(st.others)
	specific := st.topicWords(d)
	general, elsewhere := dn.generalAbout(d, specific)
	about := append(general, specific...)
	// Which cues are phrases (a phrase's own "nicht" never negates it).
	phrase := map[match]bool{}
	for _, m := range []*matcher{dn.cues, st.denialCues} {
		for _, c := range m.find(d) {
			if m.isPhrase(c) {
				phrase[c] = true
			}
		}
	}
	cues := leftmostLongest(append(append([]match(nil), dn.cues.find(d)...), st.denialCues.find(d)...))
	counter := dn.counter.find(d)
	if len(counter) > 0 {
		cues = append(cues, counter...)
		for _, c := range counter {
			phrase[c] = phrase[c] || dn.counter.isPhrase(c)
		}
		slices.SortStableFunc(cues, func(a, b match) int { return a.start - b.start })
	}
	n := len(d.sentences)
	for _, c := range cues {
		si := d.sentenceAt(c.start)
		if si < 0 {
			continue
		}
		sent := d.sentences[si]
		if negated(d, c, sent, phrase[c]) {
			continue // "kein Dementi", "did not deny", "wies den Bericht nicht zurück"
		}
		var agent actorMention
		var ok bool
		if slices.Contains(counter, c) {
			// Who blames another: the speaker outside the claim, and the
			// blamed inside it must not be the accused side itself.
			if overlapsWithin(accused, c) {
				continue
			}
			agent, ok = dn.agent(d, sent, c, outside(accused, c), outside(others, c))
		} else {
			agent, ok = dn.agent(d, sent, c, accused, others)
		}
		if !ok || !agent.accused {
			continue
		}
		if !dn.onTopic(d, si, about, elsewhere, others, agent) {
			continue
		}
		// Where the denial stands is counted in sentences, so that blank
		// lines between paragraphs change nothing.
		where := fmt.Sprintf("sentence %d of %d", si+1, n)
		by := d.evidence(agent.start, agent.end)
		if n >= dn.spec.MinSentences && float64(si+1)/float64(n) > dn.spec.LateFraction && dn.spec.LateFraction < 1 {
			sev := dn.late
			return outcome{score: dn.spec.LateScore, note: "denial by " + by + " only in " + where,
				hits: []hit{{start: c.start, end: c.end, detail: "The accused side's denial is buried: denial by " + by + " first reported in " + where, severity: &sev, message: true}}}
		}
		info := sourcescore.SeverityInfo
		return outcome{score: 1, note: "denial by " + by + " in " + where,
			hits: []hit{{start: c.start, end: c.end, detail: "denial by " + by + " reported in " + where, severity: &info, own: true}}}
	}
	hits := []hit{{start: -1, detail: "no denial by " + st.AccusedName + " found"}}
	note := "no denial by " + st.AccusedName
	if nc, by, ok := dn.declined(d, accused, others); ok {
		info := sourcescore.SeverityInfo
		hits = append(hits, hit{start: nc.start, end: nc.end, detail: "The accused side declined to comment: " + by, severity: &info, message: true})
		note += "; " + by + " declined to comment"
	}
	return outcome{score: 0, note: note, hits: hits}
}

// overlapsWithin reports whether a mention lies inside the match.
func overlapsWithin(ms []match, c match) bool {
	for _, m := range ms {
		if m.start >= c.start && m.end <= c.end {
			return true
		}
	}
	return false
}

// outside returns the mentions that do not lie inside the match.
func outside(ms []match, c match) []match {
	var out []match
	for _, m := range ms {
		if m.start >= c.end || m.end <= c.start {
			out = append(out, m)
		}
	}
	return out
}

// negators turn a denial word into its opposite.
var negators = map[string]bool{
	"kein": true, "keine": true, "keinen": true, "keinem": true, "keiner": true, "nicht": true, "nie": true, "niemals": true, "ohne": true,
	"no": true, "not": true, "never": true, "without": true, "didn't": true, "doesn't": true, "don't": true, "hasn't": true, "haven't": true, "won't": true,
}

// negated reports whether a denial word is negated: a negator among the
// two words before it ("kein Dementi", "did not deny", "nicht
// zurückgewiesen"), or, for a pattern's cue that spans words ("wies ...
// zurück"), a negator inside it. A phrase's own words ("stimmt nicht",
// "not true") never negate it.
func negated(d *Doc, c match, sent span, phrase bool) bool {
	off := c.start
	for k := 0; k < 2 && off > sent.start; k++ {
		w := wordBefore(d.Lower[:off], off)
		if w == "" {
			break
		}
		if negators[w] {
			return true
		}
		off = strings.LastIndex(d.Lower[:off], w)
		if off < 0 {
			break
		}
	}
	if phrase {
		return false
	}
	inner := d.Lower[c.start:c.end]
	for i := 0; i < len(inner); {
		w := wordAfter(inner, i, len(inner))
		if w == "" {
			i++
			continue
		}
		if negators[w] {
			return true
		}
		i += strings.Index(inner[i:], w) + len(w)
	}
	return false
}

// aboutQualifiers introduce what a report or claim is about ("Berichte
// über ...", "claims that ..."): a general about word followed by one of
// them is about the story only when what follows names it.
var aboutQualifiers = map[string]bool{
	"über": true, "zu": true, "zum": true, "zur": true, "wonach": true, "dass": true, "daß": true, "um": true,
	"about": true, "on": true, "of": true, "that": true, "regarding": true, "concerning": true, "into": true, "over": true,
}

// generalAbout returns where the rule's general about words (the report,
// claims, information) stand, leaving out those that say they are about
// something else: "Berichte über Putins Gesundheit" names no word of the
// story after "über", so a denial of it is a denial of something else.
// The others are returned as elsewhere.
func (dn *denial) generalAbout(d *Doc, specific []match) (out, elsewhere []match) {
	for _, m := range d.find(dn.about) {
		si := d.sentenceAt(m.start)
		if si < 0 {
			continue
		}
		end := d.sentences[si].end
		if !aboutQualifiers[wordAfter(d.Lower, m.end, end)] {
			out = append(out, m)
			continue
		}
		limit := min(end, m.end+120)
		named := false
		for _, x := range specific {
			if x.start >= m.end && x.end <= limit {
				named = true
				break
			}
		}
		if named {
			out = append(out, m)
		} else {
			elsewhere = append(elsewhere, m)
		}
	}
	return out, elsewhere
}

// wordAfter returns the word that follows off, before end (lower-cased
// text), skipping spaces and a comma.
func wordAfter(lower string, off, end int) string {
	i := off
	for i < end && (lower[i] == ' ' || lower[i] == ',' || lower[i] == '\t') {
		i++
	}
	j := i
	for j < end {
		r, w := utf8.DecodeRuneInString(lower[j:])
		if !isWordRune(r) {
			break
		}
		j += w
	}
	return lower[i:j]
}

// declined finds the accused side declining to comment ("wollte sich
// nicht äußern", "declined to comment"): no denial, but what the article
// reports of the accused side.
func (dn *denial) declined(d *Doc, accused, others []match) (match, string, bool) {
	for _, c := range dn.noComment.find(d) {
		si := d.sentenceAt(c.start)
		if si < 0 {
			continue
		}
		if agent, ok := dn.agent(d, d.sentences[si], c, accused, others); ok && agent.accused {
			return c, d.evidence(agent.start, agent.end), true
		}
	}
	return match{}, "", false
}

// agent returns the party mention nearest to the cue within the sentence,
// leaving out mentions right after a non-agent preposition.
func (dn *denial) agent(d *Doc, sent span, c match, accused, others []match) (actorMention, bool) {
	best, bestDist := actorMention{}, -1
	consider := func(ms []match, isAccused bool) {
		for _, m := range ms {
			if m.start < sent.start || m.end > sent.end {
				continue
			}
			if dn.preps[governingWord(d.Lower, m.start)] {
				continue
			}
			dist := gap(m.start, m.end, c.start, c.end)
			if bestDist < 0 || dist < bestDist {
				best, bestDist = actorMention{m.start, m.end, isAccused}, dist
			}
		}
	}
	consider(accused, true)
	consider(others, false)
	return best, bestDist >= 0
}

// onTopic reports whether the denial is about the story: its sentence names
// what the story is about; or, when it names nothing of the story and no
// other party either (a pronoun: "bestreitet es"), one of the TopicWindow
// sentences before it does. A sentence that names another party but nothing
// of the story ("bestritten, dass er und Trump ..."), or a report about
// something else ("dementierte Berichte über ihren Rücktritt"), denies
// something else.
func (dn *denial) onTopic(d *Doc, si int, about, elsewhere, others []match, agent actorMention) bool {
	sent := d.sentences[si]
	within := func(ms []match, from, to int) bool {
		for _, m := range ms {
			if m.start >= from && m.end <= to && (m.start != agent.start || m.end != agent.end) {
				return true
			}
		}
		return false
	}
	if within(about, sent.start, sent.end) {
		return true
	}
	if within(others, sent.start, sent.end) || within(elsewhere, sent.start, sent.end) {
		return false // names another party, or a report about something else
	}
	from := d.sentences[max(0, si-dn.spec.TopicWindow)].start
	return within(about, from, sent.start)
}

// governingWord returns the word before off, looking past articles and
// attributive words ("mit dem russischen Präsidenten" → "mit").
func governingWord(lower string, off int) string {
	for i := 0; i < 3; i++ {
		w := wordBefore(lower, off)
		if !determiners[w] && !strings.HasSuffix(w, "en") && !strings.HasSuffix(w, "e") || w == "" {
			return w
		}
		k := strings.LastIndex(lower[:off], w)
		if k < 0 {
			return w
		}
		off = k
	}
	return wordBefore(lower, off)
}
