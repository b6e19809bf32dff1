package rules

import (
	"sourcescore"
)

// storyNotes returns what d says about its story, for the story
// comparison: the denial as the set's first denial rule that applied
// judged it, the primary source's first mention, each fact with the dates
// the set's first date-facts rule that applied tied to it, each key claim's
// first cue, whether a combined rule of the translation family fired, and
// the attribution rule's counts. outcomes are the rules' outcomes on d, in
// s.Rules order. It returns nil when d matches no story.
func (s *Set) storyNotes(d *Doc, outcomes []outcome) *sourcescore.StoryNotes {
	st := d.Story
	if st == nil {
		return nil
	}
	mention := func(start, end int) sourcescore.Mention {
		p := d.A.Position(start)
		return sourcescore.Mention{Evidence: d.evidence(start, end), Line: p.Line, Column: p.Column}
	}
	n := &sourcescore.StoryNotes{Story: st.ID, Facts: make([]sourcescore.FactNote, 0, len(st.Facts)),
		Claims: make([]sourcescore.ClaimNote, 0, len(st.Claims))}
	if ms := d.find(st.primary); len(ms) > 0 {
		n.Primary = mention(ms[0].Start, ms[0].End)
	}
	for _, c := range st.Claims {
		cn := sourcescore.ClaimNote{Claim: c.ID, Description: c.Description}
		if ms := d.find(c.cues); len(ms) > 0 {
			cn.Where = mention(ms[0].Start, ms[0].End)
		}
		n.Claims = append(n.Claims, cn)
	}

	var tied []tiedDate
	factsState := "" // "" while no date-facts rule was seen
	for i, r := range s.Rules {
		o := &outcomes[i]
		switch c := r.check.(type) {
		case *denial:
			if n.Denial.State != "" || o.skip != "" {
				continue
			}
			n.Denial.Rule, n.Denial.Sentences = r.ID, len(d.sentences)
			switch h := firstHit(o.hits); {
			case h == nil || h.start < 0:
				n.Denial.State = sourcescore.DenialMissing
			default:
				n.Denial.State = sourcescore.DenialBuried
				if h.own {
					n.Denial.State = sourcescore.DenialReported
				}
				n.Denial.Where = mention(h.start, h.end)
				n.Denial.Sentence = d.sentenceAt(h.start) + 1
			}
		case *dateFacts:
			switch {
			case factsState == sourcescore.FactNotGiven:
			case o.skip != "":
				factsState = sourcescore.FactUnplaced
			default:
				factsState, tied = sourcescore.FactNotGiven, c.tieDates(d)
			}
		case *attribution:
			if n.Sourcing == nil && o.skip == "" && o.sourcing != nil {
				src := *o.sourcing
				n.Sourcing = &src
			}
		case *combined:
			if r.family != sourcescore.FamilyTranslation || o.skip != "" || n.Translation == sourcescore.TranslationLikely {
				continue
			}
			n.Translation = sourcescore.TranslationUnlikely
			for _, h := range o.hits {
				if !h.own {
					n.Translation = sourcescore.TranslationLikely
				}
			}
		}
	}

	for i := range st.Facts {
		f := &st.Facts[i]
		fn := sourcescore.FactNote{Fact: f.ID, Description: f.Description, Date: f.Date.Format(dateLayout),
			Scheduled: f.Scheduled, State: factsState}
		for _, t := range tied {
			if t.fact != f {
				continue
			}
			wrong := !t.agree && abs(t.off) > f.Tolerance
			if fn.State == sourcescore.FactWrong || (fn.State == sourcescore.FactRight && !wrong) {
				continue // the first wrong date, else the first right one
			}
			fn.State, fn.Given = sourcescore.FactRight, f.Date.Format(dateLayout)
			if wrong {
				fn.State, fn.Given = sourcescore.FactWrong, t.day.Format(dateLayout)
			}
			fn.Where = mention(t.m.Start, t.m.End)
		}
		n.Facts = append(n.Facts, fn)
	}
	return n
}

// dateLayout is how notes write a day.
const dateLayout = "2006-01-02"

// firstHit returns the first of hits, or nil.
func firstHit(hits []hit) *hit {
	if len(hits) == 0 {
		return nil
	}
	return &hits[0]
}
