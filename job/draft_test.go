package job

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore"
	"sourcescore/internal/testutil"
)

func TestDraftStory(t *testing.T) {
	input := windpark(t)
	os.WriteFile(filepath.Join(input, "photo.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	set := builtinRules(t)
	d, warnings, err := DraftStory(input, set, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "nordlicht-2025" || d.Articles != 6 {
		t.Errorf("draft %s of %d articles, want nordlicht-2025 of 6", d.ID, d.Articles)
	}
	if len(warnings) != 2 || !strings.HasPrefix(warnings[1], "photo.txt: left out: ") {
		t.Errorf("warnings %q, want the manifest's and the binary file's", warnings)
	}
	testutil.SetManifestStory(t, input, "windpark-2025")
	if d, _, err := DraftStory(input, set, ""); err != nil || d.ID != "windpark-2025" {
		t.Errorf("the manifest's story as the id: %v, %v", d, err)
	}
	if _, _, err := DraftStory(input, set, "musk-putin-2024"); !errors.Is(err, sourcescore.ErrConfig) {
		t.Errorf("an id the set has: %v, want a configuration error", err)
	}
	if _, _, err := DraftStory(t.TempDir(), set, ""); !errors.Is(err, sourcescore.ErrConfig) || !strings.Contains(err.Error(), "no article to draft a story from") {
		t.Errorf("an empty folder: %v", err)
	}
}

func TestWriteStoryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "s.yaml")
	if err := WriteStoryFile(path, []byte("one\n"), false); err != nil {
		t.Fatal(err)
	}
	err := WriteStoryFile(path, []byte("two\n"), false)
	if !errors.Is(err, ErrExists) || !errors.Is(err, sourcescore.ErrConfig) {
		t.Errorf("over an existing file: %v, want ErrExists and ErrConfig", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "one\n" {
		t.Errorf("file %q after a refused write", data)
	}
	if err := WriteStoryFile(path, []byte("three\n"), true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "three\n" {
		t.Errorf("file %q after --force", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("%d files in the folder, want no temporary file left", len(entries))
	}
}
