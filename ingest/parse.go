package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sourcescore"
)

// BadArticleError says why a file cannot be scored. It wraps
// sourcescore.ErrBadArticle and, for an unreadable file, the OS error.
type BadArticleError struct {
	File   string // path relative to the input folder
	Reason string // plain reason for the analyst, e.g. "empty file"
	Err    error  // underlying error, e.g. from the file system; may be nil
}

// Error returns "read article FILE: REASON".
func (e *BadArticleError) Error() string { return "read article " + e.File + ": " + e.Reason }

// Unwrap returns sourcescore.ErrBadArticle and the underlying error.
func (e *BadArticleError) Unwrap() []error {
	if e.Err == nil {
		return []error{sourcescore.ErrBadArticle}
	}
	return []error{sourcescore.ErrBadArticle, e.Err}
}

// The reasons Parse gives besides binary files.
const (
	reasonEmpty  = "empty file (nothing but whitespace)"
	reasonAllCut = "no text left after cutting boilerplate"
)

// ArticleID returns the stable id of the article in file (a path relative to
// the input folder, with forward slashes): the first 16 hex digits of the
// SHA-256 of the path.
func ArticleID(file string) string {
	sum := sha256.Sum256([]byte(file))
	return hex.EncodeToString(sum[:8])
}

// Parse builds the article in file from raw, the file's bytes, without
// touching the disk. m is the file's manifest entry, or nil when it has
// none; bp holds the boilerplate cut rules, or is nil for none. Bytes that
// cannot be scored (binary, empty, all boilerplate) give a *BadArticleError.
// Parse keeps no state and may be called from many goroutines at once.
func Parse(file string, raw []byte, m *ManifestEntry, bp *sourcescore.Boilerplate) (*sourcescore.Article, error) {
	return ParseStages(file, raw, m, bp, nil)
}

// Stages is the time Parse spends in its two halves.
type Stages struct {
	Decode  time.Duration // hashing, decoding, checks, normalisation, the line index
	Extract time.Duration // body extraction (boilerplate cut), word count, metadata
}

// ParseStages is Parse, adding the time of its stages to st (when not nil).
func ParseStages(file string, raw []byte, m *ManifestEntry, bp *sourcescore.Boilerplate, st *Stages) (*sourcescore.Article, error) {
	var start time.Time
	if st != nil {
		start = time.Now()
	}
	sum := sha256.Sum256(raw)
	a := &sourcescore.Article{
		ID:          ArticleID(file),
		File:        file,
		ContentHash: hex.EncodeToString(sum[:]),
	}

	// Decode and check.
	decoded := decode(raw)
	if reason := binaryReason(decoded); reason != "" {
		return nil, &BadArticleError{File: file, Reason: reason}
	}
	if strings.TrimSpace(decoded) == "" {
		return nil, &BadArticleError{File: file, Reason: reasonEmpty}
	}

	// Normalise, keeping the way back to the original columns.
	text, remap := normalize(unifyLineEnds(decoded))
	a.Text = text
	a.Lines = sourcescore.NewLineIndex(text, remap)

	// Cut boilerplate.
	if st != nil {
		now := time.Now()
		st.Decode += now.Sub(start)
		start = now
		defer func() { st.Extract += time.Since(start) }()
	}
	lines := splitLines(text)
	lower := sourcescore.LowerSameLength(text)
	cut := cutLines(lines, lower, bp)
	a.Body = blank(text, lines, cut)
	a.Lower = blank(lower, lines, cut)
	if strings.TrimSpace(a.Body) == "" {
		return nil, &BadArticleError{File: file, Reason: reasonAllCut}
	}
	a.Words = countWords(a.Body)

	// Metadata: the manifest first, then what the text tells.
	a.Meta = metadata(m, text, a.Body)
	return a, nil
}

// metadata combines the manifest entry m (may be nil) with what can be
// inferred from the text, recording inferred fields.
func metadata(m *ManifestEntry, text, body string) sourcescore.Metadata {
	var meta sourcescore.Metadata
	if m != nil {
		meta = sourcescore.Metadata{
			Outlet:    m.Outlet,
			URL:       m.URL,
			Published: m.Published,
			Language:  m.Language,
			Story:     m.Story,
		}
	}
	if meta.Outlet == "" || meta.Published.IsZero() {
		h := inferHead(text)
		if meta.Outlet == "" && h.outlet != "" {
			meta.Outlet = h.outlet
			meta.Inferred = append(meta.Inferred, fieldOutlet)
		}
		if meta.Published.IsZero() && !h.published.IsZero() {
			meta.Published = h.published
			meta.Inferred = append(meta.Inferred, fieldPublished)
		}
	}
	if meta.Language == "" {
		if lang := detectLanguage(body); lang != "" {
			meta.Language = lang
			meta.Inferred = append(meta.Inferred, fieldLanguage)
		}
	}
	return meta
}

// countWords counts runs of letters, digits and combining marks in s. A
// hyphen or apostrophe between two such runs joins them into one word, so
// "US-Präsident" and "don't" count once. ASCII bytes, most of any text, are
// looked up in asciiWord instead of decoded and classified.
func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		var word bool
		if r < utf8.RuneSelf {
			word = asciiWord[r]
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			word = isWordRune(r)
		}
		i += size
		if word {
			if !in {
				n++
				in = true
			}
			for i < len(s) && asciiWord[s[i]] { // the rest of an ASCII run
				i++
			}
			continue
		}
		if in && isJoiner(r) {
			if next, _ := utf8.DecodeRuneInString(s[i:]); isWordRune(next) {
				continue
			}
		}
		in = false
	}
	return n
}

// asciiWord tells, for each byte, whether it is an ASCII rune isWordRune
// accepts; it is false for every byte that is not ASCII.
var asciiWord = func() (t [256]bool) {
	for r := range rune(utf8.RuneSelf) {
		t[r] = isWordRune(r)
	}
	return t
}()

// isWordRune reports whether r is part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports whether r joins two word parts: hyphens and apostrophes.
func isJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\'', '\u2019':
		return true
	}
	return false
}
