package rules

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"sourcescore"
	"sourcescore/rules/internal/engine"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sourcescore/rules/internal/dates"
)

// dateFactsSpec: dates tied to a known event of the story must agree with
// it, and with each other.
type dateFactsSpec struct {
	Header      `yaml:",inline"`
	Check       string   `yaml:"check"`        // "mismatch": a date disagrees with the fact it is tied to; "conflict": one fact gets two dates in the article
	MaxDistance int      `yaml:"max_distance"` // most characters between a fact's cue and the date (default 80)
	PerIssue    float64  `yaml:"per_issue"`    // score lost per finding (default 0.5)
	ReportCues  []string `yaml:"report_cues"`  // general words that date a report fact ("berichtete", "published"), besides its own cues and the primary source's names
	// Words that make a clause look ahead ("is set to", "will"): a date
	// in it names something still to come, so it is not given for a fact
	// that had happened when the article appeared.
	FutureMarkers []string `yaml:"future_markers"`
	// Words for other media than the primary source ("Medien", "local
	// media"): a general report word in a sentence that names one of
	// them and not the primary source dates their report, not the story's.
	OtherReporters []string `yaml:"other_reporters"`
	// A line that holds one of these (a photo's credit: "Reuters/Sarah
	// Silbiger/File Photo", "Foto: dpa") is a caption: its dates say when
	// the picture was taken, not when an event of the story happened.
	Captions Terms `yaml:"captions"`
}

