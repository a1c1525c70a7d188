// Package migrations holds the database schema as goose SQL files, embedded in the binary.
package migrations

import "embed"

// FS holds the migration files in order of their numbers.
//
//go:embed *.sql
var FS embed.FS
