package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/bits"
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

// ArticleIDPrefix starts every article id, so that no spreadsheet reads an
// id as a number: a bare hex id such as 87412e3142195614 is read as
// 8.7412E+3142195614 (shown as 1.79769313486232E+308), and one with a
// leading zero loses it.
const ArticleIDPrefix = "art-"

// ArticleID returns the stable id of the article in file (a path relative to
// the input folder, with forward slashes): ArticleIDPrefix and the first 16
// hex digits of the SHA-256 of the path, e.g. art-46048996130dd922.
func ArticleID(file string) string {
	sum := sha256.Sum256([]byte(file))
	return ArticleIDPrefix + hex.EncodeToString(sum[:8])
}

// LegacyArticleID returns the article id id written the way sourcescore
// wrote ids before they had ArticleIDPrefix (16 hex digits) in today's
// form, and whether it was in the old form. Any other string is returned
// as it is, with false.
func LegacyArticleID(id string) (string, bool) {
	if len(id) != 16 {
		return id, false
	}
	for _, c := range id {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return id, false
		}
	}
	return ArticleIDPrefix + id, true
}

// Parse builds the article in file from raw, the file's bytes, without
// touching the disk. The format follows file's extension: a .txt file is
// the text; of a .html or .htm file (a saved web page) the main text is
// extracted, with what the page's metadata says; for an article of a
// .jsonl file ("crawl.jsonl:3"), raw is its line, a JSON object whose
// fields JSONFields maps. m is the file's manifest entry, or nil when it has
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
// Extracting the text of a web page or a crawler's JSON line counts as
// Extract.
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

	// Decode and check; a page's or a line's text is extracted first.
	var decoded string
	var pg *page
	switch f := formatOf(file); f {
	case formatHTML, formatJSONL:
		if st != nil {
			now := time.Now()
			st.Decode += now.Sub(start)
			start = now
		}
		var p page
		var reason string
		if f == formatHTML {
			decoded, p, reason = extractHTML(raw)
		} else {
			decoded, p, reason = parseJSONLine(raw)
		}
		if st != nil {
			now := time.Now()
			st.Extract += now.Sub(start)
			start = now
		}
		if reason != "" {
			return nil, &BadArticleError{File: file, Reason: reason}
		}
		pg = &p
	default:
		var legacy bool
		decoded, legacy = decodeText(raw)
		if legacy {
			if reason := noiseReason(raw); reason != "" {
				return nil, &BadArticleError{File: file, Reason: reason}
			}
		}
	}
	if reason := binaryReason(decoded); reason != "" {
		return nil, &BadArticleError{File: file, Reason: reason}
	}
	if strings.TrimSpace(decoded) == "" {
		return nil, &BadArticleError{File: file, Reason: reasonEmpty}
	}

	// Repair mojibake and normalise, keeping the way back to the original
	// columns.
	decoded = unifyLineEnds(decoded)
	page := mojibakeOf(decoded)
	text, remap, repairs := normalizeText(decoded, page)
	if repairs > 0 {
		a.Repaired = fmt.Sprintf("%d characters repaired (mojibake: UTF-8 text read as %s before it was saved)", repairs, page.name)
	}
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

	// Metadata: the manifest first, then the page's, then what the text tells.
	a.Meta = metadata(m, pg, text, a.Body)
	return a, nil
}