var dateFactsKind = kindSpec{
	summary: "ties each day-precise date (and, with a publication date, each weekday) to the nearest story fact named in its sentence on the same side of any quotation (by the fact's cues) and reports dates that disagree with the fact (check: mismatch) or a fact given two dates (check: conflict)",
	params:  func() any { return new(dateFactsSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
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
		c := &dateFacts{spec: s, report: ls.eng.Phrases(s.ReportCues), future: ls.eng.Phrases(s.FutureMarkers),
			others: ls.eng.Phrases(s.OtherReporters)}
		if len(s.Captions.Phrases)+len(s.Captions.Patterns) > 0 {
			c.captions = ls.compileTerms(s.Captions, x.get("captions"), errs)
			c.captionKey = strings.Join(s.Captions.Phrases, "\x00") + "\x01" + strings.Join(s.Captions.Patterns, "\x00")
		}
		return c
	},
}

type dateFacts struct {
	spec       *dateFactsSpec
	report     *engine.PhraseSet // ReportCues
	future     *engine.PhraseSet // FutureMarkers
	others     *engine.PhraseSet // OtherReporters
	captions   *engine.Matcher   // Captions; nil when none
	captionKey string            // Captions as written, for tieDates' cache
}

var _ checker = (*dateFacts)(nil)

// tiedDate is a date mention tied to a fact.
type tiedDate struct {
	m     dates.Mention
	day   time.Time // the mention's first day
	last  time.Time // its last day (the same for a day)
	fact  *Fact
	off   int  // days between the fact and the mention when they disagree (signed: + the mention is later)
	agree bool // the fact's date lies in the mention's days
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

// tieDates ties each date mention that can be placed to a story fact, once
// per article and way of tying (the mismatch and conflict rules share it
// when their max_distance, report_cues, future_markers, other_reporters
// and captions are the same).
func (c *dateFacts) tieDates(d *Doc) []tiedDate {
	key := tyingKey{c.spec.MaxDistance, c.report, c.future, c.others, c.captionKey}
	for _, t := range d.tied {
		if t.key == key {
			return t.dates
		}
	}
	out := c.tieDatesOnce(d)
	d.tied = append(d.tied, tiedFor{key, out})
	return out
}

// tyingKey is what makes two date_facts rules tie dates the same way.
type tyingKey struct {
	maxDistance           int
	report, future, other *engine.PhraseSet
	captions              string
}

// tiedFor is what tieDates found for one way of tying.
type tiedFor struct {
	key   tyingKey
	dates []tiedDate
}

// cueHit is where a fact's cue stands.
type cueHit struct {
	m      engine.Match
	verbal bool
	name   bool // a party's name (the primary source's, or a fact's cue that names a party: partyName), not a word of the fact
	fact   *Fact
}

// partyName reports whether a fact's cue is, where the text has it, the
// name of one of the story's parties (its primary source, the accused
// side, another party): an actor, not a word of the event. A party's name
// right before a date ties it only where the date fits ("HRW two weeks ago
// asked …" is another statement of HRW's), as the primary source's do.
func partyName(d *Doc, m engine.Match) bool {
	st := d.Story
	for _, ps := range []*engine.PhraseSet{st.primary, st.accused, st.others} {
		for _, x := range d.find(ps) {
			if x.Start <= m.Start && m.End <= x.End {
				return true
			}
		}
	}
	return false
}

// maxOff is the most days a date may be off its fact and still be taken
// for a wrong date of it rather than for another event.
const maxOff = 365

// maxOffNear is the most days a weekday or a day or week counted from the
// publication ("am Freitag", "gestern", "last week") may be off its fact:
// such words name the days around the publication, and one that falls a
// month or more from the fact speaks of another event of the week (or of
// a page dated by its republication), not of a wrong date for the fact.
const maxOffNear = 30

// nearDay reports whether the mention names a day by its distance from the
// publication: a weekday, or a relative day or week.
func nearDay(m dates.Mention) bool {
	return m.Kind == dates.Weekday || m.Kind == dates.Relative && (m.Unit == "day" || m.Unit == "week")
}

// reportedByAnother reports whether a general report word ("berichtete",
// "published") stands in a sentence that names the accused side, another
// party or other media (others) and not the primary source: "The ministry
// on Saturday published a video", "Russia's defence ministry reported on
// Friday", "Estnische Medien berichteten am 27. April" are their reports,
// not the story's report.
func reportedByAnother(d *Doc, m engine.Match, others *engine.PhraseSet) bool {
	si := d.sentenceAt(m.Start)
	if si < 0 || d.Story == nil {
		return false
	}
	sent := d.sentences[si]
	in := func(ps *engine.PhraseSet, agentOnly bool) bool {
		for _, x := range d.find(ps) {
			if x.Start >= sent.start && x.End <= sent.end && (!agentOnly || !objectWords[governingWord(d, x.Start)]) {
				return true
			}
		}
		return false
	}
	return !in(d.Story.primary, false) && (in(d.Story.accused, true) || in(d.Story.others, true) || in(others, true))
}

// namedReporter reports whether an English general report word has a
// name right before it as its subject that is none of the primary source's
// names: "Deutsche Welle reported on Dec. 30", "The Guardian reported" of
// a story whose primary source is another is that medium's report. Up to
// four capitalised words, "The" among them, make the name; a name that
// opens the sentence must have two words ("Officials reported" is no name).
func namedReporter(d *Doc, m engine.Match) bool {
	if d.Lang != "en" || d.Story == nil {
		return false
	}
	si := d.sentenceAt(m.Start)
	if si < 0 {
		return false
	}
	start := d.sentences[si].start
	words := strings.Fields(d.Body[start:m.Start])
	n := 0
	for i := len(words) - 1; i >= 0 && n < 4; i-- {
		r, _ := utf8.DecodeRuneInString(words[i])
		if !unicode.IsUpper(r) || strings.ContainsAny(words[i], ",;:()\"“”") {
			break
		}
		n++
	}
	if n == 0 || n == len(words) && n < 2 {
		return false
	}
	from := strings.LastIndex(d.Body[:m.Start], words[len(words)-n])
	for _, x := range d.dates() {
		if x.Start < m.Start && x.End > from {
			return false // "on Thursday wrote": a date, no name
		}
	}
	for _, x := range d.find(d.Story.primary) {
		if x.Start < m.Start && x.End > from {
			return false
		}
	}
	return true
}

// missingPerson reports whether a general report word reports someone
// missing: "missing" or "vermisst" follows it within eight words of its
// clause ("reported them missing on September 9", "meldete die beiden
// Männer als vermisst"). That is a family's call to the police, not the
// story's report.
func missingPerson(d *Doc, m engine.Match) bool {
	after := strings.Fields(d.Lower[m.End:min(len(d.Lower), m.End+120)])
	for i := 0; i < len(after) && i < 8; i++ {
		w := strings.TrimRight(after[i], ",.;:")
		if w == "missing" || w == "vermisst" {
			return true
		}
		if w != after[i] && !(strings.HasSuffix(after[i], ".") && strings.Trim(w, "0123456789") == "") {
			return false // the clause ends; a German ordinal's point ("am 9. September") does not end it
		}
	}
	return false
}

// namesStory reports whether the sentence of a general report word, or the
// one before it, names the story: its primary source or one of its match
// phrases ("Die Zeitung berichtete am Mittwoch über Musk", "… Musk und
// Putin. Die US-Zeitung berichtete am Donnerstagabend über
// Geheimgespräche"). "published a video on Saturday" among sentences about
// something else is another report.
func namesStory(d *Doc, m engine.Match) bool {
	si := d.sentenceAt(m.Start)
	if si < 0 || d.Story == nil {
		return false
	}
	from, to := d.sentences[max(0, si-1)].start, d.sentences[si].end
	for _, ms := range [][]engine.Match{d.find(d.Story.primary), d.Story.topicWords(d)} {
		for _, x := range ms {
			if x.Start >= from && x.End <= to {
				return true
			}
		}
	}
	return false
}

// objectWords govern a party that is what a report is about or whom it
// addresses, not who reports ("berichtete über Musk", "a video of the
// admiral").
var objectWords = map[string]bool{"über": true, "zu": true, "zum": true, "zur": true, "mit": true, "von": true, "vom": true,
	"gegen": true, "für": true, "an": true, "bei": true, "about": true, "of": true, "with": true, "on": true, "against": true,
	"for": true, "to": true, "at": true}

// placeable reports whether a mention names days a fact can be checked
// against: a day-precise date (one without a year, in an undated article,
// only for a story of less than a year); with a publication date, a weekday
// ("am Mittwoch") or a stated relative day, week, month or year
// ("gestern", "this week", "vor zwei Jahren"); not a vague span ("vor
// einigen Wochen") or a bare year or month, which a report names for
// other things too often.
func placeable(d *Doc, m dates.Mention) bool {
	switch m.Kind {
	case dates.Full:
		return true
	case dates.DayMonth:
		// Without a publication date, a day without a year is placed
		// near the story's last event: a guess that holds only for a
		// story of less than a year ("5. September" in an undated
		// article about an affair of 2018 to 2025 may be any of them).
		return !d.Published.IsZero() || d.Story == nil || d.Story.span() <= maxOff
	case dates.Weekday:
		return !d.Published.IsZero() && !d.inQuote(m.Start)
	case dates.Relative:
		// Inside a quotation, "today" and "last week" are the speaker's,
		// said on a day the article may not give ("So today's veto begs
		// the question", quoted days later): not the publication's.
		return !d.Published.IsZero() && !m.Vague && !d.inQuote(m.Start)
	}
	return false
}

// placed reports whether mentions[k] is a date tieDates places: a
// placeable one, not one of a dateline, not a weekday the date right after
// it says ("am Mittwoch, 11. März": whether the weekday fits the date is
// dates.weekday's question).
func placed(d *Doc, mentions []dates.Mention, k int) bool {
	m := mentions[k]
	if !placeable(d, m) || inDateline(d, m) || stampLine(d, m.Start) {
		return false
	}
	return !(m.Kind == dates.Weekday && k+1 < len(mentions) && strings.Trim(d.Body[m.End:mentions[k+1].Start], ", ") == "")
}

// stampLine reports whether off lies on a line that only says when the
// page was made or changed ("Meldung vom 25.08.2023", "Stand: 12.07.2023
// 16:08 Uhr", "Published: May 26, 2022"; see dateline). Its date is the
// page's, not that of an event of the story, even where the next paragraph
// names the report it tells of.
func stampLine(d *Doc, off int) bool {
	start, end := d.lineOf(off)
	return end-start <= maxStampLine && dateline(d.Body[start:end])
}

// maxStampLine is the longest line, in bytes, stampLine reads: such a line
// holds at most six words, and most lines are paragraphs.
const maxStampLine = 120

// inDateline reports whether m is the date of an agency's dateline at the
// start of its line ("Washington, 27. Februar (Hibya) – …", "MOSCOW, March
// 5 (Reuters) - …"): a place of at most four capitalised words and a comma
// before it, maybe the agency in brackets and then a dash after it. It
// says when the text was filed, not when an event of the story happened.
func inDateline(d *Doc, m dates.Mention) bool {
	ls, _ := d.lineOf(m.Start)
	_, le := d.lineOf(m.End) // a date may run over a line break ("3.\nMärz")
	place, ok := strings.CutSuffix(strings.TrimRight(d.Body[ls:m.Start], " "), ",")
	if !ok || len(place) > 40 {
		return false
	}
	words := strings.Fields(place)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	after := strings.TrimLeft(d.Body[m.End:le], " ")
	if strings.HasPrefix(after, "(") {
		k := strings.IndexByte(after, ')')
		if k < 0 || k > 30 {
			return false
		}
		after = strings.TrimLeft(after[k+1:], " ")
	}
	return strings.HasPrefix(after, "–") || strings.HasPrefix(after, "—") || strings.HasPrefix(after, "-")
}

func (c *dateFacts) tieDatesOnce(d *Doc) []tiedDate {
	maxDistance := c.spec.MaxDistance
	ref := d.reference()
	if d.Story == nil || ref.IsZero() {
		return nil
	}
	// A cue ties a date only in the date's clause (attach), which lies in
	// its sentence: the cues elsewhere are not looked at, and an article
	// without a date to place is done.
	mentions := d.dates()
	// The lines that are photo captions: their dates are the pictures'.
	var captionLines []int
	if c.captions != nil {
		for _, m := range d.findTerms(c.captions) {
			li, _ := d.lineOf(m.Start)
			captionLines = append(captionLines, li)
		}
	}
	inCaption := func(m dates.Mention) bool {
		li, _ := d.lineOf(m.Start)
		return len(captionLines) > 0 && slices.Contains(captionLines, li)
	}
	var near []span
	for k, m := range mentions {
		if si := d.sentenceAt(m.Start); si >= 0 && placed(d, mentions, k) && !inCaption(m) {
			sent := d.sentences[si]
			near = append(near, span{min(sent.start, m.Start), max(sent.end, m.End)})
		}
	}
	if len(near) == 0 {
		return nil
	}
	inNear := func(m engine.Match) bool {
		for _, w := range near {
			if m.Start >= w.start && m.End <= w.end {
				return true
			}
		}
		return false
	}
	var cues []cueHit
	var reports []engine.Match // the general report words that are the story's report: the same for every report fact
	reportsDone := false
	for i := range d.Story.Facts {
		f := &d.Story.Facts[i]
		if !f.Scheduled && !d.Published.IsZero() && f.Date.After(d.Published.AddDate(0, 0, f.Tolerance)) {
			continue // it happened after the article appeared: the article cannot be dating it
		}
		for _, m := range f.cueMatches(d, d.Story, inNear) {
			// A party's name is never the verb of a fact, though a German
			// one may open in lower case ("litauische Regierung"): it
			// ties a date as a name does, not as a verb ("Am Mittwoch
			// entscheidet die litauische Regierung …" is another act of
			// the party's).
			name := m.name || partyName(d, m.Match)
			cues = append(cues, cueHit{m.Match, m.verbal && !name, name, f})
		}
		if f.Type == FactReport {
			if !reportsDone {
				for _, m := range d.find(c.report) {
					if inNear(m) && !reportedByAnother(d, m, c.others) && namesStory(d, m) && !namedReporter(d, m) && !missingPerson(d, m) {
						reports = append(reports, m)
					}
				}
				reportsDone = true
			}
			for _, m := range reports {
				cues = append(cues, cueHit{m, verbal(d, m), false, f})
			}
		}
	}
	// A cue of digits alone that lies inside a date ("2018", left of a
	// story's "May 1, 2018" that a comma split, in "2. Oktober 2018") is
	// part of that date, not a word of a fact; beside a date ("41
	// Diplomaten am Dienstag") it still ties it.
	cues = slices.DeleteFunc(cues, func(h cueHit) bool {
		if strings.ContainsFunc(d.Body[h.m.Start:h.m.End], unicode.IsLetter) {
			return false
		}
		for _, m := range mentions {
			if h.m.Start < m.End && m.Start < h.m.End {
				return true
			}
		}
		return false
	})
	var out []tiedDate
	for k, m := range mentions {
		if !placed(d, mentions, k) || inCaption(m) {
			continue
		}
		from, to, ok := m.Resolve(ref)
		if !ok {
			continue
		}
		if m.Kind == dates.DayMonth && d.Published.IsZero() && !inStoryTime(d, from) {
			// Without a publication date a day without a year is placed
			// in the year nearest the story's last event; where that
			// year puts it outside the story's time (a month either side
			// of its facts) and the year before inside ("September 23"
			// of a story from 23 September 2024 to June 2025), the year
			// before is the reading.
			if prev := from.AddDate(-1, 0, 0); inStoryTime(d, prev) {
				from, to = prev, to.AddDate(-1, 0, 0)
			}
		}
		if opensSpanAt(d, mentions, k) {
			// The first bound of a span names the whole span to the noun
			// linked to it ("die Nacht vom 28. auf den 29. Juli", "die
			// Wahlen vom 6. bis 9. Juni"): a fact on any of its days fits.
			if _, t2, ok := mentions[k+1].Resolve(ref); ok && !t2.Before(to) && t2.Sub(from) < 32*24*time.Hour {
				to = t2
			}
		}
		si := d.sentenceAt(m.Start)
		if si < 0 {
			continue
		}
		cl := clauseAround(d, d.sentences[si], m, mentions)
		// In a clause that looks ahead ("is set to make final conclusions
		// this week", "will deny it on Monday") a verb's or a noun's date
		// is something still to come, not a fact already past; a noun's own
		// date ("the attack of March 5") is the noun's still.
		ahead := countIn(d.find(c.future), cl) > 0 && !d.Published.IsZero()
		bound := spanBound(d, mentions, k)
		fact, agree := attach(d, m, cl, cues, from, to, maxDistance, ahead, bound)
		if fact == nil {
			continue
		}
		if !agree && m.Kind == dates.DayMonth {
			// A day without a year is read in the year that puts it
			// closest to the publication date; an article of October
			// recalling "am 4. März" may mean the March before. Where
			// the day in the year before or after fits the fact, the
			// reading is open, and a date that fits is not reported.
			for _, y := range []int{-1, 1} {
				f2, t2 := from.AddDate(y, 0, 0), to.AddDate(y, 0, 0)
				if f2.Day() != from.Day() {
					continue // 29 February in a year without it
				}
				if g, ok := attach(d, m, cl, cues, f2, t2, maxDistance, ahead, bound); g == fact && ok {
					from, to, agree = f2, t2, true
					break
				}
			}
		}
		if first := &d.Story.Facts[0]; !agree && to.Before(first.Date.AddDate(0, 0, -first.Tolerance)) &&
			(fact != first || to.Sub(from) >= 27*24*time.Hour && (fact.Type == FactReport || fact.Type == FactDenial)) {
			// Before the story began: the past the article recounts ("said
			// she entered Russia on July 23", "on 15 November the freighter
			// leaves port" of a story that begins with the cables cut on
			// 17 November), not the day of a later development; and a month
			// or a year all before it ("in a report last year") is another
			// report, even where the story's first fact is a report.
			continue
		}
		if !agree && m.Kind == dates.Weekday && from.Weekday() == fact.Date.Weekday() && abs(daysBetween(fact.Date, from)) <= maxOffNear {
			// A weekday that is the fact's ("denied on Wednesday" of a
			// denial on a Wednesday a week before the page's date) names
			// the fact's day in another week: which week is the page's
			// dating, not a wrong day in the text.
			from, to, agree = fact.Date, fact.Date, true
		}
		t := tiedDate{m: m, day: from, last: to, fact: fact, agree: agree}
		if !agree {
			t.off = daysBetween(fact.Date, from)
			if fact.Date.After(from) {
				t.off = daysBetween(fact.Date, to)
			}
			if abs(t.off) > maxOff {
				continue // years apart: another event of the same kind ("hatte vor zwei Jahren einen Bericht bestritten"), not a wrong date
			}
			if nearDay(m) && abs(t.off) > maxOffNear {
				continue // "berichtete am Freitag" of an article months after the fact: a report of the week, or a page dated by its republication
			}
		}
		out = append(out, t)
	}
	return out
}

// attach returns the fact a date mention is attached to in its clause, as
// a reader attaches it: a verb of a fact whose span holds the date ("wies
// den Bericht am Freitag zurück"); else a noun the date is linked to by
// "vom"/"of" ("der Bericht vom 24. Oktober", "the report of October 24");
// else the nearest verb of a fact in the clause ("dementierte am
// Freitag", "denied on Friday"); else a noun right before it ("die Wahl am
// 5. November", "the attack on March 3"). Cues count only in the clause
// and on the same side of any quotation, at most maxDistance characters
// away; among verbs, one whose fact falls on the mention's days wins over
// a nearer one. A noun elsewhere in the clause ("einen Bericht ... vor zwei
// Jahren bestritten") and any cue outside it ("called it nonsense on
// Thursday, two days after the attack") do not govern the date.
func attach(d *Doc, m dates.Mention, c span, cues []cueHit, from, to time.Time, maxDistance int, ahead, bound bool) (*Fact, bool) {
	in := func(f *Fact) bool { return !f.Date.Before(from) && !f.Date.After(to) }
	// past reports whether the clause looks ahead and fact f had happened
	// when the article appeared: no verb or noun of the clause dates it.
	past := func(f *Fact) bool { return ahead && !f.Scheduled && !f.Date.After(d.Published) }
	quoted := d.inQuote(m.Start)
	// A possessive date names its noun's day whatever the verb: "last
	// Friday's attack", "Tuesday's election".
	if f := possessiveNoun(d, m, c, cues, quoted); f != nil {
		return f, in(f)
	}
	var verb, nounNext, nounOf *Fact
	var nounFits *Fact // a noun of the clause before the date whose fact falls on it
	nextName := false  // nounNext ties only where the date fits: a name's, one "about" governs, one after "a"
	best := math.MaxInt
	for _, h := range cues {
		if h.m.Start < c.start || h.m.End > c.end || d.inQuote(h.m.Start) != quoted {
			continue
		}
		if bound && (h.verbal || nounLink(d.Lower[min(h.m.End, m.Start):m.Start], m) != linkOf) {
			// A bound of a span ("zwischen dem 20. Dezember 2021 und
			// dem 18. April 2024", "from May 1 to May 3") dates a period:
			// only a noun linked to it by "vom"/"of" ("die Wahlen vom 6.
			// bis 9. Juni") takes it, not a verb of the clause ("charged
			// with assisting … between … and April 18 2024").
			continue
		}
		if h.verbal && h.m.Start <= m.Start && m.End <= h.m.End {
			if past(h.fact) {
				continue
			}
			return h.fact, in(h.fact)
		}
		if !h.verbal {
			if h.m.End <= m.Start {
				if nounFits == nil && in(h.fact) && gap(h.m.Start, h.m.End, m.Start, m.End) <= maxDistance {
					nounFits = h.fact
				}
				switch link := nounLink(d.Lower[h.m.End:m.Start], m); {
				case link == linkOf && fromName(d, h.m, m):
					// "the Consulate General in Kaliningrad from August
					// 29": a name's "from" opens a period, it is no "of".
				case link == linkOf:
					nounOf = h.fact
				case link == linkNext && !past(h.fact):
					nounNext, nextName = h.fact, h.name || aboutNoun(d, h.m.Start, c.start) || governedName(d, h.m, c.start) ||
						indefiniteWords[wordBefore(d.Lower, h.m.Start)]
				}
			}
			continue
		}
		if past(h.fact) {
			continue
		}
		dist := gap(h.m.Start, h.m.End, m.Start, m.End)
		if dist > maxDistance {
			continue
		}
		switch {
		case verb != nil && in(verb) && !in(h.fact):
		case verb != nil && in(h.fact) && !in(verb), dist < best:
			best, verb = dist, h.fact
		case dist == best && verb != nil && !in(verb) && daysOff(h.fact, from, to) < daysOff(verb, from, to):
			// One word for several facts ("berichtete" for each of the
			// story's reports): the fact nearest the date in days.
			verb = h.fact
		}
	}
	// Where the reading is open (a verb and a noun both could take the
	// date), a date that fits one of them is not reported against the other.
	order := []*Fact{nounOf, verb, nounNext}
	for _, f := range order {
		if f != nil && in(f) {
			return f, true
		}
	}
	// Where another fact would take the date and does not fit it, a noun of
	// the clause whose fact falls on the date may be what the date belongs
	// to ("machen … für den Großbrand in Warschau im vergangenen Jahr
	// verantwortlich": the fire's year, not the day the blame was laid):
	// the reading is open, and the date is not reported. A noun alone does
	// not tie a date it is not linked to.
	if nounFits != nil && (nounOf != nil || verb != nil || nounNext != nil) {
		return nounFits, true
	}
	if verb != nil && best > farVerb && nounOf == nil && nounNext == nil {
		// A verb far from the date, with words between ("recovered an
		// anchor from the site of the pipeline rupture on October 8"), may
		// not be what the date belongs to: where the date is the very day
		// of another fact of the story, the reading is open, and the date
		// is not reported against the verb's fact.
		for i := range d.Story.Facts {
			if g := &d.Story.Facts[i]; g != verb && in(g) {
				return g, true
			}
		}
	}
	for i, f := range order {
		// A name right before a date ties it only where the date fits: "a
		// claim made by The Washington Post on Sunday" names the report's
		// day, but "in the Kremlin on Tuesday night" names a place and
		// "Zelensky on Saturday demanded" another statement. So does a
		// noun that is what someone is asked or speaks about (in "asked
		// about the allegation on Monday" the day may be the asking's) and
		// one after an indefinite article ("in a report last month").
		if f != nil && !(i == 2 && nextName) {
			return f, false
		}
	}
	return nil, false
}

// farVerb is how many characters may stand between a verb and a date it
// surely dates ("dementierte am Montag", "said on Friday that"); further
// away, another fact that falls on the date may be what it dates.
const farVerb = 30

// fromName reports whether a noun cue is a name (capitalised, not at the
// start of its sentence) linked to date m by "from": "Kaliningrad from
// August 29" opens a period, where "the report from March 3" is the
// report's own date.
func fromName(d *Doc, cue engine.Match, m dates.Mention) bool {
	if !slices.Contains(strings.Fields(d.Lower[cue.End:m.Start]), "from") || d.Lang != "en" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(d.Body[cue.Start:])
	return unicode.IsUpper(r) && !opensSentence(d.Body, cue.Start)
}

// indefiniteWords before a noun introduce one of its kind, not the story's
// own: "claimed in a report last month" may be another report.
var indefiniteWords = map[string]bool{"a": true, "an": true, "another": true, "ein": true, "eine": true, "einem": true,
	"einen": true, "einer": true, "eines": true}

// aboutWords govern what someone is asked, speaks or writes about.
var aboutWords = map[string]bool{"about": true, "regarding": true, "concerning": true, "über": true, "zu": true, "zum": true, "zur": true}

// nameGovernors make an English name right after them another noun's
// object or a place: "the killing of Shahid Latif", "in Rawalakot".
var nameGovernors = map[string]bool{"of": true, "in": true, "at": true, "near": true}

// aboutNoun reports whether the noun at off is governed by one of
// aboutWords at most two words before it in the clause that starts at
// from: "about Estonia's allegation", "über den Bericht", "zum
// Dementi".
func aboutNoun(d *Doc, off, from int) bool {
	return governedBy(d, off, from, aboutWords)
}

// governedName reports whether the cue is an English name (capitalised,
// not opening its sentence) governed by one of nameGovernors at most two words before
// it: in "the assassination of Shahid Latif on 11 October" and "in
// Rawalakot on 8 September" the date may be the assassination's, not that
// of the fact the name is a cue of.
func governedName(d *Doc, cue engine.Match, from int) bool {
	if d.Lang != "en" {
		return false // German nouns are capitalised too: "bei den Präsidentschaftswahlen am 5. November"
	}
	r, _ := utf8.DecodeRuneInString(d.Body[cue.Start:])
	return unicode.IsUpper(r) && !opensSentence(d.Body, cue.Start) && governedBy(d, cue.Start, from, nameGovernors)
}

// governedBy reports whether one of gov stands at most two words before
// off in the clause that starts at from.
func governedBy(d *Doc, off, from int, gov map[string]bool) bool {
	words := strings.Fields(d.Lower[from:off])
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		if gov[words[i]] {
			return true
		}
	}
	return false
}

// spanBound reports whether mentions[k] is a bound of a span of two
// dates: "zwischen A und B", "between A and B", "von/vom A bis (zum) B",
// "from A to/until B", "A bis B", "A–B", and a night's "vom A auf den B".
func spanBound(d *Doc, mentions []dates.Mention, k int) bool {
	return k > 0 && spanJoined(d, mentions[k-1], mentions[k]) || opensSpanAt(d, mentions, k)
}

// opensSpanAt reports whether mentions[k] is the first bound of a span
// whose second bound is mentions[k+1].
func opensSpanAt(d *Doc, mentions []dates.Mention, k int) bool {
	return k+1 < len(mentions) && spanJoined(d, mentions[k], mentions[k+1])
}

// spanJoined reports whether the text between dates a and b joins them
// into a span.
func spanJoined(d *Doc, a, b dates.Mention) bool {
	if a.End > b.Start {
		return false
	}
	// A comma may close the first date's year: "from Nov. 18, 2023, to Feb. 18, 2024".
	between := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(d.Lower[a.End:b.Start]), ","))
	for _, w := range []string{"und", "und dem", "and", "bis", "bis zum", "bis zur", "bis am", "auf", "auf den", "to", "until", "till", "through", "-", "–"} {
		if between == w {
			return w != "und" && w != "und dem" && w != "and" || opensSpan(d.Lower[:a.Start])
		}
	}
	return false
}

