package sourcescore

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNewLineIndex_lineStarts(t *testing.T) {
	tests := []struct {
		text string
		want []int
	}{
		{"", []int{0}},
		{"eins", []int{0}},
		{"\n", []int{0, 1}},
		{"eins\n", []int{0, 5}},
		{"\n\n", []int{0, 1, 2}},
		{"eins\nzwei\n\ndrei", []int{0, 5, 10, 11}},
		{"Grüße\nä", []int{0, 8}},
	}
	for _, tt := range tests {
		x := NewLineIndex(tt.text, nil)
		var got []int
		for i := range x.Lines() {
			got = append(got, x.LineStart(i))
		}
		if len(got) != len(tt.want) {
			t.Errorf("NewLineIndex(%q): line starts %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("NewLineIndex(%q): line starts %v, want %v", tt.text, got, tt.want)
				break
			}
		}
	}
}

// naivePosition is Position as the definition reads: count the runes from
// the line's start.
func naivePosition(text string, off int) Position {
	off = max(0, min(off, len(text)))
	line, start := 0, 0
	for i := 0; i < off; i++ {
		if text[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return Position{Line: line + 1, Column: utf8.RuneCountInString(text[start:off]) + 1}
}

// TestPosition_LongLines: on lines far longer than a block, Position gives
// what counting from the line's start gives, at every offset, rune
// boundaries or not.
func TestPosition_LongLines(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		b.WriteString([]string{"a", "ä", "€", "𝄞", " ", "ß"}[i%6])
		if i%1777 == 1776 {
			b.WriteByte('\n')
		}
	}
	for _, text := range []string{b.String(), strings.Repeat("ü", 5000), "kurz\n" + strings.Repeat("x", 4100) + "\nende", ""} {
		x := NewLineIndex(text, nil)
		for off := -1; off <= len(text)+1; off++ {
			if got, want := x.Position(off), naivePosition(text, off); got != want {
				t.Fatalf("Position(%d) = %v, want %v (text of %d bytes)", off, got, want, len(text))
			}
		}
	}
}

func FuzzPosition(f *testing.F) {
	f.Add(strings.Repeat("é", 1500)+"\n"+strings.Repeat("a", 3000), 2000)
	f.Fuzz(func(t *testing.T, text string, off int) {
		if got, want := NewLineIndex(text, nil).Position(off), naivePosition(text, off); got != want {
			t.Errorf("Position(%d) = %v, want %v", off, got, want)
		}
	})
}

// BenchmarkPosition_LongLine: a finding's position on a line of 1.5 MB
// costs about as much as on a short one.
func BenchmarkPosition_LongLine(b *testing.B) {
	text := strings.Repeat("Der Minister sagte, das sei falsch. ", 40000)
	x := NewLineIndex(text, nil)
	b.ResetTimer()
	for i := range b.N {
		x.Position((i * 7919) % len(text))
	}
}
