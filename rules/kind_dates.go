package rules

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"sourcescore/rules/internal/dates"
)

// dateFactsSpec: dates tied to a known event of the story must agree with
// it, and with each other.
type dateFactsSpec struct {
	Header      `yaml:",inline"`
	Check       string  `yaml:"check"`        // "mismatch": a date disagrees with the fact it is tied to; "conflict": one fact gets two dates in the article
	MaxDistance int     `yaml:"max_distance"` // most characters between a fact's cue and the date (default 80)
	PerIssue    float64 `yaml:"per_issue"`    // score lost per finding (default 0.5)
}

var dateFactsKind = kindSpec{
	summary: "ties each day-precise date to the nearest story fact named in its sentence (by the fact's cues) and reports dates that disagree with the fact (check: mismatch) or a fact given two dates (check: conflict)",
	params:  func() any { return new(dateFactsSpec) },
	compile: func(spec any, x node, _ *loadState, errs *ErrorList) checker {
		s := spec.(*dateFactsSpec)
		if s.MaxDistance == 0 {
			s.MaxDistance = 80
		}
		defaultFloat(&s.PerIssue, 0.5)
		checkRange(x, "per_issue", s.PerIssue, 0, 1, errs)
		if s.MaxDistance < 0 {
			*errs = append(*errs, x.get("max_distance").errf("a number of characters, e.g. 80", "max_distance %d is out of range", s.MaxDistance))
		}
		if s.Check != "mismatch" && s.Check != "conflict" {
			*errs = append(*errs, x.get("check").errf("mismatch or conflict", "unknown check %q", s.Check))
		}
		return &dateFacts{spec: s}
	},
}

type dateFacts struct{ spec *dateFactsSpec }

var _ checker = (*dateFacts)(nil)

// tiedDate is a date mention tied to a fact.
type tiedDate struct {
	m     dates.Mention
	day   time.Time
	fact  *Fact
	agree bool
}

// reference is the date relative mentions are resolved against: the
// publication date, else the story's last fact.
func (d *Doc) reference() time.Time {
	if !d.Published.IsZero() {
		return d.Published
	}
	if d.Story != nil {
		return d.Story.LastEvent()
	}
	return time.Time{}
}

// tieDates ties each day-precise date mention to a story fact.
func tieDates(d *Doc, maxDistance int) []tiedDate {
	ref := d.reference()
	if d.Story == nil || ref.IsZero() {
		return nil
	}
	type cueHit struct {
		m    match
		fact *Fact
	}
	var cues []cueHit
	for i := range d.Story.Facts {
		f := &d.Story.Facts[i]
		for _, m := range f.cues.find(d.Lower) {
			cues = append(cues, cueHit{m, f})
		}
	}
	var out []tiedDate
	for _, m := range d.dates() {
		if m.Kind != dates.Full && m.Kind != dates.DayMonth {
			continue
		}
		from, _, ok := m.Resolve(ref)
		if !ok {
			continue
		}
		si := d.sentenceAt(m.Start)
		if si < 0 {
			continue
		}
		sent := d.sentences[si]
		var nearest *Fact
		best := math.MaxInt
		agree := false
		for _, c := range cues {
			if c.m.start < sent.start || c.m.end > sent.end {
				continue
			}
			dist := gap(c.m.start, c.m.end, m.Start, m.End)
			if dist > maxDistance {
				continue
			}
			if sameDay(c.fact.Date, from) {
				agree, nearest = true, c.fact
				break
			}
			if dist < best {
				best, nearest = dist, c.fact
			}
		}
		if nearest != nil {
			out = append(out, tiedDate{m: m, day: from, fact: nearest, agree: agree})
		}
	}
	return out
}

