package copy

import (
	"bytes"
	"errors"
	"io"
	"os"

	"github.com/gocqlsh/gocqlsh/internal/parquet"
)

// countRows counts a file's rows without converting them: its line ends
// (plus a last line without one) for CSV and JSON, the footer's count for
// Parquet.
func countRows(path string, f fileFormat) (n int64, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer fh.Close()
	if f == formatParquet {
		st, err := fh.Stat()
		if err != nil {
			return 0, err
		}
		pf, err := parquet.Open(fh, st.Size())
		if err != nil {
			return 0, err
		}
		return pf.NumRows(), nil
	}
	buf := make([]byte, 256<<10)
	last := byte('\n')
	for {
		k, err := fh.Read(buf)
		if k > 0 {
			n += int64(bytes.Count(buf[:k], []byte{'\n'}))
			last = buf[k-1]
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	if last != '\n' {
		n++
	}
	return n, nil
}