// opensSpan reports whether before, the text before a date, ends with the
// word that opens a span of "A and B": "zwischen (dem)", "between".
func opensSpan(before string) bool {
	before = strings.TrimSpace(before)
	for _, w := range []string{"zwischen", "zwischen dem", "zwischen den", "between"} {
		if strings.HasSuffix(before, " "+w) || before == w {
			return true
		}
	}
	return false
}

// daysOff is how many days fact f lies outside from..to (0 inside).
func daysOff(f *Fact, from, to time.Time) int {
	switch {
	case f.Date.Before(from):
		return daysBetween(f.Date, from)
	case f.Date.After(to):
		return daysBetween(to, f.Date)
	}
	return 0
}

// possessiveNoun returns the fact of the noun a possessive date governs
// ("last Friday's deadly attack": at most two words between), nil when the
// mention is no possessive or no fact's noun follows it in the clause.
func possessiveNoun(d *Doc, m dates.Mention, c span, cues []cueHit, quoted bool) *Fact {
	rest := d.Lower[m.End:c.end]
	switch {
	case strings.HasPrefix(rest, "'s "):
		rest = rest[len("'s"):]
	case strings.HasPrefix(rest, "’s "):
		rest = rest[len("’s"):]
	default:
		return nil
	}
	after := c.end - len(rest) // where the words after the "'s" begin
	var best *Fact
	bestStart := math.MaxInt
	for _, h := range cues {
		if h.verbal || h.m.Start < after || h.m.End > c.end || d.inQuote(h.m.Start) != quoted || h.m.Start >= bestStart {
			continue
		}
		if len(strings.Fields(d.Lower[after:h.m.Start])) <= 2 {
			best, bestStart = h.fact, h.m.Start
		}
	}
	return best
}

