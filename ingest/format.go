package ingest

import (
	"path"
	"strconv"
	"strings"
)

// The input formats an article may come in, told by the file's extension
// (in any case).
type format int

const (
	formatNone  format = iota // not an article file
	formatText                // *.txt: the article as plain text
	formatHTML                // *.html, *.htm: a saved web page; its main text is extracted
	formatJSONL               // *.jsonl: one article a line, as a crawler writes it
)

// formatOf returns the format of a file by its name. For an article of a
// .jsonl file ("crawl.jsonl:3") it is formatJSONL.
func formatOf(name string) format {
	if file, _, ok := splitLine(name); ok {
		name = file
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return formatText
	case ".html", ".htm":
		return formatHTML
	case ".jsonl":
		return formatJSONL
	}
	return formatNone
}

// isArticleFile reports whether a file name is one Open lists: a .txt,
// .html, .htm or .jsonl file.
func isArticleFile(name string) bool { return formatOf(name) != formatNone }

// articleExtensions names the extensions isArticleFile accepts, for
// messages.
const articleExtensions = ".txt, .html, .htm or .jsonl"

// lineName is the name of the article on line n (1-based) of the .jsonl
// file: "crawl.jsonl:3". It is the article's File, and the source shown
// for it.
func lineName(file string, n int) string { return file + ":" + strconv.Itoa(n) }

// splitLine takes a name made by lineName apart: the .jsonl file and the
// line. ok is false for any other name: a name is only taken apart when
// what comes before the colon ends in .jsonl and what comes after it is a
// line number, which no .txt or .html file name can be.
func splitLine(name string) (file string, line int, ok bool) {
	i := strings.LastIndexByte(name, ':')
	if i < 0 || !strings.EqualFold(path.Ext(name[:i]), ".jsonl") {
		return "", 0, false
	}
	digits := name[i+1:]
	if digits == "" || digits[0] == '0' || len(digits) > 9 || strings.Trim(digits, "0123456789") != "" {
		return "", 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return "", 0, false
	}
	return name[:i], n, true
}

// SourceFile returns the file of the input folder an article's File names:
// File itself, or for an article of a .jsonl file ("crawl.jsonl:3") the
// .jsonl file, with the line (0 for a whole file).
func SourceFile(file string) (name string, line int) {
	if f, n, ok := splitLine(file); ok {
		return f, n
	}
	return file, 0
}
