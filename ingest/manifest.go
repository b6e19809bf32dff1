package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
	"unique"

	"github.com/gocarina/gocsv"
	"golang.org/x/text/unicode/norm"

	"sourcescore"
)

// ManifestFile is the name of the manifest at the top of an input folder.
const ManifestFile = "manifest.csv"

// maxManifestProblems caps how many problems one ManifestError lists.
const maxManifestProblems = 20

// manifestColumns are the columns a manifest may have, in the documented
// order. Only "file" is required.
var manifestColumns = []string{"file", "outlet", "url", "published", "language", "story"}

// manifestHint is what every header problem suggests.
const manifestHint = "the first line names the columns, e.g. file,outlet,url,published,language,story (only file is required)"

// ManifestEntry is one row of manifest.csv: what the manifest says about one
// file. Empty fields are unknown.
type ManifestEntry struct {
	Line      int       // line of the row in manifest.csv
	File      string    // path relative to the input folder, with forward slashes
	Outlet    string    // publishing outlet
	URL       string    // where the article was published
	Published time.Time // publication date, midnight UTC; zero when unknown
	Language  string    // lower-case ISO 639-1 code, e.g. "de"
	Story     string    // story id
	StoryCol  int       // 1-based column (in characters) where the story cell starts; 0 when the manifest has no story column
}

// manifestRow is a row as gocsv reads it: raw cells, checked afterwards.
type manifestRow struct {
	File      string `csv:"file"`
	Outlet    string `csv:"outlet"`
	URL       string `csv:"url"`
	Published string `csv:"published"`
	Language  string `csv:"language"`
	Story     string `csv:"story"`
}

// ManifestProblem is one thing wrong in manifest.csv.
type ManifestProblem struct {
	Line   int    // 1-based line in manifest.csv
	Column int    // 1-based column (in characters) of the cell; 0 when the problem is the line's
	Msg    string // what is wrong
	Hint   string // how to fix it; may be ""
}

// String formats the problem as manifest.csv:LINE: msg (LINE:COLUMN when
// the column is known), with the hint on an indented second line.
func (p ManifestProblem) String() string { return p.at(ManifestFile) }

// at is String with the manifest's path.
func (p ManifestProblem) at(path string) string {
	s := fmt.Sprintf("%s:%d: %s", path, p.Line, p.Msg)
	if p.Column > 0 {
		s = fmt.Sprintf("%s:%d:%d: %s", path, p.Line, p.Column, p.Msg)
	}
	if p.Hint != "" {
		s += "\n\ttry: " + p.Hint
	}
	return s
}

// ManifestError lists everything wrong with a manifest. It wraps
// sourcescore.ErrConfig: the user must fix the file.
type ManifestError struct {
	Path     string            // the manifest's path, as the problems are shown; "" shows manifest.csv
	Problems []ManifestProblem // in line order
}

// NewManifestError returns the error of the manifest at path with probs,
// sorted by line and column; past a screenful the rest are counted.
func NewManifestError(path string, probs []ManifestProblem) *ManifestError {
	return &ManifestError{Path: path, Problems: capProblems(probs)}
}

// capProblems sorts probs by line and column and keeps the first
// maxManifestProblems, then a line counting the others.
func capProblems(probs []ManifestProblem) []ManifestProblem {
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].Line != probs[j].Line {
			return probs[i].Line < probs[j].Line
		}
		return probs[i].Column < probs[j].Column
	})
	if len(probs) > maxManifestProblems {
		n := len(probs) - maxManifestProblems
		probs = append(probs[:maxManifestProblems], ManifestProblem{
			Line: probs[maxManifestProblems].Line,
			Msg:  fmt.Sprintf("and %d more problems", n),
		})
	}
	return probs
}

// Error lists the problems, one per line (hints indented below them).
func (e *ManifestError) Error() string {
	path := e.Path
	if path == "" {
		path = ManifestFile
	}
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.at(path))
	}
	return b.String()
}

// Unwrap returns sourcescore.ErrConfig.
func (e *ManifestError) Unwrap() error { return sourcescore.ErrConfig }

// manifest is a parsed manifest.
type manifest struct {
	entries []ManifestEntry // in file order
	byFile  map[string]int  // fileKey(entry.File) → index in entries
}

// fileKey is how manifest file names and folder paths are compared: forward
// slashes, cleaned, NFC (macOS may store names decomposed).
func fileKey(name string) string {
	return norm.NFC.String(path.Clean(strings.ReplaceAll(name, "\\", "/")))
}

