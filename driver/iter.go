package driver

import "context"

// Iter walks every row of a paged result. While the caller reads one page,
// the next is already being fetched.
type Iter struct {
	ctx  context.Context
	page *Result
	row  int
	next *Future
	err  error
}

// Iter returns an iterator over the rows of q, all pages.
func (s *Session) Iter(ctx context.Context, q *Query) *Iter {
	res, err := s.ExecuteQuery(ctx, q)
	it := &Iter{ctx: ctx, page: res, row: -1, err: err}
	it.prefetch()
	return it
}

// Iter returns an iterator over this page's rows and those of every page
// after it.
func (r *Result) Iter(ctx context.Context) *Iter {
	it := &Iter{ctx: ctx, page: r, row: -1}
	it.prefetch()
	return it
}

func (it *Iter) prefetch() {
	if it.page == nil || it.page.PagingState == nil || it.page.session == nil {
		return
	}
	q := *it.page.query
	q.PagingState = it.page.PagingState
	it.next = it.page.session.ExecuteQueryAsync(it.ctx, &q)
}

// Next advances to the next row; it returns false at the end or on error.
func (it *Iter) Next() bool {
	if it.err != nil || it.page == nil {
		return false
	}
	it.row++
	for it.row >= it.page.NumRows() {
		if it.next == nil {
			return false
		}
		page, err := it.next.Result(it.ctx)
		it.next = nil
		if err != nil {
			it.err = err
			return false
		}
		it.page, it.row = page, 0
		it.prefetch()
	}
	return true
}

// Row returns the current row's raw cells (valid until the page changes).
func (it *Iter) Row() [][]byte { return it.page.Row(it.row) }

// Value decodes column j of the current row.
func (it *Iter) Value(j int) (any, error) { return it.page.Value(it.row, j) }

// Scan decodes the current row into dst (Result.Scan).
func (it *Iter) Scan(dst ...any) error { return it.page.Scan(it.row, dst...) }

// MapRow decodes the current row into a map from column name to value
// (nil for null), for rows whose shape the caller reads by name.
func (it *Iter) MapRow() (map[string]any, error) {
	cols := it.page.Columns
	row := make(map[string]any, len(cols))
	for j, c := range cols {
		v, err := it.page.Value(it.row, j)
		if err != nil {
			return nil, err
		}
		row[c.Name] = v
	}
	return row, nil
}

// Page is the page the current row belongs to.
func (it *Iter) Page() *Result { return it.page }

// Columns describes the rows.
func (it *Iter) Columns() []Column {
	if it.page == nil {
		return nil
	}
	return it.page.Columns
}

// Err is the error that ended the iteration, if any.
func (it *Iter) Err() error { return it.err }

// Close stops the iteration; a prefetch in flight is abandoned.
func (it *Iter) Close() error {
	it.next = nil
	it.page = nil
	return it.err
}
