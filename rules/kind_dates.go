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
	summary: "ties each day-precise date (and, with a publication date, each weekday) to the nearest story fact named in its sentence on the same side of any quotation (by the fact's cues) and reports dates that disagree with the fact (check: mismatch) or a fact given two dates (check: conflict)",
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

// tieDates ties each day-precise date mention to a story fact, once per
// article and maxDistance (the mismatch and conflict checks share it).
func tieDates(d *Doc, maxDistance int) []tiedDate {
	for _, t := range d.tied {
		if t.maxDistance == maxDistance {
			return t.dates
		}
	}
	out := tieDatesOnce(d, maxDistance)
	d.tied = append(d.tied, tiedFor{maxDistance, out})
	return out
}

// tiedFor is what tieDates found for one maxDistance.
type tiedFor struct {
	maxDistance int
	dates       []tiedDate
}

func tieDatesOnce(d *Doc, maxDistance int) []tiedDate {
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
		for _, m := range d.find(f.cues) {
			cues = append(cues, cueHit{m, f})
		}
	}
	var out []tiedDate
	for _, m := range d.dates() {
		switch {
		case m.Kind == dates.Full, m.Kind == dates.DayMonth:
		case m.Kind == dates.Weekday && !d.Published.IsZero():
			// "am Donnerstagabend" in a Friday paper is the day before.
		default:
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
		quoted := d.inQuote(m.Start)
		for _, c := range cues {
			if c.m.start < sent.start || c.m.end > sent.end {
				continue
			}
			if d.inQuote(c.m.start) != quoted {
				continue // a cue inside a quotation says nothing of a date outside it, and back
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

// datePublicationSpec: dates against the calendar and the publication date.
type datePublicationSpec struct {
	Header         `yaml:",inline"`
	Check          string   `yaml:"check"`            // missing, stale, after_publication or weekday (see the kind's summary)
	StaleAfterDays int      `yaml:"stale_after_days"` // stale: default 14
	PastMarkers    []string `yaml:"past_markers"`     // after_publication: words that mark a sentence as reporting the past
	FutureMarkers  []string `yaml:"future_markers"`   // after_publication: words that mark it as looking ahead (they win)
	PerIssue       float64  `yaml:"per_issue"`        // after_publication, weekday: score lost per finding (default 0.5)
}

var datePublicationKind = kindSpec{
	summary: "checks dates against the publication date and the calendar: no publication date (check: missing); published long after the story's last development (check: stale); a date after publication reported as past (check: after_publication); a weekday that does not fit the date beside it (check: weekday)",
	params:  func() any { return new(datePublicationSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*datePublicationSpec)
		if s.StaleAfterDays == 0 {
			s.StaleAfterDays = 14
		}
		if s.StaleAfterDays < 0 {
			*errs = append(*errs, x.get("stale_after_days").errf("a number of days, e.g. 14", "stale_after_days %d is out of range", s.StaleAfterDays))
		}
		defaultFloat(&s.PerIssue, 0.5)
		checkRange(x, "per_issue", s.PerIssue, 0, 1, errs)
		switch s.Check {
		case "missing", "stale", "weekday":
		case "after_publication":
			if len(s.PastMarkers) == 0 {
				*errs = append(*errs, x.errf("add past_markers: [sagte, hatte, said, ...]", "rule %s can never fire: after_publication needs past_markers", s.ID))
			}
		default:
			*errs = append(*errs, x.get("check").errf("missing, stale, after_publication or weekday", "unknown check %q", s.Check))
		}
		return &datePublication{spec: s, past: ls.newPhraseSet(s.PastMarkers), future: ls.newPhraseSet(s.FutureMarkers)}
	},
}

type datePublication struct {
	spec         *datePublicationSpec
	past, future *phraseSet
}

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
	case "after_publication":
		return c.afterPublication(d)
	case "weekday":
		return c.weekday(d)
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
	score, counted := c.spec.score(len(hits), d.A.Words)
	return outcome{score: score, note: "dates in a foreign format: " + counted, hits: hits}
}

// afterPublication reports day-precise dates after the publication date in
// sentences that report the past (a past marker, no future marker).
func (c *datePublication) afterPublication(d *Doc) outcome {
	if d.Published.IsZero() {
		return notApplied("not scored: no publication date")
	}
	past, future := d.find(c.past), d.find(c.future)
	var hits []hit
	for _, m := range d.dates() {
		if m.Kind != dates.Full && m.Kind != dates.DayMonth {
			continue
		}
		from, _, ok := m.Resolve(d.Published)
		if !ok || !from.After(d.Published) {
			continue
		}
		si := d.sentenceAt(m.Start)
		if si < 0 {
			continue
		}
		s := d.sentences[si]
		if countIn(past, s) == 0 || countIn(future, s) > 0 {
			continue
		}
		hits = append(hits, hit{start: m.Start, end: m.End, detail: fmt.Sprintf("%q is reported as past but lies after the publication date %s", m.Text, d.Published.Format("2006-01-02"))})
	}
	return outcome{score: penaltyScore(float64(len(hits)), c.spec.PerIssue, 1), note: fmt.Sprintf("%d past events dated after publication", len(hits)), hits: hits}
}

// countIn counts the matches inside a span.
func countIn(ms []match, s span) int {
	n := 0
	for _, m := range ms {
		if m.start >= s.start && m.end <= s.end {
			n++
		}
	}
	return n
}

// weekday reports a weekday right before a full date that falls on another
// day ("am Freitag, 24. Oktober 2024": the 24th was a Thursday).
func (c *datePublication) weekday(d *Doc) outcome {
	ms := d.dates()
	var hits []hit
	checked := 0
	for i := 0; i+1 < len(ms); i++ {
		w, day := ms[i], ms[i+1]
		if w.Kind != dates.Weekday || day.Kind != dates.Full && day.Kind != dates.DayMonth {
			continue
		}
		if gap := strings.TrimSpace(strings.Trim(d.Body[w.End:day.Start], " ,")); gap != "" && gap != "den" && gap != "dem" && gap != "der" && gap != "the" {
			continue
		}
		var from time.Time
		if day.Kind == dates.Full {
			from = time.Date(day.Year, time.Month(day.Month), day.Day, 0, 0, 0, 0, time.UTC)
		} else {
			var ok bool
			if from, _, ok = day.Resolve(d.reference()); !ok {
				continue
			}
		}
		checked++
		if from.Weekday() != w.Weekday {
			hits = append(hits, hit{start: w.Start, end: day.End, detail: fmt.Sprintf("%s was a %s", from.Format("2006-01-02"), from.Weekday())})
		}
	}
	return outcome{score: penaltyScore(float64(len(hits)), c.spec.PerIssue, 1), note: fmt.Sprintf("%d weekday-and-date pairs, %d wrong", checked, len(hits)), hits: hits}
}
