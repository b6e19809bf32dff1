package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var seedFiles = []string{
	"000_b1e9ed358f7a1a99.txt",
	"001_19431bf1eb7bd27f.txt",
	"002_b69c8368de298335.txt",
	"003_76550508f9514cba.txt",
	"004_10c273515bf542bd.txt",
}

func TestSource_Read(t *testing.T) {
	s, err := Open(filepath.Join("..", "seeds"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if diff := cmp.Diff(seedFiles, s.Files()); diff != "" {
		t.Fatalf("Files() (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string(nil), s.Warnings()); diff != "" {
		t.Errorf("Warnings() (-want +got):\n%s", diff)
	}
	const story = "musk-putin-2024"
	want := map[string]sourcescore.Metadata{
		seedFiles[0]: {Outlet: "Báo Dân trí", Published: date(2024, 10, 26), Language: "de", Story: story},
		seedFiles[1]: {Outlet: "The National Times", Published: date(2024, 10, 25), Language: "de", Story: story},
		seedFiles[2]: {Outlet: "ddbnews.org", Published: date(2024, 12, 3), Language: "de", Story: story},
		seedFiles[3]: {Outlet: "AUTOHAUS", Published: date(2024, 10, 25), Language: "de", Story: story},
		// 004: neither the manifest nor the text tells outlet or date.
		seedFiles[4]: {Language: "de", Story: story},
	}
	for _, f := range s.Files() {
		t.Run(f, func(t *testing.T) {
			a, err := s.Read(f, seedBoilerplate())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want[f], a.Meta); diff != "" {
				t.Errorf("Meta (-want +got):\n%s", diff)
			}
			raw, err := os.ReadFile(filepath.Join("..", "seeds", f))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(raw)
			if got, want := a.ContentHash, hex.EncodeToString(sum[:]); got != want {
				t.Errorf("ContentHash = %s, want %s", got, want)
			}
			if a.File != f || a.ID != ArticleID(f) || len(a.ID) != 20 {
				t.Errorf("File, ID = %q, %q; want %q, %q", a.File, a.ID, f, ArticleID(f))
			}
			if len(a.Body) != len(a.Text) || a.Text != string(raw) {
				t.Errorf("len(Body) = %d, len(Text) = %d, raw %d bytes", len(a.Body), len(a.Text), len(raw))
			}
			if a.Words < 200 {
				t.Errorf("Words = %d, want a whole article", a.Words)
			}
		})
	}
}

func TestSource_Read_stableID(t *testing.T) {
	// IDs are stored in the database: they must never change (the
	// prefix was added once, by schema version 7, which renamed the
	// stored ids).
	if got, want := ArticleID("000_b1e9ed358f7a1a99.txt"), "art-46048996130dd922"; got != want {
		t.Errorf("ArticleID = %s, want %s", got, want)
	}
	if got, ok := LegacyArticleID("46048996130dd922"); got != "art-46048996130dd922" || !ok {
		t.Errorf("LegacyArticleID(old form) = %q, %v", got, ok)
	}
	for _, id := range []string{"art-46048996130dd922", "46048996130dd92", "46048996130dd92g", "4604899613 dd922"} {
		if got, ok := LegacyArticleID(id); got != id || ok {
			t.Errorf("LegacyArticleID(%q) = %q, %v; want it unchanged", id, got, ok)
		}
	}
}

// TestArticleID_notANumber checks that no id reads as a number, which is
// what a spreadsheet does with a cell it imports from a CSV: ids such as
// 87412e3142195614 (a float with an exponent) or 0123... (a leading zero)
// were changed by the import before the ids had a letter prefix.
func TestArticleID_notANumber(t *testing.T) {
	seen := map[string]string{}
	for i := range 20000 {
		file := fmt.Sprintf("%03d/article-%d.txt", i%997, i)
		id := ArticleID(file)
		if _, err := strconv.ParseFloat(id, 64); err == nil {
			t.Fatalf("ArticleID(%q) = %q reads as a number", file, id)
		}
		if c := id[0]; c < 'a' || c > 'z' {
			t.Fatalf("ArticleID(%q) = %q does not start with a letter", file, id)
		}
		if other, dup := seen[id]; dup {
			t.Fatalf("ArticleID(%q) = ArticleID(%q) = %q", file, other, id)
		}
		seen[id] = file
	}
}

func TestSource_Read_inferred(t *testing.T) {
	s, err := Open(copySeeds(t), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]sourcescore.Metadata{
		seedFiles[0]: {Outlet: "Báo Dân trí", Published: date(2024, 10, 26), Language: "de", Inferred: []string{"outlet", "published", "language"}},
		seedFiles[1]: {Language: "de", Inferred: []string{"language"}},
		seedFiles[2]: {Outlet: "ddbnews.org", Published: date(2024, 12, 3), Language: "de", Inferred: []string{"outlet", "published", "language"}},
		seedFiles[3]: {Published: date(2024, 10, 25), Language: "de", Inferred: []string{"published", "language"}},
		seedFiles[4]: {Language: "de", Inferred: []string{"language"}},
	}
	got := map[string]sourcescore.Metadata{}
	for _, f := range s.Files() {
		a, err := s.Read(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		got[f] = a.Meta
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Meta (-want +got):\n%s", diff)
	}
}

func TestSource_Files(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":               "Text",
		"a.txt":               "Text",
		"sub/deeper/c.TXT":    "Text",
		"sub/notes.md":        "not an article",
		"manifest.csv":        "file\na.txt\nb.txt\nsub/deeper/c.TXT\n",
		".hidden/d.txt":       "editor backup",
		"sub/.e.txt":          "editor backup",
		"sub/deeper/f.txt~":   "editor backup",
		"nested/manifest.csv": "file\n",
	})
	s, err := Open(dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := []string{"a.txt", "b.txt", "sub/deeper/c.TXT"}
	if diff := cmp.Diff(want, s.Files()); diff != "" {
		t.Errorf("Files() (-want +got):\n%s", diff)
	}
	a, err := s.Read("sub/deeper/c.TXT", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.File != "sub/deeper/c.TXT" || a.Text != "Text" {
		t.Errorf("Read = %q %q", a.File, a.Text)
	}
}

func TestOpen_errors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Text"})
	for _, p := range []string{filepath.Join(dir, "missing"), filepath.Join(dir, "a.txt")} {
		_, err := Open(p, Limits{})
		if !errors.Is(err, sourcescore.ErrConfig) {
			t.Errorf("Open(%s) = %v, want ErrConfig", p, err)
		}
	}
}

func TestSource_Warnings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt":        "Text",
		"b.txt":        "Text",
		"Müller.txt":   "Text", // NFC on disk, NFD in the manifest
		"manifest.csv": "file,outlet\na.txt,A\nmissing.txt,M\nMu\u0308ller.txt,Mü\nbild.jpg,B\n",
	})
	s, err := Open(dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := []string{
		"manifest.csv:3: file missing.txt is not in the input folder",
		"manifest.csv:5: file bild.jpg is not a .txt, .html, .htm or .jsonl file; it is not read",
		"b.txt: not in manifest.csv; its metadata is taken from the text",
	}
	if diff := cmp.Diff(want, s.Warnings()); diff != "" {
		t.Errorf("Warnings() (-want +got):\n%s", diff)
	}
	a, err := s.Read("Müller.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta.Outlet != "Mü" {
		t.Errorf("Outlet = %q, want the manifest's", a.Meta.Outlet)
	}
}

