package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sourcescore/internal/fifotest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
	"sourcescore/internal/testutil"
)

// readReason reads file from s and returns the reason of its
// *BadArticleError, failing the test when the read blocks or gives
// anything else.
func readReason(t *testing.T, s *Source, file string) string {
	t.Helper()
	var err error
	fifotest.Within(t, "reading "+file, func() { _, err = s.ReadBytes(file) })
	var bad *BadArticleError
	if !errors.As(err, &bad) || !errors.Is(err, sourcescore.ErrBadArticle) {
		t.Fatalf("ReadBytes(%s) = %v, want a *BadArticleError", file, err)
	}
	return bad.Reason
}

func openSource(t *testing.T, dir string, lim Limits) *Source {
	t.Helper()
	var s *Source
	var err error
	fifotest.Within(t, "Open", func() { s, err = Open(dir, lim) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// A named pipe named *.txt (no writer: an open for reading would wait
// forever), a device and a folder behind links are skipped with their
// reason, never read; the articles beside them are read.
func TestSource_notRegular(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Ein Artikel.", "sub/b.txt": "Noch einer."})
	fifotest.Mkfifo(t, filepath.Join(dir, "zz.txt"))
	fifotest.Mkfifo(t, filepath.Join(dir, "pipe"))
	if err := os.Symlink("pipe", filepath.Join(dir, "to-pipe.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "to-folder.txt")); err != nil {
		t.Fatal(err)
	}
	s := openSource(t, dir, Limits{})
	if diff := cmp.Diff([]string{"a.txt", "sub/b.txt", "to-folder.txt", "to-pipe.txt", "zz.txt"}, s.Files()); diff != "" {
		t.Errorf("Files() (-want +got):\n%s", diff)
	}
	for file, want := range map[string]string{
		"zz.txt":        "not a regular file (a named pipe)",
		"to-pipe.txt":   "not a regular file (a named pipe)",
		"to-folder.txt": "not a regular file (a folder)",
	} {
		if got := readReason(t, s, file); got != want {
			t.Errorf("%s: reason %q, want %q", file, got, want)
		}
	}
	for _, f := range []string{"a.txt", "sub/b.txt"} {
		if _, err := s.ReadBytes(f); err != nil {
			t.Errorf("ReadBytes(%s) = %v", f, err)
		}
	}
}

// A manifest.csv that is a named pipe is refused at once, as a problem of
// the input (exit 2), not waited on.
func TestOpen_manifestPipe(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Text"})
	fifotest.Mkfifo(t, filepath.Join(dir, ManifestFile))
	var err error
	fifotest.Within(t, "Open", func() { _, err = Open(dir, Limits{}) })
	if !errors.Is(err, sourcescore.ErrConfig) || !strings.Contains(err.Error(), "manifest.csv: not a regular file (a named pipe)") {
		t.Errorf("Open = %v, want ErrConfig saying the manifest is a named pipe", err)
	}
}

// A link is followed when what it leads to is inside the input folder
// (written relative or absolute, through other links, or with the folder
// itself reached through a link), and never to a file outside it: such a
// file is skipped with its reason and never read.
func TestSource_symlinks(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "in")
	writeFiles(t, dir, map[string]string{"a.txt": "Der Artikel selbst.", "sub/b.txt": "Im Unterordner."})
	writeFiles(t, base, map[string]string{"secret.txt": "Geheim: nicht lesen."})
	links := map[string]string{
		"rel.txt":        "a.txt",
		"abs.txt":        filepath.Join(dir, "sub", "b.txt"),
		"chain.txt":      "rel.txt",
		"sub/up.txt":     "../a.txt",
		"out.txt":        "../secret.txt",
		"out-abs.txt":    filepath.Join(base, "secret.txt"),
		"zero.txt":       "/dev/zero",
		"dangling.txt":   "nowhere.txt",
		"sub/escape.txt": "../../secret.txt",
		"in-and-out.txt": "sub/../../secret.txt",
		"linked-folder":  "sub",
		"outside-folder": base,
		"out-chain.txt":  "out.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	// The input folder itself reached through a link: links inside it
	// are judged by where they lead, not by the path written.
	viaLink := filepath.Join(base, "via")
	if err := os.Symlink("in", viaLink); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{dir, viaLink} {
		t.Run(filepath.Base(root), func(t *testing.T) {
			s := openSource(t, root, Limits{})
			for file, want := range map[string]string{
				"rel.txt": "Der Artikel selbst.", "abs.txt": "Im Unterordner.", "chain.txt": "Der Artikel selbst.",
				"sub/up.txt": "Der Artikel selbst.",
			} {
				got, err := s.ReadBytes(file)
				if err != nil || string(got) != want {
					t.Errorf("ReadBytes(%s) = %q, %v; want %q", file, got, err, want)
				}
			}
			secret := filepath.Join(base, "secret.txt")
			for file, want := range map[string]string{
				"out.txt":        "symbolic link to " + secret + ", outside the input folder: only links to files inside it are followed",
				"out-abs.txt":    "symbolic link to " + secret + ", outside the input folder: only links to files inside it are followed",
				"sub/escape.txt": "symbolic link to " + secret + ", outside the input folder: only links to files inside it are followed",
				"in-and-out.txt": "symbolic link to " + secret + ", outside the input folder: only links to files inside it are followed",
				"out-chain.txt":  "symbolic link to " + secret + ", outside the input folder: only links to files inside it are followed",
				"zero.txt":       "symbolic link to /dev/zero, outside the input folder: only links to files inside it are followed",
				"dangling.txt":   "broken symbolic link (no such file or directory)",
			} {
				if got := readReason(t, s, file); got != want {
					t.Errorf("%s: reason %q, want %q", file, got, want)
				}
			}
			want := []sourcescore.Skipped{
				{File: "linked-folder/", Reason: "symbolic link to a folder: links to folders are not followed"},
				{File: "outside-folder/", Reason: "symbolic link to a folder: links to folders are not followed"},
			}
			if diff := cmp.Diff(want, s.Skipped()); diff != "" {
				t.Errorf("Skipped() (-want +got):\n%s", diff)
			}
		})
	}
}

// An article over the size limit is skipped with its reason; one at the
// limit is read. A sparse 300 MiB file is refused from its size, unread.
func TestSource_articleLimit(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"at.txt":   strings.Repeat("Wort ", 200),       // 1000 bytes
		"over.txt": strings.Repeat("Wort ", 200) + "!", // 1001 bytes
	})
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	s := openSource(t, dir, Limits{ArticleBytes: 1000})
	if b, err := s.ReadBytes("at.txt"); err != nil || len(b) != 1000 {
		t.Errorf("ReadBytes(at.txt) = %d bytes, %v; want 1000", len(b), err)
	}
	want := "too large: 1001 bytes, more than the article size limit of 1000 bytes (--max-article-bytes)"
	if got := readReason(t, s, "over.txt"); got != want {
		t.Errorf("over.txt: reason %q, want %q", got, want)
	}

	s = openSource(t, dir, Limits{}) // the default, 8 MiB
	want = "too large: 300.0 MiB (314572800 bytes), more than the article size limit of 8.0 MiB (8388608 bytes) (--max-article-bytes)"
	if got := readReason(t, s, "huge.txt"); got != want {
		t.Errorf("huge.txt: reason %q, want %q", got, want)
	}
}

// A manifest over its size or row limit is refused with the line where
// the limit falls.
func TestOpen_manifestLimits(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt":        "Text",
		"manifest.csv": "file,outlet\na.txt,A\nb.txt,B\nc.txt,C\n", // 12 bytes, then 8 a line: 36 in all
	})
	for _, tt := range []struct {
		lim  Limits
		want string
	}{
		{Limits{ManifestBytes: 30}, "manifest.csv:4:3: the manifest goes on past 30 bytes, its size limit (it has 36 bytes)\n" +
			"\ttry: split the input into several folders, or raise the limit with --max-manifest-bytes"},
		{Limits{ManifestRows: 2}, "manifest.csv:4:1: more than 2 rows, the manifest's row limit\n" +
			"\ttry: split the input into several folders, or raise the limit with --max-manifest-rows"},
	} {
		_, err := Open(dir, tt.lim)
		var me *ManifestError
		if !errors.As(err, &me) || !errors.Is(err, sourcescore.ErrConfig) {
			t.Fatalf("Open(%+v) = %v, want a *ManifestError", tt.lim, err)
		}
		if err.Error() != tt.want {
			t.Errorf("Open(%+v):\n%s\nwant\n%s", tt.lim, err, tt.want)
		}
	}
	if s, err := Open(dir, Limits{ManifestBytes: 36, ManifestRows: 3}); err != nil {
		t.Errorf("Open at both limits = %v", err)
	} else {
		s.Close()
	}
}

