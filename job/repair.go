package job

import (
	"context"
	"fmt"
	"strings"

	"sourcescore/reports"
	"sourcescore/store"
)

// Repaired is what a run found left by earlier runs under Config.Out and
// mended before it started.
type Repaired struct {
	Removed []string // stale temporary files and folders removed
	Written []int64  // stored runs whose report folder was written again
	Failed  []string // stored runs whose report folder could not be written again, with why
}

// repairReports removes the temporary files dead writers left under
// cfg.Out, and writes again, from db, the report folder of every succeeded
// run whose reports are pending (its process died between the database
// commit and the folder) or failed (a full disk), recording them as
// written. Nothing here fails the run: what cannot be mended is logged,
// kept in the summary and stays recorded for the next run.
func repairReports(ctx context.Context, cfg Config, db *store.DB) Repaired {
	var rep Repaired
	log := cfg.log()
	removed, err := reports.CleanStale(cfg.Out)
	rep.Removed = removed
	if err != nil {
		log.Warn("stale report files not all removed", "error", err.Error())
	}
	if len(removed) > 0 {
		log.Info("stale report files removed", "out", cfg.Out, "removed", len(removed))
	}
	ids, err := db.RunsWithoutReports(ctx)
	if err != nil {
		log.Warn("runs without reports not looked for", "error", err.Error())
		return rep
	}
	for _, id := range ids {
		dir, err := rewriteReports(ctx, cfg, db, id)
		if err != nil {
			reason := fmt.Sprintf("run %d is stored, but its reports failed and could not be written again: %v", id, err)
			rep.Failed = append(rep.Failed, reason)
			if merr := db.ReportsFailed(context.WithoutCancel(ctx), id, reason); merr != nil {
				log.Warn("reports failure not recorded", "run", id, "error", merr.Error())
			}
			log.Warn("reports of a stored run not written again", "run", id, "error", err.Error())
			continue
		}
		rep.Written = append(rep.Written, id)
		log.Info("reports of a stored run written again", "run", id, "dir", dir)
	}
	return rep
}

// rewriteReports writes the report folder of stored run id again and
// records it as written.
func rewriteReports(ctx context.Context, cfg Config, db *store.DB, id int64) (string, error) {
	run, err := db.Run(ctx, id)
	if err != nil {
		return "", err
	}
	dir, err := writeReports(ctx, db, cfg, run)
	if err != nil {
		return "", err
	}
	return dir, db.ReportsWritten(context.WithoutCancel(ctx), id)
}

// RepairReports is what a run does before it starts, alone: it removes the
// temporary report files dead writers left under cfg.Out and writes again,
// from the database cfg.DB, the report folder of every succeeded run whose
// reports are pending or failed (`sourcescore report --repair`). Only
// cfg.DB, cfg.Out, cfg.CSV, cfg.TrendRuns and cfg.Log are used. The caller
// holds the database's lock. A folder that could not be written again is
// an error (after the others are written).
func RepairReports(ctx context.Context, cfg Config) (Repaired, error) {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return Repaired{}, err
	}
	defer db.Close()
	if err := claimOut(ctx, cfg, db); err != nil {
		return Repaired{}, err
	}
	rep := repairReports(ctx, cfg, db)
	if len(rep.Failed) > 0 {
		return rep, fmt.Errorf("%d runs' reports not written again:\n%s", len(rep.Failed), strings.Join(rep.Failed, "\n"))
	}
	return rep, nil
}