// metadata combines the manifest entry m (may be nil) with what the page
// says (p; nil for a text file) and what can be inferred from the text,
// recording where each field that the manifest left empty came from.
func metadata(m *ManifestEntry, p *page, text, body string) sourcescore.Metadata {
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
	// What comes from the page or the text is copied: the metadata outlives
	// the article (outlets are compared, the story comparison keeps its
	// rows to the end of the run), and a substring would keep the whole
	// text or page alive with it.
	if p != nil {
		meta.Title, meta.Author = strings.Clone(p.title), strings.Clone(p.author)
		fill := func(field string, v *string, from string) {
			if *v == "" && from != "" {
				*v = strings.Clone(from)
				meta.FromPage = append(meta.FromPage, field)
			}
		}
		fill(fieldOutlet, &meta.Outlet, p.outlet)
		fill(fieldURL, &meta.URL, p.url)
		if meta.Published.IsZero() && !p.published.IsZero() {
			meta.Published = p.published
			meta.FromPage = append(meta.FromPage, fieldPublished)
		}
		fill(fieldLanguage, &meta.Language, p.language)
	}
	if meta.Outlet == "" || meta.Published.IsZero() {
		h := inferHead(text)
		if meta.Outlet == "" && h.outlet != "" {
			meta.Outlet = strings.Clone(h.outlet)
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
// "US-Präsident" and "don't" count once.
//
// A rune begins a word when it is a word rune (isWordRune), the rune before
// it is not, and the two runes before it are not a word rune followed by a
// joiner (isJoiner). countWords keeps those two runes' classes and applies
// that test to up to eight ASCII bytes at a time (see asciiWords and
// asciiJoiners); other runes are decoded and classified one by one.
func countWords(s string) int {
	const high = 0x8080808080808080
	n := 0
	var w1, j1, w2 uint64 // the last rune is a word rune, a joiner; the one before it is a word rune (0 or 1)
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			// Byte b of x is bits 8b to 8b+7: shifting a mask left by 8
			// moves each byte's flag to the byte after it.
			if x&high == 0 {
				w, j := asciiWords(x), asciiJoiners(x)
				prevW := w<<8 | w1<<7
				prevJ := j<<8 | j1<<7
				prev2W := w<<16 | w1<<15 | w2<<7
				n += bits.OnesCount64(w &^ prevW &^ (prevJ & prev2W))
				w1, j1, w2 = w>>63, j>>63, w>>55&1
				i += 8
				continue
			}
			// The first k bytes are ASCII, then comes another rune. A byte
			// from 0x80 up can carry into the bytes after it in asciiWords
			// and asciiJoiners, never into those before it, which alone
			// are kept.
			if k := bits.TrailingZeros64(x&high) / 8; k > 0 {
				keep := uint64(1)<<(8*k) - 1
				w, j := asciiWords(x)&keep, asciiJoiners(x)&keep
				prevW := w<<8 | w1<<7
				prevJ := j<<8 | j1<<7
				prev2W := w<<16 | w1<<15 | w2<<7
				n += bits.OnesCount64(w &^ prevW &^ (prevJ & prev2W))
				last := 8*k - 1 // the flag bit of the last ASCII byte
				if k > 1 {
					w2 = w >> (last - 8) & 1
				} else {
					w2 = w1
				}
				w1, j1 = w>>last&1, j>>last&1
				i += k
			}
		}
		r, size := rune(s[i]), 1
		word := false
		if r < utf8.RuneSelf {
			word = asciiWord[r]
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			word = isWordRune(r)
		}
		var w, j uint64
		if word {
			w = 1
		} else if isJoiner(r) {
			j = 1
		}
		if w == 1 && w1 == 0 && j1&w2 == 0 {
			n++
		}
		w1, j1, w2 = w, j, w1
		i += size
	}
	return n
}

// asciiWords returns, for x holding eight ASCII bytes, 0x80 in each byte
// that is an ASCII word rune (a letter or digit, as asciiWord tells) and 0
// in the others. Each byte is below 0x80 and no addend is above 0x50, so no
// sum carries into the next byte; the high bit of x+(0x80-lo) is set when
// the byte is lo or more, and that of x+(0x7f-hi) when it is above hi.
func asciiWords(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	y := x | 0x20*ones // upper-case letters to lower case; no other byte enters a-z
	letters := (y + (0x80-'a')*ones) &^ (y + (0x7f-'z')*ones)
	digits := (x + (0x80-'0')*ones) &^ (x + (0x7f-'9')*ones)
	return (letters | digits) & high
}

// asciiJoiners returns, for x holding eight ASCII bytes, 0x80 in each byte
// that is '-' or '\” (the ASCII joiners) and 0 in the others. A byte t
// below 0x80 is 0 exactly when t+0x7f stays below 0x80.
func asciiJoiners(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	hyphen := x ^ '-'*ones
	apostrophe := x ^ '\''*ones
	return (^(hyphen + 0x7f*ones) | ^(apostrophe + 0x7f*ones)) & high
}

// asciiWord tells, for each byte, whether it is an ASCII rune isWordRune
// accepts; it is false for every byte that is not ASCII. asciiWords is
// tested against it.
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
