package reports

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "a.yaml")
	if err := WriteFile(path, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), false); !errors.Is(err, ErrExists) {
		t.Errorf("second write without replace: %v, want ErrExists", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "one" {
		t.Errorf("file holds %q after a refused write, want one", data)
	}
	if err := WriteFile(path, []byte("three"), true); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if data, _ := os.ReadFile(path); string(data) != "three" || err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("after replace: %q, mode %v, %v", data, info.Mode(), err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "sub", ".*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