// How a noun is linked to a date right after it.
const (
	linkNone = iota
	linkOf   // "vom", "of", "dated": the noun's own date
	linkNext // "am", "on", "at", ...: the noun's date unless a verb takes it
)

// ofLinks tie a date to the noun before them whatever the verb; nextLinks
// may also read as the verb's ("dismissed the report on Friday").
var ofLinks = map[string]bool{"vom": true, "of": true, "dated": true, "from": true}
var nextLinks = map[string]bool{"am": true, "im": true, "on": true, "at": true, "in": true, "the": true, "dem": true, "den": true, "des": true, "der": true}

// nounLink tells how between (the text from a noun cue to a date mention)
// links them: at most two linking words and spaces (a relative mention
// holds its own preposition: "die Wahl vor zwei Jahren").
func nounLink(between string, m dates.Mention) int {
	words := strings.Fields(between)
	if len(words) > 2 {
		return linkNone
	}
	link := linkNext
	for _, w := range words {
		switch {
		case ofLinks[w]:
			link = linkOf
		case !nextLinks[w]:
			return linkNone
		}
	}
	if len(words) == 0 && m.Kind != dates.Relative {
		return linkNone
	}
	return link
}

// clauseAround returns the clause of the sentence holding the mention: the
// text between the nearest clause marks (, ; : ( ) and dashes) on either
// side. A comma inside or between date mentions ("Donnerstag, 6. März",
// "March 6, 2025") or between digits does not end a clause.
func clauseAround(d *Doc, sent span, m dates.Mention, mentions []dates.Mention) span {
	inDate := func(i int) bool {
		for k, x := range mentions {
			if x.Start > i {
				break
			}
			if i < x.End {
				return true
			}
			// Between two mentions with only a comma and spaces between:
			// "Donnerstag, 6. März".
			if k+1 < len(mentions) && i < mentions[k+1].Start && strings.Trim(d.Body[x.End:mentions[k+1].Start], ", ") == "" {
				return true
			}
		}
		return false
	}
	isMark := func(i int) bool {
		switch c := d.Body[i]; c {
		case ';', ':', '(', ')':
			return true
		case ',':
			if i > 0 && i+1 < len(d.Body) && isDigit(d.Body[i-1]) && isDigit(d.Body[i+1]) {
				return false // 1,5
			}
			return !inDate(i)
		case '-':
			return i > 0 && i+1 < len(d.Body) && d.Body[i-1] == ' ' && d.Body[i+1] == ' '
		case 0xE2: // – and —
			return strings.HasPrefix(d.Body[i:], "–") || strings.HasPrefix(d.Body[i:], "—")
		}
		return false
	}
	c := sent
	for i := m.Start - 1; i >= sent.start; i-- {
		if isMark(i) {
			c.start = i + 1
			break
		}
		if clauseWordAt(d, i) {
			c.start = i
			break
		}
	}
	for i := m.End; i < sent.end; i++ {
		if isMark(i) || clauseWordAt(d, i) {
			c.end = i
			break
		}
	}
	// A sentence ends at a line break, and a page may break a line inside
	// a date ("am 5.\nSeptember"): the clause takes the whole date.
	c.start, c.end = min(c.start, m.Start), max(c.end, m.End)
	return c
}

