package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"sourcescore"
	"sourcescore/job"
	"sourcescore/reports"

	"github.com/spf13/pflag"
)

const reportExamples = `  sourcescore report --run 12 --out /tmp/run12          # run 12's CSVs, into /tmp/run12/run-12/
  sourcescore report --out out/reports                    # the latest successful run, where run wrote it
  sourcescore report --run 3 --csv-delimiter ';' --csv-bom --out excel/   # for German-locale Excel
  sourcescore report --repair --out out/reports           # write again the folders of runs whose reports are missing
  sourcescore report --html --run 12 --input articles/    # only run 12's report.html, texts read from articles/

The files are those the run wrote, from the database alone (the input folder
may be gone): byte for byte when --csv-delimiter, --csv-bom, --trend-runs
and --html-articles are those of the run and the articles' files are
unchanged. report.html shows the texts of the articles it explains when
their files are still in the run's input folder (or --input) unchanged;
otherwise it says why not. Use it for run folders that --keep-reports pruned, or to
get a run's files with other spreadsheet options. Files in <DIR>/run-<ID>/ are
replaced atomically; <DIR>/latest moves only to a newer run. The database is
opened read-only (as explain, diff and history do): report works while a run
writes, and on a read-only database file or file system.

--repair does what every run does first, alone: it removes the temporary
report files that killed runs left in --out, and writes again the folder of
every succeeded run whose reports are missing (a run killed after its
database commit, or whose reports failed on a full disk), recording them as
written. It takes the database's lock, as run does, and exits 1 when a
folder cannot be written.
`

func cmdReport(fs *pflag.FlagSet) runner {
	runID := fs.Int64("run", 0, "the run `id`; 0 for the latest successful run")
	out := fs.String("out", "out/reports", "reports `folder`: the files go to <folder>/run-<id>/; a folder of another database is refused")
	db := fs.String("db", "out/sourcescore.db", "SQLite database `file`; --repair locks it as run does, through <file>.lock beside the file the path resolves to")
	delimiter := fs.String("csv-delimiter", ",", "CSV field delimiter: ',' or ';' (';' also writes decimal commas, for German-locale Excel)")
	bom := fs.Bool("csv-bom", false, "start CSV files with a UTF-8 byte-order mark (Excel)")
	trendRuns := fs.Int("trend-runs", job.DefaultTrendRuns, "runs trend.csv covers, the run itself included")
	repair := fs.Bool("repair", false, "write again the report folders of stored runs whose reports are missing, and remove stale temporary files in --out")
	htmlOnly := fs.Bool("html", false, "write only report.html (the run's other files are left as they are)")
	noHTML := fs.Bool("no-html", false, "write no report.html")
	htmlArticles := fs.Int("html-articles", reports.DefaultHTMLArticles, "report.html explains at most `N` articles with their text, the lowest-scoring when the run has more")
	texts := fs.String("input", "", "`folder` report.html reads the articles' texts from (default: the run's input folder); a text whose file changed since the run is not shown")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf("report takes no arguments, got %q (the run goes in --run)", args[0])}
		}
		if *runID < 0 {
			return usageError{fmt.Sprintf("--run %d: use the id of a run, or 0 for the latest successful one", *runID)}
		}
		if *trendRuns < 1 {
			return usageError{fmt.Sprintf("--trend-runs %d: use 1 (the run only) or more", *trendRuns)}
		}
		opt, err := csvOptions(*delimiter, *bom)
		if err != nil {
			return err
		}
		if *htmlArticles < 1 {
			return usageError{fmt.Sprintf("--html-articles %d: use 1 or more (--no-html writes no report.html)", *htmlArticles)}
		}
		if *htmlOnly && (*noHTML || *repair) {
			return usageError{"--html writes report.html alone: it goes with neither --no-html nor --repair"}
		}
		opt.NoHTML = *noHTML
		if *repair {
			if *runID != 0 {
				return usageError{"--repair writes every run whose reports are missing: it takes no --run"}
			}
			log, _ := newLogger("text", stderr)
			return repairReports(ctx, job.Config{DB: *db, Out: *out, CSV: opt, TrendRuns: *trendRuns, HTMLArticles: *htmlArticles, Log: log}, stdout)
		}
		d, err := openExistingDB(ctx, *db)
		if err != nil {
			return err
		}
		run, err := pickRun(ctx, d, *runID, "--run ")
		d.Close()
		if err != nil {
			return err
		}
		cfg := job.Config{DB: *db, Out: *out, CSV: opt, TrendRuns: *trendRuns, HTMLArticles: *htmlArticles, TextsFrom: *texts}
		if *htmlOnly {
			log, _ := newLogger("text", stderr)
			cfg.Log = log
			path, err := job.ReportHTML(ctx, cfg, run.ID)
			if errors.Is(err, sourcescore.ErrNotFound) {
				return usageError{err.Error()}
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Run %d (%s, %d articles): report.html written to %s\n",
				run.ID, run.Started.UTC().Format("2006-01-02 15:04 UTC"), run.Articles, path)
			return nil
		}
		dir, err := job.Report(ctx, cfg, run.ID)
		if errors.Is(err, sourcescore.ErrNotFound) {
			return usageError{err.Error()}
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Run %d (%s, %d articles, %d skipped): reports written to %s\n",
			run.ID, run.Started.UTC().Format("2006-01-02 15:04 UTC"), run.Articles, run.Skipped, dir)
		return nil
	}
}

// repairReports is report --repair.
func repairReports(ctx context.Context, cfg job.Config, stdout io.Writer) error {
	d, err := openExistingDB(ctx, cfg.DB)
	if err != nil {
		return err
	}
	d.Close()
	lock, err := lockDB(cfg.DB, "report --repair")
	if err != nil {
		return err
	}
	defer lock.release()
	rep, err := job.RepairReports(ctx, cfg)
	for _, id := range rep.Written {
		fmt.Fprintf(stdout, "Run %d: reports written again to %s\n", id, reports.Dir(cfg.Out, id))
	}
	if n := len(rep.Removed); n > 0 {
		fmt.Fprintf(stdout, "Removed %d temporary report files or folders left by earlier runs\n", n)
	}
	if err == nil && len(rep.Written) == 0 && len(rep.Removed) == 0 {
		fmt.Fprintln(stdout, "Nothing to repair: every succeeded run has its reports")
	}
	return err
}
