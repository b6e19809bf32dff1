package rules

import (
	"embed"
	"io/fs"
)

//go:embed builtin
var builtinFS embed.FS

// BuiltinFS returns the built-in rule files, as `rules init` writes them out.
func BuiltinFS() fs.FS {
	sub, err := fs.Sub(builtinFS, "builtin")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}

// Builtin loads the built-in rule set, with the story files of stories
// added to it (as Load does).
func Builtin(stories ...Folder) (*Set, error) { return DefaultLimits().Builtin(stories...) }

// Builtin loads the built-in rule set within the limits l (which apply to
// the added story files).
func (l Limits) Builtin(stories ...Folder) (*Set, error) {
	return l.Load(BuiltinFS(), "builtin", stories...)
}
