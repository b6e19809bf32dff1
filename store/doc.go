// Package store keeps sourcescore runs in SQLite. It owns the database file:
// opening it with the connection settings every connection needs (WAL, busy
// timeout, foreign keys, immediate write transactions), the versioned schema
// migrations, writing one run as one transaction, and the queries later
// commands need to list runs and rewrite reports from stored scores.
//
// It is the only package of the module that imports
// github.com/mattn/go-sqlite3, and it imports no other package of the module
// than the root package sourcescore.
//
// A run is written by one goroutine through a RunTx:
//
//	tx, err := db.BeginRun(ctx, run, ruleFiles)
//	if err != nil {
//		return err
//	}
//	defer tx.Rollback()
//	for _, s := range scores { // or as they arrive
//		if err := tx.AddArticle(ctx, s); err != nil {
//			return err
//		}
//	}
//	return tx.Commit(ctx, run)
//
// Until Commit the run, its row included, exists only inside the open
// transaction, so a process that dies mid-run leaves no trace of it: the
// database only ever holds whole runs, and failed runs recorded with
// RecordFailedRun.
package store
