package rules

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"sourcescore"
)

// Result is what a rule set says about one article.
type Result struct {
	Story         string                  // the story the article was scored against; "" when none
	StoryInferred bool                    // true when the story was recognised from the text, not taken from the manifest
	Rules         []sourcescore.RuleScore // one per rule, sorted by rule id
	Findings      []sourcescore.Finding   // sorted by position, then rule id
	Notes         *sourcescore.StoryNotes // what the article says about its story's facts and claims, for the story comparison; nil when it matches no story
	fired         map[string]bool         // rules that reported a problem (not only positive evidence)
}

// Fired reports whether a rule reported a problem in the article: a
// finding other than positive evidence (a named source, the denial found).
// target may also be a family name: then any rule of the family counts.
func (r Result) Fired(target string) bool {
	if r.fired[target] {
		return true
	}
	for id := range r.fired {
		if strings.HasPrefix(id, target+".") {
			return true
		}
	}
	return false
}

// doc makes the article's Doc, with no story yet.
func (s *Set) doc(a *sourcescore.Article) *Doc {
	lower := a.Lower
	if len(lower) != len(a.Body) {
		lower = sourcescore.LowerSameLength(a.Body)
	}
	return newDoc(a, nil, lower, s.eng)
}

// prepare makes the article's Doc and finds its story: the manifest's
// story when the set knows it (none when it does not), else, of the
// stories whose match rules fit the body, the one whose match phrases
// occur most (the first by id on a tie).
func (s *Set) prepare(a *sourcescore.Article) (d *Doc, inferred bool) {
	d = s.doc(a)
	if a.Meta.Story != "" {
		for _, x := range s.Stories {
			if x.ID == a.Meta.Story {
				d.Story = x
			}
		}
		return d, false
	}
	// Of the stories whose match rules fit, the one the text names most
	// (articles about one story often mention a related one).
	best := 0
	for _, x := range s.Stories {
		if n := x.matchCount(d); n > best {
			d.Story, best = x, n
		}
	}
	return d, d.Story != nil
}

