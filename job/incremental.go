package job

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
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
// are used as they are: neither parsed nor matched.
//
// Whether the bytes are the same is known without reading them when the
// file is in the state the base run found it in (ingest.Source.State: its
// device, inode, size, mtime and ctime, taken only for a file left alone
// for ingest.SettleTime); otherwise the file is read and its hash compared
// with the stored one. On a cold page cache, reading the files had been
// most of a rerun.
//
// Each worker reads the base run's row of its file's article (one query by
// index, so that no run's articles are held in memory all at once), decides
// whether the article is unchanged and, when it is, decodes the rest of the
// stored results (family and rule scores, findings); the new run shares the
// stored results row instead of writing it again, and stores the file's
// state as it found it.

// reuseBase returns the run whose results the next run over input may
// reuse, or 0 when there is none: no successful run over input yet, or its
// rule set was another, or another program scored it (program "" does not
// compare).
func reuseBase(ctx context.Context, db *store.DB, input, ruleSetHash, program string, log *slog.Logger) (int64, error) {
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
	if program != "" && base.Program != program {
		was := base.Program
		if was == "" {
			was = "not recorded"
		}
		log.Info("program changed: every article is scored again", "since_run", base.ID, "program", program, "was", was)
		return 0, nil
	}
	return base.ID, nil
}

// ProgramIdentity names the running program for Config.Program: version
// and the first 16 hex digits of the SHA-256 of its executable, so that
// two builds of one version (a changed working tree) differ too. It
// returns version alone when the executable cannot be read.
func ProgramIdentity(version string) string {
	path, err := os.Executable()
	if err != nil {
		return version
	}
	f, err := os.Open(path)
	if err != nil {
		return version
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return version
	}
	return version + " " + hex.EncodeToString(h.Sum(nil))[:16]
}

// scorer turns one input file into a result.
type scorer struct {
	ctx   context.Context
	set   *rules.Set
	src   *ingest.Source
	input string    // the input folder
	db    *store.DB // where the base run's articles are read
	base  int64     // the run whose results may be reused; 0 scores every file

	checksum bool // read and hash every file, even one in the state the base run found it in

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
	// The base run's row of the article, and whether the file is in the
	// state that run found it in: then its bytes are not read at all.
	var base *store.StoredArticle
	if sc.base != 0 {
		start := time.Now()
		a, err := sc.db.Stored(sc.ctx, sc.base, ingest.ArticleID(file))
		switch {
		case err == nil:
			base = &a
		case !errors.Is(err, sourcescore.ErrNotFound):
			r.err = err // scored again below, which gives the same results
		}
		if base != nil && base.Score.Article.FileState != "" && !sc.checksum {
			if state := sc.src.State(file); state == base.Score.Article.FileState {
				s, err := sc.reuse(*base, file, state)
				if s != nil {
					r.score, r.reused, r.unread = s, base.Result, true
					r.stages.reuse = time.Since(start)
					return r
				}
				if err != nil {
					r.err, base = err, nil
				}
			}
		}
		r.stages.reuse = time.Since(start)
	}
	start := time.Now()
	raw, state, err := sc.src.ReadState(file)
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
	if base != nil {
		start := time.Now()
		sum := sha256.Sum256(raw)
		if base.Score.Article.ContentHash == hex.EncodeToString(sum[:]) {
			s, err := sc.reuse(*base, file, state)
			if s != nil {
				r.score, r.reused = s, base.Result
				r.stages.reuse += time.Since(start)
				return r
			}
			// Its stored results cannot be read: score the file again,
			// which gives the same results.
			r.err = err
		}
		r.stages.reuse += time.Since(start)
	}
	sc.fresh(file, raw, &r)
	if r.score != nil {
		r.score.Article.FileState = state
	}
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

// reuse returns the base run's whole score of file, a, whose bytes the
// caller found unchanged since (their hash, or the file's state, is a's),
// when its manifest entry gives what was stored too. The score carries the
// file's state now (state). It returns nil when the entry changed, and an
// error only when the stored results could not be read.
func (sc *scorer) reuse(a store.StoredArticle, file, state string) (*sourcescore.ArticleScore, error) {
	stored := a.Score.Article
	if stored.File != file || !sameMeta(stored.Meta, sc.src.Entry(file)) {
		return nil, nil
	}
	s, err := a.Full()
	if err != nil {
		return nil, err
	}
	if s.Article.Meta.Story != "" && s.Notes == nil {
		// Stored before the rules kept what an article says about its
		// story (schema 11): scored again, which gives the same scores
		// and the notes the story comparison needs.
		return nil, nil
	}
	art := *s.Article
	art.FileState = state
	s.Article = &art
	return s, nil
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