// clauseWords open a clause of their own: what a reporting verb reports
// ("reported on November 10 that Trump had spoken on November 7") is not
// the verb's event.
var clauseWords = map[string]bool{"dass": true, "daß": true, "wonach": true, "ob": true, "that": true, "whether": true}

// coordinators join clauses when a verb follows them: "was published on
// the channel and dated Dec. 16", "dementierte und nannte es am Freitag …",
// "was arrested on Friday and has now been charged".
var coordinators = map[string]bool{"und": true, "and": true, "aber": true, "but": true, "sondern": true}

// englishAuxiliaries open a verb phrase after a coordinator.
var englishAuxiliaries = map[string]bool{"has": true, "have": true, "had": true, "was": true, "were": true, "is": true,
	"are": true, "will": true, "would": true}

// clauseWordAt reports whether a clause begins at i, after a space: one of
// clauseWords, or a coordinator with a verb after it (in German a word in
// lower case; in English one in -ed, a known verb form or an auxiliary).
func clauseWordAt(d *Doc, i int) bool {
	if i == 0 || d.Body[i-1] != ' ' {
		return false
	}
	w := wordAfter(d.Lower, i, min(len(d.Lower), i+8))
	if w == "" || i+len(w) < len(d.Lower) && wordStartsAt(d.Body, i+len(w)) {
		return false
	}
	if clauseWords[w] {
		return true
	}
	if !coordinators[w] {
		return false
	}
	next := i + len(w) + 1
	if next >= len(d.Body) || d.Body[next-1] != ' ' {
		return false
	}
	v := wordAfter(d.Lower, next, min(len(d.Lower), next+24))
	if v == "" {
		return false
	}
	if d.Lang == "en" {
		return strings.HasSuffix(v, "ed") || englishVerbs[v] || englishAuxiliaries[v]
	}
	r, _ := utf8.DecodeRuneInString(d.Body[next:])
	return unicode.IsLower(r)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// daysBetween is the whole days from a to b (negative when b is earlier).
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return int(time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)).Hours() / 24)
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

