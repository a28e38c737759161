package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// RowWriter renders a result page by page with memory bounded by one page.
type RowWriter interface {
	// WriteRows renders one page of rows; each row has one cell per
	// column, nil for null.
	WriteRows(rows [][][]byte) error
	// Close finishes the output; total is the number of rows of the whole
	// result, shown by the formats that print a "(N rows)" trailer.
	Close(total int) error
}

// Format is an output format.
type Format uint8

// Output formats.
const (
	FormatTable Format = iota
	FormatExpanded
	FormatCSV
	FormatJSON
	// FormatBox is gocqlsh's own: tables with Unicode borders (see Box).
	FormatBox
)

// String returns the format's name as ParseFormat accepts it.
func (f Format) String() string {
	switch f {
	case FormatTable:
		return "table"
	case FormatExpanded:
		return "expanded"
	case FormatCSV:
		return "csv"
	case FormatJSON:
		return "json"
	case FormatBox:
		return "box"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// FormatNameError reports an unknown format name.
type FormatNameError struct{ Name string }

func (e *FormatNameError) Error() string {
	return fmt.Sprintf("render: unknown output format %q (want table, expanded, csv, json or box)", e.Name)
}

// ParseFormat parses table, expanded, csv, json or box, in any case.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "table", "tabular":
		return FormatTable, nil
	case "expanded", "vertical":
		return FormatExpanded, nil
	case "csv":
		return FormatCSV, nil
	case "json", "ndjson":
		return FormatJSON, nil
	case "box":
		return FormatBox, nil
	}
	return 0, &FormatNameError{Name: s}
}

// New returns the RowWriter for format.
func New(format Format, w io.Writer, cols []Column, o *Options) RowWriter {
	switch format {
	case FormatExpanded:
		return NewExpanded(w, cols, o)
	case FormatCSV:
		return NewCSV(w, cols, o)
	case FormatJSON:
		return NewJSON(w, cols, o)
	case FormatBox:
		return NewBox(w, cols, o)
	}
	return NewTable(w, cols, o)
}

// RowError reports a row whose cell count differs from the column count.
type RowError struct{ Want, Got int }

func (e *RowError) Error() string {
	return fmt.Sprintf("render: row has %d cells, want %d", e.Got, e.Want)
}

// writeOut writes b to w, wrapping the error.
func writeOut(w io.Writer, b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}
