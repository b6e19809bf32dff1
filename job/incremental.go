package job

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/reports"
	"sourcescore/rules"
	"sourcescore/scoring"
	"sourcescore/store"
)

// Incremental scoring. An article's results depend on its file's bytes,
// its manifest entry, its path and the rule set (which includes the
// boilerplate markers, the stories and the word lists). When all four are
// those of the latest successful run over the same folder, the stored
// results of that run are the results a fresh scoring would give, and they
// are used as they are: the file is read and hashed, but neither parsed nor
// matched.
//
// Each worker reads the base run's row of its file's article (one query by
// index, so that no run's articles are held in memory all at once), decides
// whether the article is unchanged and, when it is, decodes the rest of the
// stored results (family and rule scores, findings); the new run shares the
// stored results row instead of writing it again.

// reuseBase returns the run whose results the next run over input may
// reuse, or 0 when there is none: no successful run over input yet, or its
// rule set was another.
func reuseBase(ctx context.Context, db *store.DB, input, ruleSetHash string, log *slog.Logger) (int64, error) {
	base, err := db.LatestRunOfInput(ctx, input)
	if errors.Is(err, sourcescore.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if base.RuleSetHash != ruleSetHash {
		log.Info("rule set changed: every article is scored again", "since_run", base.ID,
			"rule_set", shortHash(ruleSetHash), "was", shortHash(base.RuleSetHash))
		return 0, nil
	}
	return base.ID, nil
}

// scorer turns one input file into a result.
type scorer struct {
	ctx   context.Context
	set   *rules.Set
	src   *ingest.Source
	input string    // the input folder
	db    *store.DB // where the base run's articles are read
	base  int64     // the run whose results may be reused; 0 scores every file

	listed map[string]string // files and folders skipped while the folder was listed → why

	// rows encodes an article's rows of the per-article reports (the run
	// writer's Encode), so that the workers do it rather than the one
	// goroutine that writes; nil encodes none (other uses of the scorer).
	rows func(*sourcescore.ArticleScore) *reports.ArticleRows
}

// one scores file, or finds that the base run's result for it still holds.
// A panic while scoring skips the article instead of the run.
func (sc *scorer) one(file string) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{skipped: &sourcescore.Skipped{File: file, Reason: fmt.Sprintf("internal error while scoring: %v", p)}}
		}
	}()
	defer sc.encode(&r)
	if why, ok := sc.listed[file]; ok {
		r.skipped = &sourcescore.Skipped{File: file, Reason: why}
		return r
	}
	hold(sc.input, file) // test builds only
	start := time.Now()
	raw, err := sc.src.ReadBytes(file)
	r.stages.read = time.Since(start)
	var bad *ingest.BadArticleError
	if errors.As(err, &bad) {
		r.skipped = &sourcescore.Skipped{File: file, Reason: bad.Reason}
		return r
	}
	if err != nil {
		r.fatal = err
		return r
	}
	if sc.base != 0 {
		start := time.Now()
		s, result, err := sc.stored(file, raw)
		r.stages.reuse = time.Since(start)
		if s != nil {
			r.score, r.reused = s, result
			return r
		}
		// Not in the base run, changed, or its stored results cannot be
		// read: score the file again, which gives the same results.
		r.err = err
	}
	sc.fresh(file, raw, &r)
	return r
}

// encode fills r.rows with the rows of r.score, when sc encodes rows.
func (sc *scorer) encode(r *result) {
	if sc.rows == nil || r.score == nil {
		return
	}
	start := time.Now()
	r.rows = sc.rows(r.score)
	r.stages.rows = time.Since(start)
}

// stored returns the base run's score of file and its results row when
// the file, read as raw, is unchanged since; nil when it is not in the base
// run or changed, and an error only when the stored results could not be
// read.
func (sc *scorer) stored(file string, raw []byte) (*sourcescore.ArticleScore, int64, error) {
	a, err := sc.db.Stored(sc.ctx, sc.base, ingest.ArticleID(file))
	if errors.Is(err, sourcescore.ErrNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	if !unchanged(a.Score.Article, file, raw, sc.src.Entry(file)) {
		return nil, 0, nil
	}
	s, err := a.Full()
	if err != nil {
		return nil, 0, err
	}
	if s.Article.Meta.Story != "" && s.Notes == nil {
		// Stored before the rules kept what an article says about its
		// story (schema 11): scored again, which gives the same scores
		// and the notes the story comparison needs.
		return nil, 0, nil
	}
	return s, a.Result, nil
}

// fresh scores file from raw, its bytes, into r.
func (sc *scorer) fresh(file string, raw []byte, r *result) {
	var st ingest.Stages
	a, err := ingest.ParseStages(file, raw, sc.src.Entry(file), &sc.set.Boilerplate, &st)
	r.stages.decode, r.stages.extract = st.Decode, st.Extract
	if err != nil {
		r.skipped = &sourcescore.Skipped{File: file, Reason: reason(err)}
		return
	}
	start := time.Now()
	res := sc.set.Apply(a)
	applied := time.Now()
	r.stages.rules = applied.Sub(start)
	if res.StoryInferred && a.Meta.Story == "" {
		a.Meta.Story = res.Story
		a.Meta.Inferred = append(a.Meta.Inferred, "story")
	}
	s := &sourcescore.ArticleScore{Article: a, Rules: res.Rules, Findings: res.Findings, Notes: res.Notes}
	scoring.Score(sc.set.Scoring, s)
	r.stages.scoring = time.Since(applied)
	r.score = s
}

// unchanged reports whether stored, an article of the base run, would be
// read again exactly so from raw, the bytes of file, with manifest entry e
// (nil when the manifest has none).
func unchanged(stored *sourcescore.Article, file string, raw []byte, e *ingest.ManifestEntry) bool {
	if stored.File != file {
		return false
	}
	sum := sha256.Sum256(raw)
	if stored.ContentHash != hex.EncodeToString(sum[:]) {
		return false
	}
	return sameMeta(stored.Meta, e)
}

// sameMeta reports whether metadata m, stored for an article, is what the
// manifest entry e gives the same text now. The manifest's fields win; a
// field it leaves empty is taken from the page's metadata (a web page's or
// a crawler's JSON; the same bytes give the same values) or inferred from
// the text (or, for the story, by the rules), and the same text and rules
// infer the same value. So m holds when every field the manifest gives is
// m's and came from the manifest, and every field it leaves empty came
// from the page or the text, or was found empty in m too.
func sameMeta(m sourcescore.Metadata, e *ingest.ManifestEntry) bool {
	var want ingest.ManifestEntry
	if e != nil {
		want = *e
	}
	published := ""
	if !want.Published.IsZero() {
		published = want.Published.UTC().Format("2006-01-02")
	}
	field := func(name, manifest, stored string) bool {
		fromManifest := m.Origin(name) == sourcescore.OriginManifest
		if manifest != "" {
			return stored == manifest && fromManifest
		}
		return stored == "" || !fromManifest
	}
	return field("url", want.URL, m.URL) &&
		field("outlet", want.Outlet, m.Outlet) &&
		field("published", published, m.PublishedString()) &&
		field("language", want.Language, m.Language) &&
		field("story", want.Story, m.Story)
}
