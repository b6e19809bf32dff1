package rules

import (
	"fmt"
	"sort"
	"strings"

	"sourcescore"
)

// Error is one problem in a rule file, at a position.
type Error struct {
	File   string // rule file path as given to Load
	Line   int    // 1-based line; 0 when the problem concerns the whole file
	Column int    // 1-based column
	Msg    string // what is wrong
	Hint   string // how to fix it; may be ""
}

// Error formats the problem as file:line:column: msg, with the hint on an
// indented second line.
func (e Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("\n\ttry: ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// ErrorList is every problem found in a rule set, sorted by file and position.
// It matches sourcescore.ErrConfig with errors.Is.
type ErrorList []Error

// Error lists the problems one per line.
func (l ErrorList) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Is makes errors.Is(list, sourcescore.ErrConfig) true: a bad rule set is the
// user's to fix.
func (l ErrorList) Is(target error) bool { return target == sourcescore.ErrConfig }

func (l ErrorList) sorted() ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return l
}

// closest returns the candidate s is a plausible typo of, or "".
func closest(s string, candidates []string) string {
	return sourcescore.Suggest(s, candidates)
}
