package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgreSQL's SQLSTATE codes the store acts on.
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
	pgCheckViolation      = "23514"
	pgNotNullViolation    = "23502"
	pgRaiseException      = "P0001" // RAISE EXCEPTION in a trigger function
	pgSerialization       = "40001"
	pgDeadlock            = "40P01"
	pgLockTimeout         = "55P03"
	pgAdminShutdown       = "57P01" // pg_terminate_backend, a fast shutdown
	pgCrashShutdown       = "57P02"
	pgCannotConnectNow    = "57P03" // the server is starting or stopping
)

// pgCode returns the SQLSTATE of a PostgreSQL error in err, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// isConnectionLost reports whether err says the connection to the server
// went away (the server was restarted or ended this session, the network
// broke): whatever the transaction had done is gone with it.
func isConnectionLost(err error) bool {
	code := pgCode(err)
	switch {
	case strings.HasPrefix(code, "08"), code == pgAdminShutdown, code == pgCrashShutdown, code == pgCannotConnectNow:
		return true
	case code != "":
		return false
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), pgconn.SafeToRetry(err):
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	// pgx reports a connection it had to close as "conn closed".
	return strings.Contains(err.Error(), "conn closed")
}
