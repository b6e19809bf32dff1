package job

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"sourcescore"
)

// TestLogInput: skipped articles and input warnings reach the log: the
// first 20 skipped one by one with their reason, the rest in one line
// with their count and the first of them.
func TestLogInput(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	var skipped []sourcescore.Skipped
	for i := range 2000 {
		skipped = append(skipped, sourcescore.Skipped{File: fmt.Sprintf("a%04d.txt", i), Reason: "binary"})
	}
	logInput(log, 7, skipped, []string{"3 files are not in the manifest: a.txt, b.txt, c.txt"})
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 22 {
		t.Fatalf("%d log lines, want 20 skipped + 1 for the rest + 1 warning:\n%s", len(lines), buf.String())
	}
	var rest, warn map[string]any
	json.Unmarshal([]byte(lines[20]), &rest)
	json.Unmarshal([]byte(lines[21]), &warn)
	if rest["msg"] != "more articles skipped" || rest["count"] != float64(1980) || rest["first"] != "a0020.txt, a0021.txt, a0022.txt, a0023.txt, a0024.txt" {
		t.Errorf("the rest: %v", rest)
	}
	if warn["msg"] != "input warning" || !strings.HasPrefix(warn["warning"].(string), "3 files are not in the manifest") {
		t.Errorf("the warning: %v", warn)
	}
}
