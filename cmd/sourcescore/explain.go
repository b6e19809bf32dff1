package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/scoring"
	"sourcescore/store"

	"github.com/spf13/pflag"
)

const explainExamples = `  sourcescore explain 002_b69c8368de298335.txt      # a file of the latest successful run
  sourcescore explain art-6bca87c7410afe49          # the same article by its id
  sourcescore explain --run 3 seeds/002_b69c8368de298335.txt
  sourcescore explain --format json 6bca87c7 | jq '.rules[] | select(.lost > 0)'

ARTICLE is an article id (the reports' article_id column, e.g.
art-6bca87c7410afe49; an id without "art-", as reports wrote them before,
is taken too) or a unique prefix of one (with or without "art-"), a file as
the reports' file column gives it, a path to the file (in the run's input
folder), or a unique end of such a path made of whole names
(the file name alone when no other folder has a file of that name).

The grade caps that applied are listed under the score ("capped at C by
denial.missing (scored 0): 86.3 → 79.9"), and the points a cap took are a
"cap" row of the family table and of the ledger.

The article's text is read again from the run's input folder (or --input)
to show each finding's line with the evidence marked; when the file has
changed or is gone since the run, the evidence is shown alone.
`

// explainFlags are the flags of explain.
type explainFlags struct {
	db, input, format string
	run               int64
}

func cmdExplain(fs *pflag.FlagSet) runner {
	var f explainFlags
	fs.StringVar(&f.db, "db", "out/sourcescore.db", "SQLite database `file` the runs are in")
	fs.Int64Var(&f.run, "run", 0, "run `id` (0: the latest successful run)")
	fs.StringVar(&f.input, "input", "", "`folder` to read the article's text from (default: the run's input folder)")
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) != 1 {
			return usageError{"explain takes one article: an id or a file (see sourcescore explain --help)"}
		}
		if f.format != "text" && f.format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", f.format)}
		}
		db, err := openExistingDB(ctx, f.db)
		if err != nil {
			return err
		}
		defer db.Close()
		run, err := pickRun(ctx, db, f.run, "--run ")
		if err != nil {
			return err
		}
		ref, err := findArticle(ctx, db, run, args[0])
		if err != nil {
			return err
		}
		s, err := db.ArticleScore(ctx, run.ID, ref.ID)
		if err != nil {
			return err
		}
		files, err := db.RuleFiles(ctx, run.ID)
		if err != nil {
			return err
		}
		input := f.input
		if input == "" {
			input = run.Input
		}
		x := explain(run, files, s, readArticleText(input, s.Article))
		if f.format == "json" {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(x)
		}
		printExplanation(stdout, x, markerFor(stdout))
		return nil
	}
}

// openExistingDB opens the database at path for the read-only commands:
// read-only (no lock, no migration, no write), refusing to create one that
// is not there.
func openExistingDB(ctx context.Context, path string) (*store.DB, error) {
	db, err := store.OpenReadOnly(ctx, path)
	if errors.Is(err, store.ErrMissing) {
		return nil, usageError{fmt.Sprintf("database %s does not exist\n\ttry: sourcescore run, or --db FILE", path)}
	}
	return db, err
}

// pickRun returns run id, or the latest successful run when id is 0. A run
// that is not there, or did not succeed, is a usage error with a hint that
// names other runs, each after hint ("--run " for a flag).
func pickRun(ctx context.Context, db *store.DB, id int64, hint string) (sourcescore.Run, error) {
	if id == 0 {
		r, err := db.LatestRun(ctx, sourcescore.RunSucceeded)
		if errors.Is(err, sourcescore.ErrNotFound) {
			return r, usageError{fmt.Sprintf("database %s holds no successful run\n\ttry: sourcescore run --db %s", db.Path(), db.Path())}
		}
		return r, err
	}
	r, err := db.Run(ctx, id)
	if errors.Is(err, sourcescore.ErrNotFound) {
		return r, usageError{fmt.Sprintf("run %d is not in %s\n\ttry: %s", id, db.Path(), runHint(ctx, db, hint))}
	}
	if err != nil {
		return r, err
	}
	if r.Status != sourcescore.RunSucceeded {
		msg := fmt.Sprintf("run %d %s", id, r.Status)
		if r.Error != "" {
			msg += ": " + r.Error
		}
		return r, usageError{msg + "; it has no scores\n\ttry: " + runHint(ctx, db, hint)}
	}
	return r, nil
}

