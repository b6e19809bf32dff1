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
//	<out>/run-<id>/report.xlsx  (the same rows, one sheet per file, and an About sheet)
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
// byte-identical CSV files. An article's rows of the three per-article files
// may be encoded on another goroutine first (Encode, which reads only what
// NewRunWriter set) and appended by the writer (AddRows): a run's workers do
// that, so that the one goroutine writing the reports only copies bytes.
// Finish writes the files out under their temporary names (a run calls it
// while the database commits, and RenderPage beside it when the page's
// content is complete); Commit renders report.html if RenderPage did not,
// and renames.
//
// The workbook (report.xlsx, through github.com/xuri/excelize/v2, of which
// this package is the only importer) is fed the same row structs as the
// CSV files and built from them by reflection (see columnsOf): a field's
// csv tag names its column, its Go type gives the cell type, its about tag
// explains it on the About sheet. Text is written as typed text cells in
// Text format, never neutralised (a text cell is never a formula); numbers
// hold the value their CSV cell shows. Finish (or Commit) writes the workbook
// to a temporary file beside the CSV files, and Commit renames it with them. Its cells
// are the same for the same input, but not its bytes: excelize writes the
// zip entries in map order. What excelize does that matters here:
//   - File.Write, WriteTo and SaveAs build the whole file in memory; the
//     workbook is streamed to its file through SetZipWriter instead.
//   - A StreamWriter's column widths and panes must be set before its
//     first row, so the first rows of a sheet are held back to size the
//     columns; AutoFilter works on a streamed sheet only before Flush.
//   - SetActiveSheet (and other calls that read every sheet) parses the
//     streamed sheets back: never called.
//   - Streamed rows are held in memory up to 16 MiB per sheet, then in a
//     temporary file excelize-* of the system's temporary folder, removed
//     by File.Close (a killed process leaves them there).
//   - Text over 32,767 UTF-16 units would be cut without a word: fitCell
//     cuts it and says so in the cell. A sheet holds 1,048,576 rows: longer
//     reports continue on "<report> (2)" and on.
package reports