func gap(as, ae, bs, be int) int {
	switch {
	case ae <= bs:
		return bs - ae
	case be <= as:
		return as - be
	}
	return 0
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func (c *dateFacts) apply(d *Doc) outcome {
	if d.Story == nil {
		return notApplied("not scored: the article matches no story")
	}
	if d.reference().IsZero() {
		return notApplied("not scored: no publication date and no story facts to place dates")
	}
	tied := tieDates(d, c.spec.MaxDistance)
	var hits []hit
	switch c.spec.Check {
	case "mismatch":
		for _, t := range tied {
			if !t.agree {
				hits = append(hits, hit{start: t.m.Start, end: t.m.End,
					detail: fmt.Sprintf("%q is given for %s, which was on %s", t.m.Text, factName(t.fact), t.fact.Date.Format("2006-01-02"))})
			}
		}
	case "conflict":
		byFact := map[string][]tiedDate{}
		var order []string
		for _, t := range tied {
			if _, ok := byFact[t.fact.ID]; !ok {
				order = append(order, t.fact.ID)
			}
			byFact[t.fact.ID] = append(byFact[t.fact.ID], t)
		}
		sort.Strings(order)
		for _, id := range order {
			ts := byFact[id]
			for _, t := range ts[1:] {
				if !sameDay(t.day, ts[0].day) {
					hits = append(hits, hit{start: t.m.Start, end: t.m.End,
						detail: fmt.Sprintf("%s is given as %q here and as %q at line %d", factName(t.fact), t.m.Text, ts[0].m.Text, d.A.Position(ts[0].m.Start).Line)})
					break
				}
			}
		}
	}
	note := fmt.Sprintf("%d dates tied to story facts, %d findings", len(tied), len(hits))
	return outcome{score: penaltyScore(float64(len(hits)), c.spec.PerIssue, 1), note: note, hits: hits}
}

func factName(f *Fact) string {
	if f.Description != "" {
		return f.Description
	}
	return f.ID
}

// datePublicationSpec: the publication date must be known, and an article
// published long after the story's events is stale.
type datePublicationSpec struct {
	Header         `yaml:",inline"`
	Check          string `yaml:"check"`            // "missing": no publication date; "stale": published more than stale_after_days after the story's last fact
	StaleAfterDays int    `yaml:"stale_after_days"` // default 14
}

var datePublicationKind = kindSpec{
	summary: "checks the publication date: missing (check: missing) or long after the story's last known event (check: stale, stale_after_days)",
	params:  func() any { return new(datePublicationSpec) },
	compile: func(spec any, x node, _ *loadState, errs *ErrorList) checker {
		s := spec.(*datePublicationSpec)
		if s.StaleAfterDays == 0 {
			s.StaleAfterDays = 14
		}
		if s.StaleAfterDays < 0 {
			*errs = append(*errs, x.get("stale_after_days").errf("a number of days, e.g. 14", "stale_after_days %d is out of range", s.StaleAfterDays))
		}
		if s.Check != "missing" && s.Check != "stale" {
			*errs = append(*errs, x.get("check").errf("missing or stale", "unknown check %q", s.Check))
		}
		return &datePublication{spec: s}
	},
}

type datePublication struct{ spec *datePublicationSpec }

var _ checker = (*datePublication)(nil)

func (c *datePublication) apply(d *Doc) outcome {
	switch c.spec.Check {
	case "missing":
		if d.Published.IsZero() {
			return outcome{score: 0, note: "no publication date", hits: []hit{{start: -1, detail: "neither the manifest nor the text gives one"}}}
		}
		how := "from the manifest"
		if d.A.Meta.IsInferred("published") {
			how = "inferred from the text"
		}
		return outcome{score: 1, note: "published " + d.Published.Format("2006-01-02") + ", " + how}
	default: // stale
		if d.Story == nil {
			return notApplied("not scored: the article matches no story")
		}
		if d.Published.IsZero() {
			return notApplied("not scored: no publication date")
		}
		last := d.Story.LastEvent()
		if last.IsZero() {
			return notApplied(fmt.Sprintf("not scored: story %s has only scheduled events", d.Story.ID))
		}
		days := int(d.Published.Sub(last).Hours() / 24)
		note := fmt.Sprintf("published %d days after the story's last development (%s)", days, last.Format("2006-01-02"))
		if days > c.spec.StaleAfterDays {
			return outcome{score: 0, note: note, hits: []hit{{start: -1, detail: fmt.Sprintf("published %s, %d days after the story's last development on %s (threshold %d days)", d.Published.Format("2006-01-02"), days, last.Format("2006-01-02"), c.spec.StaleAfterDays)}}}
		}
		return outcome{score: 1, note: note}
	}
}

// dateFormatSpec: date formats foreign to the article's language, a hint of
// machine translation.
type dateFormatSpec struct {
	Header  `yaml:",inline"`
	Formats []string         `yaml:"formats"` // mention formats that are foreign, e.g. "dd/mm/yyyy" in German
	Penalty `yaml:",inline"` // per_hit (default 0.5), max_penalty
}

var dateFormatKind = kindSpec{
	summary: "reports dates written in a format foreign to the article's language (formats: dd/mm/yyyy, mm/dd/yyyy, month d, …)",
	params:  func() any { return new(dateFormatSpec) },
	compile: func(spec any, x node, _ *loadState, errs *ErrorList) checker {
		s := spec.(*dateFormatSpec)
		s.Penalty.setup(x, 0.5, errs)
		if len(s.Formats) == 0 {
			*errs = append(*errs, x.errf("add formats: [dd/mm/yyyy]", "rule %s can never fire: it lists no formats", s.ID))
		}
		set := map[string]bool{}
		for i, f := range s.Formats {
			if !dates.KnownFormat(f) {
				*errs = append(*errs, x.get("formats").index(i).errf("one of "+strings.Join(dates.Formats(), ", "), "unknown date format %q", f))
			}
			set[f] = true
		}
		return &dateFormat{spec: s, formats: set}
	},
}

type dateFormat struct {
	spec    *dateFormatSpec
	formats map[string]bool
}

var _ checker = (*dateFormat)(nil)

func (c *dateFormat) apply(d *Doc) outcome {
	var hits []hit
	for _, m := range d.dates() {
		if c.formats[m.Format] {
			hits = append(hits, hit{start: m.Start, end: m.End, detail: fmt.Sprintf("%q is written %s", m.Text, m.Format)})
		}
	}
	return outcome{score: c.spec.score(float64(len(hits))), note: fmt.Sprintf("%d dates in a foreign format", len(hits)), hits: hits}
}