func TestOpen_manifest(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     map[string]sourcescore.Metadata
	}{
		{
			name:     "comma",
			manifest: "file,outlet,url,published,language,story\na.txt,\"Foo, Bar\",https://x.example/1,2024-10-25,de,s1\nsub/b.txt,B,,2024-10-25 09:58,EN,\n",
			want: map[string]sourcescore.Metadata{
				"a.txt":     {Outlet: "Foo, Bar", URL: "https://x.example/1", Published: date(2024, 10, 25), Language: "de", Story: "s1"},
				"sub/b.txt": {Outlet: "B", Published: date(2024, 10, 25), Language: "en"},
			},
		},
		{
			name:     "German Excel: BOM, semicolons, CRLF, DD.MM.YYYY, blank row",
			manifest: "\uFEFFfile;outlet;published;language\r\na.txt;Süddeutsche, online;25.10.2024;DE\r\n;;;\r\nsub\\b.txt;B;2024-10-25T23:30:00-05:00;\r\n",
			want: map[string]sourcescore.Metadata{
				"a.txt":     {Outlet: "Süddeutsche, online", Published: date(2024, 10, 25), Language: "de"},
				"sub/b.txt": {Outlet: "B", Published: date(2024, 10, 25)},
			},
		},
		{
			name:     "windows-1252, header spelled loosely, short rows",
			manifest: " File ; Outlet ;Story\r\na.txt;M\xfcnchner Merkur\r\nsub/b.txt\r\n",
			want: map[string]sourcescore.Metadata{
				"a.txt":     {Outlet: "Münchner Merkur"},
				"sub/b.txt": {},
			},
		},
		{
			name:     "only the file column",
			manifest: "file\na.txt\n",
			want:     map[string]sourcescore.Metadata{"a.txt": {}, "sub/b.txt": {}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"a.txt": "Text", "sub/b.txt": "Text", "manifest.csv": tt.manifest})
			s, err := Open(dir, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got := map[string]sourcescore.Metadata{}
			for _, f := range s.Files() {
				a, err := s.Read(f, nil)
				if err != nil {
					t.Fatal(err)
				}
				got[f] = a.Meta
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Meta (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOpen_manifestErrors(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     string // the exact message the user sees
	}{
		{
			name:     "misspelt column",
			manifest: "file,outlett,published\na.txt,A,2024-10-25\n",
			want:     "manifest.csv:1: unknown column \"outlett\"\n\ttry: outlet",
		},
		{
			name:     "no file column",
			manifest: "name;outlet\na.txt;A\n",
			want: "manifest.csv:1: unknown column \"name\"\n\ttry: " + manifestHint +
				"\nmanifest.csv:1: no \"file\" column\n\ttry: " + manifestHint,
		},
		{
			name:     "column twice",
			manifest: "file,outlet,Outlet\na.txt,A,B\n",
			want:     "manifest.csv:1: column \"outlet\" appears twice\n\ttry: keep one column of each name",
		},
		{
			name:     "unparseable date",
			manifest: "file,published\na.txt,2024-10-25\nb.txt,gestern\n",
			want:     "manifest.csv:3: published \"gestern\" is not a date\n\ttry: YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", RFC 3339 (2024-10-25T09:58:00+02:00) or DD.MM.YYYY",
		},
		{
			name:     "duplicate file",
			manifest: "file,outlet\na.txt,A\nb.txt,B\n./a.txt,C\n",
			want:     "manifest.csv:4: file \"a.txt\" is listed twice (first on line 2)\n\ttry: keep one row per file",
		},
		{
			name:     "every problem at once",
			manifest: "file,published,language\n,2024-10-25,de\na.txt,25/10/2024,deu\n../b.txt,,\n",
			want: "manifest.csv:2: no file name\n\ttry: name the article's file, relative to the input folder, e.g. 000_b1e9ed358f7a1a99.txt" +
				"\nmanifest.csv:3: published \"25/10/2024\" is not a date\n\ttry: YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", RFC 3339 (2024-10-25T09:58:00+02:00) or DD.MM.YYYY" +
				"\nmanifest.csv:3: language \"deu\" is not a two-letter code\n\ttry: a two-letter ISO 639-1 code such as de or en, or leave it empty to detect it" +
				"\nmanifest.csv:4: file \"../b.txt\" is outside the input folder\n\ttry: name the file relative to the input folder, e.g. sub/x.txt",
		},
		{
			name:     "too many cells",
			manifest: "file,outlet\na.txt,Foo, Bar\n",
			want:     "manifest.csv:2: 3 cells, but the header names 2 columns\n\ttry: quote cells that hold the delimiter",
		},
		{
			name:     "broken quotes",
			manifest: "file,outlet\n\na.txt,\"A\" B\n",
			want:     "manifest.csv:3: bad CSV: extraneous or missing \" in quoted-field\n\ttry: put a cell that holds the delimiter or a quote in quotes, and double the quotes inside it (\"say \"\"no\"\"\")",
		},
		{
			name:     "empty",
			manifest: "\uFEFF\r\n",
			want:     "manifest.csv:1: empty manifest\n\ttry: " + manifestHint + "; or delete the file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"a.txt": "Text", "manifest.csv": tt.manifest})
			_, err := Open(dir, Limits{})
			if !errors.Is(err, sourcescore.ErrConfig) {
				t.Fatalf("Open = %v, want an error wrapping ErrConfig", err)
			}
			var me *ManifestError
			if !errors.As(err, &me) {
				t.Fatalf("Open = %T, want *ManifestError", err)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSource_Read_bad(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"empty.txt":   "",
		"blank.txt":   " \r\n\t\n\u00a0\n",
		"bom.txt":     "\xEF\xBB\xBF",
		"nul.txt":     "Text\x00mehr Text",
		"control.txt": "\x01\x02\x03\x04\x05 Text",
		"ads.txt":     "-- Anzeige --\n\n  -- Anzeige --\n",
		"locked.txt":  "Text",
	})
	lockedOK := os.Geteuid() != 0 // root reads files whatever their mode
	if lockedOK {
		if err := os.Chmod(filepath.Join(dir, "locked.txt"), 0); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		file   string
		reason string
		skip   bool
	}{
		{"empty.txt", "empty file (nothing but whitespace)", false},
		{"blank.txt", "empty file (nothing but whitespace)", false},
		{"bom.txt", "empty file (nothing but whitespace)", false},
		{"nul.txt", "binary file (it holds a NUL character)", false},
		{"control.txt", "binary file (5 of the first 10 characters are control characters)", false},
		{"ads.txt", "no text left after cutting boilerplate", false},
		{"locked.txt", "unreadable: permission denied", !lockedOK},
		{"gone.txt", "unreadable: no such file or directory", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if tt.skip {
				t.Skip("running as root: file modes do not stop reads")
			}
			a, err := s.Read(tt.file, seedBoilerplate())
			if !errors.Is(err, sourcescore.ErrBadArticle) {
				t.Fatalf("Read = %v, %v; want ErrBadArticle", a, err)
			}
			var be *BadArticleError
			if !errors.As(err, &be) {
				t.Fatalf("Read = %T, want *BadArticleError", err)
			}
			if be.Reason != tt.reason || be.File != tt.file {
				t.Errorf("File, Reason = %q, %q; want %q, %q", be.File, be.Reason, tt.file, tt.reason)
			}
			if want := "read article " + tt.file + ": " + tt.reason; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
	if _, err := s.Read("gone.txt", nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read(gone.txt) = %v, want it to wrap fs.ErrNotExist too", err)
	}
	if _, err := s.Read("../outside.txt", nil); err == nil || errors.Is(err, sourcescore.ErrBadArticle) {
		t.Errorf("Read(../outside.txt) = %v, want a plain error", err)
	}
}

func TestSource_Read_concurrent(t *testing.T) {
	s, err := Open(filepath.Join("..", "seeds"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	bp := seedBoilerplate()
	want := map[string]*sourcescore.Article{}
	for _, f := range s.Files() {
		if want[f], err = s.Read(f, bp); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				for _, f := range s.Files() {
					a, err := s.Read(f, bp)
					if err != nil {
						errs <- err.Error()
						return
					}
					if diff := cmp.Diff(want[f], a, cmp.AllowUnexported(sourcescore.LineIndex{})); diff != "" {
						errs <- f + ": " + diff
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(strings.TrimSpace(e))
	}
}

// TestSource_Entries: the manifest's rows with the column of the story
// cell, counted in characters (an umlaut, a quoted cell with the delimiter,
// a row that stops before the story column).
func TestSource_Entries(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt": "Text", "b.txt": "Text", "c.txt": "Text",
		"manifest.csv": "file;outlet;story\na.txt;Mühlheimer Bote;ferry-2025\nb.txt;\"Welle; Nord\";x\nc.txt;C\n",
	})
	s, err := Open(dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, want := s.ManifestPath(), filepath.Join(dir, ManifestFile); got != want {
		t.Errorf("ManifestPath() = %q, want %q", got, want)
	}
	type row struct {
		File, Story    string
		Line, StoryCol int
	}
	var got []row
	for _, e := range s.Entries() {
		got = append(got, row{e.File, e.Story, e.Line, e.StoryCol})
	}
	want := []row{{"a.txt", "ferry-2025", 2, 23}, {"b.txt", "x", 3, 21}, {"c.txt", "", 4, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Entries() (-want +got):\n%s", diff)
	}
	none := t.TempDir()
	writeFiles(t, none, map[string]string{"a.txt": "Text"})
	if s, err := Open(none, Limits{}); err != nil || s.ManifestPath() != "" || s.Entries() != nil {
		t.Errorf("no manifest: path %q, entries %v, err %v", s.ManifestPath(), s.Entries(), err)
	}
}

func TestManifestError_PathAndColumn(t *testing.T) {
	probs := []ManifestProblem{{Line: 4, Column: 9, Msg: "b", Hint: "h"}, {Line: 2, Msg: "a"}, {Line: 4, Column: 3, Msg: "c"}}
	err := NewManifestError("in/manifest.csv", probs)
	want := "in/manifest.csv:2: a\nin/manifest.csv:4:3: c\nin/manifest.csv:4:9: b\n\ttry: h"
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, sourcescore.ErrConfig) {
		t.Error("not ErrConfig")
	}
}
