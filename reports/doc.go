// Package reports writes the CSV reports of a scoring run, for analysts who
// open them in spreadsheets (often German-locale Excel). It is the only
// importer of github.com/gocarina/gocsv and imports nothing else of the
// module but the root package.
//
// It owns the row structs and their columns, the spreadsheet options
// (delimiter, byte order mark, decimal comma), the neutralisation of formula
// injection, and the atomic layout of the output folder:
//
//	<out>/run-<id>/article_scores.csv
//	<out>/run-<id>/rule_scores.csv
//	<out>/run-<id>/findings.csv
//	<out>/run-<id>/outlet_scores.csv
//	<out>/run-<id>/skipped.csv
//	<out>/run-<id>/trend.csv
//	<out>/latest -> run-<id>   (relative symlink to the newest committed run)
//
// The columns, in order:
//
//	article_scores.csv  run_id, article_id, file, outlet, published, language, story, words, score, grade, cap, uncapped, findings
//	rule_scores.csv     run_id, article_id, outlet, rule_id, family, score, weight
//	findings.csv        run_id, article_id, file, outlet, rule_id, family, severity, message, evidence, line, column
//	outlet_scores.csv   run_id, outlet, articles, score, grade, previous_score, delta
//	skipped.csv         run_id, file, reason
//	trend.csv           run_id, outlet, trend_run_id, trend_run_started, articles, score, grade
//
// Every file has its header row, even when it has no other rows. Article and
// outlet scores (0–100) have one decimal, rule scores (0–1) three, weights as
// many as they need; the score of a rule that did not apply is empty. An
// article's cap lists the grade caps that applied ("C by denial.missing",
// several joined with "; ") and uncapped its score before them; both are
// empty when no cap applied.
// Published dates are YYYY-MM-DD, the outlet of an article without one is
// "(unknown)", and line and column are empty for findings about something
// absent from the text. With Options.DecimalComma numbers are written 0,75
// instead of 0.75.
//
// History: previous_score is the outlet's score in its latest earlier
// successful run and delta the change from it, as the cells show them (both
// empty for an outlet scored for the first time); trend.csv lists the
// outlet's score in each of the last runs (trend_run_id, started at
// trend_run_started, UTC), oldest first, the run itself last. The caller
// supplies both from the database.
//
// CSV injection: every text cell that starts with '=', '+', '-', '@', a tab
// or a carriage return is written with a single quote in front (see
// Neutralise), so that no spreadsheet evaluates it as a formula. Number cells
// are never changed.
//
// Rows are streamed: a RunWriter writes each row as it is given, in the order
// it is given, into temporary files in the run folder, and only Commit gives
// the files their final names and moves latest. The same input always gives
// byte-identical files.
package reports
