package store

import (
	"context"
	"errors"
)

func openPostgres(ctx context.Context, dsn string, opts Options) (*Store, error) {
	return nil, errors.New("PostgreSQL: not yet")
}
