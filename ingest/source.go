package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/internal/plainfile"
)

// Limits bound what one input may cost. A zero field takes its default.
type Limits struct {
	ArticleBytes  int64 // largest article file that is read; a larger one is skipped with its reason
	ManifestBytes int64 // largest manifest.csv that is read; a larger one is refused
	ManifestRows  int   // most rows manifest.csv may have (the header line not counted)
}

// The default limits: a news article is some kilobytes, so 8 MiB is a file
// that is not an article; a manifest of a million rows is far beyond any
// folder this tool reads in one run.
const (
	DefaultArticleBytes  = 8 << 20
	DefaultManifestBytes = 64 << 20
	DefaultManifestRows  = 1_000_000
)

// withDefaults fills the zero fields of l with the defaults.
func (l Limits) withDefaults() Limits {
	if l.ArticleBytes <= 0 {
		l.ArticleBytes = DefaultArticleBytes
	}
	if l.ManifestBytes <= 0 {
		l.ManifestBytes = DefaultManifestBytes
	}
	if l.ManifestRows <= 0 {
		l.ManifestRows = DefaultManifestRows
	}
	return l
}

// pathMax is the longest path, in bytes and with its terminating NUL, that
// Linux accepts in a system call (PATH_MAX). A file or folder whose path
// below the input folder is longer cannot be opened by its path, by this
// tool or any other, and is skipped.
const pathMax = 4096

// maxWarningsPerKind caps how many warnings of one kind Open keeps; the
// rest are counted in one last warning of that kind.
const maxWarningsPerKind = 20

// Source is an input folder: the article files below it and the metadata
// its manifest gives them. It does not change after Open, and its methods
// may be called from many goroutines at once.
type Source struct {
	dir      string
	real     string   // dir, absolute, with every symbolic link resolved
	root     *os.Root // dir: files are opened through it, so no link leads out
	lim      Limits
	files    []string              // the articles: relative paths with forward slashes, "file.jsonl:N" for a line; sorted
	links    map[string]bool       // the files that are symbolic links
	jsonl    []string              // the .jsonl files whose lines are among files
	lines    map[string]lineSpan   // the article names of .jsonl lines → where the line is
	skipped  []sourcescore.Skipped // found while listing, sorted by File
	manifest *manifest             // nil when the folder has no manifest.csv
	warnings []string
	warned   map[string]int // warnings of each kind so far
}

// Open lists the article files below dir (*.txt, *.html, *.htm and *.jsonl,
// in subfolders too; hidden files and folders, whose names start with '.',
// are left out) and reads dir's manifest.csv when there is one. Each line
// of a .jsonl file that is not blank is an article of its own, named by
// the file and the line ("crawl.jsonl:3"); Open reads the .jsonl files to
// find their lines (not their articles), and a line longer than the article
// size limit is in Skipped with its reason. A missing folder or an invalid manifest is
// an error wrapping sourcescore.ErrConfig; for the manifest it is a
// *ManifestError listing every problem with its line. A manifest row for a
// file that is not in the folder is a warning, not an error. A sub-folder
// that cannot be read, or a path too long to open, is not an error either:
// Skipped lists it with its reason. An error that may pass when tried again
// (too many open files) is tried again a few times and then returned; it
// does not wrap ErrConfig, as it is no fault of the input. lim bounds the
// cost of the input (zero fields take the defaults). Close releases the
// folder.
func Open(dir string, lim Limits) (*Source, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open input folder: %w (%w)", err, sourcescore.ErrConfig)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("open input folder: %s is not a folder (%w)", dir, sourcescore.ErrConfig)
	}
	s := &Source{dir: dir, lim: lim.withDefaults(), links: map[string]bool{}, lines: map[string]lineSpan{}, warned: map[string]int{}}
	abs, err := filepath.Abs(dir)
	if err == nil {
		s.real, err = filepath.EvalSymlinks(abs)
	}
	if err == nil {
		err = retry(func() (err error) { s.root, err = os.OpenRoot(dir); return err })
	}
	if err != nil {
		return nil, inputError("open input folder", err)
	}
	if err := s.list(""); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.listLines(); err != nil {
		s.Close()
		return nil, err
	}
	sort.Strings(s.files)
	sort.Slice(s.skipped, func(i, j int) bool { return s.skipped[i].File < s.skipped[j].File })
	if err := s.readManifest(); err != nil {
		s.Close()
		return nil, err
	}
	s.closeWarnings()
	return s, nil
}

