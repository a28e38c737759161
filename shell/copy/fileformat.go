package copy

import (
	"fmt"
	"path/filepath"
	"strings"
)

// fileFormat is the kind of file COPY reads or writes. CSV is cqlsh's;
// JSON (one object per line) and Parquet are gocqlsh's own.
type fileFormat uint8

const (
	formatUnset fileFormat = iota // not given: inferred from the file name, else CSV
	formatCSV
	formatJSON
	formatParquet
)

func (f fileFormat) String() string {
	switch f {
	case formatJSON:
		return "json"
	case formatParquet:
		return "parquet"
	}
	return "csv"
}

// formatError is a FORMAT value COPY does not know.
type formatError struct{ value string }

func (e *formatError) Error() string {
	return fmt.Sprintf("Unknown COPY format '%s': use csv, json or parquet", e.value)
}

// parseFormat reads the FORMAT option; "" leaves the format to be inferred.
func parseFormat(s string) (fileFormat, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return formatUnset, nil
	case "csv":
		return formatCSV, nil
	case "json", "ndjson", "jsonl":
		return formatJSON, nil
	case "parquet":
		return formatParquet, nil
	}
	return formatUnset, &formatError{value: s}
}

// inferFormat is the format a file name implies: .json, .ndjson and .jsonl
// are JSON lines, .parquet is Parquet, anything else (and STDIN/STDOUT) is
// CSV. For COPY FROM's list of files and patterns the first one decides.
func inferFormat(spec string) fileFormat {
	first, _, _ := strings.Cut(spec, ",")
	switch strings.ToLower(filepath.Ext(strings.TrimSpace(first))) {
	case ".json", ".ndjson", ".jsonl":
		return formatJSON
	case ".parquet":
		return formatParquet
	}
	return formatCSV
}

// resolveFormat settles the run's format: FORMAT when given, else the
// file name's.
func (r *copyRun) resolveFormat() {
	if r.opts.format == formatUnset {
		r.opts.format = inferFormat(r.cmd.file)
	}
}
