package job

import (
	"errors"
	"fmt"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/reports"
	"sourcescore/rules"
)

// DraftStory drafts a story file from the articles of the folder input,
// read as a run reads them (manifest.csv included, boilerplate cut with the
// set's markers), with set's denial wording (see rules.Set.Draft). The
// files that cannot be read are returned as warnings, with the input's own.
//
// Without an id, the story the manifest names is taken when every row that
// names one names the same, and the set does not have it; else the draft
// makes one.
func DraftStory(input string, set *rules.Set, id string) (*rules.Draft, []string, error) {
	src, err := ingest.Open(input, ingest.Limits{})
	if err != nil {
		return nil, nil, err
	}
	defer src.Close()
	if id == "" {
		named := map[string]bool{}
		for _, e := range src.Entries() {
			if e.Story != "" {
				named[e.Story] = true
			}
		}
		for s := range named {
			if len(named) == 1 && set.Story(s) == nil {
				id = s
			}
		}
	}
	warnings := src.Warnings()
	for _, s := range src.Skipped() {
		warnings = append(warnings, fmt.Sprintf("%s: left out: %s", s.File, s.Reason))
	}
	var articles []*sourcescore.Article
	for _, file := range src.Files() {
		a, err := src.Read(file, &set.Boilerplate)
		var bad *ingest.BadArticleError
		if errors.As(err, &bad) {
			warnings = append(warnings, fmt.Sprintf("%s: left out: %s", file, bad.Reason))
			continue
		}
		if err != nil {
			return nil, warnings, err // too many open files: no fault of the file
		}
		articles = append(articles, a)
	}
	if id != "" {
		if st := set.Story(id); st != nil {
			return nil, warnings, fmt.Errorf("story id %q is in the rule set already (%s:%d:%d): choose another --id (%w)",
				id, st.File, st.Line, st.Column, sourcescore.ErrConfig)
		}
	}
	if len(articles) == 0 {
		return nil, warnings, fmt.Errorf("no article to draft a story from in %s (%w)", input, sourcescore.ErrConfig)
	}
	d, err := set.Draft(articles, rules.DraftOptions{ID: id, Source: input})
	if err != nil {
		return nil, warnings, fmt.Errorf("draft from %s: %w", input, err)
	}
	return d, warnings, nil
}

// ErrExists is returned by WriteStoryFile for a file that exists.
var ErrExists = reports.ErrExists

// WriteStoryFile writes a story file atomically (a temporary file in the
// same folder, renamed into place), making its folder. An existing file is
// replaced only when force is set; otherwise the error wraps ErrExists and
// sourcescore.ErrConfig.
func WriteStoryFile(path string, data []byte, force bool) error {
	err := reports.WriteFile(path, data, force)
	if errors.Is(err, reports.ErrExists) {
		return fmt.Errorf("%s: %w; use --force to replace it (%w)", path, ErrExists, sourcescore.ErrConfig)
	}
	return err
}