func (c *dateFacts) apply(d *Doc) outcome {
	if d.Story == nil {
		return notApplied("not scored: the article matches no story")
	}
	if d.reference().IsZero() {
		return notApplied("not scored: no publication date and no story facts to place dates")
	}
	tied := c.tieDates(d)
	var hits []hit
	switch c.spec.Check {
	case "mismatch":
		for _, t := range tied {
			switch {
			case t.agree:
			case t.off > 0 && repeatedAt(d, t.m.Start):
				// "wies zuletzt am Mittwoch alle Vorwürfe zurück", "denied it
				// again on Friday": a later repetition of the fact, no error.
				info := sourcescore.SeverityInfo
				hits = append(hits, hit{start: t.m.Start, end: t.m.End, severity: &info, message: true,
					detail: fmt.Sprintf("%q is given for a repetition of %s (%s), %s: not its first date",
						t.m.Text, factName(t.fact), t.fact.Date.Format("2006-01-02"), dayWord(t.off))})
			case abs(t.off) <= t.fact.Tolerance:
				// Within the fact's tolerance: a report dated in another
				// time zone, not an error.
				info := sourcescore.SeverityInfo
				hits = append(hits, hit{start: t.m.Start, end: t.m.End, severity: &info, message: true,
					detail: fmt.Sprintf("%s (%s) is given as %q, %s: within its tolerance of %s (time zones)",
						factName(t.fact), t.fact.Date.Format("2006-01-02"), t.m.Text, dayWord(t.off), plural(t.fact.Tolerance, "day"))})
			default:
				hits = append(hits, hit{start: t.m.Start, end: t.m.End,
					detail: fmt.Sprintf("%q is given for %s, which was on %s", t.m.Text, factName(t.fact), t.fact.Date.Format("2006-01-02"))})
			}
		}
	case "conflict":
		byFact := map[string][]tiedDate{}
		var order []string
		for _, t := range tied {
			if repeatedAt(d, t.m.Start) {
				continue // a repetition's date, not the fact's
			}
			if _, ok := byFact[t.fact.ID]; !ok {
				order = append(order, t.fact.ID)
			}
			byFact[t.fact.ID] = append(byFact[t.fact.ID], t)
		}
		sort.Strings(order)
		for _, id := range order {
			ts := byFact[id]
			for _, t := range ts[1:] {
				if daysApart(ts[0], t) > t.fact.Tolerance {
					hits = append(hits, hit{start: t.m.Start, end: t.m.End,
						detail: fmt.Sprintf("%s is given as %q here and as %q at line %d", factName(t.fact), t.m.Text, ts[0].m.Text, d.A.Position(ts[0].m.Start).Line)})
					break
				}
			}
		}
	}
	counted := 0
	for _, h := range hits {
		if h.severity == nil {
			counted++
		}
	}
	note := fmt.Sprintf("%d dates tied to story facts, %d findings", len(tied), counted)
	return outcome{score: penaltyScore(float64(counted), c.spec.PerIssue, 1), note: note, hits: hits}
}

