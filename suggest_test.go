package sourcescore

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"weight", "severity", "message", "family", "outlet", "published"}
	tests := map[string]string{"wieght": "weight", "Severty": "severity", "outlt": "outlet", "publisehd": "published", "colour": "", "x": ""}
	for in, want := range tests {
		if got := Suggest(in, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