// runHint names the newest successful runs, after prefix.
func runHint(ctx context.Context, db *store.DB, prefix string) string {
	runs, err := db.Runs(ctx, 0)
	if err != nil {
		return "the id of a successful run"
	}
	var ids []string
	for _, r := range runs {
		if r.Status == sourcescore.RunSucceeded && len(ids) < 5 {
			ids = append(ids, strconv.FormatInt(r.ID, 10))
		}
	}
	if len(ids) == 0 {
		return "sourcescore run (the database holds no successful run)"
	}
	if len(ids) == 1 {
		return prefix + ids[0] + " (the newest successful run)"
	}
	return prefix + strings.Join(ids, ", ") + " (the newest successful runs)"
}

// findArticle resolves what the user typed to one article of run: an
// article id, a file as stored, a path to the file (relative to the current
// folder or inside the run's input folder), a unique path suffix made of
// whole path components, or a unique id prefix.
func findArticle(ctx context.Context, db *store.DB, run sourcescore.Run, arg string) (store.ArticleRef, error) {
	refs, err := db.ArticleRefs(ctx, run.ID)
	if err != nil {
		return store.ArticleRef{}, err
	}
	ref, err := resolveArticle(arg, run, refs)
	if err != nil {
		return ref, usageError{err.Error()}
	}
	return ref, nil
}

