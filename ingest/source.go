package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"sourcescore"
)

// Source is an input folder: the article files below it and the metadata
// its manifest gives them. It does not change after Open, and its methods
// may be called from many goroutines at once.
type Source struct {
	dir      string
	files    []string  // relative, forward slashes, sorted
	manifest *manifest // nil when the folder has no manifest.csv
	warnings []string
}

// Open lists the *.txt files below dir (in subfolders too; hidden files and
// folders, whose names start with '.', are left out) and reads dir's
// manifest.csv when there is one. A missing folder or an invalid manifest is
// an error wrapping sourcescore.ErrConfig; for the manifest it is a
// *ManifestError listing every problem with its line. A manifest row for a
// file that is not in the folder is a warning, not an error.
func Open(dir string) (*Source, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open input folder: %w (%w)", err, sourcescore.ErrConfig)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("open input folder: %s is not a folder (%w)", dir, sourcescore.ErrConfig)
	}
	s := &Source{dir: dir}
	if err := s.list(); err != nil {
		return nil, err
	}
	if err := s.readManifest(); err != nil {
		return nil, err
	}
	return s, nil
}

// list finds the article files.
func (s *Source) list() error {
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == s.dir {
				return err
			}
			s.warnf("%s: skipped: %v", s.rel(p), err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == s.dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(d.Name()), ".txt") {
			return nil
		}
		s.files = append(s.files, s.rel(p))
		return nil
	})
	if err != nil {
		return fmt.Errorf("list input folder: %w (%w)", err, sourcescore.ErrConfig)
	}
	sort.Strings(s.files)
	return nil
}

// rel returns p relative to the folder, with forward slashes.
func (s *Source) rel(p string) string {
	r, err := filepath.Rel(s.dir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// readManifest reads manifest.csv when there is one and warns about rows
// and files that do not meet.
func (s *Source) readManifest() error {
	raw, err := os.ReadFile(filepath.Join(s.dir, ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read manifest: %w (%w)", err, sourcescore.ErrConfig)
	}
	m, err := parseManifest(raw)
	if err != nil {
		return err
	}
	s.manifest = m

	inFolder := make(map[string]bool, len(s.files))
	for _, f := range s.files {
		inFolder[fileKey(f)] = true
	}
	for _, e := range m.entries {
		switch {
		case !strings.EqualFold(path.Ext(e.File), ".txt"):
			s.warnf("%s:%d: file %s is not a .txt file; it is not read", ManifestFile, e.Line, e.File)
		case !inFolder[fileKey(e.File)]:
			s.warnf("%s:%d: file %s is not in the input folder", ManifestFile, e.Line, e.File)
		}
	}
	for _, f := range s.files {
		if _, ok := m.byFile[fileKey(f)]; !ok {
			s.warnf("%s: not in %s; its metadata is taken from the text", f, ManifestFile)
		}
	}
	return nil
}

// warnf records a warning.
func (s *Source) warnf(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
}

// Files returns every *.txt file below the folder, relative to it, with
// forward slashes, sorted. manifest.csv is not among them.
func (s *Source) Files() []string { return append([]string(nil), s.files...) }

// Warnings returns what Open found odd but not wrong, such as
// "manifest.csv:4: file x.txt is not in the input folder".
func (s *Source) Warnings() []string { return append([]string(nil), s.warnings...) }

// ManifestPath returns the path of the folder's manifest.csv, or "" when
// it has none.
func (s *Source) ManifestPath() string {
	if s.manifest == nil {
		return ""
	}
	return filepath.Join(s.dir, ManifestFile)
}

// Entries returns the manifest's rows, in file order (none when there is
// no manifest). The entries must not be changed.
func (s *Source) Entries() []ManifestEntry {
	if s.manifest == nil {
		return nil
	}
	return s.manifest.entries
}

// Entry returns the manifest entry for file, or nil when the manifest has
// none (or there is no manifest). The entry must not be changed.
func (s *Source) Entry(file string) *ManifestEntry {
	if s.manifest == nil {
		return nil
	}
	if i, ok := s.manifest.byFile[fileKey(file)]; ok {
		return &s.manifest.entries[i]
	}
	return nil
}

// Read reads file, a path relative to the folder with forward slashes (as
// Files returns), and builds its article with Parse, cutting boilerplate
// with bp (nil for none). A file that cannot be scored, unreadable ones
// included, gives a *BadArticleError wrapping sourcescore.ErrBadArticle.
func (s *Source) Read(file string, bp *sourcescore.Boilerplate) (*sourcescore.Article, error) {
	raw, err := s.ReadBytes(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, raw, s.Entry(file), bp)
}

// ReadBytes returns the bytes of file, a path relative to the folder with
// forward slashes. An unreadable file gives a *BadArticleError wrapping
// sourcescore.ErrBadArticle.
func (s *Source) ReadBytes(file string) ([]byte, error) {
	native := filepath.FromSlash(file)
	if !filepath.IsLocal(native) {
		return nil, fmt.Errorf("read article %s: path is not inside the input folder", file)
	}
	raw, err := readFile(filepath.Join(s.dir, native))
	if err != nil {
		reason := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err.Error()
		}
		return nil, &BadArticleError{File: file, Reason: "unreadable: " + reason, Err: err}
	}
	return raw, nil
}