// parseManifest reads the bytes of a manifest. It decodes them like an
// article (BOM, UTF-16, windows-1252 from German Excel), takes the delimiter
// from the header line, and returns a *ManifestError listing every problem.
// A manifest of more than maxRows rows (the header not counted) is refused.
func parseManifest(raw []byte, maxRows int) (*manifest, error) {
	text, _ := normalize(unifyLineEnds(decode(raw)))
	records, lines, starts, err := readRecords(text, maxRows)
	if err != nil {
		return nil, err
	}
	var probs []ManifestProblem
	add := func(line int, hint, format string, args ...any) {
		probs = append(probs, ManifestProblem{Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}

	// The header: known, unique column names, "file" among them.
	header := records[0]
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.Trim(h, "\uFEFF\u200B")))
		header[i] = h
		switch {
		case h == "":
			add(lines[0], manifestHint, "column %d has no name", i+1)
		case !isManifestColumn(h):
			hint := manifestHint
			if c := closestColumn(h); c != "" {
				hint = c
			}
			add(lines[0], hint, "unknown column %q", h)
		case seen[h]:
			add(lines[0], "keep one column of each name", "column %q appears twice", h)
		}
		seen[h] = true
	}
	if !seen["file"] {
		add(lines[0], manifestHint, "no %q column", "file")
	}
	if len(probs) > 0 {
		return nil, &ManifestError{Problems: probs}
	}

	// Rows: as many cells as the header (fewer are padded).
	for i := 1; i < len(records); i++ {
		if len(records[i]) > len(header) {
			add(lines[i], "quote cells that hold the delimiter",
				"%d cells, but the header names %d columns", len(records[i]), len(header))
		}
		for len(records[i]) < len(header) {
			records[i] = append(records[i], "")
		}
	}
	if len(probs) > 0 {
		return nil, &ManifestError{Problems: probs}
	}

	var rows []manifestRow
	if err := gocsv.UnmarshalCSV(&recordReader{records: records}, &rows); err != nil {
		return nil, fmt.Errorf("read %s: %w", ManifestFile, err)
	}

	storyIdx := slices.Index(header, "story")
	m := &manifest{byFile: map[string]int{}}
	for i, r := range rows {
		line := lines[i+1]
		if blankRow(r) {
			continue // Excel writes ";;;;;" for emptied rows
		}
		// A big manifest is held for the whole run: the cells are copied
		// out of the CSV records (which then go), and the few outlets,
		// stories and languages are shared by their rows.
		e := ManifestEntry{
			Line:     line,
			File:     strings.Clone(strings.TrimSpace(r.File)),
			Outlet:   unique.Make(strings.TrimSpace(r.Outlet)).Value(),
			URL:      strings.Clone(strings.TrimSpace(r.URL)),
			Story:    unique.Make(strings.TrimSpace(r.Story)).Value(),
			Language: unique.Make(strings.ToLower(strings.TrimSpace(r.Language))).Value(),
		}
		if storyIdx >= 0 && storyIdx < len(starts[i+1]) {
			e.StoryCol = starts[i+1][storyIdx]
		}
		switch {
		case e.File == "":
			add(line, "name the article's file, relative to the input folder, e.g. 000_b1e9ed358f7a1a99.txt", "no file name")
			continue
		case !filepath.IsLocal(filepath.FromSlash(strings.ReplaceAll(e.File, "\\", "/"))):
			add(line, "name the file relative to the input folder, e.g. sub/x.txt", "file %q is outside the input folder", e.File)
			continue
		}
		e.File = path.Clean(strings.ReplaceAll(e.File, "\\", "/"))
		key := fileKey(e.File)
		if j, dup := m.byFile[key]; dup {
			add(line, "keep one row per file", "file %q is listed twice (first on line %d)", e.File, m.entries[j].Line)
			continue
		}
		if p := strings.TrimSpace(r.Published); p != "" {
			t, ok := parseManifestDate(p)
			if !ok {
				add(line, `YYYY-MM-DD, "YYYY-MM-DD HH:MM", RFC 3339 (2024-10-25T09:58:00+02:00) or DD.MM.YYYY`,
					"published %q is not a date", p)
			}
			e.Published = t
		}
		if e.Language != "" && !isLanguageCode(e.Language) {
			add(line, "a two-letter ISO 639-1 code such as de or en, or leave it empty to detect it",
				"language %q is not a two-letter code", strings.TrimSpace(r.Language))
		}
		m.byFile[key] = len(m.entries)
		m.entries = append(m.entries, e)
	}
	if len(probs) > 0 {
		return nil, &ManifestError{Problems: capProblems(probs)}
	}
	return m, nil
}

