package sourcescore

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Position is a place in an original input file: 1-based line and 1-based
// column, where the column counts characters (Unicode code points) of the
// original line, so it is the same whatever the file's encoding was.
type Position struct {
	Line   int // 1-based line
	Column int // 1-based column, in characters of the original line
}

// String formats the position as line:column.
func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// LineIndex maps byte offsets in a normalised text back to positions in the
// original file. Line breaks are unified but never added or removed, so lines
// correspond one to one; columns differ only on lines that Unicode
// normalisation changed, and those lines carry an explicit column map.
type LineIndex struct {
	text   string          // the normalised text (shared, not copied)
	starts []int           // byte offset where each line of the text begins
	remap  map[int][]int32 // 0-based line → original 1-based column of each rune of the normalised line
	// With a line longer than blockSize, the runes before each block of the
	// text, so that Position counts at most two blocks of runes: its cost
	// does not grow with the line (a 1.5 MB line would make the findings on
	// it cost the square of its length).
	blockOff   []int // block k begins at the first rune start at or after k*blockSize
	blockRunes []int // runes of the text before blockOff[k]
}

// blockSize is the stride of LineIndex's rune counts on long lines.
const blockSize = 1024

// NewLineIndex indexes text. remap holds, for each 0-based line whose
// characters do not correspond one to one with the original line, the
// original 1-based column of every rune of the normalised line; it may be nil.
func NewLineIndex(text string, remap map[int][]int32) *LineIndex {
	starts := make([]int, 1, strings.Count(text, "\n")+1)
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	x := &LineIndex{text: text, starts: starts, remap: remap}
	longest := 0
	for i, st := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		longest = max(longest, end-st)
	}
	if longest > blockSize {
		runes := 0
		for b := 0; b < len(text); b += blockSize {
			off := b // block 0 begins at 0, even on a stray continuation byte
			for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
				off++
			}
			if k := len(x.blockOff); k > 0 {
				runes += utf8.RuneCountInString(text[x.blockOff[k-1]:off])
			}
			x.blockOff = append(x.blockOff, off)
			x.blockRunes = append(x.blockRunes, runes)
		}
	}
	return x
}

// runesBetween counts the runes of text[from:to].
func (x *LineIndex) runesBetween(from, to int) int {
	if to-from <= 2*blockSize || len(x.blockOff) == 0 {
		return utf8.RuneCountInString(x.text[from:to])
	}
	return x.runesBefore(to) - x.runesBefore(from)
}

// runesBefore counts the runes of text[:p], from the block p lies in.
func (x *LineIndex) runesBefore(p int) int {
	k := min(p/blockSize, len(x.blockOff)-1)
	for k > 0 && x.blockOff[k] > p {
		k--
	}
	return x.blockRunes[k] + utf8.RuneCountInString(x.text[x.blockOff[k]:p])
}

// Lines returns the number of lines.
func (x *LineIndex) Lines() int { return len(x.starts) }

// LineStart returns the byte offset where the 0-based line begins.
func (x *LineIndex) LineStart(line int) int { return x.starts[line] }

// Position returns the original position of the byte offset off in the text
// the index was built from (or in any text of the same length and line
// breaks, such as an article's Body).
func (x *LineIndex) Position(off int) Position {
	if off > len(x.text) {
		off = len(x.text)
	}
	if off < 0 {
		off = 0
	}
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	runes := x.runesBetween(x.starts[line], off)
	if m, ok := x.remap[line]; ok && len(m) > 0 {
		if runes < len(m) {
			return Position{Line: line + 1, Column: int(m[runes])}
		}
		return Position{Line: line + 1, Column: int(m[len(m)-1]) + 1 + runes - len(m)}
	}
	return Position{Line: line + 1, Column: runes + 1}
}
