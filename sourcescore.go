package sourcescore

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors. Packages wrap them with context; callers match them with
// errors.Is.
var (
	// ErrConfig marks an error the user must fix in flags, rule files or the
	// manifest. The command line exits 2 on it.
	ErrConfig = errors.New("configuration error")
	// ErrBadArticle marks an input file that cannot be scored (unreadable,
	// empty, binary). The run records it as skipped and goes on.
	ErrBadArticle = errors.New("bad article")
	// ErrNotFound marks a run, article or outlet that is not in the database.
	ErrNotFound = errors.New("not found")
)

// Severity says how bad a finding is.
type Severity int

// The severities, from least to most severe.
const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityError
)

var severityNames = []string{"info", "warning", "error"}

// String returns the severity's name as rule files and reports spell it.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if s == n {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("severity %q must be one of %s", s, strings.Join(severityNames, ", "))
}

// SeverityNames lists the valid severity names in order.
func SeverityNames() []string { return append([]string(nil), severityNames...) }

// Family is one of the four judgements sourcescore makes.
type Family string

// The four families.
const (
	FamilySourcing    Family = "sourcing"
	FamilyDates       Family = "dates"
	FamilyDenial      Family = "denial"
	FamilyTranslation Family = "translation"
)

// Families lists the families in report order.
var Families = []Family{FamilySourcing, FamilyDates, FamilyDenial, FamilyTranslation}

// ValidFamily reports whether f is one of Families.
func ValidFamily(f Family) bool {
	for _, g := range Families {
		if f == g {
			return true
		}
	}
	return false
}

// UnknownOutlet is the outlet name reports, the database's views and the
// terminal use for articles whose outlet is neither in the manifest nor in
// the text.
const UnknownOutlet = "(unknown)"

// NoStory is the story of an outlet's row for its articles that match no
// story (OutletScore.Story), as outlet_scores.csv writes it.
const NoStory = "(no story)"

// AllStories is how outlet_scores.csv names the story of an outlet's row
// over all its articles, whatever their story (OutletScore.Story "").
const AllStories = "(all stories)"

// Metadata is what is known about an article besides its text.
type Metadata struct {
	Outlet    string    // publishing outlet; "" when unknown
	URL       string    // where it was published; "" when unknown
	Published time.Time // publication date (UTC); zero when unknown
	Language  string    // ISO 639-1 code ("de", "en"); "" when unknown
	Story     string    // story id the article belongs to; "" when none matched
	Inferred  []string  // fields taken from the text rather than the manifest, e.g. "published"
	FromPage  []string  // fields taken from the page's own metadata (HTML meta tags, JSON-LD, a crawler's JSON) rather than the manifest, e.g. "outlet"

	// Title and Author come from a page's metadata or a crawler's JSON
	// only; the database does not keep them ("" when unknown, and in an
	// article read back from it).
	Title  string
	Author string
}

// OutletName returns the outlet, or UnknownOutlet when it is empty.
func (m Metadata) OutletName() string {
	if m.Outlet == "" {
		return UnknownOutlet
	}
	return m.Outlet
}

// PublishedString formats the publication date as YYYY-MM-DD, or "" when unknown.
func (m Metadata) PublishedString() string {
	if m.Published.IsZero() {
		return ""
	}
	return m.Published.Format("2006-01-02")
}

// IsInferred reports whether field was inferred from the text.
func (m Metadata) IsInferred(field string) bool {
	for _, f := range m.Inferred {
		if f == field {
			return true
		}
	}
	return false
}

// IsFromPage reports whether field was taken from the page's own metadata
// (or a crawler's JSON).
func (m Metadata) IsFromPage(field string) bool {
	for _, f := range m.FromPage {
		if f == field {
			return true
		}
	}
	return false
}

// The origins Origin reports.
const (
	OriginManifest = "manifest" // the manifest gave it
	OriginPage     = "page"     // the page's metadata or the crawler's JSON gave it
	OriginText     = "text"     // it was inferred from the text (or, for the story, by the rules)
)

// Origin says where field's value came from: OriginPage, OriginText, or
// else OriginManifest (which a field without a value also gets: callers
// check the value first).
func (m Metadata) Origin(field string) string {
	switch {
	case m.IsFromPage(field):
		return OriginPage
	case m.IsInferred(field):
		return OriginText
	}
	return OriginManifest
}