// readRecords splits the manifest text into records and the line each
// starts on. The delimiter is whichever of , ; and tab the header line has
// most of (German Excel writes ';'). More than maxRows records after the
// header are refused at the first one too many.
//
// starts[i][j] is where field j of record i starts: its 1-based column in
// characters.
func readRecords(text string, maxRows int) (records [][]string, lines []int, starts [][]int, err error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = detectDelimiter(text)
	lineStarts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	r.FieldsPerRecord = -1 // checked against the header, with a better message
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, nil, &ManifestError{Problems: []ManifestProblem{{
					Line: pe.Line,
					Msg:  "bad CSV: " + pe.Err.Error(),
					Hint: `put a cell that holds the delimiter or a quote in quotes, and double the quotes inside it ("say ""no""")`,
				}}}
			}
			return nil, nil, nil, fmt.Errorf("read %s: %w", ManifestFile, err)
		}
		line, _ := r.FieldPos(0)
		if len(records) > maxRows {
			return nil, nil, nil, &ManifestError{Problems: []ManifestProblem{{
				Line: line, Column: 1,
				Msg:  fmt.Sprintf("more than %d rows, the manifest's row limit", maxRows),
				Hint: "split the input into several folders, or raise the limit with --max-manifest-rows",
			}}}
		}
		cols := make([]int, len(rec))
		for j := range rec {
			fl, fc := r.FieldPos(j)
			cols[j] = charColumn(text, lineStarts, fl, fc)
		}
		records = append(records, rec)
		lines = append(lines, line)
		starts = append(starts, cols)
	}
	if len(records) == 0 {
		return nil, nil, nil, &ManifestError{Problems: []ManifestProblem{{
			Line: 1, Msg: "empty manifest", Hint: manifestHint + "; or delete the file",
		}}}
	}
	return records, lines, starts, nil
}

// charColumn turns a 1-based line and byte column of text into the
// character column; lineStarts[i] is where line i+1 starts in text.
func charColumn(text string, lineStarts []int, line, byteCol int) int {
	if line < 1 || line > len(lineStarts) {
		return byteCol
	}
	start := lineStarts[line-1]
	end := min(start+byteCol-1, len(text))
	return utf8.RuneCountInString(text[start:end]) + 1
}

// detectDelimiter returns the most frequent of ',', ';' and '\t' outside
// quotes in the first line of text, ',' when there is none.
func detectDelimiter(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range text {
		if c == '\n' && !quoted {
			break
		}
		switch c {
		case '"':
			quoted = !quoted
		case ',', ';', '\t':
			if !quoted {
				counts[c]++
			}
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// recordReader hands records already read to gocsv.
type recordReader struct {
	records [][]string
	next    int
}

// Read returns the next record.
func (r *recordReader) Read() ([]string, error) {
	if r.next >= len(r.records) {
		return nil, io.EOF
	}
	r.next++
	return r.records[r.next-1], nil
}

// ReadAll returns the records not yet read.
func (r *recordReader) ReadAll() ([][]string, error) {
	rest := r.records[r.next:]
	r.next = len(r.records)
	return rest, nil
}

// blankRow reports whether every cell of r is empty.
func blankRow(r manifestRow) bool {
	return strings.TrimSpace(r.File+r.Outlet+r.URL+r.Published+r.Language+r.Story) == ""
}

// isManifestColumn reports whether name is a known column.
func isManifestColumn(name string) bool {
	for _, c := range manifestColumns {
		if c == name {
			return true
		}
	}
	return false
}

// closestColumn returns the known column name is a plausible typo of, or "".
func closestColumn(name string) string {
	return sourcescore.Suggest(name, manifestColumns)
}

// manifestDateLayouts are the forms a published cell may take. The time of
// day, when given, is dropped.
var manifestDateLayouts = []string{
	"2006-01-02",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2.1.2006", // German Excel rewrites ISO dates so
	"2.1.2006 15:04",
}

// parseManifestDate reads a published cell and returns midnight UTC of the
// date as written (for RFC 3339, the date in the given offset).
func parseManifestDate(s string) (time.Time, bool) {
	for _, l := range manifestDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// isLanguageCode reports whether s is two lower-case ASCII letters.
func isLanguageCode(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}
