package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sourcescore/internal/plainfile"
)

// lineSpan is where a line of a .jsonl file is: the file, its 1-based line
// number, and the line's bytes (without the line break) at off.
type lineSpan struct {
	file string // the .jsonl file, relative to the input folder, forward slashes
	line int
	off  int64
	n    int
}

// isLine reports whether name is that of an article on a line of a .jsonl
// file ("crawl.jsonl:3").
func isLine(name string) bool {
	_, _, ok := splitLine(name)
	return ok
}

// listedFiles returns the files Open listed: those of the articles, and
// the .jsonl files in place of their lines.
func (s *Source) listedFiles() []string {
	var out []string
	for _, f := range s.files {
		if !isLine(f) {
			out = append(out, f)
		}
	}
	return append(out, s.jsonl...)
}

// metaSource says where a file's metadata comes from when the manifest
// gives none, for a warning.
func metaSource(file string) string {
	switch formatOf(file) {
	case formatHTML:
		return "page"
	case formatJSONL:
		return "crawler's fields"
	}
	return "text"
}

// listLines finds the lines of every .jsonl file Open listed: each line
// that is not blank becomes an article (its name in s.files, its place in
// s.lines). A line longer than the article size limit, and a file that
// cannot be read or holds no line, is skipped with its reason; an error
// that may pass when tried again is returned.
func (s *Source) listLines() error {
	for _, file := range s.jsonl {
		n, err := s.scanLines(file)
		var fp *fileProblem
		switch {
		case errors.As(err, &fp):
			s.skip(file, fp.reason)
		case err != nil && plainfile.Transient(err):
			return fmt.Errorf("read %s: %w (still failing after %d tries)", file, err, retries)
		case err != nil:
			s.skip(file, "unreadable: "+errReason(err))
		case n == 0:
			s.skip(file, "empty file (no line holds an article)")
		}
	}
	return nil
}

// scanLines reads file, a .jsonl file of the folder, and records its lines.
// It returns how many lines it found that are not blank (skipped lines
// included). The file is read in pieces; no line is held in memory.
func (s *Source) scanLines(file string) (int, error) {
	f, _, err := s.open(filepath.FromSlash(file), s.links[file])
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	var (
		off   int64 // where the current line starts
		n     int   // its length so far
		blank = true
		line  = 1
		found int
	)
	end := func() {
		if !blank {
			found++
			name := lineName(file, line)
			if int64(n) > s.lim.ArticleBytes {
				s.skip(name, fmt.Sprintf("too large: the line has %s, more than the article size limit of %s (--max-article-bytes)",
					sizeText(int64(n)), sizeText(s.lim.ArticleBytes)))
			} else {
				s.files = append(s.files, name)
				s.lines[name] = lineSpan{file: file, line: line, off: off, n: n}
			}
		}
		off += int64(n) + 1
		n, blank, line = 0, true, line+1
	}
	for {
		chunk, err := r.ReadSlice('\n')
		body := chunk
		nl := len(body) > 0 && body[len(body)-1] == '\n'
		if nl {
			body = body[:len(body)-1]
		}
		n += len(body)
		if blank && len(bytes.TrimSpace(bytes.TrimPrefix(body, bomUTF8))) > 0 {
			blank = false
		}
		switch {
		case nl:
			end()
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if n > 0 {
				end()
			}
			return found, nil
		case err != nil:
			return found, err
		}
	}
}

// readLine returns the bytes of the article on a line of a .jsonl file, as
// listed. When the file changed since and the line is no longer there, the
// reason says so.
func (s *Source) readLine(name string, sp lineSpan) ([]byte, error) {
	f, _, err := s.open(filepath.FromSlash(sp.file), s.links[sp.file])
	if err != nil {
		return nil, s.articleError(name, err)
	}
	defer f.Close()
	return readSpan(f, name, sp)
}

// readSpan reads the line sp of f, checking that it is still a whole line.
func readSpan(f *os.File, name string, sp lineSpan) ([]byte, error) {
	buf := make([]byte, sp.n+1)
	k, err := f.ReadAt(buf, sp.off)
	if err != nil && !errors.Is(err, io.EOF) {
		if plainfile.Transient(err) {
			return nil, fmt.Errorf("read article %s: %w", name, err)
		}
		return nil, &BadArticleError{File: name, Reason: "unreadable: " + errReason(err), Err: err}
	}
	whole := k >= sp.n && bytes.IndexByte(buf[:sp.n], '\n') < 0 && (k == sp.n || buf[sp.n] == '\n')
	if !whole || (sp.off > 0 && !precededByNewline(f, sp.off)) {
		return nil, &BadArticleError{File: name, Reason: "the file changed while it was read: the line is no longer where it was listed; run again"}
	}
	return buf[:sp.n], nil
}

// precededByNewline reports whether the byte before off in f is a line break.
func precededByNewline(f *os.File, off int64) bool {
	var b [1]byte
	n, _ := f.ReadAt(b[:], off-1)
	return n == 1 && b[0] == '\n'
}

// ReadSaved reads again what an article was made from, as an article's
// File names it below the folder dir: the file, or for an article of a
// .jsonl file ("crawl.jsonl:3") that line of the file. Only a regular
// file is read. A missing file gives an error matching fs.ErrNotExist; a
// file that no longer has the line gives a *BadArticleError.
func ReadSaved(dir, file string) ([]byte, error) {
	name, line := SourceFile(file)
	path := filepath.Join(dir, filepath.FromSlash(name))
	if line == 0 {
		return plainfile.ReadFile(path, 0)
	}
	f, _, err := plainfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		b, err := r.ReadBytes('\n')
		if n == line {
			if len(b) == 0 && err != nil {
				break
			}
			return bytes.TrimSuffix(b, []byte("\n")), nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, err
		}
	}
	return nil, &BadArticleError{File: file, Reason: fmt.Sprintf("%s has no line %d", name, line)}
}
