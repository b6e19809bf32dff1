package reports

import "testing"

// BenchmarkRunWriter_AddArticle streams the sample's articles (4 and 2 rule
// rows, 2 findings each) into one run.
func BenchmarkRunWriter_AddArticle(b *testing.B) {
	w, err := NewRunWriter(b.TempDir(), 1, Options{Delimiter: ';', BOM: true, DecimalComma: true})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Abort()
	s := newSample()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := w.AddArticle(s.articles[i%2]); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		b.Fatal(err)
	}
}
