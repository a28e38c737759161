package copy

import (
	"io"
	"os"
)

// rowSource reads COPY FROM's rows from one file in one format.
type rowSource interface {
	// next reads the next row: raw is what the error file gets for it,
	// args its values (nil when convert is false: a row SKIPROWS skips).
	// A *badRowError is a row that cannot be imported (reading goes on);
	// io.EOF ends the file; any other error stops reading it.
	next(convert bool) (raw []string, args []any, err error)
}

// badRowError is a row that cannot be imported: cqlsh's message, with the
// row's position for JSON and Parquet.
type badRowError struct{ msg string }

func (e *badRowError) Error() string { return e.msg }

// newRowSource returns the reader of the run's format over in.
func (r *copyRun) newRowSource(in io.Reader, conv *rowConverter) (rowSource, error) {
	switch r.opts.format {
	case formatJSON:
		return newJSONSource(in, conv), nil
	case formatParquet:
		f, ok := in.(*os.File)
		if !ok {
			return nil, copyError("Parquet is read from files, not STDIN")
		}
		return newParquetSource(f, conv)
	}
	src := &csvSource{cr: newCSVReader(in, r.opts.dialect()), conv: conv}
	if r.opts.header {
		if _, err := src.cr.read(); err != nil {
			return emptySource{}, nil
		}
	}
	return src, nil
}

// emptySource has no rows.
type emptySource struct{}

func (emptySource) next(bool) ([]string, []any, error) { return nil, nil, io.EOF }

// csvSource reads CSV records and converts them as cqlsh does.
type csvSource struct {
	cr   *csvReader
	conv *rowConverter
}

func (s *csvSource) next(convert bool) ([]string, []any, error) {
	rec, err := s.cr.read()
	if err != nil || !convert {
		return rec, nil, err
	}
	raw, args, err := s.conv.convert(rec)
	if err != nil {
		return raw, nil, &badRowError{msg: err.Error()}
	}
	return raw, args, nil
}