// Apply runs every rule on the article. It does no I/O and does not modify
// the article, so it is safe to call from many goroutines.
func (s *Set) Apply(a *sourcescore.Article) Result {
	d, inferred := s.prepare(a)
	res := Result{StoryInferred: inferred, fired: map[string]bool{}}
	if len(s.Rules) > 0 {
		res.Rules = make([]sourcescore.RuleScore, 0, len(s.Rules))
	}
	if d.Story != nil {
		res.Story = d.Story.ID
	}
	outcomes := make([]outcome, len(s.Rules))
	// The translation family reads the text without its lines in the
	// other language (foreignLines); the combined judgement says which.
	dt, foreign := s.translationDoc(a, d)
	if dt != d {
		defer dt.release()
	}
	s.applyAll(d, dt, outcomes)
	if foreign != nil {
		note := foreignNote(a, foreign)
		for i, r := range s.Rules {
			if _, ok := r.check.(*combined); ok && r.family == sourcescore.FamilyTranslation && outcomes[i].skip == "" {
				outcomes[i].note += note
			}
		}
	}
	hits := 0
	for i := range outcomes {
		if outcomes[i].skip == "" {
			hits += len(outcomes[i].hits)
		}
	}
	res.Findings = make([]sourcescore.Finding, 0, hits)
	for i, r := range s.Rules {
		o := &outcomes[i]
		rs := sourcescore.RuleScore{RuleID: r.ID, Family: r.family, Weight: r.Weight}
		if o.skip != "" {
			rs.Note = o.skip
			res.Rules = append(res.Rules, rs)
			continue
		}
		rs.Applied = true
		rs.Score = clamp01(o.score)
		rs.Note = o.note
		res.Rules = append(res.Rules, rs)
		for _, h := range o.hits {
			res.Findings = append(res.Findings, r.finding(a, h))
			if !h.own {
				res.fired[r.ID] = true
			}
		}
	}
	if len(res.Findings) == 0 {
		res.Findings = nil
	}
	slices.SortStableFunc(res.Findings, func(fi, fj sourcescore.Finding) int {
		if c := cmp.Compare(fi.Pos.Line, fj.Pos.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(fi.Pos.Column, fj.Pos.Column); c != 0 {
			return c
		}
		return strings.Compare(fi.RuleID, fj.RuleID)
	})
	res.Notes = s.storyNotes(d, outcomes)
	d.release()
	return res
}

// applyAll fills outcomes[i] with what s.Rules[i] says about the Doc:
// first every rule that reads the text, then the combined rules, which
// read the others' outcomes.
func (s *Set) applyAll(d, dt *Doc, outcomes []outcome) {
	doc := func(r *Rule) *Doc {
		if r.family == sourcescore.FamilyTranslation {
			return dt
		}
		return d
	}
	late := false
	for i, r := range s.Rules {
		if _, ok := r.check.(*combined); ok {
			late = true
			continue
		}
		outcomes[i] = s.applyOne(r, doc(r), nil)
	}
	if !late {
		return
	}
	for i, r := range s.Rules {
		if _, ok := r.check.(*combined); ok {
			outcomes[i] = s.applyOne(r, doc(r), outcomes)
		}
	}
}

// translationDoc is the Doc the translation family reads: d, or, when the
// article has lines in the other language or HTML tags left in its text
// ('<span class="copyright">' of a page copied with its markup), a Doc of
// its text with them blanked (release it when done), with the lines'
// offsets. A tag's words ("span", "class") are no English left
// untranslated, and text on both sides of it no glued words.
func (s *Set) translationDoc(a *sourcescore.Article, d *Doc) (*Doc, []int) {
	body, low, foreign := foreignLines(d)
	if foreign == nil {
		body, low = d.Body, d.Lower
	}
	body, low, tags := blankTags(body, low)
	if foreign == nil && !tags {
		return d, nil
	}
	masked := *a
	masked.Body = body
	return newDoc(&masked, d.Story, low, s.eng), foreign
}

// tagRE is an HTML tag: its name (submatch 1), then attributes up to its
// ">".
var tagRE = regexp.MustCompile(`</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>\n]{0,200})?/?>`)

// blockTags are the HTML elements that make a paragraph or a line of their
// own.
var blockTags = map[string]bool{"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "tr": true, "td": true, "th": true, "table": true,
	"blockquote": true, "section": true, "article": true, "header": true, "footer": true, "figure": true,
	"figcaption": true}

// blankTags returns body and low, its lower-cased text, with every HTML
// tag replaced by spaces, a block element's by a line break and spaces
// (every offset stays: "Security.</p>." is no sentence closed twice), and
// whether there was one.
func blankTags(body, low string) (string, string, bool) {
	if !strings.Contains(body, "<") {
		return body, low, false
	}
	locs := tagRE.FindAllStringSubmatchIndex(body, -1)
	if locs == nil {
		return body, low, false
	}
	b, l := []byte(body), []byte(low)
	for _, loc := range locs {
		for i := loc[0]; i < loc[1]; i++ {
			b[i], l[i] = ' ', ' '
		}
		if blockTags[strings.ToLower(body[loc[2]:loc[3]])] {
			b[loc[0]], l[loc[0]] = '\n', '\n'
		}
	}
	return string(b), string(l), true
}

// foreignNote says which lines the translation family left out.
func foreignNote(a *sourcescore.Article, at []int) string {
	lines := make([]string, len(at))
	for i, off := range at {
		lines[i] = strconv.Itoa(a.Position(off).Line)
	}
	word := "line"
	if len(at) > 1 {
		word = "lines"
	}
	return fmt.Sprintf("; %s %s in the other language left out (a quotation or an embedded post)", word, strings.Join(lines, ", "))
}

// applyOne is one rule's outcome on the Doc: not applied when the rule is
// for other languages; a combined rule reads outcomes, the others' results.
func (s *Set) applyOne(r *Rule, d *Doc, outcomes []outcome) outcome {
	if !r.appliesTo(d.Lang) {
		return notApplied("not scored: rule is for " + strings.Join(r.Languages, ", ") + ", article language is " + langName(d.Lang))
	}
	if c, ok := r.check.(*combined); ok {
		return c.combine(d, s.Rules, outcomes)
	}
	return r.check.apply(d)
}

func langName(l string) string {
	if l == "" {
		return "unknown"
	}
	return l
}

func (r *Rule) appliesTo(lang string) bool {
	if len(r.Languages) == 0 {
		return true
	}
	for _, l := range r.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// finding places a hit in the original file.
func (r *Rule) finding(a *sourcescore.Article, h hit) sourcescore.Finding {
	f := sourcescore.Finding{RuleID: r.ID, Family: r.family, Severity: r.severity, Message: r.Message, Offset: -1}
	if h.severity != nil {
		f.Severity = *h.severity
	}
	switch {
	case h.own, h.message:
		f.Message = h.detail
	case h.detail != "":
		f.Message = r.Message + ": " + h.detail
	}
	if h.start >= 0 {
		f.Offset = h.start
		// A copy: the finding outlives the article's text (reports hold
		// findings back for the workbook, the story comparison keeps its
		// notes), and a substring would keep the whole text alive.
		f.Evidence = strings.Clone(strings.TrimSpace(a.Text[h.start:h.end]))
		f.Pos = a.Position(h.start)
	}
	return f
}

func clamp01(v float64) float64 {
	switch {
	case v < 0:
		return 0
	case v > 1:
		return 1
	}
	return v
}

// evidence returns the text of a span of the body, trimmed.
func (d *Doc) evidence(start, end int) string {
	return strings.Clone(strings.TrimSpace(d.Body[start:end])) // a copy, as in finding
}