// Close releases the open input folder. Read must not be called after it.
func (s *Source) Close() error {
	if s.root == nil {
		return nil
	}
	return s.root.Close()
}

// inputError wraps err from reading the input folder: a transient error
// as it is (the run failed, not the input), any other wrapping ErrConfig.
func inputError(action string, err error) error {
	if plainfile.Transient(err) {
		return fmt.Errorf("%s: %w (still failing after %d tries)", action, err, retries)
	}
	return fmt.Errorf("%s: %w (%w)", action, err, sourcescore.ErrConfig)
}

// list finds the article files in the folder rel (relative to the input
// folder, with forward slashes; "" for the folder itself) and below it.
func (s *Source) list(rel string) error {
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	var entries []os.DirEntry
	err := retry(func() (err error) { entries, err = os.ReadDir(full); return err })
	if err != nil {
		if rel == "" || plainfile.Transient(err) {
			return inputError("list input folder", err)
		}
		s.skip(rel+"/", "folder not readable ("+errReason(err)+"): the articles in it are not read")
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := path.Join(rel, name)
		t := e.Type()
		display := p
		if t.IsDir() {
			display += "/"
		}
		if !utf8.ValidString(name) {
			if t.IsDir() || isArticleFile(name) {
				s.skip(strings.ToValidUTF8(display, "\uFFFD"), "the name is not valid UTF-8: rename it")
			}
			continue
		}
		if n := len(full) + 1 + len(name); n >= pathMax {
			if t.IsDir() || isArticleFile(name) {
				s.skip(display, fmt.Sprintf("path too long: %d bytes, more than the %d a path may have on this system", n, pathMax-1))
			}
			continue
		}
		switch {
		case t.IsDir():
			if err := s.list(p); err != nil {
				return err
			}
		case isArticleFile(name):
			if formatOf(name) == formatJSONL {
				s.jsonl = append(s.jsonl, p)
			} else {
				s.files = append(s.files, p)
			}
			if t&fs.ModeSymlink != 0 {
				s.links[p] = true
			}
		case t&fs.ModeSymlink != 0:
			// A link to a folder is not followed (it could lead anywhere,
			// or back up): say so rather than drop its articles unseen.
			if fi, err := os.Stat(filepath.Join(full, name)); err == nil && fi.IsDir() {
				s.skip(display+"/", "symbolic link to a folder: links to folders are not followed")
			}
		}
	}
	return nil
}

// skip records a file or folder that Open found but cannot read.
func (s *Source) skip(file, reason string) {
	s.skipped = append(s.skipped, sourcescore.Skipped{File: file, Reason: reason})
}

// errReason is the plain reason inside an error from the file system.
func errReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readManifest reads manifest.csv when there is one and warns about rows
// and files that do not meet.
func (s *Source) readManifest() error {
	lfi, err := s.root.Lstat(ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	f, fi, err := s.open(ManifestFile, err == nil && lfi.Mode()&fs.ModeSymlink != 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		var fp *fileProblem
		if errors.As(err, &fp) {
			return fmt.Errorf("read %s: %s (%w)", ManifestFile, fp.reason, sourcescore.ErrConfig)
		}
		return inputError("read "+ManifestFile, err)
	}
	defer f.Close()
	raw, err := plainfile.Read(f, fi.Size(), s.lim.ManifestBytes)
	var tl *plainfile.TooLargeError
	if errors.As(err, &tl) {
		line, col := positionAt(f, s.lim.ManifestBytes)
		return &ManifestError{Problems: []ManifestProblem{{
			Line: line, Column: col,
			Msg:  fmt.Sprintf("the manifest goes on past %s, its size limit (it has %s)", sizeText(tl.Limit), sizeText(tl.Size)),
			Hint: "split the input into several folders, or raise the limit with --max-manifest-bytes",
		}}}
	}
	if err != nil {
		return inputError("read "+ManifestFile, err)
	}
	m, err := parseManifest(raw, s.lim.ManifestRows)
	if err != nil {
		return err
	}
	s.manifest = m

	listed := s.listedFiles()
	inFolder := make(map[string]bool, len(listed))
	for _, f := range listed {
		inFolder[fileKey(f)] = true
	}
	for _, e := range m.entries {
		switch {
		case isLine(e.File):
			s.warn("manifest rows that name a line of a .jsonl file", "%s:%d: file %s is a line of a .jsonl file; a row gives the metadata of a whole file, name the .jsonl file", ManifestFile, e.Line, e.File)
		case !isArticleFile(e.File):
			s.warn("manifest rows whose file is not an article file", "%s:%d: file %s is not a %s file; it is not read", ManifestFile, e.Line, e.File, articleExtensions)
		case !inFolder[fileKey(e.File)]:
			s.warn("manifest rows whose file is not in the input folder", "%s:%d: file %s is not in the input folder", ManifestFile, e.Line, e.File)
		}
	}
	for _, f := range listed {
		if _, ok := m.byFile[fileKey(f)]; !ok {
			s.warn("files not in "+ManifestFile, "%s: not in %s; its metadata is taken from the %s", f, ManifestFile, metaSource(f))
		}
	}
	return nil
}

// positionAt returns the 1-based line and column (in characters) of f's
// byte at offset off, reading f from its start with a small buffer (the
// file is not held in memory).
func positionAt(f *os.File, off int64) (line, col int) {
	line, col = 1, 1
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return line, 0
	}
	buf := make([]byte, 64<<10)
	r := io.LimitReader(f, off)
	for {
		n, err := r.Read(buf)
		for _, c := range buf[:n] {
			switch {
			case c == '\n':
				line, col = line+1, 1
			case c&0xC0 != 0x80: // not a UTF-8 continuation byte: a character starts
				col++
			}
		}
		if err != nil {
			return line, col
		}
	}
}

