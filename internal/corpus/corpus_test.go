package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGenerate_Deterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	opt := Options{Seeds: "../../seeds", N: 30, Seed: 7}
	sa, err := Generate(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := Generate(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sa != sb || sa.Files != 30 {
		t.Fatalf("stats %+v and %+v, want equal with 30 files", sa, sb)
	}
	for _, name := range []string{"manifest.csv", "d000/a000000.txt", "d000/a000029.txt"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, _ := os.ReadFile(filepath.Join(b, name))
		if string(x) != string(y) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	other, err := Generate(t.TempDir(), Options{Seeds: "../../seeds", N: 30, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	if other == sa {
		t.Error("another seed gave the same corpus")
	}
}
