// Command sourcescore rates how reliable news outlets are, article by
// article: it scores articles with analyst-tuned rule files, stores every run
// in SQLite and writes CSV reports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"sourcescore"
	"sourcescore/store"
)

func main() {
	// SIGHUP (the terminal or session gone) stops as SIGTERM does: the
	// run in progress is cancelled and recorded as cancelled.
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// stopSignals stop a command: a run is cancelled and recorded as such, a
// schedule stops after its grace period.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// Exit codes.
const (
	exitOK     = 0 // done
	exitFailed = 1 // failed at run time
	exitUsage  = 2 // bad usage or bad configuration: the user must fix something
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"run", "score the articles of a folder, store the run and write the reports", cmdRun},
		{"rules", "work with rule files: init, check, test, eval", cmdRules},
		{"story", "draft a story file from a folder of articles about one story: init", cmdStory},
		{"check", "score files or folders on the spot and print findings and scores; no database", cmdCheck},
		{"explain", "show why an article scored as it did: ledger, findings in context", cmdExplain},
		{"diff", "compare two runs: rule set, articles moved and by which rule, findings", cmdDiff},
		{"schedule", "run on a cron schedule, one run at a time, until SIGINT, SIGTERM or SIGHUP", cmdSchedule},
		{"history", "an outlet's score in every run", cmdHistory},
		{"report", "write the CSV reports of a stored run again, from the database", cmdReport},
		{"db", "check the database: integrity, foreign keys, stored details", cmdDB},
		{"version", "print the version", cmdVersion},
	}
}

const mainUsage = `sourcescore rates how reliable news outlets are, article by article.

Usage:
  sourcescore <command> [flags]

Commands:
%s
Run 'sourcescore <command> --help' for a command's flags and examples.

Examples:
  sourcescore run                         # score seeds/ with the built-in rules
  sourcescore run --input articles/ --rules myrules/
  sourcescore rules init myrules/         # write the built-in rules out for tuning
  sourcescore rules check --rules myrules/
  sourcescore story init --input week12/ --out mystories/ferry-2025.yaml   # draft a story file
  sourcescore run --input week12/ --stories mystories/   # the built-in rules plus your stories
  sourcescore rules test --rules myrules/     # the rules' own examples
  sourcescore check article.txt              # findings and score of one file, nothing stored
  sourcescore explain 002_b69c8368de298335.txt # why an article scored as it did
  sourcescore diff 1 2                        # what changed between runs 1 and 2
  sourcescore schedule --cron '@hourly' --input articles/   # every hour, until stopped
  sourcescore db check                        # is the database sound?

Exit codes: 0 done, 1 failed (a malformed database included), 2 bad usage or bad configuration,
3 database locked by another sourcescore (nothing done; try again later).
`

func usage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

// usageError is a mistake in the command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Run runs the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	case "--version", "-version":
		return exitCode(cmdVersion(ctx, args[1:], stdout, stderr), stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exitCode(c.run(ctx, args[1:], stdout, stderr), stderr)
		}
	}
	fmt.Fprintf(stderr, "sourcescore: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// exitCode prints err and maps it to an exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var le lockedError
	if errors.As(err, &le) {
		fmt.Fprintf(stderr, "sourcescore: %v\n", err)
		return exitLocked
	}
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, sourcescore.ErrConfig) {
		fmt.Fprintf(stderr, "sourcescore: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "sourcescore: %v\n", err)
	if store.IsCorrupt(err) {
		fmt.Fprintf(stderr, "\t%s\n", store.RecoverHint)
	}
	return exitFailed
}

// newFlags makes a flag set whose --help prints usage, flags and examples.
func newFlags(name, synopsis, examples string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage:\n  %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		fmt.Fprintf(out, "\nExamples:\n%s", examples)
	}
	return fs
}

// parse parses flags; a bad flag is a usage error, --help is not an error.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return flag.ErrHelp
		}
	}
	if err := fs.Parse(args); err != nil {
		return usageError{fmt.Sprintf("%s: %v (see %s --help)", fs.Name(), err, fs.Name())}
	}
	return nil
}
