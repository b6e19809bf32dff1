// Package ingest turns an input folder into articles.
//
// An input folder holds articles (in any subfolder) and an optional
// manifest.csv at its top with one row of metadata per file (columns file,
// outlet, url, published, language, story). An article is a text dump
// (*.txt), a saved web page (*.html, *.htm), whose main text and metadata
// go-trafilatura extracts (html.go), or a line of a crawler's JSON Lines
// file (*.jsonl), whose fields JSONFields maps (jsonl.go); such an article
// is named by the file and line, "crawl.jsonl:3" (format.go, lines.go).
// Open lists the folder and reads the manifest; Source.Read reads one
// article; Parse does the same on bytes already in memory.
//
// What is read is bounded: only regular files, opened without blocking (a
// named pipe, device or socket named *.txt is a bad article, never a wait),
// through the folder's os.Root, following a symbolic link only to a file
// inside the folder, and never more than Limits allow. What Open cannot
// list (an unreadable sub-folder, a path too long to open, a name that is
// not UTF-8) is in Source.Skipped with its reason. Too many open files and
// other transient errors are tried again a few times and then returned as
// they are: they are no fault of the input.
//
// Reading a file means, in order:
//
//  1. Decoding: a UTF-8 BOM is stripped, UTF-16 with a BOM is decoded, valid
//     UTF-8 is used as is and anything else is taken as windows-1252, so no
//     file is rejected for its encoding.
//  2. Checking: unreadable, binary and empty files are rejected with an error
//     that wraps sourcescore.ErrBadArticle and says why (BadArticleError).
//  3. Normalising: "\r\n" and a lone "\r" become "\n" (lines are never added
//     or removed) and the text is put in Unicode NFC. Article.Lines maps every
//     byte offset of the result back to line:column of the original file,
//     columns counted in characters of the original line.
//  4. Cutting boilerplate: the caller's cut rules (sourcescore.Boilerplate,
//     from the rule files) blank out web-page furniture. Article.Body is
//     Article.Text with every cut byte replaced by a space, so both have the
//     same length and offsets in one are offsets in the other.
//  5. Metadata: taken from the manifest; what it lacks is taken from a page's
//     or a crawler line's own metadata (listed in Metadata.FromPage), then
//     inferred from the top of the text where that can be done exactly (a
//     date line, an outlet before the date, a bare domain name) and the
//     language is detected among German and English. Inferred fields are
//     listed in Metadata.Inferred.
//
// For a page or a crawler's line, steps 1 to 3 work on the extracted text
// (the title, a blank line, the main text), so that line:column is that of
// the extracted text; ContentHash is still that of the bytes read.
//
// A Source is immutable after Open, and Read and Parse keep no state, so both
// may be called from many goroutines at once.
package ingest
