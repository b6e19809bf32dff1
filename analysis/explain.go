package analysis

import (
	"strings"
	"time"

	"sourcescore"
	"sourcescore/scoring"
	"sourcescore/store"
)

// Explanation is why an article scored as it did: its run, its metadata,
// its score and grade with the grade caps that applied, the family and rule
// scores with each one's points in the ledger (share, earned, lost: the
// lost points and the caps' add up to 100 minus the score), and its
// findings with their lines. It is also the JSON output of explain, so its
// field names are part of the interface (see README).
type Explanation struct {
	Run      ExplainedRun       `json:"run"`
	Article  ExplainedArticle   `json:"article"`
	Score    float64            `json:"score"`
	Grade    string             `json:"grade"`
	Scored   bool               `json:"scored"`
	Status   string             `json:"status"`   // "scored", or "not scored: " and why, as article_scores.csv writes it
	Uncapped float64            `json:"uncapped"` // the score before grade caps
	CapLost  float64            `json:"cap_lost"` // the points the caps took: uncapped - score
	Caps     []ExplainedCap     `json:"caps"`
	Families []ExplainedFamily  `json:"families"`
	Rules    []ExplainedRule    `json:"rules"`
	Findings []ExplainedFinding `json:"findings"`
	Text     ExplainedText      `json:"text"`
}

// ExplainedRun is the run an explanation is about, with the rule files it
// scored with.
type ExplainedRun struct {
	ID          int64               `json:"id"`
	Status      string              `json:"status"`
	Started     time.Time           `json:"started"`
	Input       string              `json:"input"`
	RuleSetHash string              `json:"rule_set_hash"`
	RuleFiles   []ExplainedRuleFile `json:"rule_files"`
}

// ExplainedRuleFile is one rule file (or "wordlist:PATH") of a run and its
// SHA-256.
type ExplainedRuleFile struct {
	Path string `json:"path"`
	Hash string `json:"hash"`
}

// ExplainedArticle is the explained article's identity and metadata.
// Inferred names the fields taken from the text rather than the manifest.
type ExplainedArticle struct {
	ID          string   `json:"id"`
	File        string   `json:"file"`
	ContentHash string   `json:"content_hash"`
	Outlet      string   `json:"outlet"`
	URL         string   `json:"url"`
	Published   string   `json:"published"`
	Language    string   `json:"language"`
	Story       string   `json:"story"`
	Inferred    []string `json:"inferred"`
	FromPage    []string `json:"from_page"` // fields taken from the page's metadata or the crawler's JSON
	Title       string   `json:"title"`     // from the page or the crawler's JSON, read again; "" when unknown
	Author      string   `json:"author"`    // likewise
	Words       int      `json:"words"`
}

// ExplainedCap is a grade cap that applied to the article.
type ExplainedCap struct {
	RuleID  string  `json:"rule_id"` // "" for a family cap
	Family  string  `json:"family"`  // "" for a rule cap
	AtMost  float64 `json:"at_most"`
	Score   float64 `json:"score"` // the rule's (0–1) or family's (0–100) score that made it apply
	Grade   string  `json:"grade"`
	Limit   float64 `json:"limit"`   // the highest score the cap allows
	Lowered bool    `json:"lowered"` // the cap set the score: its limit is the lowest and below the uncapped score
}

// ExplainedFamily is one family's score and its part of the ledger: the
// points out of 100 it controls (Share), earned and lost.
type ExplainedFamily struct {
	Family string   `json:"family"`
	Weight float64  `json:"weight"`
	Scored bool     `json:"scored"`
	Score  *float64 `json:"score"` // null when not scored
	Note   string   `json:"note"`
	Share  float64  `json:"share"`
	Earned float64  `json:"earned"`
	Lost   float64  `json:"lost"`
}

// ExplainedRule is one rule's score and its part of the ledger, in the
// order the article's scores list them.
type ExplainedRule struct {
	RuleID  string   `json:"rule_id"`
	Family  string   `json:"family"`
	Weight  float64  `json:"weight"`
	Applied bool     `json:"applied"`
	Score   *float64 `json:"score"` // null when not applied
	Note    string   `json:"note"`
	Share   float64  `json:"share"`
	Earned  float64  `json:"earned"`
	Lost    float64  `json:"lost"`
}

// ExplainedFinding is one finding with its position and, when the text was
// read again unchanged, the line its evidence is on.
type ExplainedFinding struct {
	RuleID   string          `json:"rule_id"`
	Family   string          `json:"family"`
	Severity string          `json:"severity"`
	Message  string          `json:"message"`
	Evidence string          `json:"evidence"`
	Line     int             `json:"line"`   // 0 for a finding about something absent
	Column   int             `json:"column"` // 0 for a finding about something absent
	Context  *FindingContext `json:"context"`
}

// FindingContext is the line of the text a finding's evidence is on:
// Before + Match + After is the whole line.
type FindingContext struct {
	Before string `json:"before"`
	Match  string `json:"match"`
	After  string `json:"after"`
}