// Article is one input file, decoded and normalised.
type Article struct {
	ID          string     // stable id: derived from File, the same across runs
	File        string     // its source: path relative to the input folder, with forward slashes; for an article of a .jsonl file, the file and line ("crawl.jsonl:3")
	ContentHash string     // hex SHA-256 of the file's bytes as read (of the line's, for a .jsonl article)
	FileState   string     // the file's identity, size and times when it was read (ingest.Source.State); "" when not taken. Stored per run: a later run that finds the file in the same state trusts it unchanged without reading it
	Meta        Metadata   // manifest and inferred metadata
	Text        string     // the whole file as UTF-8, NFC, with '\n' line ends, and mojibake repaired (see Repaired)
	Repaired    string     // what ingest repaired in the text, for the log ("3 characters repaired: …"); "" when nothing
	Body        string     // Text with boilerplate blanked out: same length, same line breaks
	Lower       string     // Body lower-cased by LowerSameLength (same offsets), or "" when not made
	Words       int        // words in Body
	Lines       *LineIndex // maps byte offsets of Text (and Body) to the original file
}

// Position returns the line and column in the original file of a byte
// offset in Text or Body.
func (a *Article) Position(offset int) Position {
	if a.Lines == nil {
		a.Lines = NewLineIndex(a.Text, nil)
	}
	return a.Lines.Position(offset)
}

// Finding is one piece of evidence a rule found (or missed) in an article.
type Finding struct {
	RuleID   string   // namespaced rule id, e.g. "dates.fact_mismatch"
	Family   Family   // the rule's family
	Severity Severity // how bad it is
	Message  string   // what it means, for the analyst
	Evidence string   // the exact words from the text; "" for findings about absence
	Offset   int      // byte offset of Evidence in Article.Text; -1 for absence findings
	Pos      Position // line and column of Evidence in the original file; zero for absence findings
}

// RuleScore is the score one rule gave one article.
type RuleScore struct {
	RuleID  string  // the rule
	Family  Family  // its family
	Score   float64 // 0 (worst) to 1 (best)
	Weight  float64 // the rule's weight inside its family
	Applied bool    // false when the rule does not apply (language, no story); then Score is not used
	Note    string  // why it scored so, or why it did not apply
}

// FamilyScore is the weighted mean of a family's applied rules.
type FamilyScore struct {
	Family Family  // the family
	Score  float64 // 0 to 100
	Weight float64 // the family's weight in the article score
	Scored bool    // false when no rule of the family applied ("not scored")
	Note   string  // why it was not scored
}

// ArticleScore is everything the rules said about one article.
type ArticleScore struct {
	Article   *Article      // the article scored
	NotScored string        // why the article has no score ("language not detected"); "" when it has one
	Score     float64       // 0 to 100, higher is more reliable: Uncapped, lowered by the grade caps that applied; 0 and unused when NotScored
	Grade     string        // grade band of Score, e.g. "A"; "" when NotScored
	Uncapped  float64       // the weighted mean of the families, before grade caps; equal to Score when no cap lowered it
	Caps      []AppliedCap  // the grade caps that applied, in the order of ScoringConfig.Caps; none when none applied
	Families  []FamilyScore // one per family, in Families order
	Rules     []RuleScore   // one per rule, sorted by rule id
	Findings  []Finding     // sorted by position, then rule id
	Notes     *StoryNotes   // what the article says about its story's facts and claims; nil when it matches no story, and in runs stored before notes were kept
}

// Scored reports whether the article has a score: NotScored is "".
func (s *ArticleScore) Scored() bool { return s.NotScored == "" }

// Status is what reports write in an article's status column: "scored",
// or "not scored: " and the reason.
func (s *ArticleScore) Status() string {
	if s.Scored() {
		return "scored"
	}
	return "not scored: " + s.NotScored
}

// CapPoints returns the points the grade caps took from the article score:
// Uncapped − Score, or 0 when no cap lowered it.
func (s *ArticleScore) CapPoints() float64 {
	if len(s.Caps) == 0 || s.Uncapped <= s.Score {
		return 0
	}
	return s.Uncapped - s.Score
}

// CapsString lists the caps that applied as reports show them, e.g.
// "C by translation.likely_mt; D by family dates", or "" when none did.
func (s *ArticleScore) CapsString() string {
	parts := make([]string, len(s.Caps))
	for i, c := range s.Caps {
		parts[i] = c.String()
	}
	return strings.Join(parts, "; ")
}

