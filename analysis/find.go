package analysis

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/store"
)

// ResolveArticle finds the article of run that arg names among refs (the
// run's articles): an article id (also in the form reports wrote before ids
// had their prefix), a file as stored, a path to the file (relative to the
// current folder or inside the run's input folder), a unique path suffix
// made of whole path components, or a unique id prefix of at least four
// characters. The error says what matched (none, or several) with a hint.
func ResolveArticle(arg string, run sourcescore.Run, refs []store.ArticleRef) (store.ArticleRef, error) {
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
