//go:build !linux

package ingest

import "os"

// readFile returns the bytes of the file at path: os.ReadFile.
func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
