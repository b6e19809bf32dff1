package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/term"

	"sourcescore"
	"sourcescore/job"
)

// runJSON is `run --format json`: the run's summary as one JSON document on
// one line, so that a log holding it and JSON log lines (--log-format
// json) is read line by line by jq. Its fields are documented in the
// README (Running it).
type runJSON struct {
	Run        int64         `json:"run"`
	Status     string        `json:"status"`
	Articles   int           `json:"articles"`
	Scored     int           `json:"scored"`
	Reused     int           `json:"reused"`
	ReusedFrom int64         `json:"reused_from,omitempty"`
	Unread     int           `json:"unread"` // of the reused, those whose files were not read
	Skipped    int           `json:"skipped"`
	Findings   int           `json:"findings"`
	Rules      string        `json:"rules"`
	RuleSet    string        `json:"rule_set"`
	Outlets    []outletJSON  `json:"outlets"`
	SkippedArt []skippedJSON `json:"skipped_articles"`
	NotScored  []skippedJSON `json:"not_scored"` // articles stored without a score, and why
	Warnings   []string      `json:"warnings"`
	NoStory    []string      `json:"no_story"`
	Mojibake   []string      `json:"repaired_texts"` // "file: what was repaired" (job.Summary.Mojibake)
	Repaired   repairedJSON  `json:"repaired"`
	Reports    string        `json:"reports"`
	Database   string        `json:"database"`
	Duration   float64       `json:"duration_seconds"`
}

type outletJSON struct {
	Outlet    string       `json:"outlet"`
	Articles  int          `json:"articles"`   // with a score
	NotScored int          `json:"not_scored"` // without one
	Score     *float64     `json:"score"`      // null when no article has a score
	Grade     string       `json:"grade"`
	Worst     *findingJSON `json:"worst_finding,omitempty"`
}

type findingJSON struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type skippedJSON struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

type repairedJSON struct {
	Removed int      `json:"removed"`
	Written []int64  `json:"written"`
	Failed  []string `json:"failed"`
}

// printSummaryJSON writes the summary as runJSON.
func printSummaryJSON(w io.Writer, sum *job.Summary, rulesFrom string, cfg job.Config) error {
	r := sum.Run
	out := runJSON{Run: r.ID, Status: string(r.Status), Articles: r.Articles, Scored: r.Articles - r.Reused,
		Reused: r.Reused, ReusedFrom: sum.ReusedFrom, Unread: sum.Unread, Skipped: r.Skipped, Findings: r.Findings, Rules: rulesFrom,
		RuleSet: r.RuleSetHash, Outlets: []outletJSON{}, SkippedArt: []skippedJSON{}, NotScored: []skippedJSON{}, Warnings: nonNil(append(slices.Clip(sum.RuleWarnings), sum.Warnings...)),
		NoStory: nonNil(sum.NoStory), Mojibake: nonNil(sum.Mojibake), Reports: sum.ReportDir, Database: cfg.DB,
		Repaired: repairedJSON{Removed: len(sum.Repaired.Removed), Written: sum.Repaired.Written, Failed: nonNil(sum.Repaired.Failed)},
		Duration: r.Ended.Sub(r.Started).Seconds()}
	if out.Repaired.Written == nil {
		out.Repaired.Written = []int64{}
	}
	for _, o := range sum.Outlets {
		oj := outletJSON{Outlet: o.Outlet, Articles: o.Articles, NotScored: o.NotScored, Grade: o.Grade}
		if o.Scored() {
			score := round1(o.Score)
			oj.Score = &score
		}
		if f, ok := sum.Worst[o.Outlet]; ok {
			oj.Worst = &findingJSON{Rule: f.RuleID, Severity: f.Severity.String(), Message: f.Message}
		}
		out.Outlets = append(out.Outlets, oj)
	}
	for _, s := range sum.Skipped {
		out.SkippedArt = append(out.SkippedArt, skippedJSON{s.File, s.Reason})
	}
	for _, s := range sum.NotScored {
		out.NotScored = append(out.NotScored, skippedJSON{s.File, s.Reason})
	}
	data, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// round1 rounds a score to the one decimal the table shows, as the
// table (and SQL's round()) rounds it.
func round1(v float64) float64 { return sourcescore.RoundDecimal(v, 1) }

// progress draws a progress line on a terminal: articles done of the
// total, the rate and the time left, redrawn at most ten times a second
// and cleared at the end. It draws nothing when w is not a terminal (cron,
// CI, a pipe, a file).
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
	drawn bool
	now   func() time.Time
}

// newProgress returns the progress line for stderr, or nil when stderr is
// not a terminal.
func newProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progress{w: stderr, now: time.Now, start: time.Now()}
}

// update is job.Config.Progress.
func (p *progress) update(done, total int) {
	if done >= total { // the run goes on to its commit and its log lines
		p.clear()
		return
	}
	now := p.now()
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	line := fmt.Sprintf("%s of %s articles", thousands(done), thousands(total))
	if el := now.Sub(p.start).Seconds(); el > 0.5 && done > 0 {
		rate := float64(done) / el
		left := time.Duration(float64(total-done)/rate) * time.Second
		line += fmt.Sprintf(", %s/s, %s left", thousands(int(rate+0.5)), left.Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.drawn = true
}

// clear removes the line, before anything else is printed.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// thousands formats n with commas: 20,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
