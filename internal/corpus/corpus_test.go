package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

func TestGenerateVaried(t *testing.T) {
	opt := VariedOptions{Seeds: "../../seeds", Examples: []string{"../../examples/norvalis-2026"}, N: 200, Seed: 3}
	a, b := t.TempDir(), t.TempDir()
	sa, err := GenerateVaried(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := GenerateVaried(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sa != sb || sa.Files != 200 {
		t.Fatalf("stats %+v and %+v, want equal with 200 files", sa, sb)
	}
	manifest, err := os.ReadFile(filepath.Join(a, "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if y, _ := os.ReadFile(filepath.Join(b, "manifest.csv")); string(y) != string(manifest) {
		t.Error("manifest.csv differs between two runs with the same seed")
	}
	langs := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(manifest)), "\n")[1:] {
		f := strings.Split(line, ",")
		langs[f[4]]++
	}
	if langs["de"] < 100 || langs["en"] < 30 {
		t.Errorf("languages %v, want about 70 %% de and 30 %% en", langs)
	}
	small, large := 0, 0
	for i := range 200 {
		x, err := os.ReadFile(filepath.Join(a, fmt.Sprintf("d000/a%06d.txt", i)))
		if err != nil {
			t.Fatal(err)
		}
		y, _ := os.ReadFile(filepath.Join(b, fmt.Sprintf("d000/a%06d.txt", i)))
		if string(x) != string(y) {
			t.Fatalf("article %d differs between two runs with the same seed", i)
		}
		switch {
		case len(x) < 4000:
			small++
		case len(x) > 12000:
			large++
		}
		if len(x) < 900 || len(x) > 17000 {
			t.Errorf("article %d has %d bytes, want 1 to 15 KB", i, len(x))
		}
	}
	if small < 20 || large < 20 {
		t.Errorf("%d articles under 4 KB and %d over 12 KB: want lengths spread over 1 to 15 KB", small, large)
	}
}
