package job

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/rules"
)

// Checked is what Check found in one path given to it: the articles it
// scored and the files it skipped, with their paths as given (a folder's
// files joined to the folder).
type Checked struct {
	Scores  []*sourcescore.ArticleScore // in file order; Article.File is the path as given
	Skipped []sourcescore.Skipped       // File is the path as given
}

// Check scores the articles at paths (files, or folders read as a run
// reads its input, manifest included) with set, without a database or a
// report folder: `sourcescore check`. A file is read as part of its
// folder, so that the folder's manifest.csv gives it its outlet, date and
// story. A path that does not exist is an error matching
// sourcescore.ErrConfig; a bad article is a skipped row, as in a run.
func Check(ctx context.Context, paths []string, set *rules.Set, lim ingest.Limits, nworkers int) (*Checked, error) {
	out := &Checked{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (%v)", p, sourcescore.ErrConfig, err)
		}
		dir, only := p, ""
		if !fi.IsDir() {
			dir, only = filepath.Dir(p), filepath.ToSlash(filepath.Base(p))
		}
		if err := checkFolder(ctx, dir, only, set, lim, nworkers, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkFolder scores the files of the folder dir (or only the file only,
// when it is not ""), adding them to out.
func checkFolder(ctx context.Context, dir, only string, set *rules.Set, lim ingest.Limits, nworkers int, out *Checked) error {
	src, err := ingest.Open(dir, lim)
	if err != nil {
		return err
	}
	defer src.Close()
	if err := CheckManifest(src, set); err != nil {
		return err
	}
	files, listed := inputs(src)
	if only != "" {
		// A .jsonl file stands for its lines ("crawl.jsonl:3").
		var picked []string
		for _, f := range files {
			if name, _ := ingest.SourceFile(f); name == only {
				picked = append(picked, f)
			}
		}
		if len(picked) == 0 {
			return fmt.Errorf("%s: %w: not an article file (*.txt, *.html, *.htm, *.jsonl)", filepath.Join(dir, only), sourcescore.ErrConfig)
		}
		files = picked
	}
	sc := &scorer{ctx: context.WithoutCancel(ctx), set: set, src: src, input: dir, listed: listed}
	join := func(f string) string {
		if only != "" {
			return filepath.Join(dir, filepath.FromSlash(f))
		}
		return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(f)))
	}
	var scores []*sourcescore.ArticleScore
	err = score(ctx, nworkers, files, sc.one, func(r result) error {
		switch {
		case r.fatal != nil:
			return r.fatal
		case r.skipped != nil:
			s := *r.skipped
			s.File = join(s.File)
			out.Skipped = append(out.Skipped, s)
		default:
			r.score.Article.File = join(r.score.Article.File)
			scores = append(scores, r.score)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(scores, func(i, j int) bool { return scores[i].Article.File < scores[j].Article.File })
	out.Scores = append(out.Scores, scores...)
	return nil
}
