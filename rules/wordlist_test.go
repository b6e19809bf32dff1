package rules

import (
	"fmt"
	"sourcescore"
	"strings"
	"sync"
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

// TestParseWordList: a list lower-cased whole holds the same words as one
// lower-cased line by line, with comments, blank lines, CRLF and capitals
// (German nouns, ẞ, Greek); a list with a byte that is no UTF-8 is read
// line by line.
func TestParseWordList(t *testing.T) {
	for _, text := range []string{
		"Haus\nhaus\n# Kommentar\n\n  Straße  \r\nÄRGER\nẞ\nΣΟΦΙΑ\nMcDonald's\nÜberweisungsträger\n",
		"Haus\n\xffHaus\nÖl\n",
		"",
	} {
		var words []string
		for _, line := range strings.Split(text, "\n") {
			if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
				words = append(words, sourcescore.LowerSameLength(w))
			}
		}
		want, got := newWordList(words), parseWordList(text, false)
		if got.n != want.n {
			t.Errorf("%q: %d words, want %d", text, got.n, want.n)
		}
		want.each(func(h uint64) {
			if !got.hasHash(h) {
				t.Errorf("%q: a word of the line-by-line list is missing", text)
			}
		})
	}
	if l := parseWordList("Haus\nÖl\n", false); !l.has("haus") || !l.has("öl") || l.has("Haus") {
		t.Error("words are not lower-cased")
	}
	// Only the words written in lower case, in valid UTF-8 and not.
	for _, text := range []string{"Haus\nnicht\n  öfter \nÖl\n# zu\nTinnitus\niPhone\n", "Haus\nnicht\n  öfter \nÖl\n# zu\nTinnitus\niPhone\n\xff\n"} {
		l := parseWordList(text, true)
		for w, want := range map[string]bool{"nicht": true, "öfter": true, "iphone": true, "haus": false, "öl": false, "tinnitus": false, "# zu": false} {
			if l.has(w) != want {
				t.Errorf("%q, lower-case words only: has(%q) = %v, want %v", text, w, !want, want)
			}
		}
	}
}

// TestLazyWordList: a list read from a file answers as the parsed list
// does, parsed once on first use, also when several goroutines use it
// first at once (run with -race).
func TestLazyWordList(t *testing.T) {
	text := "Haus\nhaus\n# a comment\n\nStraße\nZug\n"
	want := parseWordList(text, false)
	l := lazyWordList(text)
	if l.slots != nil {
		t.Fatal("parsed before its first use")
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range []string{"haus", "straße", "zug", "auto", "#"} {
				if l.has(w) != want.has(w) {
					t.Errorf("has(%q) = %v, want %v", w, l.has(w), want.has(w))
				}
			}
		}()
	}
	wg.Wait()
	if l.size() != want.n || l.text != "" {
		t.Errorf("size %d, want %d; text kept: %v", l.size(), want.n, l.text != "")
	}
}
