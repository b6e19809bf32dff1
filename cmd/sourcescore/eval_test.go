package main

import (
	"strings"
	"testing"

	"sourcescore"
	"sourcescore/rules"
)

// TestApplyRecovered: a panic while scoring one article is an error that
// names it, as in a run, not the end of the evaluation.
func TestApplyRecovered(t *testing.T) {
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := applyRecovered(set, nil); err == nil || !strings.Contains(err.Error(), "internal error while scoring") {
		t.Errorf("a nil article: err = %v, want an internal error", err)
	}
	a := &sourcescore.Article{ID: "a", File: "a.txt", Text: "Ein Text.", Body: "Ein Text.", Words: 2}
	if _, err := applyRecovered(set, a); err != nil {
		t.Errorf("an article: %v", err)
	}
}
