package job

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/internal/testutil"
	"sourcescore/store"
)

// windpark copies the invented articles of testdata/story/windpark into a
// temporary input folder.
func windpark(t testing.TB) string { return testutil.CopyDir(t, "../testdata/story/windpark") }

// storiesDir is the folder of the windpark story file.
const storiesDir = "../testdata/story/stories"

// TestRun_UnknownManifestStory: a manifest naming a story the rule set
// does not have is a configuration error at the story cell, and nothing
// is stored; scheduled, the refused run is recorded as failed.
func TestRun_UnknownManifestStory(t *testing.T) {
	input := windpark(t)
	testutil.SetManifestStory(t, input, "windpark-2052")
	cfg := testConfig(t, input)
	set, err := LoadRules(RuleSource{Dir: testutil.HermeticRulesDir(t), Stories: storiesDir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), cfg, set)
	var me *ingest.ManifestError
	if !errors.As(err, &me) || !errors.Is(err, sourcescore.ErrConfig) {
		t.Fatalf("err = %v, want a *ManifestError that is a configuration error", err)
	}
	path := filepath.Join(input, "manifest.csv")
	first := path + `:2:44: story "windpark-2052" is not in the rule set (stories: musk-putin-2024, windpark-2025)` + "\n\ttry: windpark-2025"
	if !strings.HasPrefix(err.Error(), first+"\n") || len(me.Problems) != 6 {
		t.Errorf("error:\n%v\nwant 6 problems, the first:\n%s", err, first)
	}
	if _, err := os.Stat(cfg.DB); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the database exists after a refused run: %v", err)
	}
	if _, err := os.Stat(cfg.Out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the reports folder exists after a refused run: %v", err)
	}

	// No story the set has: the hint says how to add one.
	testutil.SetManifestStory(t, input, "nord-x")
	_, err = Run(context.Background(), cfg, set)
	if want := `:2:44: story "nord-x" is not in the rule set (stories: musk-putin-2024, windpark-2025)` + "\n\ttry: add the story's file with --stories DIR"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error:\n%v\nwant it to say %q", err, want)
	}

	_, err = RunUnattended(context.Background(), cfg, RuleSource{Dir: testutil.HermeticRulesDir(t), Stories: storiesDir})
	if !errors.As(err, &me) {
		t.Fatalf("unattended: err = %v, want a *ManifestError", err)
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Status != sourcescore.RunFailed || !strings.Contains(runs[0].Error, `story "nord-x" is not in the rule set`) {
		t.Errorf("runs = %+v, want one failed run with the manifest's error", runs)
	}
}

// TestRun_NoStory: the run names the articles that match no story, in the
// summary and in the log, and says nothing when every article matches.
func TestRun_NoStory(t *testing.T) {
	input := windpark(t)
	cfg := testConfig(t, input)
	var log bytes.Buffer
	cfg.Log = slog.New(slog.NewTextHandler(&log, nil))
	sum := mustRun(t, cfg, builtinRules(t))
	want := []string{"01_moewenpost.txt", "02_nordwind.txt", "03_kuestenecho.txt", "04_hafenradio.txt", "05_harbour_ledger.txt", "06_north_coast_wire.txt"}
	if diff := cmp.Diff(want, sum.NoStory); diff != "" {
		t.Errorf("NoStory (-want +got):\n%s", diff)
	}
	note := "6 articles match no story: story rules not applied (01_moewenpost.txt, 02_nordwind.txt, 03_kuestenecho.txt, 04_hafenradio.txt, 05_harbour_ledger.txt and 1 more)"
	if got := sum.NoStoryNote(); got != note {
		t.Errorf("NoStoryNote() = %q, want %q", got, note)
	}
	if !strings.Contains(log.String(), `level=WARN msg="articles match no story: story rules not applied" run=1 articles=6 note="6 articles`) {
		t.Errorf("log has no warning about the articles without a story:\n%s", log.String())
	}

	// Run again with the story added: every article matches it; the
	// articles are scored afresh (the rule set changed), none without story.
	set, err := LoadRules(RuleSource{Dir: testutil.HermeticRulesDir(t), Stories: storiesDir})
	if err != nil {
		t.Fatal(err)
	}
	log.Reset()
	sum = mustRun(t, cfg, set)
	if sum.NoStory != nil || sum.NoStoryNote() != "" || sum.Run.Reused != 0 {
		t.Errorf("with the story: NoStory %v, note %q, reused %d; want none", sum.NoStory, sum.NoStoryNote(), sum.Run.Reused)
	}
	if strings.Contains(log.String(), "no story") {
		t.Errorf("log speaks of articles without a story:\n%s", log.String())
	}
	// Reused results keep their story.
	sum = mustRun(t, cfg, set)
	if sum.Run.Reused != 6 || sum.NoStory != nil {
		t.Errorf("rerun: reused %d, NoStory %v; want 6 reused, none without a story", sum.Run.Reused, sum.NoStory)
	}
	one := noStoryNote([]string{"a.txt"})
	if one != "1 article matches no story: story rules not applied (a.txt)" {
		t.Errorf("noStoryNote of one: %q", one)
	}
}

func TestCheckInput(t *testing.T) {
	input := windpark(t)
	os.WriteFile(filepath.Join(input, "07_other.txt"), []byte("Der Hafen von Velmarsund bekommt einen neuen Kran.\n"), 0o644)
	set, err := LoadRules(RuleSource{Dir: testutil.HermeticRulesDir(t), Stories: storiesDir})
	if err != nil {
		t.Fatal(err)
	}
	c, err := CheckInput(input, set)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"07_other.txt: not in manifest.csv; its metadata is taken from the text",
		set.Story("musk-putin-2024").File + ":5:7: story musk-putin-2024: its match rules match none of the 7 articles of " + input,
		"1 article matches no story: story rules not applied (07_other.txt); name the story in manifest.csv, or check the story files' match rules",
	}
	if diff := cmp.Diff(want, c.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if c.Articles != 7 {
		t.Errorf("articles %d, want 7", c.Articles)
	}

	testutil.SetManifestStory(t, input, "windpark")
	if _, err := CheckInput(input, set); err == nil || !strings.Contains(err.Error(), `:2:44: story "windpark" is not in the rule set`) {
		t.Errorf("unknown story: err = %v", err)
	}
}

func TestLoadRules_Stories(t *testing.T) {
	set, err := LoadRules(RuleSource{Stories: storiesDir})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"musk-putin-2024", "windpark-2025"}, set.StoryIDs()); diff != "" {
		t.Errorf("stories (-want +got):\n%s", diff)
	}
	if _, err := LoadRules(RuleSource{Stories: filepath.Join(t.TempDir(), "gone")}); !errors.Is(err, sourcescore.ErrConfig) || !strings.Contains(err.Error(), "stories folder") {
		t.Errorf("missing stories folder: %v, want a configuration error", err)
	}
}
