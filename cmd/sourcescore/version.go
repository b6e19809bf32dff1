package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"sourcescore/store"

	"github.com/spf13/pflag"
)

// Version, Commit and CommitTime are set by `make build` (-ldflags "-X
// main.Version=..." from git describe and git log); where they are not,
// what the Go toolchain stamped in the build information is used.
var Version, Commit, CommitTime string

// shortVersion is the version alone, as versionInfo's first line has it.
func shortVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// versionInfo is what `sourcescore version` prints, from the build
// information the Go toolchain writes into the binary: the module version,
// the commit it was built from (with -buildvcs, the default in a git
// checkout) and the Go and SQLite versions.
func versionInfo() string {
	version, commit, when, modified := Version, Commit, CommitTime, false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if commit == "" {
					commit = s.Value
				}
			case "vcs.time":
				if when == "" {
					when = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if version == "" {
		version = "dev"
	}
	out := "sourcescore " + version + "\n"
	switch {
	case commit == "":
		out += "commit unknown (built without version control information)\n"
	case when == "":
		out += fmt.Sprintf("commit %s\n", commit)
	case modified:
		out += fmt.Sprintf("commit %s (%s), with uncommitted changes\n", commit, when)
	default:
		out += fmt.Sprintf("commit %s (%s)\n", commit, when)
	}
	return out + fmt.Sprintf("%s %s/%s, SQLite %s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, store.SQLiteVersion())
}

func cmdVersion(fs *pflag.FlagSet) runner {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf("version takes no arguments, got %q", args[0])}
		}
		fmt.Fprint(stdout, versionInfo())
		return nil
	}
}