// repeatWords, right before a date, say that what happened then happened
// before too: the date is of a repetition, not of the first time.
var repeatWords = map[string]bool{"zuletzt": true, "erneut": true, "wieder": true, "wiederum": true, "abermals": true,
	"nochmals": true, "again": true, "anew": true, "recently": true, "latest": true}

// repeatedAt reports whether one of the two words before off, where a
// date mention begins (its preposition and article skipped: "zuletzt am
// Mittwoch", "again on Friday", "most recently on Friday"), is a word of
// repetition.
func repeatedAt(d *Doc, off int) bool {
	for k := 0; k < 3; k++ {
		w := wordBefore(d.Lower, off)
		if w == "" {
			return false
		}
		if repeatWords[w] {
			return true
		}
		switch w {
		case "am", "an", "on", "at", "the", "in", "im", "seit":
		default:
			if k > 0 {
				return false
			}
		}
		off = strings.LastIndex(d.Lower[:off], w)
		if off < 0 {
			return false
		}
	}
	return false
}

// daysApart is how many days lie between the days two mentions name: 0
// when they share one ("two years ago" and "Feb. 16, 2024" in an article of
// February 2026; "am Freitag" and "am 25. Oktober").
func daysApart(a, b tiedDate) int {
	switch {
	case b.day.After(a.last):
		return daysBetween(a.last, b.day)
	case a.day.After(b.last):
		return daysBetween(b.last, a.day)
	}
	return 0
}

// dayWord says how far a date is from its fact: "the next day", "2 days
// before".
func dayWord(off int) string {
	switch off {
	case 1:
		return "the next day"
	case -1:
		return "the day before"
	}
	if off > 0 {
		return fmt.Sprintf("%d days after", off)
	}
	return fmt.Sprintf("%d days before", -off)
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
	StartMarkers   []string `yaml:"start_markers"`    // after_publication: words right before a date that make it when something starts ("ab dem", "from", "as of"), which may lie ahead
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
		starts := make([]string, 0, len(s.StartMarkers))
		for _, w := range s.StartMarkers {
			if w = strings.TrimSpace(w); w != "" {
				starts = append(starts, sourcescore.LowerSameLength(w))
			}
		}
		return &datePublication{spec: s, past: ls.eng.Phrases(s.PastMarkers), future: ls.eng.Phrases(s.FutureMarkers), starts: starts}
	},
}

type datePublication struct {
	spec         *datePublicationSpec
	past, future *engine.PhraseSet
	starts       []string // start_markers, lower-cased
}

var _ checker = (*datePublication)(nil)

func (c *datePublication) apply(d *Doc) outcome {
	switch c.spec.Check {
	case "missing":
		if d.Published.IsZero() {
			return outcome{score: 0, note: "no publication date", hits: []hit{{start: -1, detail: "neither the manifest nor the text gives one"}}}
		}
		how := "from the manifest"
		switch d.A.Meta.Origin("published") {
		case sourcescore.OriginText:
			how = "inferred from the text"
		case sourcescore.OriginPage:
			how = "from the page's metadata"
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
		if days < 0 {
			// Published while the story still went on: not stale. (Measured
			// against the story as it stood then, the quiet weeks between
			// the developments a story file lists would count as stale.)
			unit := "days"
			if days == -1 {
				unit = "day"
			}
			return outcome{score: 1, note: fmt.Sprintf("published %s, %d %s before the story's last development (%s)", d.Published.Format("2006-01-02"), -days, unit, last.Format("2006-01-02"))}
		}
		note := fmt.Sprintf("published %d days after the story's last development (%s)", days, last.Format("2006-01-02"))
		if days > c.spec.StaleAfterDays {
			if m, ago, ok := freshDate(d, c.spec.StaleAfterDays); ok {
				// A development the story file does not list (a court's
				// ruling years later): the article is news of its own, not
				// stale. Looked for only where the article would be.
				return outcome{score: 1, note: fmt.Sprintf("%s, but it reports a development of its own: %q, %d days before publication", note, m.Text, ago)}
			}
			return outcome{score: 0, note: note, hits: []hit{{start: -1, detail: fmt.Sprintf("published %s, %d days after the story's last development on %s (threshold %d days)", d.Published.Format("2006-01-02"), days, last.Format("2006-01-02"), c.spec.StaleAfterDays)}}}
		}
		return outcome{score: 1, note: note}
	}
}

// freshDate returns the first date with day, month and year in the text
// (not a page's date line, timestamp or dateline) that lies on the
// publication day or up to within days before it, and how many days
// before: what the article reports happened then.
func freshDate(d *Doc, within int) (m dates.Mention, ago int, ok bool) {
	for _, m := range d.dates() {
		if m.Kind != dates.Full || stampLine(d, m.Start) || timestampLine(d, m.Start) || inDateline(d, m) || publishingSentence(d, m.Start) {
			continue
		}
		from, _, ok := m.Resolve(d.Published)
		if !ok || from.After(d.Published) {
			continue
		}
		if ago := daysBetween(from, d.Published); ago <= within {
			return m, ago, true
		}
	}
	return dates.Mention{}, 0, false
}

// publishingSentence reports whether the sentence at off says when the
// page itself was published, sent or changed ("Diese Nachricht wurde am
// 05.08.2025 im Programm Deutschlandfunk gesendet", "This article was
// updated on …"), or its line holds the page's address: its date is the
// page's, not a development's.
func publishingSentence(d *Doc, off int) bool {
	si := d.sentenceAt(off)
	if si < 0 {
		return false
	}
	s := d.sentences[si]
	if ls, le := d.lineOf(off); strings.Contains(d.Lower[ls:le], "http://") || strings.Contains(d.Lower[ls:le], "https://") {
		return true // a line with the page's address: its metadata
	}
	for _, w := range strings.FieldsFunc(d.Lower[s.start:s.end], func(r rune) bool { return !isWordRune(r) }) {
		if publishingWords[w] {
			return true
		}
	}
	return false
}

// publishingWords are the verbs a page's own line about it uses.
var publishingWords = map[string]bool{"veröffentlicht": true, "gesendet": true, "erschienen": true, "aktualisiert": true,
	"ausgestrahlt": true, "published": true, "updated": true, "posted": true, "broadcast": true, "aired": true}

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
		if c.formats[m.Format] && !timestampLine(d, m.Start) {
			hits = append(hits, hit{start: m.Start, end: m.End, detail: fmt.Sprintf("%q is written %s", m.Text, m.Format)})
		}
	}
	score, counted := c.spec.score(len(hits), d.A.Words)
	return outcome{score: score, note: "dates in a foreign format: " + counted, hits: hits}
}

