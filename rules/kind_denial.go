package rules

import (
	"fmt"
	"strings"

	"sourcescore"
)

// denialSpec: the accused side's denial must be reported, tied to the
// accused side and to the story, and not buried at the end.
type denialSpec struct {
	Header               `yaml:",inline"`
	TopicWindow          int      `yaml:"topic_window"`           // sentences before the denial that may name what is denied (default 1)
	LateFraction         float64  `yaml:"late_fraction"`          // a denial first reported after this share of the paragraphs is buried (default 0.8; 1 disables)
	LateScore            float64  `yaml:"late_score"`             // score of a buried denial (default 0.5)
	LateSeverity         string   `yaml:"late_severity"`          // severity of the buried-denial finding (default warning)
	NonAgentPrepositions []string `yaml:"non_agent_prepositions"` // an actor right after one of these is not the one denying ("Kontakt zu Putin")
}

var denialKind = kindSpec{
	summary: "looks for the story's denial wording in a sentence whose nearest actor is the accused side and that (or the sentence before) is about the story; missing or buried denials are findings",
	params:  func() any { return new(denialSpec) },
	compile: func(spec any, x node, _ *loadState, errs *ErrorList) checker {
		s := spec.(*denialSpec)
		if s.TopicWindow == 0 {
			s.TopicWindow = 1
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
		return &denial{spec: s, late: late, preps: preps}
	},
}

type denial struct {
	spec  *denialSpec
	late  sourcescore.Severity
	preps map[string]bool
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
	if st.denialCues.empty() || st.accused == nil {
		return notApplied(fmt.Sprintf("not scored: story %s says nothing about a denial", st.ID))
	}
	accused := d.find(st.accused)
	others := d.find(st.others)
	about := d.find(st.denialAbout)
	for _, c := range st.denialCues.find(d) {
		si := d.sentenceAt(c.start)
		if si < 0 {
			continue
		}
		sent := d.sentences[si]
		agent, ok := dn.agent(d, sent, c, accused, others)
		if !ok || !agent.accused {
			continue
		}
		if !dn.onTopic(d, si, about, others, agent) {
			continue
		}
		p := d.paragraphAt(c.start)
		n := len(d.paragraphs)
		where := fmt.Sprintf("paragraph %d of %d", p+1, n)
		by := d.evidence(agent.start, agent.end)
		if n > 1 && float64(p+1)/float64(n) > dn.spec.LateFraction && dn.spec.LateFraction < 1 {
			sev := dn.late
			return outcome{score: dn.spec.LateScore, note: "denial by " + by + " only in " + where,
				hits: []hit{{start: c.start, end: c.end, detail: "denial by " + by + " buried in " + where, severity: &sev}}}
		}
		info := sourcescore.SeverityInfo
		return outcome{score: 1, note: "denial by " + by + " in " + where,
			hits: []hit{{start: c.start, end: c.end, detail: "denial by " + by + " reported in " + where, severity: &info, own: true}}}
	}
	return outcome{score: 0, note: "no denial by " + st.AccusedName, hits: []hit{{start: -1, detail: "no denial by " + st.AccusedName + " found"}}}
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
// of the story denies something else ("bestritten, dass er und Trump ...").
func (dn *denial) onTopic(d *Doc, si int, about, others []match, agent actorMention) bool {
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
	if within(others, sent.start, sent.end) {
		return false
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
