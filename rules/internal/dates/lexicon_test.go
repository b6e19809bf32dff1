package dates

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// hashOf hashes a lower-cased word as tokenize does.
func hashOf(w string) uint32 {
	h := uint32(0)
	for i := 0; i < len(w); i++ {
		h = hashStep(h, w[i])
	}
	return h
}

// TestLookupSameAsMap: the hash table finds what the lexicon map holds,
// every key in any ASCII case, and nothing else.
func TestLookupSameAsMap(t *testing.T) {
	words := []string{"", "x", "dera", "novembe", "novemberr", "tage", "januar1", "straße", "mär", "märzen"}
	for k, e := range lexicon {
		if got := lookup([]byte(k), hashOf(k)); got != e {
			t.Errorf("lookup(%q) = %v, want the entry", k, got)
		}
		if entries[e.id] != e {
			t.Errorf("entries[%d] is not the entry of %q", e.id, k)
		}
		ascii := true
		for i := 0; i < len(k); i++ {
			ascii = ascii && k[i] < utf8.RuneSelf
		}
		if ascii && len(k) > 0 {
			for _, w := range []string{k, strings.ToUpper(k), strings.ToUpper(k[:1]) + k[1:]} {
				if got := lookupASCII(w, hashOf(k)); got != e {
					t.Errorf("lookupASCII(%q) = %v, want the entry of %q", w, got, k)
				}
			}
		}
		words = append(words, k+"x", "x"+k, k[:len(k)/2])
	}
	for _, w := range words {
		want := lexicon[w]
		if got := lookup([]byte(w), hashOf(w)); got != want {
			t.Errorf("lookup(%q) = %v, want %v", w, got, want)
		}
	}
	if entries[0] != nil {
		t.Errorf("entries[0] is not nil")
	}
}
