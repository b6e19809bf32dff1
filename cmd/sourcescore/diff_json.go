package main

import (
	"encoding/json"
	"io"
	"time"

	"sourcescore"
	"sourcescore/analysis"
)

// diffJSON is `diff --format json`: the diff as one JSON document,
// documented in the README (diff). Scores and points are exact, not
// rounded; a score that does not exist (an article or outlet without one)
// is null.
type diffJSON struct {
	RunA           diffRunJSON        `json:"run_a"`
	RunB           diffRunJSON        `json:"run_b"`
	RuleSetChanged bool               `json:"rule_set_changed"`
	RuleFiles      []diffRuleFileJSON `json:"rule_files"`
	Articles       int                `json:"articles"` // in either run
	Moved          int                `json:"moved"`    // moved, added or removed
	Changes        []diffArticleJSON  `json:"article_changes"`
	Outlets        []diffOutletJSON   `json:"outlet_changes"`
	CSV            string             `json:"csv"` // the diff CSV written
	CSVRows        int                `json:"csv_rows"`
}

type diffRunJSON struct {
	ID       int64     `json:"id"`
	Started  time.Time `json:"started"`
	Input    string    `json:"input"`
	Articles int       `json:"articles"`
	Rules    string    `json:"rules"` // the folder its rule files came from; "" when unknown
	RuleSet  string    `json:"rule_set"`
}

type diffRuleFileJSON struct {
	Path    string `json:"path"`
	Change  string `json:"change"`
	OldHash string `json:"old_hash"`
	NewHash string `json:"new_hash"`
}

type diffArticleJSON struct {
	ArticleID string                 `json:"article_id"`
	File      string                 `json:"file"`
	Outlet    string                 `json:"outlet"`
	Change    string                 `json:"change"` // article_moved, article_added, article_removed, or findings_changed
	Old       *diffScoreJSON         `json:"old"`    // null when not in run A
	New       *diffScoreJSON         `json:"new"`    // null when not in run B
	Points    *float64               `json:"points"` // new - old score; null unless both have a score
	Moved     []diffContributionJSON `json:"moved_by"`
	Added     []diffFindingJSON      `json:"findings_added"`
	Removed   []diffFindingJSON      `json:"findings_removed"`
}

type diffScoreJSON struct {
	Score     *float64 `json:"score"` // null when not scored
	Grade     string   `json:"grade"`
	Caps      string   `json:"caps"`
	CapPoints float64  `json:"cap_points"`
}

type diffContributionJSON struct {
	RuleID    string   `json:"rule_id"` // "cap" for the change of the grade caps
	Points    float64  `json:"points"`
	What      string   `json:"what_changed"`
	OldWeight *float64 `json:"old_weight"`
	NewWeight *float64 `json:"new_weight"`
	OldScore  *float64 `json:"old_score"` // the rule's score, 0–1; null when it did not apply or is not there
	NewScore  *float64 `json:"new_score"`
}

type diffFindingJSON struct {
	RuleID   string `json:"rule_id"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Evidence string `json:"evidence"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

type diffOutletJSON struct {
	Outlet string               `json:"outlet"`
	Change string               `json:"change"`
	Old    *diffOutletScoreJSON `json:"old"`
	New    *diffOutletScoreJSON `json:"new"`
}

type diffOutletScoreJSON struct {
	Score    *float64 `json:"score"`
	Grade    string   `json:"grade"`
	Articles int      `json:"articles"`
}

// printDiffJSON writes d as diffJSON, naming the CSV written.
func printDiffJSON(w io.Writer, d *analysis.RunDiff, csv string, rows int) error {
	runOf := func(r sourcescore.Run, rules string) diffRunJSON {
		return diffRunJSON{ID: r.ID, Started: r.Started, Input: r.Input, Articles: r.Articles, Rules: rules, RuleSet: r.RuleSetHash}
	}
	doc := diffJSON{RunA: runOf(d.A, d.RulesA), RunB: runOf(d.B, d.RulesB), RuleSetChanged: d.A.RuleSetHash != d.B.RuleSetHash,
		RuleFiles: []diffRuleFileJSON{}, Articles: d.Total, Moved: d.Moved(), Changes: []diffArticleJSON{},
		Outlets: []diffOutletJSON{}, CSV: csv, CSVRows: rows}
	for _, f := range d.RuleFiles {
		doc.RuleFiles = append(doc.RuleFiles, diffRuleFileJSON(f))
	}
	scoreOf := func(s *analysis.ArticleSnap) *diffScoreJSON {
		if s == nil {
			return nil
		}
		j := &diffScoreJSON{Grade: s.Grade, Caps: s.Caps, CapPoints: s.CapLost}
		if s.Grade != "" {
			j.Score = ptrTo(s.Score)
		}
		return j
	}
	findings := func(fs []sourcescore.Finding) []diffFindingJSON {
		out := []diffFindingJSON{}
		for _, f := range fs {
			out = append(out, diffFindingJSON{RuleID: f.RuleID, Severity: f.Severity.String(), Message: f.Message,
				Evidence: f.Evidence, Line: f.Pos.Line, Column: f.Pos.Column})
		}
		return out
	}
	for _, c := range d.Articles {
		s := c.Snap()
		a := diffArticleJSON{ArticleID: s.ID, File: s.File, Outlet: s.Outlet, Change: c.Change,
			Old: scoreOf(c.Old), New: scoreOf(c.New), Moved: []diffContributionJSON{},
			Added: findings(c.Added), Removed: findings(c.Removed)}
		if a.Change == "" {
			a.Change = "findings_changed"
		}
		if a.Old != nil && a.New != nil && a.Old.Score != nil && a.New.Score != nil {
			a.Points = ptrTo(c.New.Score - c.Old.Score)
		}
		for _, ct := range c.Contributions() {
			cj := diffContributionJSON{RuleID: ct.ID, Points: ct.Points, What: ct.Why}
			if rc := ct.Rule; rc != nil {
				if rc.Old != nil {
					cj.OldWeight = ptrTo(rc.Old.Weight)
					if rc.Old.Applied {
						cj.OldScore = ptrTo(rc.Old.Score)
					}
				}
				if rc.New != nil {
					cj.NewWeight = ptrTo(rc.New.Weight)
					if rc.New.Applied {
						cj.NewScore = ptrTo(rc.New.Score)
					}
				}
			}
			a.Moved = append(a.Moved, cj)
		}
		doc.Changes = append(doc.Changes, a)
	}
	outletOf := func(o *sourcescore.OutletScore) *diffOutletScoreJSON {
		if o == nil {
			return nil
		}
		j := &diffOutletScoreJSON{Grade: o.Grade, Articles: o.Articles}
		if o.Scored() {
			j.Score = ptrTo(o.Score)
		}
		return j
	}
	for _, o := range d.Outlets {
		doc.Outlets = append(doc.Outlets, diffOutletJSON{Outlet: o.Outlet, Change: o.Change(), Old: outletOf(o.Old), New: outletOf(o.New)})
	}
	return writeJSON(w, doc)
}

// writeJSON writes v as one indented JSON document, HTML characters as
// they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func ptrTo[T any](v T) *T { return &v }
