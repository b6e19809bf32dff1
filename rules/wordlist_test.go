package rules

import (
	"fmt"
	"testing"
)

func TestWordList(t *testing.T) {
	var words []string
	for i := range 5000 {
		words = append(words, fmt.Sprintf("wort%d", i))
	}
	words = append(words, "über", "straße", "wort7") // a repeat counts once
	l := newWordList(words)
	if l.n != 5002 {
		t.Errorf("n = %d, want 5002", l.n)
	}
	for _, w := range words {
		if !l.has(w) {
			t.Errorf("%q not found", w)
		}
	}
	for _, w := range []string{"", "wort", "wort5000", "Über", "strasse", "wort7 "} {
		if l.has(w) {
			t.Errorf("%q found, but was never added", w)
		}
	}
	var none *wordList
	if none.has("wort1") || inLists(nil, "wort1") || !inLists([]*wordList{nil, l}[1:], "über") {
		t.Error("nil lists")
	}
	seen := 0
	l.each(func(uint64) { seen++ })
	if seen != l.n {
		t.Errorf("each saw %d hashes, want %d", seen, l.n)
	}
}
