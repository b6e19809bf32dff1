package rules

import (
	"fmt"
	"unicode/utf8"
)

// Limits bounds what one rule set may hold, so that a rule file cannot take
// the machine's memory: a rule file's size, how deeply its YAML nests, and
// how many phrases all its lists hold together. Each is refused with its
// position and a hint. Load, LoadDir and Builtin use DefaultLimits; a zero
// field is its default too.
type Limits struct {
	FileBytes int64 // a rule file, in bytes
	YAMLDepth int   // nested [ { and indentation levels
	Phrases   int   // phrases of every list of the set together
}

// The default limits.
const (
	DefaultRuleFileBytes = 8 << 20
	DefaultYAMLDepth     = 64
	DefaultPhrases       = 200_000
)

// DefaultLimits returns the limits Load uses.
func DefaultLimits() Limits {
	return Limits{FileBytes: DefaultRuleFileBytes, YAMLDepth: DefaultYAMLDepth, Phrases: DefaultPhrases}
}

// orDefault fills the zero fields of l with the defaults.
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.FileBytes <= 0 {
		l.FileBytes = d.FileBytes
	}
	if l.YAMLDepth <= 0 {
		l.YAMLDepth = d.YAMLDepth
	}
	if l.Phrases <= 0 {
		l.Phrases = d.Phrases
	}
	return l
}

// yamlDepth finds where the YAML in data nests deeper than maxDepth:
// flow collections ([ {) inside each other, or block levels by
// indentation (counted in steps of two columns). It reads quotes and
// comments only as far as needed not to count brackets inside them. It
// returns the 1-based line and column of the first place too deep, or 0.
func yamlDepth(data []byte, maxDepth int) (line, col int) {
	line, col = 1, 1
	depth := 0
	lineStart := true
	indent := 0
	var quote byte
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '\n':
			line, col, lineStart, indent, quote = line+1, 1, true, 0, 0
			i++
			continue
		case lineStart && c == ' ':
			indent++
			if indent/2 > maxDepth {
				return line, col
			}
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || lineStart):
			for i < len(data) && data[i] != '\n' {
				i++
			}
			continue
		case c == '[' || c == '{':
			depth++
			if depth > maxDepth {
				return line, col
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		if c != ' ' {
			lineStart = false
		}
		_, w := utf8.DecodeRune(data[i:])
		i += w
		col++
	}
	return 0, 0
}

// sizeError is the error of a rule file over limit bytes.
func sizeError(file string, size, limit int64) Error {
	sizes := fmt.Sprintf("%d bytes, more than the limit of %d bytes", size, limit)
	if limit%(1<<20) == 0 {
		sizes = fmt.Sprintf("%.1f MB, more than the limit of %d MB", float64(size)/(1<<20), limit>>20)
	}
	return Error{File: file, Line: 1, Column: 1,
		Msg:  "rule file of " + sizes + " (--max-rule-file-bytes): it is not read",
		Hint: "split it into several files, or move long word lists into a word list file (wordlists:)"}
}

// checkPhrases reports, once, the rule or story at x that brings the set's
// phrases past the limit.
func (ls *loadState) checkPhrases(x node, errs *ErrorList) {
	if ls.eng.PhraseCount() > ls.limits.Phrases && !ls.tooMany {
		ls.tooMany = true
		*errs = append(*errs, x.errf("keep phrase lists to words an article may really hold; a list of every name of a country is a word list (wordlists:)",
			"the rule set's phrase lists hold %d phrases here, more than the limit of %d (--max-phrases)", ls.eng.PhraseCount(), ls.limits.Phrases))
	}
}
