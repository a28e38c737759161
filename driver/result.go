package driver

import (
	"context"
	"fmt"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// ResultKind says what a statement returned.
type ResultKind int

// Result kinds.
const (
	KindVoid ResultKind = iota
	KindRows
	KindSetKeyspace
	KindSchemaChange
	KindPrepared
)

// Column describes one result column.
type Column = frame.ColumnSpec

// SchemaChange describes a DDL statement's effect.
type SchemaChange = frame.SchemaChange

// Result is one reply: for a SELECT, one page of rows as raw cells.
type Result struct {
	Kind ResultKind

	// Columns describe the cells of each row.
	Columns []Column
	rows    *frame.Rows

	// PagingState is non-nil when more pages follow.
	PagingState []byte

	// Keyspace is set by USE (KindSetKeyspace).
	Keyspace string
	// SchemaChange is set by DDL (KindSchemaChange).
	SchemaChange *SchemaChange

	// Warnings the server attached, in order.
	Warnings []string
	// TracingID is the trace session's UUID when tracing was asked for.
	TracingID []byte
	// CustomPayload the server attached.
	CustomPayload map[string][]byte

	// Coordinator is the node that answered; Latency the client-side time
	// from the request's start to its reply, retries included.
	Coordinator string
	Latency     time.Duration

	// SchemaAgreed, for a schema change, says every node that is up
	// reached the same schema version within Config.MaxSchemaAgreementWait.
	SchemaAgreed bool

	session  *Session
	query    *Query
	prepared *frame.Prepared // a PREPARE's reply
}

// NumRows is the number of rows in this page.
func (r *Result) NumRows() int {
	if r.rows == nil {
		return 0
	}
	return r.rows.RowCount
}

// Row returns the raw cells of row i: nil for null, empty for an empty value.
// The slice is shared; do not modify it.
func (r *Result) Row(i int) [][]byte { return r.rows.Row(i) }

// Value decodes the cell at row i, column j (nil for null; cqltype.Empty{}
// for an empty value of a type that has no empty form).
func (r *Result) Value(i, j int) (any, error) {
	return cqltype.Decode(r.Columns[j].Type, r.rows.Row(i)[j])
}

// Scan decodes row i into dst, one destination per column in order (see
// cqltype.Scan for the Go types each CQL type fits; *any takes anything).
// A null cell stores the zero value. It fails, naming the column, when a
// cell does not fit its destination or the counts differ.
func (r *Result) Scan(i int, dst ...any) error {
	if len(dst) != len(r.Columns) {
		return fmt.Errorf("scan: %d destinations for %d columns", len(dst), len(r.Columns))
	}
	row := r.rows.Row(i)
	for j, d := range dst {
		if err := cqltype.Scan(r.Columns[j].Type, row[j], d); err != nil {
			return fmt.Errorf("scan column %s: %w", r.Columns[j].Name, err)
		}
	}
	return nil
}

// HasMorePages reports whether NextPage would fetch more rows.
func (r *Result) HasMorePages() bool { return r.PagingState != nil }

// NextPage fetches the page after this one with the same statement and
// options. It returns nil, nil when there is none.
func (r *Result) NextPage(ctx context.Context) (*Result, error) {
	if r.PagingState == nil || r.session == nil {
		return nil, nil
	}
	q := *r.query
	q.PagingState = r.PagingState
	return r.session.ExecuteQuery(ctx, &q)
}

// NextPageAsync starts fetching the page after this one and returns its
// Future at once (nil when there is none), so a caller can render this page
// while the next one travels.
func (r *Result) NextPageAsync(ctx context.Context) *Future {
	if r.PagingState == nil || r.session == nil {
		return nil
	}
	q := *r.query
	q.PagingState = r.PagingState
	return r.session.ExecuteQueryAsync(ctx, &q)
}

// Applied reports the [applied] column of a lightweight transaction's result;
// ok is false when there is none.
func (r *Result) Applied() (applied, ok bool) {
	if r.NumRows() == 0 || len(r.Columns) == 0 || r.Columns[0].Name != "[applied]" {
		return false, false
	}
	v, err := r.Value(0, 0)
	b, isBool := v.(bool)
	return b, err == nil && isBool
}
