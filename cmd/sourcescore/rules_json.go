package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/job"
	"sourcescore/rules"
)

// checkJSONDoc is `rules check --format json`, documented in the README.
type checkJSONDoc struct {
	OK        bool           `json:"ok"`
	Source    string         `json:"source"`
	Rules     int            `json:"rules"`
	Stories   int            `json:"stories"`
	GradeCaps int            `json:"grade_caps"`
	Files     int            `json:"files"`
	RuleSet   string         `json:"rule_set"`
	Errors    []positionJSON `json:"errors"`
	Warnings  []positionJSON `json:"warnings"`
	Input     *inputJSON     `json:"input,omitempty"`
}

// positionJSON is one positioned problem: in a rule file or a manifest.
type positionJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

type inputJSON struct {
	Folder   string         `json:"folder"`
	Articles int            `json:"articles"`
	Warnings []string       `json:"warnings"`
	Errors   []positionJSON `json:"errors"`
}

// rulesCheckJSON is rules check with --format json: the document on stdout
// whatever the verdict, and the same exit codes as the text.
func rulesCheckJSON(stdout io.Writer, limits ruleLimits, dir, stories, input string) error {
	doc := checkJSONDoc{Errors: []positionJSON{}, Warnings: []positionJSON{}}
	write := func() error {
		data, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		_, err = stdout.Write(append(data, '\n'))
		return err
	}
	rs, err := limits.source(dir, stories)
	if err != nil {
		return err
	}
	set, err := job.LoadRules(rs)
	if err != nil {
		var list rules.ErrorList
		if !errors.As(err, &list) {
			return err
		}
		for _, e := range list {
			doc.Errors = append(doc.Errors, positionJSON{File: e.File, Line: e.Line, Column: e.Column, Message: e.Msg, Hint: e.Hint})
		}
		if err := write(); err != nil {
			return err
		}
		return fmt.Errorf("%s in the rule set (%w)", count(len(list), "error"), sourcescore.ErrConfig)
	}
	doc.OK, doc.Source, doc.Rules, doc.Stories = true, set.Source, len(set.Rules), len(set.Stories)
	doc.GradeCaps, doc.Files, doc.RuleSet = len(set.Scoring.Caps), len(set.Files), set.Hash
	for _, w := range set.Warnings {
		doc.Warnings = append(doc.Warnings, positionJSON{File: w.File, Line: w.Line, Column: w.Column, Message: w.Msg, Hint: w.Hint})
	}
	if input == "" {
		return write()
	}
	doc.Input = &inputJSON{Folder: input, Warnings: []string{}, Errors: []positionJSON{}}
	c, err := job.CheckInput(input, set)
	if err != nil {
		var me *ingest.ManifestError
		if !errors.As(err, &me) {
			return err
		}
		doc.OK = false
		for _, p := range me.Problems {
			doc.Input.Errors = append(doc.Input.Errors, positionJSON{File: me.Path, Line: p.Line, Column: p.Column, Message: p.Msg, Hint: p.Hint})
		}
		if err := write(); err != nil {
			return err
		}
		return fmt.Errorf("%s in %s (%w)", count(len(me.Problems), "error"), me.Path, sourcescore.ErrConfig)
	}
	doc.Input.Articles, doc.Input.Warnings = c.Articles, nonNil(c.Warnings)
	return write()
}

// evalJSON is `rules eval --format json`, documented in the README.
type evalJSON struct {
	Targets []confusionJSON `json:"targets"`
	All     confusionJSON   `json:"all"`
}

type confusionJSON struct {
	Target    string   `json:"target"`
	TP        int      `json:"tp"`
	FP        int      `json:"fp"`
	FN        int      `json:"fn"`
	TN        int      `json:"tn"`
	Precision *float64 `json:"precision"` // null when nothing fired
	Recall    *float64 `json:"recall"`    // null when nothing should have fired
	Misses    []string `json:"misses"`
}

func confusion(c rules.Confusion) confusionJSON {
	out := confusionJSON{Target: c.Target, TP: c.TP, FP: c.FP, FN: c.FN, TN: c.TN, Misses: nonNil(c.Misses)}
	if p, ok := c.Precision(); ok {
		out.Precision = &p
	}
	if r, ok := c.Recall(); ok {
		out.Recall = &r
	}
	return out
}

func printEvalJSON(w io.Writer, rows []rules.Confusion) error {
	doc := evalJSON{Targets: []confusionJSON{}}
	all := rules.Confusion{Target: "all"}
	for _, c := range rows {
		doc.Targets = append(doc.Targets, confusion(c))
		all.TP, all.FP, all.FN, all.TN = all.TP+c.TP, all.FP+c.FP, all.FN+c.FN, all.TN+c.TN
	}
	doc.All = confusion(all)
	data, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
