package job

import (
	"strings"
	"testing"

	"sourcescore/ingest"
	"sourcescore/rules"
)

// TestBuiltinCut_relatedStories: a "Read more" box in the middle of an
// article cuts the teaser headlines after it and no more: the article's
// prose after them is read (its denial counted, its words scored); a list
// of other stories with no prose after it, and "Meistgelesen", still cut to
// the end. The texts are made up.
func TestBuiltinCut_relatedStories(t *testing.T) {
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		text       string
		kept, gone []string
	}{
		{
			name: "a box of teasers inside the article",
			text: "Harbour cranes sold to a foreign buyer\n\nThe port authority sold two cranes last week, officials said on Monday after a request from the council.\n\n" +
				"Read more\nCity council votes on new bus lanes\nFerry timetable changes in spring\n\n" +
				"The buyer's embassy did not respond to a request for comment, but its ministry had earlier called the accusations baseless.\n\nEnd of the article with a last short line",
			kept: []string{"The buyer's embassy did not respond", "End of the article with a last short line"},
			gone: []string{"Read more", "City council votes on new bus lanes", "Ferry timetable changes in spring"},
		},
		{
			name: "a list of other stories at the end",
			text: "Harbour cranes sold to a foreign buyer\n\nThe port authority sold two cranes last week, officials said on Monday after a request from the council.\n\n" +
				"Related Posts\nCity council votes on new bus lanes\n4 March 2025\nFerry timetable changes in spring\n12 March 2025",
			kept: []string{"The port authority sold two cranes"},
			gone: []string{"Related Posts", "City council votes", "4 March 2025", "Ferry timetable changes", "12 March 2025"},
		},
		{
			name: "most read runs to the end",
			text: "Hafenkräne verkauft\n\nDie Hafenbehörde verkaufte in der vergangenen Woche zwei Kräne an einen ausländischen Käufer, teilte sie am Montag mit.\n\n" +
				"Meistgelesen\nDer Stadtrat stimmt über neue Busspuren ab, und die Opposition kündigt ihren Widerstand gegen die Pläne an.",
			kept: []string{"Die Hafenbehörde verkaufte"},
			gone: []string{"Meistgelesen", "Der Stadtrat stimmt"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ingest.Parse("a.txt", []byte(tt.text), nil, &set.Boilerplate)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.kept {
				if !strings.Contains(a.Body, s) {
					t.Errorf("%q was cut: body %q", s, a.Body)
				}
			}
			for _, s := range tt.gone {
				if strings.Contains(a.Body, s) {
					t.Errorf("%q was not cut: body %q", s, a.Body)
				}
			}
		})
	}
}