// ExplainedText says which file was read again for the evidence lines and
// what became of it (Status is one of the Text* states).
type ExplainedText struct {
	Path   string `json:"path"`
	Status string `json:"status"`
	Note   string `json:"note"`
}

// Explain puts together the explanation of s, an article's stored score in
// run, scored with the rule files files; text is the article's text read
// again (ReadArticleText), or the zero ArticleText to leave the evidence
// lines out.
func Explain(run sourcescore.Run, files []store.RuleFile, s *sourcescore.ArticleScore, text ArticleText) Explanation {
	a := s.Article
	x := Explanation{
		Run: ExplainedRun{ID: run.ID, Status: string(run.Status), Started: run.Started, Input: run.Input,
			RuleSetHash: run.RuleSetHash, RuleFiles: []ExplainedRuleFile{}},
		Article: ExplainedArticle{ID: a.ID, File: a.File, ContentHash: a.ContentHash, Outlet: a.Meta.OutletName(),
			URL: a.Meta.URL, Published: a.Meta.PublishedString(), Language: a.Meta.Language, Story: a.Meta.Story,
			Inferred: append([]string{}, a.Meta.Inferred...), FromPage: append([]string{}, a.Meta.FromPage...), Words: a.Words},
		Score:    s.Score,
		Grade:    s.Grade,
		Scored:   s.Scored(),
		Status:   s.Status(),
		Uncapped: s.Uncapped,
		CapLost:  s.CapPoints(),
		Caps:     []ExplainedCap{},
		Families: []ExplainedFamily{},
		Rules:    []ExplainedRule{},
		Findings: []ExplainedFinding{},
		Text:     ExplainedText{Path: text.Path, Status: text.Status, Note: text.Note},
	}
	if text.Article != nil {
		x.Article.Title, x.Article.Author = text.Article.Meta.Title, text.Article.Meta.Author
	}
	for _, f := range files {
		x.Run.RuleFiles = append(x.Run.RuleFiles, ExplainedRuleFile(f))
	}
	for _, c := range s.Caps {
		x.Caps = append(x.Caps, ExplainedCap{RuleID: c.RuleID, Family: string(c.Family), AtMost: c.AtMost,
			Score: c.Score, Grade: c.Grade, Limit: c.Limit, Lowered: x.CapLost > 0 && c.Limit == s.Score})
	}
	byFamily := map[sourcescore.Family]*ExplainedFamily{}
	for _, f := range s.Families {
		ef := ExplainedFamily{Family: string(f.Family), Weight: f.Weight, Scored: f.Scored, Note: f.Note}
		if f.Scored {
			ef.Score = ptr(f.Score)
		}
		x.Families = append(x.Families, ef)
	}
	for i := range x.Families {
		byFamily[sourcescore.Family(x.Families[i].Family)] = &x.Families[i]
	}
	ledger := scoring.Ledger(s)
	for i, r := range s.Rules {
		c := ledger[i]
		er := ExplainedRule{RuleID: r.RuleID, Family: string(r.Family), Weight: r.Weight, Applied: r.Applied,
			Note: r.Note, Share: c.Share, Earned: c.Earned, Lost: c.Lost}
		if r.Applied {
			er.Score = ptr(r.Score)
		}
		x.Rules = append(x.Rules, er)
		if f := byFamily[r.Family]; f != nil {
			f.Share += c.Share
			f.Earned += c.Earned
			f.Lost += c.Lost
		}
	}
	for _, f := range s.Findings {
		ef := ExplainedFinding{RuleID: f.RuleID, Family: string(f.Family), Severity: f.Severity.String(),
			Message: f.Message, Evidence: f.Evidence, Line: f.Pos.Line, Column: f.Pos.Column}
		if text.Article != nil {
			ef.Context = ContextOf(text.Article, f)
		}
		x.Findings = append(x.Findings, ef)
	}
	return x
}

func ptr[T any](v T) *T { return &v }

// ContextOf returns the line of a's text that f's evidence is on, split
// around the evidence, or nil for a finding about absence or evidence that
// is not where the finding says.
func ContextOf(a *sourcescore.Article, f sourcescore.Finding) *FindingContext {
	if f.Evidence == "" || f.Offset < 0 || f.Offset > len(a.Text) {
		return nil
	}
	text := a.Text
	start := strings.LastIndexByte(text[:f.Offset], '\n') + 1
	end := strings.IndexByte(text[f.Offset:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += f.Offset
	}
	line := text[start:end]
	i := f.Offset - start
	if !strings.HasPrefix(line[i:], f.Evidence) {
		// Evidence over a line break (a paragraph-long denial) is marked up
		// to the end of its first line; anything else is not trusted.
		first, _, cut := strings.Cut(f.Evidence, "\n")
		if !cut || !strings.HasPrefix(line[i:], first) {
			return nil
		}
		return &FindingContext{Before: line[:i], Match: line[i:], After: ""}
	}
	j := i + len(f.Evidence)
	return &FindingContext{Before: line[:i], Match: line[i:j], After: line[j:]}
}
