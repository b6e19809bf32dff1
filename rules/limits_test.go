package rules

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// limitsDir is the built-in rule set written out, with one more file.
func limitsDir(t *testing.T, name string, data []byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, BuiltinFS()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLoad_Limits: a rule file too large, YAML nested too deep and phrase
// lists too long are each refused with their position, before they can
// take the machine's memory; a set just within them loads.
func TestLoad_Limits(t *testing.T) {
	rule := "rules:\n  - id: sourcing.many\n    family: sourcing\n    kind: penalty\n    weight: 1\n    severity: info\n    description: d\n    message: m\n    phrases:\n"
	phrases := func(n int) string {
		var b strings.Builder
		b.WriteString(rule)
		for i := range n {
			b.WriteString("      - wort")
			b.WriteString(strings.Repeat("x", i%7))
			b.WriteString(strconv.Itoa(i))
			b.WriteByte('\n')
		}
		return b.String()
	}
	for _, tc := range []struct {
		name string
		data string
		want string // "" loads
	}{
		{"too large", "# " + strings.Repeat("x", DefaultRuleFileBytes) + "\n", "big.yaml:1:1: rule file of 8.0 MB, more than the limit of 8 MB"},
		{"flow nesting", "rules: " + strings.Repeat("[", 100000) + "\n", "big.yaml:1:72: the YAML nests deeper than 64 levels"},
		{"indentation", "rules:\n" + strings.Repeat(" ", 200) + "- a\n", "big.yaml:2:130: the YAML nests deeper than 64 levels"},
		{"brackets in quotes and comments", "# [[[[ " + strings.Repeat("[", 100) + "\n" + rule + "      - '" + strings.Repeat("{", 100) + "'\n", ""},
		{"too many phrases", phrases(DefaultPhrases + 1), "big.yaml:2:5: the rule set's phrase lists hold"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadDir(limitsDir(t, "big.yaml", []byte(tc.data)))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	// Each limit is configurable (--max-rule-file-bytes, --max-yaml-depth,
	// --max-phrases): tighter ones refuse a set the defaults load, and a
	// zero field is the default.
	small := phrases(20)
	for _, tc := range []struct {
		name string
		lim  Limits
		data string
		want string // "" loads
	}{
		{"defaults", Limits{}, small, ""},
		{"file size", Limits{FileBytes: 300_000}, "# " + strings.Repeat("x", 299_999) + "\n", "big.yaml:1:1: rule file of 300002 bytes, more than the limit of 300000 bytes (--max-rule-file-bytes)"},
		{"file size in MB", Limits{FileBytes: 1 << 20}, "# " + strings.Repeat("x", 3<<19) + "\n", "rule file of 1.5 MB, more than the limit of 1 MB"},
		{"yaml depth", Limits{YAMLDepth: 12}, "rules: " + strings.Repeat("[", 20) + "\n", "big.yaml:1:20: the YAML nests deeper than 12 levels here (--max-yaml-depth)"},
		{"phrases", Limits{Phrases: 19}, small, "big.yaml:2:5: the rule set's phrase lists hold 20 phrases here, more than the limit of 19 (--max-phrases)"},
		{"larger than the defaults", Limits{Phrases: DefaultPhrases + 5000}, phrases(DefaultPhrases + 1), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.lim.LoadDir(limitsDir(t, "big.yaml", []byte(tc.data)))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}