// timestampLine reports whether the date at off stands in a page's
// timestamp: a line of at most maxTimestampWords words that holds a clock
// time ("11:11 GMT 22.08.2022 (Updated: 11:19 GMT 22.08.2022)"). The site
// prints it in its own format; it is page furniture, not the article's
// writing.
func timestampLine(d *Doc, off int) bool {
	start, end := d.lineOf(off)
	line := d.Body[start:end]
	if len(strings.Fields(line)) > maxTimestampWords {
		return false
	}
	for i := 1; i+2 < len(line); i++ {
		if line[i] == ':' && isDigit(line[i-1]) && isDigit(line[i+1]) && isDigit(line[i+2]) && (i+3 == len(line) || !isDigit(line[i+3])) {
			return true
		}
	}
	return false
}

// maxTimestampWords is the longest line, in words, that timestampLine takes
// for a page's timestamp.
const maxTimestampWords = 12

// afterPublication reports day-precise dates after the publication date in
// sentences that report the past (a past marker, no future marker).
func (c *datePublication) afterPublication(d *Doc) outcome {
	if d.Published.IsZero() {
		return notApplied("not scored: no publication date")
	}
	// The past and future wording is searched only once a date lies after
	// publication, which few articles hold.
	var past, future []engine.Match
	searched := false
	var hits []hit
	mentions := d.dates()
	for k, m := range mentions {
		if m.Kind != dates.Full && m.Kind != dates.DayMonth {
			continue
		}
		from, _, ok := m.Resolve(d.Published)
		if !ok || !from.After(d.Published) {
			continue
		}
		if m.Kind == dates.DayMonth && daysBetween(d.Published, from) > yearlessAhead {
			continue // "am 23. Februar" in a December article: more likely last February than next
		}
		if m.Kind == dates.DayMonth && inStoryTime(d, from.AddDate(-1, 0, 0)) {
			continue // "on May 9" in a March article on a story of last May: last year's May 9
		}
		si := d.sentenceAt(m.Start)
		if si < 0 {
			continue
		}
		s := d.sentences[si]
		if !searched {
			past, future, searched = d.find(c.past), d.find(c.future), true
		}
		if countIn(past, s) == 0 || countIn(future, s) > 0 || c.startsAt(d.Lower[s.start:m.Start]) {
			continue
		}
		if k > 0 && mentions[k-1].Start >= s.start && spanJoined(d, mentions[k-1], m) && c.startsAt(d.Lower[s.start:mentions[k-1].Start]) {
			continue // "closed from November 18 to February 18": the end of a period that starts, which may lie ahead too
		}
		hits = append(hits, hit{start: m.Start, end: m.End, detail: fmt.Sprintf("%q is reported as past but lies after the publication date %s", m.Text, d.Published.Format("2006-01-02"))})
	}
	return outcome{score: penaltyScore(float64(len(hits)), c.spec.PerIssue, 1), note: fmt.Sprintf("%d past events dated after publication", len(hits)), hits: hits}
}

// startsAt reports whether before, the lower-cased text of the sentence
// before a date, ends with one of the start markers as whole words: "the
// consulate closes from August 29", "ab dem 1. September".
func (c *datePublication) startsAt(before string) bool {
	before = strings.TrimRight(before, " \t\n")
	for _, w := range c.starts {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !wordEndsAt(before, len(before)-len(w))) {
			return true
		}
	}
	return false
}

// yearlessAhead is how many days after publication a date without a year
// may lie and still be read as this year's: further ahead, a past event of
// an earlier year is the likelier reading, and nothing is reported.
const yearlessAhead = 60

// countIn counts the matches inside a span.
func countIn(ms []engine.Match, s span) int {
	n := 0
	for _, m := range ms {
		if m.Start >= s.start && m.End <= s.end {
			n++
		}
	}
	return n
}

// weekday reports a weekday right before a full date that falls on another
// day ("am Freitag, 24. Oktober 2024": the 24th was a Thursday). A date
// without a year is read in the year nearest the publication; where its
// weekday fits the year before or after and that day lies within the
// story's time ("Sunday March 27" in a page of 2023 recounting a story of
// 2022), the pair names that year's day, not a wrong one.
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
		if from.Weekday() != w.Weekday && !(day.Kind == dates.DayMonth && fitsStoryYear(d, from, w.Weekday)) {
			hits = append(hits, hit{start: w.Start, end: day.End, detail: fmt.Sprintf("%s was a %s", from.Format("2006-01-02"), from.Weekday())})
		}
	}
	return outcome{score: penaltyScore(float64(len(hits)), c.spec.PerIssue, 1), note: fmt.Sprintf("%d weekday-and-date pairs, %d wrong", checked, len(hits)), hits: hits}
}

// inStoryTime reports whether t lies within a month of the span of the
// story's facts.
func inStoryTime(d *Doc, t time.Time) bool {
	if d.Story == nil || len(d.Story.Facts) == 0 {
		return false
	}
	first, last := d.Story.Facts[0].Date, d.Story.Facts[0].Date
	for _, f := range d.Story.Facts {
		first, last = minTime(first, f.Date), maxTime(last, f.Date)
	}
	return !t.Before(first.AddDate(0, -1, 0)) && !t.After(last.AddDate(0, 1, 0))
}

// fitsStoryYear reports whether the day of from falls on weekday wd in the
// year before or after, within a month of the span of the story's facts.
func fitsStoryYear(d *Doc, from time.Time, wd time.Weekday) bool {
	for _, y := range []int{-1, 1} {
		t := from.AddDate(y, 0, 0)
		if t.Day() == from.Day() && t.Weekday() == wd && inStoryTime(d, t) {
			return true
		}
	}
	return false
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
