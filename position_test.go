package sourcescore

import "testing"

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
