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
// Which articles qualify is decided from the base run's article rows, read
// in one query. A worker that finds its article unchanged reads the rest of
// the stored results (family and rule scores, findings: one row of the
// results table), and the new run shares that row instead of writing it
// again.

// reuseBase returns the run whose results the next run over input may
// reuse, with its articles by id, or 0 and nil when there is none: no
// successful run over input yet, or its rule set was another.
func reuseBase(ctx context.Context, db *store.DB, input, ruleSetHash string, log *slog.Logger) (int64, map[string]store.StoredArticle, error) {
	base, err := db.LatestRunOfInput(ctx, input)
	if errors.Is(err, sourcescore.ErrNotFound) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	if base.RuleSetHash != ruleSetHash {
		log.Info("rule set changed: every article is scored again", "since_run", base.ID,
			"rule_set", shortHash(ruleSetHash), "was", shortHash(base.RuleSetHash))
		return 0, nil, nil
	}
	prev, err := db.StoredArticles(ctx, base.ID)
	if err != nil {
		return 0, nil, err
	}
	return base.ID, prev, nil
}

// scorer turns one input file into a result.
type scorer struct {
	ctx   context.Context
	set   *rules.Set
	src   *ingest.Source
	input string                         // the input folder
	db    *store.DB                      // where the base run's details are read
	prev  map[string]store.StoredArticle // the base run's articles by id; nil scores every file
}

// one scores file, or finds that the base run's result for it still holds.
// A panic while scoring skips the article instead of the run.
func (sc *scorer) one(file string) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{skipped: &sourcescore.Skipped{File: file, Reason: fmt.Sprintf("internal error while scoring: %v", p)}}
		}
	}()
	start := time.Now()
	raw, err := sc.src.ReadBytes(file)
	r.stages.read = time.Since(start)
	if err != nil {
		r.skipped = &sourcescore.Skipped{File: file, Reason: reason(err)}
		return r
	}
	if p, ok := sc.prev[ingest.ArticleID(file)]; ok && unchanged(p.Score.Article, file, raw, sc.src.Entry(file)) {
		start := time.Now()
		s, err := sc.db.Details(sc.ctx, p)
		r.stages.reuse = time.Since(start)
		if err == nil {
			r.score, r.reused = s, p.Result
			return r
		}
		// The stored results cannot be read: score the file again, which
		// gives the same results.
		r.err = err
	}
	sc.fresh(file, raw, &r)
	return r
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
	s := &sourcescore.ArticleScore{Article: a, Rules: res.Rules, Findings: res.Findings}
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
// field it leaves empty is inferred from the text (or, for the story, by
// the rules), and the same text and rules infer the same value. So m holds
// when every field the manifest gives is m's and was not inferred, and
// every field it leaves empty was inferred or found empty in m too.
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
		if manifest != "" {
			return stored == manifest && !m.IsInferred(name)
		}
		return stored == "" || m.IsInferred(name)
	}
	return want.URL == m.URL &&
		field("outlet", want.Outlet, m.Outlet) &&
		field("published", published, m.PublishedString()) &&
		field("language", want.Language, m.Language) &&
		field("story", want.Story, m.Story)
}