// OutletScore aggregates an outlet's articles in one run.
type OutletScore struct {
	Outlet    string  // outlet name, UnknownOutlet for articles without one
	Story     string  // the story of the articles the row covers, NoStory for those matching none; "" for all of them (the outlet's score)
	Articles  int     // articles of the outlet in the run that have a score: the ones Score averages
	NotScored int     // articles of the outlet in the run that have no score (ArticleScore.NotScored); not averaged
	Score     float64 // mean article score, 0 to 100; 0 and unused when Articles is 0
	Grade     string  // grade band of Score; "" when Articles is 0
}

// Scored reports whether the outlet has a score: at least one of its
// articles has one.
func (o OutletScore) Scored() bool { return o.Articles > 0 }

// RunStatus is the state of a run in the database.
type RunStatus string

// The run states.
const (
	RunRunning   RunStatus = "running"
	RunSucceeded RunStatus = "succeeded"
	RunFailed    RunStatus = "failed"
)

// Run is one pass of the job over an input folder.
type Run struct {
	ID          int64     // database id
	Started     time.Time // when it began (UTC)
	Ended       time.Time // when it ended (UTC); zero while running
	Status      RunStatus // running, succeeded or failed
	Input       string    // the input folder
	RuleSetHash string    // hash of the whole rule set
	Program     string    // the program that scored it: its version and a hash of its executable ("" when not known)
	Articles    int       // articles scored
	Reused      int       // of Articles, those whose results were reused from an earlier run, not scored again
	Skipped     int       // inputs skipped
	Findings    int       // findings recorded
	Error       string    // why it failed; "" otherwise
}

// Skipped is an input file the run could not score, and why.
type Skipped struct {
	File   string // path relative to the input folder
	Reason string // what is wrong with it
}

// GradeBand is one grade and the lowest score that earns it.
type GradeBand struct {
	Grade string  // the grade's label, e.g. "A"
	Min   float64 // the lowest article or outlet score (0–100) with this grade
}

// GradeCap is an outcome that limits the grade an article can get: when
// its rule was applied (its family was scored) and scored at most AtMost,
// the article score is at most the top of Grade's band. Exactly one of
// RuleID and Family is set.
type GradeCap struct {
	RuleID string  // a rule id of the rule set; "" for a family cap
	Family Family  // a family; "" for a rule cap
	AtMost float64 // the cap applies at this score or below: 0–1 for a rule, 0–100 for a family
	Grade  string  // the best grade the article can then get: one of the grade bands
}

// Source names what the cap looks at: the rule id, or "family " and the
// family.
func (c GradeCap) Source() string {
	if c.RuleID != "" {
		return c.RuleID
	}
	return "family " + string(c.Family)
}

// AppliedCap is a grade cap that applied to one article.
type AppliedCap struct {
	GradeCap
	Score float64 // the score that made it apply: the rule's (0–1) or the family's (0–100)
	Limit float64 // the highest article score it allows: the top of its grade's band (100 for the best grade)
}

// String says which grade the cap allows at most and why, as reports show
// it: "C by translation.likely_mt", "D by family dates".
func (c AppliedCap) String() string { return c.Grade + " by " + c.Source() }

// ScoringConfig is how rule scores become family and article scores. It is
// part of the rule set.
type ScoringConfig struct {
	Families map[Family]float64 // weight of each family in the article score; the weights add up to 1
	Grades   []GradeBand        // grade bands, best (highest Min) first; the last has Min 0
	Caps     []GradeCap         // grade caps, applied after the weighted mean, in the order of the rule file
}

// CapLimit returns the highest score grade allows: the next better band's
// Min minus 0.1 (scores are shown with one decimal), or 100 for the best
// grade. ok is false when grade is not one of the bands.
func (c ScoringConfig) CapLimit(grade string) (limit float64, ok bool) {
	for i, b := range c.Grades {
		if b.Grade != grade {
			continue
		}
		if i == 0 {
			return 100, true
		}
		return c.Grades[i-1].Min - 0.1, true
	}
	return 0, false
}

// GradeFor returns the grade band score falls in, or "" when there is none.
func (c ScoringConfig) GradeFor(score float64) string {
	for _, b := range c.Grades {
		if score >= b.Min {
			return b.Grade
		}
	}
	return ""
}
