package copy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// maxJSONLine bounds one JSON line (a row), so that a file without line
// breaks cannot take all memory.
const maxJSONLine = 256 << 20

// jsonSource reads one JSON object per line (blank lines are skipped) and
// converts its values by column type. A bad line is reported with its line
// number and written to the error file as it was.
type jsonSource struct {
	r    *bufio.Reader
	conv *rowConverter
	line int
	keys map[string]int // a column's name, and its SELECT JSON form, to its index
	buf  []byte
}

func newJSONSource(in io.Reader, conv *rowConverter) *jsonSource {
	s := &jsonSource{r: bufio.NewReaderSize(in, 256<<10), conv: conv, keys: map[string]int{}}
	for i, c := range conv.valid {
		s.keys[c] = i
		s.keys[cqltype.QuoteIdentifier(c)] = i
	}
	return s
}

func (s *jsonSource) next(convert bool) ([]string, []any, error) {
	for {
		line, err := s.readLine()
		if err != nil {
			return nil, nil, err
		}
		s.line++
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		raw := []string{string(bytes.TrimRight(line, "\r"))}
		if !convert {
			return raw, nil, nil
		}
		args, err := s.convert(line)
		if err != nil {
			return raw, nil, &badRowError{msg: fmt.Sprintf("line %d: %s", s.line, err)}
		}
		return raw, args, nil
	}
}

// readLine returns the next line without its LF, io.EOF after the last.
func (s *jsonSource) readLine() ([]byte, error) {
	s.buf = s.buf[:0]
	for {
		part, err := s.r.ReadSlice('\n')
		s.buf = append(s.buf, part...)
		if len(s.buf) > maxJSONLine {
			return nil, fmt.Errorf("line %d is longer than %d bytes", s.line+1, maxJSONLine)
		}
		switch {
		case err == nil:
			return s.buf[:len(s.buf)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(s.buf) > 0:
			return s.buf, nil
		}
		return nil, err
	}
}

// convert decodes one object into the row's values.
func (s *jsonSource) convert(line []byte) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if obj == nil {
		return nil, errors.New("invalid JSON: not an object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("invalid JSON: text after the object")
	}
	vals := make([]any, len(s.conv.valid))
	for k, v := range obj {
		i, ok := s.keys[k]
		if !ok {
			if s.conv.skipped(k) {
				continue
			}
			return nil, fmt.Errorf("no column named %s", k)
		}
		x, err := fromJSON(s.conv.types[i], v)
		if err != nil {
			return nil, fmt.Errorf("column %s: %v", s.conv.valid[i], err)
		}
		vals[i] = x
	}
	return s.conv.bind(vals)
}