// resolveArticle is findArticle on a run's article list.
func resolveArticle(arg string, run sourcescore.Run, refs []store.ArticleRef) (store.ArticleRef, error) {
	// An id as reports wrote it before ids had their prefix is the same
	// article's id today.
	id, _ := ingest.LegacyArticleID(arg)
	for _, r := range refs {
		if r.ID == id {
			return r, nil
		}
	}
	// The forms a file name may take.
	forms := []string{cleanSlash(arg)}
	if rel, ok := insideFolder(arg, run.Input); ok {
		forms = append(forms, rel)
	}
	for _, form := range forms {
		for _, r := range refs {
			if r.File == form {
				return r, nil
			}
		}
	}
	var matches []store.ArticleRef
	seen := map[string]bool{}
	for _, form := range forms {
		if form == "" || form == "." {
			continue
		}
		for _, r := range refs {
			if !seen[r.ID] && strings.HasSuffix(r.File, "/"+form) {
				seen[r.ID] = true
				matches = append(matches, r)
			}
		}
	}
	if len(matches) == 0 && len(arg) >= 4 {
		lower := strings.ToLower(arg)
		for _, r := range refs {
			if strings.HasPrefix(r.ID, lower) || strings.HasPrefix(strings.TrimPrefix(r.ID, ingest.ArticleIDPrefix), lower) {
				matches = append(matches, r)
			}
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return store.ArticleRef{}, fmt.Errorf("article %q is not in run %d (%d articles)\n\ttry: %s",
			arg, run.ID, len(refs), articleHint(arg, refs))
	}
	var names []string
	for i, m := range matches {
		if i == 5 {
			names = append(names, fmt.Sprintf("and %d more", len(matches)-5))
			break
		}
		names = append(names, m.File)
	}
	return store.ArticleRef{}, fmt.Errorf("%q names %d articles of run %d: %s\n\ttry: a longer path or the article id",
		arg, len(matches), run.ID, strings.Join(names, ", "))
}

// articleHint suggests an article for a name that matched none.
func articleHint(arg string, refs []store.ArticleRef) string {
	if len(refs) == 0 {
		return "another run (--run): this one scored no article"
	}
	var names []string
	for _, r := range refs {
		names = append(names, r.File, path.Base(r.File), r.ID)
	}
	if s := sourcescore.Suggest(cleanSlash(arg), names); s != "" {
		return s
	}
	return fmt.Sprintf("an article id or a file as in the reports' article_scores.csv, e.g. %s", refs[0].File)
}

// cleanSlash makes a path typed on the command line comparable with the
// stored files: forward slashes, no "./" or "..".
func cleanSlash(p string) string {
	p = path.Clean(filepath.ToSlash(p))
	return strings.TrimPrefix(p, "./")
}

// insideFolder returns p relative to folder, with forward slashes, when p
// names a place inside folder (both resolved from the current folder).
func insideFolder(p, folder string) (string, bool) {
	if folder == "" {
		return "", false
	}
	ap, err1 := filepath.Abs(p)
	af, err2 := filepath.Abs(folder)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(af, ap)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// The states of an article's text when explain reads it again.
const (
	textUnchanged  = "unchanged"  // the file's bytes are those the run scored
	textChanged    = "changed"    // the file is there but its bytes differ
	textMissing    = "missing"    // the file is gone
	textUnreadable = "unreadable" // it cannot be read or decoded
)

// articleText is the article's text as read again for explain.
type articleText struct {
	Path    string               // the file read
	Status  string               // one of the text* states
	Note    string               // what it means, for the analyst
	article *sourcescore.Article // the parsed article (Text and Lines) when unchanged
}

// readArticleText reads a's file (or, for an article of a .jsonl file,
// its line) from the input folder again and parses it as the run did, when
// its bytes still hash to a.ContentHash. For a web page or a crawler's
// line, the text is the one extracted from it, which the rules saw.
func readArticleText(input string, a *sourcescore.Article) articleText {
	t := articleText{Path: filepath.Join(input, filepath.FromSlash(a.File))}
	const alone = "evidence shown without its line"
	raw, err := ingest.ReadSaved(input, a.File) // a regular file only: a named pipe put there since would block
	var bad *ingest.BadArticleError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		t.Status, t.Note = textMissing, "the file is gone; "+alone
		if !filepath.IsAbs(input) {
			t.Note = fmt.Sprintf("the file is gone, or the input folder %s is relative to another folder than this one (--input DIR reads it from elsewhere); %s", input, alone)
		}
		return t
	case errors.As(err, &bad):
		t.Status, t.Note = textChanged, "the file has changed since the run ("+bad.Reason+"); "+alone
		return t
	case err != nil:
		t.Status, t.Note = textUnreadable, err.Error()+"; "+alone
		return t
	}
	sum := sha256.Sum256(raw)
	if hex.EncodeToString(sum[:]) != a.ContentHash {
		t.Status, t.Note = textChanged, "the file has changed since the run (its SHA-256 differs); "+alone
		return t
	}
	parsed, err := ingest.Parse(a.File, raw, nil, nil)
	if err != nil {
		t.Status, t.Note = textUnreadable, err.Error()+"; "+alone
		return t
	}
	t.Status, t.Note, t.article = textUnchanged, "the file is unchanged since the run", parsed
	if _, line := ingest.SourceFile(a.File); line > 0 {
		t.Note = "the line is unchanged since the run; the text shown is its title and text fields"
	} else if ext := strings.ToLower(path.Ext(a.File)); ext == ".html" || ext == ".htm" {
		t.Note = "the file is unchanged since the run; the text shown is the one extracted from the page"
	}
	return t
}

// explanation is everything explain shows; it is also the JSON output, so
// its field names are part of the interface (see README).
type explanation struct {
	Run      explainedRun       `json:"run"`
	Article  explainedArticle   `json:"article"`
	Score    float64            `json:"score"`
	Grade    string             `json:"grade"`
	Scored   bool               `json:"scored"`
	Status   string             `json:"status"`   // "scored", or "not scored: " and why, as article_scores.csv writes it
	Uncapped float64            `json:"uncapped"` // the score before grade caps
	CapLost  float64            `json:"cap_lost"` // the points the caps took: uncapped - score
	Caps     []explainedCap     `json:"caps"`
	Families []explainedFamily  `json:"families"`
	Rules    []explainedRule    `json:"rules"`
	Findings []explainedFinding `json:"findings"`
	Text     explainedText      `json:"text"`
}

type explainedRun struct {
	ID          int64               `json:"id"`
	Status      string              `json:"status"`
	Started     time.Time           `json:"started"`
	Input       string              `json:"input"`
	RuleSetHash string              `json:"rule_set_hash"`
	RuleFiles   []explainedRuleFile `json:"rule_files"`
}

type explainedRuleFile struct {
	Path string `json:"path"`
	Hash string `json:"hash"`
}

type explainedArticle struct {
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

// explainedCap is a grade cap that applied to the article.
type explainedCap struct {
	RuleID  string  `json:"rule_id"` // "" for a family cap
	Family  string  `json:"family"`  // "" for a rule cap
	AtMost  float64 `json:"at_most"`
	Score   float64 `json:"score"` // the rule's (0–1) or family's (0–100) score that made it apply
	Grade   string  `json:"grade"`
	Limit   float64 `json:"limit"`   // the highest score the cap allows
	Lowered bool    `json:"lowered"` // the cap set the score: its limit is the lowest and below the uncapped score
}

type explainedFamily struct {
	Family string   `json:"family"`
	Weight float64  `json:"weight"`
	Scored bool     `json:"scored"`
	Score  *float64 `json:"score"` // null when not scored
	Note   string   `json:"note"`
	Share  float64  `json:"share"`
	Earned float64  `json:"earned"`
	Lost   float64  `json:"lost"`
}

type explainedRule struct {
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

type explainedFinding struct {
	RuleID   string          `json:"rule_id"`
	Family   string          `json:"family"`
	Severity string          `json:"severity"`
	Message  string          `json:"message"`
	Evidence string          `json:"evidence"`
	Line     int             `json:"line"`   // 0 for a finding about something absent
	Column   int             `json:"column"` // 0 for a finding about something absent
	Context  *findingContext `json:"context"`
}

// findingContext is the line of the text a finding's evidence is on:
// Before + Match + After is the whole line.
type findingContext struct {
	Before string `json:"before"`
	Match  string `json:"match"`
	After  string `json:"after"`
}

type explainedText struct {
	Path   string `json:"path"`
	Status string `json:"status"`
	Note   string `json:"note"`
}

// explain puts together what explain shows about s.
func explain(run sourcescore.Run, files []store.RuleFile, s *sourcescore.ArticleScore, text articleText) explanation {
	a := s.Article
	x := explanation{
		Run: explainedRun{ID: run.ID, Status: string(run.Status), Started: run.Started, Input: run.Input,
			RuleSetHash: run.RuleSetHash, RuleFiles: []explainedRuleFile{}},
		Article: explainedArticle{ID: a.ID, File: a.File, ContentHash: a.ContentHash, Outlet: a.Meta.OutletName(),
			URL: a.Meta.URL, Published: a.Meta.PublishedString(), Language: a.Meta.Language, Story: a.Meta.Story,
			Inferred: append([]string{}, a.Meta.Inferred...), FromPage: append([]string{}, a.Meta.FromPage...), Words: a.Words},
		Score:    s.Score,
		Grade:    s.Grade,
		Scored:   s.Scored(),
		Status:   s.Status(),
		Uncapped: s.Uncapped,
		CapLost:  s.CapPoints(),
		Caps:     []explainedCap{},
		Families: []explainedFamily{},
		Rules:    []explainedRule{},
		Findings: []explainedFinding{},
		Text:     explainedText{Path: text.Path, Status: text.Status, Note: text.Note},
	}
	if text.article != nil {
		x.Article.Title, x.Article.Author = text.article.Meta.Title, text.article.Meta.Author
	}
	for _, f := range files {
		x.Run.RuleFiles = append(x.Run.RuleFiles, explainedRuleFile(f))
	}
	for _, c := range s.Caps {
		x.Caps = append(x.Caps, explainedCap{RuleID: c.RuleID, Family: string(c.Family), AtMost: c.AtMost,
			Score: c.Score, Grade: c.Grade, Limit: c.Limit, Lowered: x.CapLost > 0 && c.Limit == s.Score})
	}
	byFamily := map[sourcescore.Family]*explainedFamily{}
	for _, f := range s.Families {
		ef := explainedFamily{Family: string(f.Family), Weight: f.Weight, Scored: f.Scored, Note: f.Note}
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
		er := explainedRule{RuleID: r.RuleID, Family: string(r.Family), Weight: r.Weight, Applied: r.Applied,
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
		ef := explainedFinding{RuleID: f.RuleID, Family: string(f.Family), Severity: f.Severity.String(),
			Message: f.Message, Evidence: f.Evidence, Line: f.Pos.Line, Column: f.Pos.Column}
		if text.article != nil {
			ef.Context = contextOf(text.article, f)
		}
		x.Findings = append(x.Findings, ef)
	}
	return x
}

func ptr[T any](v T) *T { return &v }

// contextOf returns the line of a's text that f's evidence is on, split
// around the evidence, or nil for a finding about absence or evidence that
// is not where the finding says.
func contextOf(a *sourcescore.Article, f sourcescore.Finding) *findingContext {
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
		return &findingContext{Before: line[:i], Match: line[i:], After: ""}
	}
	j := i + len(f.Evidence)
	return &findingContext{Before: line[:i], Match: line[i:j], After: line[j:]}
}

// marker marks evidence in its line.
type marker struct{ open, close string }

// markerFor marks with »…«, in bold as well when w is a terminal (and
// NO_COLOR is not set), so that output into files and tests stays plain.
func markerFor(w io.Writer) marker {
	if isTerminal(w) && os.Getenv("NO_COLOR") == "" {
		return marker{"\x1b[1m»", "«\x1b[0m"}
	}
	return marker{"»", "«"}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// printExplanation writes x for a terminal.
func printExplanation(w io.Writer, x explanation, mark marker) {
	a := x.Article
	fmt.Fprintf(w, "Article %s  %s\n", a.ID, a.File)
	inferred := func(field, v string) string {
		if v == "" {
			v = "(unknown)"
		}
		for _, f := range a.Inferred {
			if f == field {
				return v + "  (inferred from the text)"
			}
		}
		for _, f := range a.FromPage {
			if f == field {
				return v + "  (from the page's metadata)"
			}
		}
		return v
	}
	story := a.Story
	if story == "" {
		story = "(none)"
	}
	if a.Title != "" {
		fmt.Fprintf(w, "  title      %s\n", a.Title)
	}
	if a.Author != "" {
		fmt.Fprintf(w, "  author     %s\n", a.Author)
	}
	fmt.Fprintf(w, "  outlet     %s\n", inferred("outlet", a.Outlet))
	if slices.Contains(a.FromPage, "url") {
		fmt.Fprintf(w, "  url        %s\n", inferred("url", a.URL))
	}
	fmt.Fprintf(w, "  published  %s\n", inferred("published", a.Published))
	fmt.Fprintf(w, "  language   %s\n", inferred("language", a.Language))
	fmt.Fprintf(w, "  story      %s\n", story)
	fmt.Fprintf(w, "  words      %d\n", a.Words)
	if x.Scored {
		fmt.Fprintf(w, "Score %s, grade %s", one(x.Score), x.Grade)
	} else {
		fmt.Fprintf(w, "Not scored: %s", strings.TrimPrefix(x.Status, "not scored: "))
	}
	fmt.Fprintf(w, "  (run %d of %s)\n", x.Run.ID, x.Run.Started.UTC().Format("2006-01-02 15:04 UTC"))
	for _, c := range x.Caps {
		fmt.Fprintf(w, "  %s\n", c.line(x))
	}

	r := roundLedger(x)
	printFamilies(w, x, r)
	printLedger(w, x, r)
	printFindings(w, x, mark)

	fmt.Fprintf(w, "\nText: %s: %s\n", x.Text.Path, x.Text.Note)
	fmt.Fprintf(w, "\nRules of run %d: rule set %s\n", x.Run.ID, x.Run.RuleSetHash)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range x.Run.RuleFiles {
		fmt.Fprintf(tw, "  %s\t%s\n", f.Path, f.Hash)
	}
	tw.Flush()
}

// line says what a grade cap did to the article: "capped at C by
// translation.likely_mt (scored 0): 86.3 → 79.9", or that it applies
// without changing the score.
func (c explainedCap) line(x explanation) string {
	by := c.RuleID
	scored := trimZeros(fmt.Sprintf("%.3f", c.Score))
	atMost := trimZeros(fmt.Sprintf("%.3f", c.AtMost))
	if c.RuleID == "" {
		by = "family " + c.Family
		scored = trimZeros(one(c.Score))
		atMost = trimZeros(one(c.AtMost))
	}
	why := "scored " + scored
	if c.AtMost != 0 {
		why += ", at most " + atMost
	}
	if c.Lowered {
		return fmt.Sprintf("capped at %s by %s (%s): %s → %s", c.Grade, by, why, one(x.Uncapped), one(x.Score))
	}
	return fmt.Sprintf("cap at %s by %s (%s): its limit %s is not below the score, no change", c.Grade, by, why, one(c.Limit))
}

// trimZeros drops the trailing zeros of a decimal, and its point when
// nothing is left after it: "0.500" → "0.5", "0.000" → "0".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// printFamilies writes the family table with each family's points.
func printFamilies(w io.Writer, x explanation, r roundedLedger) {
	fmt.Fprintln(w, "\nFamilies (points out of 100: each family's share of the article score)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row(tw, "FAMILY", "WEIGHT", "SCORE", "POINTS", "EARNED", "LOST", "NOTE")
	for i, f := range x.Families {
		if !f.Scored {
			row(tw, f.Family, num(f.Weight), "not scored", "-", "-", "-", f.Note)
			continue
		}
		row(tw, f.Family, num(f.Weight), one(*f.Score),
			tenths(r.famPoints[i]), tenths(r.famPoints[i]-r.famLost[i]), tenths(r.famLost[i]))
	}
	if x.CapLost > 0 {
		row(tw, "cap", "-", "-", "0.0", tenths(-r.capLost), tenths(r.capLost), capNote(x))
	}
	tw.Flush()
}

// capNote names the caps that lowered the score, for the cap rows.
func capNote(x explanation) string {
	var by []string
	grade := ""
	for _, c := range x.Caps {
		if c.Lowered {
			grade = c.Grade
			if c.RuleID != "" {
				by = append(by, c.RuleID)
			} else {
				by = append(by, "family "+c.Family)
			}
		}
	}
	return fmt.Sprintf("capped at %s by %s: %s → %s", grade, strings.Join(by, ", "), one(x.Uncapped), one(x.Score))
}

// printLedger writes the deduction ledger: each rule's points, earned and
// lost, biggest loss first, with totals that add up to the score.
func printLedger(w io.Writer, x explanation, r roundedLedger) {
	if !x.Scored {
		fmt.Fprintln(w, "\nDeduction ledger: none, the article has no score")
		return
	}
	order := make([]int, len(x.Rules))
	for i := range order {
		order[i] = i
	}
	famRank := map[string]int{}
	for i, f := range sourcescore.Families {
		famRank[string(f)] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := x.Rules[order[i]], x.Rules[order[j]]
		if a.Applied != b.Applied {
			return a.Applied
		}
		if a.Lost != b.Lost {
			return a.Lost > b.Lost
		}
		if famRank[a.Family] != famRank[b.Family] {
			return famRank[a.Family] < famRank[b.Family]
		}
		return a.RuleID < b.RuleID
	})
	var totalP, totalL int
	for i := range r.rulePoints {
		totalP += r.rulePoints[i]
		totalL += r.ruleLost[i]
	}
	totalL += r.capLost
	fmt.Fprintf(w, "\nDeduction ledger (points out of 100; the lost points add up to 100 - %s = %s)\n", one(x.Score), tenths(totalL))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row(tw, "RULE", "WEIGHT", "SCORE", "POINTS", "EARNED", "LOST", "NOTE")
	// The rules that applied, the caps after them, the rules that did not
	// apply last.
	capRow := x.CapLost > 0
	for _, i := range order {
		rule := x.Rules[i]
		if !rule.Applied {
			if capRow {
				row(tw, "cap", "", "", "0.0", tenths(-r.capLost), tenths(r.capLost), capNote(x))
				capRow = false
			}
			row(tw, rule.RuleID, num(rule.Weight), "-", "-", "-", "-", clip(rule.Note, 70))
			continue
		}
		p, l := r.rulePoints[i], r.ruleLost[i]
		row(tw, rule.RuleID, num(rule.Weight), fmt.Sprintf("%.3f", *rule.Score), tenths(p), tenths(p-l), tenths(l), clip(rule.Note, 70))
	}
	if capRow {
		row(tw, "cap", "", "", "0.0", tenths(-r.capLost), tenths(r.capLost), capNote(x))
	}
	row(tw, "total", "", "", tenths(totalP), tenths(totalP-totalL), tenths(totalL), "= 100 - "+one(x.Score))
	tw.Flush()
}

// row writes one table row, leaving out empty cells at its end so that no
// line ends in blanks.
func row(w io.Writer, cells ...string) {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	fmt.Fprintln(w, strings.Join(cells, "\t"))
}

// printFindings writes each finding and, when the text is there, its line
// with the evidence marked.
func printFindings(w io.Writer, x explanation, mark marker) {
	if len(x.Findings) == 0 {
		fmt.Fprintln(w, "\nFindings: none")
		return
	}
	fmt.Fprintf(w, "\nFindings (%d)\n", len(x.Findings))
	sevW, ruleW, posW := 0, 0, 0
	pos := make([]string, len(x.Findings))
	for i, f := range x.Findings {
		pos[i] = "-"
		if f.Line > 0 {
			pos[i] = fmt.Sprintf("%d:%d", f.Line, f.Column)
		}
		sevW = max(sevW, len(f.Severity))
		ruleW = max(ruleW, len(f.RuleID))
		posW = max(posW, len(pos[i]))
	}
	for i, f := range x.Findings {
		fmt.Fprintf(w, "  %-*s  %-*s  %-*s  %s\n", posW, pos[i], sevW, f.Severity, ruleW, f.RuleID, f.Message)
		indent := strings.Repeat(" ", 2+posW+2)
		switch {
		case f.Evidence == "":
			// about something absent: the message says it all
		case f.Context != nil:
			fmt.Fprintf(w, "%s%d | %s\n", indent, f.Line, markInLine(*f.Context, mark))
		default:
			fmt.Fprintf(w, "%sevidence: %s%s%s\n", indent, mark.open, clip(oneLine(f.Evidence), 100), mark.close)
		}
	}
}

// The context shown around evidence, in characters either side.
const (
	contextChars  = 60
	evidenceChars = 120
)

// markInLine shows the evidence in its line with up to contextChars
// characters either side, cut at a space where it can be.
func markInLine(c findingContext, mark marker) string {
	before, after := []rune(c.Before), []rune(c.After)
	b := ""
	if len(before) > contextChars {
		cut := string(before[len(before)-contextChars:])
		if k := strings.IndexByte(cut, ' '); k >= 0 && k < contextChars/2 {
			cut = cut[k+1:]
		}
		b = "…" + cut
	} else {
		b = string(before)
	}
	a := ""
	if len(after) > contextChars {
		cut := string(after[:contextChars])
		if k := strings.LastIndexByte(cut, ' '); k > contextChars/2 {
			cut = cut[:k]
		}
		a = cut + "…"
	} else {
		a = string(after)
	}
	return b + mark.open + clip(c.Match, evidenceChars) + mark.close + a
}

// oneLine puts s on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// num formats a weight with as many decimals as it needs.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// tenths formats a count of tenths as a number with one decimal.
func tenths(n int) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%d", sign, n/10, n%10)
}

// roundedLedger is the ledger in tenths of a point, as the tables show it.
type roundedLedger struct {
	famPoints, famLost   []int // per family, in explanation.Families order
	rulePoints, ruleLost []int // per rule, in explanation.Rules order
	capLost              int   // the points the grade caps took
}

// roundLedger rounds the earned and lost points of families and rules to
// tenths so that the tables add up exactly as the unrounded values do: the
// families' earned points to the uncapped score as shown, their lost points
// to 100 minus that, and each family's rules to the family's row; the
// grade caps took the uncapped score as shown minus the score as shown. Earned and lost
// points each stay within a tenth and a half of their exact value (a rule
// that lost nothing shows 0.0 lost); a row's points are its earned plus its
// lost.
func roundLedger(x explanation) roundedLedger {
	r := roundedLedger{
		famPoints: make([]int, len(x.Families)), famLost: make([]int, len(x.Families)),
		rulePoints: make([]int, len(x.Rules)), ruleLost: make([]int, len(x.Rules)),
	}
	if !x.Scored {
		return r
	}
	earned := make([]float64, len(x.Families))
	lost := make([]float64, len(x.Families))
	var total float64
	for i, f := range x.Families {
		earned[i], lost[i] = f.Earned, f.Lost
		total += f.Share
	}
	// The scores in tenths exactly as one shows them.
	shownT := func(v float64) int {
		shown := sourcescore.RoundDecimal(v, 1)
		return int(math.Round(shown * 10))
	}
	scoreT := shownT(x.Score)
	if x.CapLost > 0 {
		r.capLost = shownT(x.Uncapped) - scoreT
		scoreT += r.capLost
	}
	r.famPoints, r.famLost = apportionLedger(earned, lost, scoreT, int(math.Round(total*10))-scoreT)
	for fi, f := range x.Families {
		var idx []int
		var earned, lost []float64
		for i, rule := range x.Rules {
			if rule.Family == f.Family {
				idx = append(idx, i)
				earned = append(earned, rule.Earned)
				lost = append(lost, rule.Lost)
			}
		}
		p, l := apportionLedger(earned, lost, r.famPoints[fi]-r.famLost[fi], r.famLost[fi])
		for k, i := range idx {
			r.rulePoints[i], r.ruleLost[i] = p[k], l[k]
		}
	}
	return r
}

// apportionLedger rounds rows of earned and lost points to tenths that add
// up to earnedT and lostT, and returns each row's points (earned + lost)
// and lost points.
func apportionLedger(earned, lost []float64, earnedT, lostT int) (points, lostOut []int) {
	e := apportion(earned, earnedT)
	l := apportion(lost, lostT)
	points = make([]int, len(e))
	for i := range e {
		points[i] = e[i] + l[i]
	}
	return points, l
}

// apportion rounds values to tenths so that they add up to total tenths:
// each is rounded to the nearest tenth, then the tenths still missing go to
// the values rounded down most and surplus ones come off the values rounded
// up most (largest remainder). A value that is a whole number of tenths
// changes only when nothing else can take the difference.
func apportion(values []float64, total int) []int {
	n := len(values)
	out := make([]int, n)
	order := make([]int, n)
	sum := 0
	for i, v := range values {
		out[i] = int(math.Round(v * 10))
		sum += out[i]
		order[i] = i
	}
	rest := func(i int) float64 { return values[i]*10 - float64(out[i]) }
	sort.SliceStable(order, func(a, b int) bool { return rest(order[a]) > rest(order[b]) })
	for k := 0; sum < total && n > 0; k = (k + 1) % n {
		out[order[k]]++
		sum++
	}
	for k := n - 1; sum > total && n > 0; k = (k - 1 + n) % n {
		out[order[k]]--
		sum--
	}
	return out
}

// one is a score (0–100) with one decimal, as every report shows it
// (sourcescore.FormatDecimal: the rule of SQL's round()).
func one(v float64) string { return sourcescore.FormatDecimal(v, 1) }
