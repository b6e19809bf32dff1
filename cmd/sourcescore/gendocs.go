package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
)

// cmdGenDocs writes the man pages of every command and the shell
// completion scripts from the command tree itself, so they cannot drift
// from the flags: `make docs`. Hidden from the command list.
func cmdGenDocs(fs *pflag.FlagSet) runner {
	out := fs.String("out", "out/docs", "`folder` to write man/ (section 1 pages) and completion/ (bash, zsh, fish) into")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf("gen-docs takes no arguments, got %q (the folder goes in --out)", args[0])}
		}
		ran := false
		root := newRoot(io.Discard, io.Discard, &ran)
		root.DisableAutoGenTag = true // no date in the pages: the same tree gives the same files
		man := filepath.Join(*out, "man")
		comp := filepath.Join(*out, "completion")
		for _, d := range []string{man, comp} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
		}
		header := &doc.GenManHeader{Title: "SOURCESCORE", Section: "1", Source: "sourcescore " + shortVersion(), Manual: "sourcescore manual"}
		if err := doc.GenManTree(root, header, man); err != nil {
			return fmt.Errorf("man pages: %w", err)
		}
		for name, gen := range map[string]func(*cobra.Command, string) error{
			"sourcescore.bash": func(c *cobra.Command, p string) error { return c.GenBashCompletionFileV2(p, true) },
			"_sourcescore":     func(c *cobra.Command, p string) error { return c.GenZshCompletionFile(p) },
			"sourcescore.fish": func(c *cobra.Command, p string) error { return c.GenFishCompletionFile(p, true) },
		} {
			if err := gen(root, filepath.Join(comp, name)); err != nil {
				return fmt.Errorf("completion %s: %w", name, err)
			}
		}
		pages, _ := filepath.Glob(filepath.Join(man, "*.1"))
		fmt.Fprintf(stdout, "%d man pages in %s, completion scripts for bash, zsh and fish in %s\n", len(pages), man, comp)
		return nil
	}
}