// sizeText writes a size in bytes for people: "8.0 MiB (8388608 bytes)".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB (%d bytes)", float64(n)/(1<<30), n)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB (%d bytes)", float64(n)/(1<<20), n)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB (%d bytes)", float64(n)/(1<<10), n)
	}
	return fmt.Sprintf("%d bytes", n)
}

// warn records a warning of a kind; past maxWarningsPerKind of a kind they
// are only counted (closeWarnings adds the count).
func (s *Source) warn(kind, format string, args ...any) {
	s.warned[kind]++
	if s.warned[kind] <= maxWarningsPerKind {
		s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
	}
}

// closeWarnings adds, for each kind with more warnings than were kept, how
// many more there were.
func (s *Source) closeWarnings() {
	var kinds []string
	for k, n := range s.warned {
		if n > maxWarningsPerKind {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s.warnings = append(s.warnings, fmt.Sprintf("and %d more %s", s.warned[k]-maxWarningsPerKind, k))
	}
}

// Files returns every article Open found below the folder, sorted: each
// .txt, .html and .htm file, relative to the folder with forward slashes,
// and each line of a .jsonl file that is not blank, as "file.jsonl:N".
// manifest.csv is not among them, nor what Skipped lists.
func (s *Source) Files() []string { return append([]string(nil), s.files...) }

// Skipped returns what Open found but cannot read, each with its reason,
// sorted by File: a folder that cannot be listed ("sub/", with a slash),
// a path too long to open, a name that is not valid UTF-8, a symbolic
// link to a folder.
func (s *Source) Skipped() []sourcescore.Skipped {
	return append([]sourcescore.Skipped(nil), s.skipped...)
}

// Warnings returns what Open found odd but not wrong, such as
// "manifest.csv:4: file x.txt is not in the input folder". Past 20 of a
// kind, one last warning says how many more there were.
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
// none (or there is no manifest). The entry of a .jsonl file is that of
// each of its lines. The entry must not be changed.
func (s *Source) Entry(file string) *ManifestEntry {
	if s.manifest == nil {
		return nil
	}
	if f, _, ok := splitLine(file); ok {
		file = f
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
// forward slashes, or of the line of a .jsonl file that Files names
// ("crawl.jsonl:3"). Only a regular file is read, and none larger than the
// article limit; a symbolic link is followed only to a file inside the
// folder. A file that cannot be read for any of those reasons, or is
// unreadable, gives a *BadArticleError wrapping sourcescore.ErrBadArticle.
// An error that may pass when tried again (too many open files) is tried
// again a few times with a short pause and then returned as it is, not as
// a bad article: it is no fault of the file.
func (s *Source) ReadBytes(file string) ([]byte, error) {
	raw, _, err := s.ReadState(file)
	return raw, err
}

// ReadState is ReadBytes that also returns the state of the file as it was
// read (State; taken before its bytes are, so that a change while it is
// read changes the state too), or "" when there is none to trust.
func (s *Source) ReadState(file string) (raw []byte, state string, err error) {
	if sp, ok := s.lines[file]; ok {
		raw, err := s.readLine(file, sp)
		return raw, "", err
	}
	f, fi, err := s.openArticle(file)
	var outside *outsideError
	if errors.As(err, &outside) {
		return nil, "", err
	}
	if err != nil {
		return nil, "", s.articleError(file, err)
	}
	defer f.Close()
	state = s.stateOf(fi)
	raw, err = plainfile.Read(f, fi.Size(), s.lim.ArticleBytes)
	if err != nil {
		return nil, "", s.articleError(file, err)
	}
	return raw, state, nil
}

// outsideError is a path that does not lie inside the input folder: no
// article of it, and no fault of a file.
type outsideError struct{ file string }

func (e *outsideError) Error() string {
	return fmt.Sprintf("read article %s: path is not inside the input folder", e.file)
}

// openArticle opens file, a path relative to the folder with forward
// slashes (not a .jsonl line), as ReadState and State read it.
func (s *Source) openArticle(file string) (*os.File, fs.FileInfo, error) {
	native := filepath.FromSlash(file)
	if !filepath.IsLocal(native) {
		return nil, nil, &outsideError{file: file}
	}
	return s.open(native, s.links[file])
}

// articleError turns an error from opening or reading file into what
// ReadBytes returns.
func (s *Source) articleError(file string, err error) error {
	var fp *fileProblem
	var tl *plainfile.TooLargeError
	switch {
	case errors.As(err, &fp):
		return &BadArticleError{File: file, Reason: fp.reason, Err: fp.err}
	case errors.As(err, &tl):
		return &BadArticleError{File: file, Err: err, Reason: fmt.Sprintf(
			"too large: %s, more than the article size limit of %s (--max-article-bytes)", sizeText(tl.Size), sizeText(tl.Limit))}
	case plainfile.Transient(err):
		return fmt.Errorf("read article %s: %w (still failing after %d tries; the run stops rather than skip the file)", file, err, retries)
	}
	return &BadArticleError{File: file, Reason: "unreadable: " + errReason(err), Err: err}
}

// fileProblem is why a file of the folder is not read: not a regular
// file, or a link that leads out of the folder.
type fileProblem struct {
	reason string
	err    error // underlying error; may be nil
}

func (p *fileProblem) Error() string { return p.reason }
func (p *fileProblem) Unwrap() error { return p.err }

// open opens native, a path relative to the folder, for reading: through
// the folder's root, so that no link leads out of it, without blocking,
// and only when it is a regular file. link says native is a symbolic
// link: it is resolved first, and followed only when what it leads to is
// inside the folder (os.Root alone would refuse a link written as an
// absolute path even when it leads inside). A file that is not to be read
// gives a *fileProblem; transient errors are tried again.
func (s *Source) open(native string, link bool) (*os.File, fs.FileInfo, error) {
	name := native
	if link {
		target, err := filepath.EvalSymlinks(filepath.Join(s.dir, native))
		if err != nil {
			return nil, nil, &fileProblem{reason: "broken symbolic link (" + errReason(err) + ")", err: err}
		}
		rel, err := filepath.Rel(s.real, target)
		if err != nil || !filepath.IsLocal(rel) {
			return nil, nil, &fileProblem{reason: "symbolic link to " + target +
				", outside the input folder: only links to files inside it are followed"}
		}
		name = rel
	}
	var f *os.File
	var fi fs.FileInfo
	err := retry(func() (err error) { f, fi, err = plainfile.OpenIn(s.root, name); return err })
	var nr *plainfile.NotRegularError
	if errors.As(err, &nr) {
		return nil, nil, &fileProblem{reason: "not a regular file (" + nr.Kind + ")", err: err}
	}
	return f, fi, err
}

// retries is how many times retry calls a function that keeps failing
// with a transient error; the pauses between double from firstPause, so
// that the last try comes some 300 ms after the first.
const (
	retries    = 6
	firstPause = 10 * time.Millisecond
)

// pause waits between tries; tests replace it.
var pause = time.Sleep

// retry calls f until it succeeds, fails with an error that is not
// transient (plainfile.Transient), or has been called retries times.
func retry(f func() error) error {
	d := firstPause
	for i := 1; ; i++ {
		err := f()
		if err == nil || i == retries || !plainfile.Transient(err) {
			return err
		}
		pause(d)
		d *= 2
	}
}