// A sub-folder that cannot be listed is one skipped entry with its reason,
// and the rest of the folder is read.
func TestOpen_unreadableFolder(t *testing.T) {
	if testutil.RunWithoutDACOverride(t) {
		return
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Text", "locked/b.txt": "Text", "z/c.txt": "Text"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	s := openSource(t, dir, Limits{})
	if diff := cmp.Diff([]string{"a.txt", "z/c.txt"}, s.Files()); diff != "" {
		t.Errorf("Files() (-want +got):\n%s", diff)
	}
	want := []sourcescore.Skipped{{File: "locked/", Reason: "folder not readable (permission denied): the articles in it are not read"}}
	if diff := cmp.Diff(want, s.Skipped()); diff != "" {
		t.Errorf("Skipped() (-want +got):\n%s", diff)
	}
}

// A folder whose path is longer than a path may be (PATH_MAX) is one
// skipped entry with its reason; the articles above it are read.
func TestOpen_pathTooLong(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Text"})
	// Made level by level through os.Root, since no path to the deepest
	// folders may be given to the system.
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("d", 200)
	var rel []string
	depth := 0
	for len(dir)+len(rel)*201 < 2*pathMax {
		if err := root.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := root.WriteFile(name+"/x.txt", []byte("Tief unten."), 0o644); err != nil {
			t.Fatal(err)
		}
		next, err := root.OpenRoot(name)
		if err != nil {
			t.Fatal(err)
		}
		root.Close()
		root = next
		rel = append(rel, name)
		depth++
	}
	root.Close()

	s := openSource(t, dir, Limits{})
	// The folders whose path stays under the limit are read, down to the
	// one that would pass it.
	var files []string
	for i := 1; i <= depth; i++ {
		p := strings.Join(rel[:i], "/") + "/x.txt"
		if len(dir)+1+len(p) < pathMax {
			files = append(files, p)
		}
	}
	files = append(files, "a.txt")
	sort.Strings(files)
	if diff := cmp.Diff(files, s.Files()); diff != "" {
		t.Errorf("Files() (-want +got):\n%s", diff)
	}
	sk := s.Skipped()
	if len(sk) != 1 || !strings.HasPrefix(sk[0].Reason, "path too long: ") ||
		!strings.HasSuffix(sk[0].Reason, fmt.Sprintf("bytes, more than the %d a path may have on this system", pathMax-1)) {
		t.Fatalf("Skipped() = %+v, want one path too long", sk)
	}
	if n := len(dir) + 1 + len(strings.TrimSuffix(sk[0].File, "/")); n < pathMax || n-201 >= pathMax {
		t.Errorf("skipped %s: %d bytes with the folder, want the first entry past %d", sk[0].File, n, pathMax-1)
	}
}

// A name that is not valid UTF-8 is skipped with its reason, in a name that
// is (reports are UTF-8).
func TestOpen_invalidName(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Text", "Gr\xfc\xdfe.txt": "Text", "alt\xe4/b.txt": "Text"})
	s := openSource(t, dir, Limits{})
	if diff := cmp.Diff([]string{"a.txt"}, s.Files()); diff != "" {
		t.Errorf("Files() (-want +got):\n%s", diff)
	}
	want := []sourcescore.Skipped{
		{File: "Gr\uFFFDe.txt", Reason: "the name is not valid UTF-8: rename it"},
		{File: "alt\uFFFD/", Reason: "the name is not valid UTF-8: rename it"},
	}
	if diff := cmp.Diff(want, s.Skipped()); diff != "" {
		t.Errorf("Skipped() (-want +got):\n%s", diff)
	}
}

// Past 20 warnings of a kind, one line says how many more there were.
func TestSource_WarningsCapped(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"manifest.csv": "file\nlisted.txt\n", "listed.txt": "Text"}
	for i := range 25 {
		files[fmt.Sprintf("f%02d.txt", i)] = "Text"
	}
	writeFiles(t, dir, files)
	s := openSource(t, dir, Limits{})
	w := s.Warnings()
	if len(w) != 21 || w[0] != "f00.txt: not in manifest.csv; its metadata is taken from the text" ||
		w[20] != "and 5 more files not in manifest.csv" {
		t.Errorf("Warnings() = %d lines:\n%s", len(w), strings.Join(w, "\n"))
	}
}
