package sourcescore

// StoryNotes is what one article says about what its story file knows: the
// accused side's denial, the primary source, each dated fact and each key
// claim, with where it says it, and two judgements the story comparison
// shows beside them (likely machine translation, the share of named
// sources). The rule set records it when it scores an article that matches
// a story (rules.Result.Notes); the story comparison (analysis) compares
// the articles of one story by it. The JSON field names are how the store
// keeps it.
type StoryNotes struct {
	Story       string      `json:"story"`       // the story's id
	Denial      DenialNote  `json:"denial"`      // the accused side's denial
	Primary     Mention     `json:"primary"`     // the first mention of the primary source; Line 0 when it is not named
	Facts       []FactNote  `json:"facts"`       // one per fact of the story, in the story file's order (by date)
	Claims      []ClaimNote `json:"claims"`      // one per key claim of the story, in the story file's order
	Translation string      `json:"translation"` // TranslationLikely, TranslationUnlikely, or "" when no judgement applied
	Sourcing    *Sourcing   `json:"sourcing"`    // the article's attributions; nil when no attribution rule applied
}

// Mention is where an article says something: the words and their line
// and column in the original file. Line is 0 when it does not say it.
type Mention struct {
	Evidence string `json:"evidence"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

// Said reports whether the article says it.
func (m Mention) Said() bool { return m.Line > 0 }

// The states of the accused side's denial in an article (DenialNote.State).
const (
	DenialReported = "reported" // reported, early enough
	DenialBuried   = "buried"   // reported only late in the body
	DenialMissing  = "missing"  // not reported
)

// DenialNote is the accused side's denial in one article, as the rule set's
// denial rule judged it.
type DenialNote struct {
	State     string  `json:"state"`     // DenialReported, DenialBuried or DenialMissing; "" when no denial rule applied
	Rule      string  `json:"rule"`      // the denial rule that judged it
	Where     Mention `json:"where"`     // the denial's words when reported or buried
	Sentence  int     `json:"sentence"`  // the sentence it is first reported in, from 1; 0 when missing
	Sentences int     `json:"sentences"` // the sentences of the body
}

// The states of a dated fact in an article (FactNote.State).
const (
	FactRight    = "right"     // the article gives the fact's date (or one within its tolerance)
	FactWrong    = "wrong"     // the article gives the fact another date
	FactNotGiven = "not_given" // the article ties no date to the fact
	FactUnplaced = "unplaced"  // the article's dates cannot be placed (no publication date and no story facts)
)

// The judgements of likely machine translation (StoryNotes.Translation).
const (
	TranslationLikely   = "likely"   // a judgement rule of the translation family fired
	TranslationUnlikely = "unlikely" // it applied and did not fire
)

// FactNote is one dated fact of the story in one article.
type FactNote struct {
	Fact        string  `json:"fact"`        // the fact's id
	Description string  `json:"description"` // what happened
	Date        string  `json:"date"`        // the fact's date, YYYY-MM-DD
	Scheduled   bool    `json:"scheduled"`   // a scheduled event
	State       string  `json:"state"`       // FactRight, FactWrong, FactNotGiven or FactUnplaced
	Given       string  `json:"given"`       // the day the article gives, YYYY-MM-DD (the first day of what it names); "" when not given
	Where       Mention `json:"where"`       // the date's words as written; for a fact given two dates, the wrong one
}

// ClaimNote is one key claim of the story in one article.
type ClaimNote struct {
	Claim       string  `json:"claim"`       // the claim's id
	Description string  `json:"description"` // what it says
	Where       Mention `json:"where"`       // the first words that state it; Line 0 when the article does not
}

// Sourcing counts an article's attributions, as its attribution rule
// classified them.
type Sourcing struct {
	Named    int `json:"named"`    // named sources
	Specific int `json:"specific"` // specific anonymous sources
	Vague    int `json:"vague"`    // vague ones
}

// Total is the number of attributions counted.
func (s Sourcing) Total() int { return s.Named + s.Specific + s.Vague }
