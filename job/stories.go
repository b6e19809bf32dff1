package job

import (
	"errors"
	"fmt"
	"strings"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/rules"
)

// Where the manifest and the story files meet: a story the manifest names
// must be one of the rule set's, and `rules check --input` says which
// stories and articles do not meet.

// CheckManifest returns an *ingest.ManifestError (a configuration error)
// listing every manifest row whose story the rule set does not have, each
// at the story cell's line and column, with the set's stories; nil when
// every story the manifest names is in the set.
func CheckManifest(src *ingest.Source, set *rules.Set) error {
	var probs []ingest.ManifestProblem
	ids := set.StoryIDs()
	for _, e := range src.Entries() {
		if e.Story == "" || set.Story(e.Story) != nil {
			continue
		}
		hint := sourcescore.Suggest(e.Story, ids)
		if hint == "" {
			hint = "add the story's file with --stories DIR (sourcescore story init drafts one), or correct the story column"
		}
		probs = append(probs, ingest.ManifestProblem{Line: e.Line, Column: e.StoryCol,
			Msg: fmt.Sprintf("story %q is not in the rule set (%s)", e.Story, storyList(ids)), Hint: hint})
	}
	if len(probs) == 0 {
		return nil
	}
	return ingest.NewManifestError(src.ManifestPath(), probs)
}

// storyList says which stories a set has, for messages.
func storyList(ids []string) string {
	if len(ids) == 0 {
		return "it has no stories"
	}
	return "stories: " + strings.Join(ids, ", ")
}

// noStoryNote says that articles match no story, naming the first few:
// "3 articles match no story: story rules not applied (a.txt, b.txt, c.txt)".
func noStoryNote(files []string) string {
	const shown = 5
	what := "articles match"
	if len(files) == 1 {
		what = "article matches"
	}
	names := strings.Join(files[:min(len(files), shown)], ", ")
	if len(files) > shown {
		names += fmt.Sprintf(" and %d more", len(files)-shown)
	}
	return fmt.Sprintf("%d %s no story: story rules not applied (%s)", len(files), what, names)
}

// InputCheck is what `rules check --input` finds in an input folder for a
// rule set: nothing in it stops a run, but each may be a mistake.
type InputCheck struct {
	Articles int      // articles read
	Warnings []string // in the order: input, stories that match no article, articles that match no story
}

// CheckInput reads every article of the folder input as a run would and
// reports, as warnings, the input's own warnings (manifest rows without a
// file, files that cannot be scored), each story of the set whose match
// rules match none of the articles, and the articles that match no story.
// A manifest that names a story the set does not have is an error, as in
// a run (see CheckManifest); so is a folder that cannot be opened.
func CheckInput(input string, set *rules.Set) (*InputCheck, error) {
	src, err := ingest.Open(input, ingest.Limits{})
	if err != nil {
		return nil, err
	}
	defer src.Close()
	if err := CheckManifest(src, set); err != nil {
		return nil, err
	}
	c := &InputCheck{Warnings: src.Warnings()}
	for _, s := range src.Skipped() {
		c.Warnings = append(c.Warnings, fmt.Sprintf("%s: not read: %s", s.File, s.Reason))
	}
	matched := map[string]int{} // story id → articles its match rules fit
	var none []string
	for _, file := range src.Files() {
		a, err := src.Read(file, &set.Boilerplate)
		var bad *ingest.BadArticleError
		if errors.As(err, &bad) {
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s: not scored: %s", file, bad.Reason))
			continue
		}
		if err != nil {
			return nil, err // too many open files: no fault of the file
		}
		c.Articles++
		stories := set.Matching(a)
		for _, st := range stories {
			matched[st.ID]++
		}
		if a.Meta.Story == "" && len(stories) == 0 {
			none = append(none, file)
		}
	}
	for _, st := range set.Stories {
		if matched[st.ID] == 0 {
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s:%d:%d: story %s: its match rules match none of the %d articles of %s",
				st.File, st.Line, st.Column, st.ID, c.Articles, input))
		}
	}
	if len(none) > 0 {
		c.Warnings = append(c.Warnings, noStoryNote(none)+"; name the story in manifest.csv, or check the story files' match rules")
	}
	return c, nil
}
