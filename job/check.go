package job

import (
	"context"
	"errors"
	"fmt"

	"sourcescore/store"
)

// CheckDatabase checks cfg.DB as `sourcescore db check` does, before a run
// or a schedule writes it (the caller holds its lock); why says what asks
// for the check, for the log. A database that does not exist yet has
// nothing to check. A malformed one gives an error matching
// store.ErrMalformed (a run-time failure, not a configuration one) that
// lists the problems. A database of an older schema is upgraded first, as
// the run would.
func CheckDatabase(ctx context.Context, cfg Config, why string) error {
	log := cfg.log()
	db, err := store.OpenReadOnly(ctx, cfg.DB)
	if errors.Is(err, store.ErrMissing) {
		return nil
	}
	log.Info("checking the database", "db", cfg.DB, "why", why)
	if err != nil {
		if store.IsCorrupt(err) {
			err = fmt.Errorf("database %s is malformed: %w", cfg.DB, err)
			log.Error("database check failed", "db", cfg.DB, "error", err.Error())
			return err
		}
		if db, err = store.Open(ctx, cfg.DB); err != nil {
			return err
		}
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		log.Error("database check failed", "db", cfg.DB, "error", err.Error())
		return err
	}
	log.Info("database checked: ok", "db", cfg.DB)
	return nil
}
