package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"sourcescore"
	"sourcescore/ingest"
)

// The states of an article's text when it is read again (ArticleText.Status).
const (
	TextUnchanged  = "unchanged"  // the file's bytes are those the run scored
	TextChanged    = "changed"    // the file is there but its bytes differ
	TextMissing    = "missing"    // the file is gone
	TextUnreadable = "unreadable" // it cannot be read or decoded
)

// ArticleText is an article's text as read again after its run, for
// showing the evidence of its findings in place.
type ArticleText struct {
	Path    string               // the file read
	Status  string               // one of the Text* states
	Note    string               // what it means, for the analyst
	Article *sourcescore.Article // the parsed article (Text and Lines) when unchanged; nil otherwise
}

// ReadArticleText reads a's file (or, for an article of a .jsonl file,
// its line) from the input folder again and parses it as the run did, when
// its bytes still hash to a.ContentHash. For a web page or a crawler's
// line, the text is the one extracted from it, which the rules saw.
func ReadArticleText(input string, a *sourcescore.Article) ArticleText {
	t := ArticleText{Path: filepath.Join(input, filepath.FromSlash(a.File))}
	const alone = "evidence shown without its line"
	raw, err := ingest.ReadSaved(input, a.File) // a regular file only: a named pipe put there since would block
	var bad *ingest.BadArticleError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		t.Status, t.Note = TextMissing, "the file is gone; "+alone
		if !filepath.IsAbs(input) {
			t.Note = fmt.Sprintf("the file is gone, or the input folder %s is relative to another folder than this one (--input DIR reads it from elsewhere); %s", input, alone)
		}
		return t
	case errors.As(err, &bad):
		t.Status, t.Note = TextChanged, "the file has changed since the run ("+bad.Reason+"); "+alone
		return t
	case err != nil:
		t.Status, t.Note = TextUnreadable, err.Error()+"; "+alone
		return t
	}
	sum := sha256.Sum256(raw)
	if hex.EncodeToString(sum[:]) != a.ContentHash {
		t.Status, t.Note = TextChanged, "the file has changed since the run (its SHA-256 differs); "+alone
		return t
	}
	parsed, err := ingest.Parse(a.File, raw, nil, nil)
	if err != nil {
		t.Status, t.Note = TextUnreadable, err.Error()+"; "+alone
		return t
	}
	t.Status, t.Note, t.Article = TextUnchanged, "the file is unchanged since the run", parsed
	if _, line := ingest.SourceFile(a.File); line > 0 {
		t.Note = "the line is unchanged since the run; the text shown is its title and text fields"
	} else if ext := strings.ToLower(path.Ext(a.File)); ext == ".html" || ext == ".htm" {
		t.Note = "the file is unchanged since the run; the text shown is the one extracted from the page"
	}
	return t
}
