package reports

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore"
)

func TestClaim(t *testing.T) {
	dir := t.TempDir()
	out, a, b := filepath.Join(dir, "out"), filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := CheckClaim(out, a, "id-a"); err != nil {
		t.Fatalf("no folder yet: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("CheckClaim made the folder")
	}
	if err := Claim(out, a, "id-a"); err != nil {
		t.Fatal(err)
	}
	if err := Claim(out, a, "id-a"); err != nil {
		t.Errorf("claimed again by its database: %v", err)
	}
	err := CheckClaim(out, b, "id-b")
	var other *OtherDatabaseError
	if !errors.As(err, &other) || !errors.Is(err, sourcescore.ErrConfig) || other.Owner != a || other.Database != b {
		t.Fatalf("another database: %v (%#v), want an OtherDatabaseError matching ErrConfig", err, other)
	}
	if !strings.Contains(err.Error(), "\ttry: --out with a folder of its own, e.g. --out "+filepath.Join(dir, "b-reports")) {
		t.Errorf("the refusal names no --out:\n%v", err)
	}
	if err := Claim(out, b, "id-b"); !errors.As(err, &other) {
		t.Errorf("Claim by another database: %v", err)
	}
	// A damaged claim is the user's to mend.
	if err := os.WriteFile(filepath.Join(out, ClaimFile), []byte("nonsense\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckClaim(out, a, "id-a"); !errors.Is(err, sourcescore.ErrConfig) || !strings.Contains(err.Error(), "try: remove the file") {
		t.Errorf("damaged claim file: %v", err)
	}
}
