package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore"
)

// FuzzManifest: any bytes give a manifest or a *ManifestError whose
// problems all have a line, never a panic; a manifest's rows have lines in
// order, and its files are inside the folder; the row limit holds.
func FuzzManifest(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "seeds", ManifestFile)); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"", "file\n", "file,outlet\na.txt,A\n", "file;outlet;published\na.txt;A;25.10.2024\n",
		"\xEF\xBB\xBFfile,url\n\"a,b.txt\",x\n", "file\n../x.txt\n", "file,file\n", "fiel\n", "file\n\"unclosed\n",
		"file,language\na.txt,deu\n", "\xFF\xFEf\x00i\x00l\x00e\x00\n\x00", "file\n" + strings.Repeat("a.txt\n", 5),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		const maxRows = 4
		m, err := parseManifest(raw, maxRows)
		if err != nil {
			var me *ManifestError
			if !errors.As(err, &me) || !errors.Is(err, sourcescore.ErrConfig) {
				t.Fatalf("error %v is not a *ManifestError", err)
			}
			for _, p := range me.Problems {
				if p.Line < 1 {
					t.Fatalf("problem %q has no line", p.Msg)
				}
			}
			return
		}
		if len(m.entries) > maxRows {
			t.Fatalf("%d rows past the limit of %d", len(m.entries), maxRows)
		}
		last := 1
		for _, e := range m.entries {
			if e.Line <= last || !filepath.IsLocal(filepath.FromSlash(e.File)) {
				t.Fatalf("entry %+v: line not after %d, or file outside the folder", e, last)
			}
			last = e.Line
		}
	})
}
