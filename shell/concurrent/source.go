package concurrent

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/shell/cqlshrc"
)

// argTuple is one tuple from a source, typed for the statement's markers.
type argTuple struct {
	pos  int      // tuple number, CSV line, RANGE value or row number
	raw  []string // the values as written, for reports (nil: format args)
	args []any
	err  error // why the tuple could not be typed
}

// show formats a tuple for failure reports.
func (t *argTuple) show() string { return showArgs(t.raw, t.args) }

func showArgs(raw []string, args []any) string {
	if raw != nil {
		return "(" + strings.Join(raw, ", ") + ")"
	}
	parts := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case nil:
			parts[i] = "null"
		case string:
			parts[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		case []byte:
			parts[i] = fmt.Sprintf("0x%x", v)
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// typeValues converts literal texts to the markers' types. An empty text
// is null, as an empty CSV cell is.
func typeValues(params []driver.Column, raw []string) ([]any, error) {
	if len(raw) != len(params) {
		return nil, fmt.Errorf("expected %d values, got %d", len(params), len(raw))
	}
	args := make([]any, len(raw))
	for i, s := range raw {
		if s == "" {
			continue
		}
		v, err := cqltype.ParseLiteral(params[i].Type, s)
		if err != nil {
			return nil, fmt.Errorf("%s (%s): %w", params[i].Name, params[i].Type, err)
		}
		args[i] = v
	}
	return args, nil
}

// argSource opens a spec's source: the tuples, their count when known
// (-1 otherwise), and a function reporting why reading stopped early.
func argSource(ctx context.Context, env *Env, spec *concurrentSpec, params []driver.Column) (iter.Seq[argTuple], int64, func() error, error) {
	noErr := func() error { return nil }
	switch spec.kind {
	case srcTuples:
		return func(yield func(argTuple) bool) {
			for i, raw := range spec.tuples {
				args, err := typeValues(params, raw)
				if !yield(argTuple{pos: i + 1, raw: raw, args: args, err: err}) {
					return
				}
			}
		}, int64(len(spec.tuples)), noErr, nil
	case srcRange:
		conv := make([]func(int64) (any, error), len(params))
		for i, p := range params {
			conv[i] = rangeConverter(p.Type)
		}
		total := max(spec.to-spec.from, 0)
		return func(yield func(argTuple) bool) {
			for v := spec.from; v < spec.to; v++ {
				t := argTuple{pos: int(v), args: make([]any, len(conv))}
				for i, c := range conv {
					if t.args[i], t.err = c(v); t.err != nil {
						t.err = fmt.Errorf("%s (%s): %w", params[i].Name, params[i].Type, t.err)
						break
					}
				}
				if !yield(t) {
					return
				}
			}
		}, total, noErr, nil
	case srcCSV:
		return csvSource(env, spec, params)
	case srcSelect:
		return selectSource(ctx, env, spec, params)
	}
	return nil, 0, nil, errors.New("unknown source")
}

// rangeConverter turns a RANGE integer into a value of type t: integers
// as they are, text as decimal digits, anything else through its literal.
func rangeConverter(t *cqltype.Type) func(int64) (any, error) {
	switch t.Kind {
	case cqltype.Bigint, cqltype.Counter, cqltype.Int, cqltype.Smallint, cqltype.Tinyint, cqltype.Varint:
		return func(v int64) (any, error) { return v, nil }
	case cqltype.Varchar, cqltype.Ascii:
		return func(v int64) (any, error) { return strconv.FormatInt(v, 10), nil }
	}
	return func(v int64) (any, error) { return cqltype.ParseLiteral(t, strconv.FormatInt(v, 10)) }
}

// csvSource reads tuples from a CSV file, or stdin for '-'. WITH HEADER
// skips the first record; when its names are exactly the markers' names,
// columns are matched by name instead of position.
func csvSource(env *Env, spec *concurrentSpec, params []driver.Column) (iter.Seq[argTuple], int64, func() error, error) {
	var r io.Reader
	var closer io.Closer
	if spec.file == "-" {
		r = env.Stdin
	} else {
		f, err := os.Open(cqlshrc.ExpandHome(spec.file))
		if err != nil {
			return nil, 0, nil, err
		}
		r, closer = f, f
	}
	var readErr error
	seq := func(yield func(argTuple) bool) {
		if closer != nil {
			defer closer.Close()
		}
		cr := csv.NewReader(bufio.NewReaderSize(r, 64<<10))
		cr.FieldsPerRecord = -1
		var perm []int
		if spec.header {
			names, err := cr.Read()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			perm = headerOrder(names, params)
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			line, _ := cr.FieldPos(0)
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if !yield(argTuple{pos: pe.StartLine, raw: rec, err: pe.Err}) {
					return
				}
				continue
			}
			if err != nil {
				readErr = err
				return
			}
			if perm != nil && len(rec) == len(perm) {
				ordered := make([]string, len(rec))
				for i, j := range perm {
					ordered[i] = rec[j]
				}
				rec = ordered
			}
			args, err := typeValues(params, rec)
			if !yield(argTuple{pos: line, raw: rec, args: args, err: err}) {
				return
			}
		}
	}
	return seq, -1, func() error { return readErr }, nil
}

// headerOrder maps markers to CSV columns by name, or returns nil when the
// header does not name exactly the markers.
func headerOrder(names []string, params []driver.Column) []int {
	if len(names) != len(params) {
		return nil
	}
	perm := make([]int, len(params))
	for i, p := range params {
		perm[i] = -1
		for j, n := range names {
			if strings.EqualFold(strings.TrimSpace(n), p.Name) {
				perm[i] = j
			}
		}
		if perm[i] < 0 {
			return nil
		}
	}
	return perm
}

// selectSource streams the rows of a query, page by page; each row's
// values are bound to the markers in order.
func selectSource(ctx context.Context, env *Env, spec *concurrentSpec, params []driver.Column) (iter.Seq[argTuple], int64, func() error, error) {
	p, err := env.Session.Prepare(ctx, spec.query)
	if err != nil {
		return nil, 0, nil, err
	}
	if n := len(p.Result()); n != len(params) {
		return nil, 0, nil, fmt.Errorf("the query returns %d columns for %d markers", n, len(params))
	}
	q := &driver.Query{Statement: spec.query, Consistency: env.Consistency, SerialConsistency: env.SerialConsistency, PageSize: concurrentPageSize}
	var readErr error
	seq := func(yield func(argTuple) bool) {
		it := env.Session.Iter(ctx, q)
		defer it.Close()
		for row := 1; it.Next(); row++ {
			t := argTuple{pos: row, args: make([]any, len(params))}
			for j := range t.args {
				v, err := it.Value(j)
				if err != nil {
					t.err = err
					break
				}
				if b, ok := v.([]byte); ok {
					v = append([]byte(nil), b...)
				}
				t.args[j] = v
			}
			if !yield(t) {
				return
			}
		}
		readErr = it.Err()
	}
	return seq, -1, func() error { return readErr }, nil
}
