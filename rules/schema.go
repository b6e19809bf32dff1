package rules

// The YAML schema of rule files. A rule file is a mapping with any of the
// top-level keys rules, scoring, boilerplate and story. Every struct here is
// decoded strictly: an unknown key is an error with the closest known key as
// a hint.

// Header is what every rule has, whatever its kind.
type Header struct {
	ID          string   `yaml:"id"`          // stable id, "<family>.<name>", e.g. dates.fact_mismatch
	Family      string   `yaml:"family"`      // sourcing, dates, denial or translation
	Kind        string   `yaml:"kind"`        // one of the kinds (see Kinds)
	Description string   `yaml:"description"` // what the rule checks, for the reference and explain
	Severity    string   `yaml:"severity"`    // info, warning or error: the severity of its findings
	Weight      float64  `yaml:"weight"`      // weight inside the family, greater than 0 and at most 100
	Message     string   `yaml:"message"`     // what a finding means, for the analyst
	Languages   []string `yaml:"languages"`   // ISO 639-1 codes the rule applies to; empty: every language
	Examples    Examples `yaml:"examples"`    // texts that must and must not trigger the rule (sourcescore rules test)
}

// Examples are a rule's own tests.
type Examples struct {
	Fires  []Example `yaml:"fires"`  // each must trigger the rule
	Passes []Example `yaml:"passes"` // none may trigger it
}

// Example is one text a rule is tested on.
type Example struct {
	Text      string   `yaml:"text"`      // the article text
	Evidence  []string `yaml:"evidence"`  // fires only: the evidence of every finding, in order (optional)
	Language  string   `yaml:"language"`  // default: the rule's first language, else de
	Published string   `yaml:"published"` // publication date, YYYY-MM-DD (optional)
	Story     string   `yaml:"story"`     // story id (optional; default: recognised from the text)
}

// Terms is a list of phrases and regular expressions that a rule looks for.
type Terms struct {
	Phrases  []string `yaml:"phrases"`  // matched case-insensitively, as whole words
	Patterns []string `yaml:"patterns"` // RE2 regular expressions, matched as written (add (?i) for case-insensitive)
}

// scoringSpec is the scoring section: family weights, grade bands and
// grade caps.
type scoringSpec struct {
	Families map[string]float64 `yaml:"families"` // weight of each family; they add up to 1
	Grades   []gradeSpec        `yaml:"grades"`   // best first
	Caps     []capSpec          `yaml:"caps"`     // outcomes that limit the grade, applied after the weighted mean
}

// capSpec is one grade cap: a rule or family outcome that limits the grade.
type capSpec struct {
	Rule   string  `yaml:"rule"`    // a rule id of the set; or
	Family string  `yaml:"family"`  // a family
	AtMost float64 `yaml:"at_most"` // applies when the score is at most this (rule 0–1, family 0–100); default 0
	Grade  string  `yaml:"grade"`   // the best grade the article can then get
}

type gradeSpec struct {
	Grade string  `yaml:"grade"` // label
	Min   float64 `yaml:"min"`   // lowest score with this grade
}

// cutSpec is one boilerplate marker.
type cutSpec struct {
	Name    string `yaml:"name"`    // what it cuts, for explanations
	Line    string `yaml:"line"`    // a line equal to this text (trimmed, case-insensitive)
	Pattern string `yaml:"pattern"` // or a line matching this regular expression (trimmed)
	Until   string `yaml:"until"`   // cut from the line up to a line matching this regular expression
	ToEnd   bool   `yaml:"to_end"`  // cut from the line to the end of the file
	Block   bool   `yaml:"block"`   // cut the whole paragraph holding the line
}

// storySpec is a story file: what an analyst knows about one story.
type storySpec struct {
	ID            string      `yaml:"id"`             // story id, as in the manifest's story column
	Title         string      `yaml:"title"`          // a human title
	Match         matchSpec   `yaml:"match"`          // how an article is recognised as being about the story
	PrimarySource sourceSpec  `yaml:"primary_source"` // who broke the story
	Accused       sourceSpec  `yaml:"accused"`        // the side the report accuses
	OtherParties  []string    `yaml:"other_parties"`  // other people and bodies who may deny things, for telling who denies
	Denial        denialSpecS `yaml:"denial"`         // how the accused side's denial reads
	Facts         []factSpec  `yaml:"facts"`          // dated events of the story
	Claims        []claimSpec `yaml:"claims"`         // the story's key claims, for the story comparison's omissions (optional)
}

type claimSpec struct {
	ID          string   `yaml:"id"`          // claim id
	Description string   `yaml:"description"` // what the claim says
	Cues        []string `yaml:"cues"`        // phrases that state it (any one is enough; whole words, any case)
}

type matchSpec struct {
	All [][]string `yaml:"all"` // every group must have one of its phrases in the article
}

type sourceSpec struct {
	Name    string   `yaml:"name"`    // canonical name
	Aliases []string `yaml:"aliases"` // how articles name it (phrases, whole words, any case)
}

type denialSpecS struct {
	Cues  Terms    `yaml:"cues"`  // the story's own denial wording, added to the denial rule's general wording (optional)
	About []string `yaml:"about"` // what the story's denial may be about (the act, the claim), added to the denial rule's about and the primary source's aliases (optional)
}

type factSpec struct {
	ID            string   `yaml:"id"`             // fact id
	Date          string   `yaml:"date"`           // YYYY-MM-DD
	Description   string   `yaml:"description"`    // what happened
	Type          string   `yaml:"type"`           // report, denial or event (default): report and denial facts are also dated by the general wording (see Fact)
	Cues          []string `yaml:"cues"`           // words that tie a date in a clause to this fact (optional for report and denial facts)
	ToleranceDays int      `yaml:"tolerance_days"` // a date this many days off is an info finding, not an error (reports crossing time zones: 1)
	Scheduled     bool     `yaml:"scheduled"`      // a scheduled event (an election), not a development of the story: not used for staleness
}
