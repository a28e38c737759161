package shell

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/lexer"
)

// CONCURRENT fans one statement out over many argument tuples:
//
//	CONCURRENT [<n>] <statement with ? markers> WITH ARGS <source>
//	           [STOP ON ERROR] [SUMMARY];
//	source: (v1, v2), (v3, v4), ...      CQL literals
//	      | FROM '<file.csv>' [WITH HEADER] ('-': the rest of stdin)
//	      | RANGE <a> TO <b>              a, a+1, ..., b-1 bound to every marker
//	      | FROM (<SELECT ...>)           the rows of a query, page by page

const (
	defaultConcurrency = 100
	maxConcurrency     = 10000
	shownFailures      = 5
	concurrentPageSize = 5000
	rowsPerWrite       = 1000 // rows handed to the renderer at once
)

// argSourceKind says where CONCURRENT's tuples come from.
type argSourceKind uint8

const (
	srcTuples argSourceKind = iota + 1
	srcCSV
	srcRange
	srcSelect
)

// label names a tuple's position in reports: "tuple 3", "line 12"...
func (k argSourceKind) label() string {
	switch k {
	case srcTuples:
		return "tuple"
	case srcCSV:
		return "line"
	case srcRange:
		return "value"
	}
	return "row"
}

// concurrentSpec is a parsed CONCURRENT command.
type concurrentSpec struct {
	n           int
	stmt        string
	kind        argSourceKind
	tuples      [][]string // srcTuples: each value's literal text
	file        string     // srcCSV; "-" is stdin
	header      bool
	from, to    int64  // srcRange, half-open
	query       string // srcSelect
	stopOnError bool
	summary     bool
}

// ConcurrentSyntaxError is a CONCURRENT command that does not parse.
type ConcurrentSyntaxError struct{ Reason string }

func (e *ConcurrentSyntaxError) Error() string {
	return "Improper CONCURRENT command: " + e.Reason + ". See HELP CONCURRENT."
}

func syntaxErr(format string, args ...any) error {
	return &ConcurrentSyntaxError{Reason: fmt.Sprintf(format, args...)}
}

// parseConcurrent reads CONCURRENT's grammar from a statement's text.
func parseConcurrent(text string) (*concurrentSpec, error) {
	var toks []lexer.Token
	for _, t := range lexer.Tokens(text) {
		if t.Kind != lexer.TokWhitespace && t.Kind != lexer.TokComment {
			toks = append(toks, t)
		}
	}
	for len(toks) > 0 && toks[len(toks)-1].Kind == lexer.TokSemicolon {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 || !isWord(toks[0], "concurrent") {
		return nil, syntaxErr("it must start with CONCURRENT")
	}
	spec := &concurrentSpec{n: defaultConcurrency}
	i := 1
	if i < len(toks) && toks[i].Kind == lexer.TokNumber {
		n, err := strconv.Atoi(toks[i].Text)
		if err != nil || n < 1 || n > maxConcurrency {
			return nil, syntaxErr("the concurrency must be an integer from 1 to %d", maxConcurrency)
		}
		spec.n = n
		i++
	}
	w := -1
	depth := 0
	for k := i; k+1 < len(toks) && w < 0; k++ {
		depth += bracketDelta(toks[k])
		if depth == 0 && isWord(toks[k], "with") && isWord(toks[k+1], "args") {
			w = k
		}
	}
	if w <= i {
		return nil, syntaxErr("expected <statement> WITH ARGS <source>")
	}
	spec.stmt = strings.TrimSpace(text[toks[i].Start:toks[w].Start])
	rest := toks[w+2:]
	for {
		n := len(rest)
		switch {
		case n > 0 && isWord(rest[n-1], "summary"):
			spec.summary = true
			rest = rest[:n-1]
			continue
		case n >= 3 && isWord(rest[n-3], "stop") && isWord(rest[n-2], "on") && isWord(rest[n-1], "error"):
			spec.stopOnError = true
			rest = rest[:n-3]
			continue
		}
		break
	}
	if len(rest) == 0 {
		return nil, syntaxErr("WITH ARGS needs a source")
	}
	var err error
	switch {
	case isPunct(rest[0], "("):
		spec.kind = srcTuples
		spec.tuples, err = parseTuples(text, rest)
	case isWord(rest[0], "range"):
		spec.kind = srcRange
		err = parseRange(spec, rest[1:])
	case isWord(rest[0], "from") && len(rest) > 1 && rest[1].Kind == lexer.TokString:
		spec.kind = srcCSV
		spec.file = unquote(rest[1].Text)
		switch {
		case len(rest) == 4 && isWord(rest[2], "with") && isWord(rest[3], "header"):
			spec.header = true
		case len(rest) != 2:
			err = syntaxErr("unexpected %q after the file name", rest[2].Text)
		}
	case isWord(rest[0], "from") && len(rest) > 1 && isPunct(rest[1], "("):
		spec.kind = srcSelect
		last := rest[len(rest)-1]
		if len(rest) < 4 || !isPunct(last, ")") {
			return nil, syntaxErr("expected FROM (<SELECT ...>)")
		}
		spec.query = strings.TrimSpace(text[rest[1].End:last.Start])
		if !strings.EqualFold(firstWord(spec.query), "select") {
			err = syntaxErr("FROM (...) takes a SELECT")
		}
	default:
		err = syntaxErr("unknown source %q", rest[0].Text)
	}
	if err != nil {
		return nil, err
	}
	return spec, nil
}

func isWord(t lexer.Token, w string) bool {
	return t.Kind == lexer.TokIdent && strings.EqualFold(t.Text, w)
}

func isPunct(t lexer.Token, p string) bool { return t.Kind == lexer.TokPunct && t.Text == p }

func bracketDelta(t lexer.Token) int {
	if t.Kind != lexer.TokPunct {
		return 0
	}
	switch t.Text {
	case "(", "[", "{":
		return 1
	case ")", "]", "}":
		return -1
	}
	return 0
}

// unquote removes a string literal's quotes and undoubles inner quotes.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

// parseTuples splits "(a, b), (c, d)" into each value's literal text,
// keeping nested collections, tuples and strings whole.
func parseTuples(text string, toks []lexer.Token) ([][]string, error) {
	var out [][]string
	for i := 0; i < len(toks); {
		if !isPunct(toks[i], "(") {
			return nil, syntaxErr("expected ( at %q", toks[i].Text)
		}
		var vals []string
		depth, start := 0, toks[i].End
		j := i
		for ; j < len(toks); j++ {
			depth += bracketDelta(toks[j])
			if depth == 1 && isPunct(toks[j], ",") {
				vals = append(vals, strings.TrimSpace(text[start:toks[j].Start]))
				start = toks[j].End
			}
			if depth == 0 {
				break
			}
		}
		if j == len(toks) {
			return nil, syntaxErr("unbalanced parentheses in the argument tuples")
		}
		if v := strings.TrimSpace(text[start:toks[j].Start]); v != "" || len(vals) > 0 {
			vals = append(vals, v)
		}
		out = append(out, vals)
		i = j + 1
		if i < len(toks) {
			if !isPunct(toks[i], ",") || i+1 == len(toks) {
				return nil, syntaxErr("expected , between argument tuples")
			}
			i++
		}
	}
	return out, nil
}

// parseRange reads "<a> TO <b>" (each possibly negative).
func parseRange(spec *concurrentSpec, toks []lexer.Token) error {
	num := func() (int64, bool) {
		neg := false
		if len(toks) > 0 && isPunct(toks[0], "-") {
			neg, toks = true, toks[1:]
		}
		if len(toks) == 0 || toks[0].Kind != lexer.TokNumber {
			return 0, false
		}
		v, err := strconv.ParseInt(toks[0].Text, 10, 64)
		toks = toks[1:]
		if neg {
			v = -v
		}
		return v, err == nil
	}
	a, ok := num()
	if !ok || len(toks) == 0 || !isWord(toks[0], "to") {
		return syntaxErr("expected RANGE <integer> TO <integer>")
	}
	toks = toks[1:]
	b, ok := num()
	if !ok || len(toks) != 0 {
		return syntaxErr("expected RANGE <integer> TO <integer>")
	}
	spec.from, spec.to = a, b
	return nil
}

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
func (sh *Shell) argSource(ctx context.Context, spec *concurrentSpec, params []driver.Column) (iter.Seq[argTuple], int64, func() error, error) {
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
		return sh.csvSource(spec, params)
	case srcSelect:
		return sh.selectSource(ctx, spec, params)
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
func (sh *Shell) csvSource(spec *concurrentSpec, params []driver.Column) (iter.Seq[argTuple], int64, func() error, error) {
	var r io.Reader
	var closer io.Closer
	if spec.file == "-" {
		br, ok := sh.stdin.(*bufio.Reader)
		if !ok {
			br = bufio.NewReader(sh.stdin)
		}
		r = &stdinData{r: br}
	} else {
		f, err := os.Open(expandHome(spec.file))
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

// stdinData is the rest of stdin up to its end or a line holding only
// "\." (so that a script can go on after the data).
type stdinData struct {
	r    *bufio.Reader
	buf  []byte
	done bool
}

func (s *stdinData) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		if s.done {
			return 0, io.EOF
		}
		line, err := s.r.ReadBytes('\n')
		if err != nil {
			s.done = true
			if err != io.EOF {
				return 0, err
			}
		}
		if string(trimEOL(line)) == `\.` {
			s.done = true
			return 0, io.EOF
		}
		s.buf = line
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// selectSource streams the rows of a query, page by page; each row's
// values are bound to the markers in order.
func (sh *Shell) selectSource(ctx context.Context, spec *concurrentSpec, params []driver.Column) (iter.Seq[argTuple], int64, func() error, error) {
	p, err := sh.sess.Prepare(ctx, spec.query)
	if err != nil {
		return nil, 0, nil, err
	}
	if n := len(p.Result()); n != len(params) {
		return nil, 0, nil, fmt.Errorf("the query returns %d columns for %d markers", n, len(params))
	}
	q := sh.query(spec.query)
	q.PageSize, q.Tracing = concurrentPageSize, false
	var readErr error
	seq := func(yield func(argTuple) bool) {
		it := sh.sess.Iter(ctx, q)
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

// failure is one tuple that failed, for the report.
type failure struct {
	pos  int
	args string
	msg  string
}

// fanout is the bookkeeping of one CONCURRENT run, shared by the goroutine
// reading the source and the loop consuming outcomes.
type fanout struct {
	label string
	mu    sync.Mutex
	queue []failure // positions of submitted tuples, oldest first
	head  int
	fail  int
	first []failure
	file  *os.File
	fileW *bufio.Writer
	path  string
	fErr  error
}

// push records a submitted tuple's position; outcomes pop them in order.
func (f *fanout) push(pos int, raw []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.head > 0 && f.head*2 >= len(f.queue) {
		n := copy(f.queue, f.queue[f.head:])
		clear(f.queue[n:])
		f.queue, f.head = f.queue[:n], 0
	}
	e := failure{pos: pos}
	if raw != nil {
		e.args = showArgs(raw, nil)
	}
	f.queue = append(f.queue, e)
}

func (f *fanout) pop() failure {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.head >= len(f.queue) {
		return failure{pos: -1}
	}
	e := f.queue[f.head]
	f.queue[f.head] = failure{}
	f.head++
	return e
}

// failed records a failure: counted, kept when among the first, and
// written to the error file.
func (f *fanout) failed(pos int, args, msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail++
	if len(f.first) < shownFailures {
		f.first = append(f.first, failure{pos: pos, args: args, msg: msg})
	}
	if f.file == nil && f.fErr == nil {
		f.file, f.path, f.fErr = createErrorFile(time.Now())
		if f.fErr == nil {
			f.fileW = bufio.NewWriter(f.file)
		}
	}
	if f.fileW != nil {
		fmt.Fprintf(f.fileW, "%s %d\t%s\t%s\n", f.label, pos, args, msg)
	}
}

func (f *fanout) failures() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fail
}

func (f *fanout) close() {
	if f.file != nil {
		if err := f.fileW.Flush(); err != nil && f.fErr == nil {
			f.fErr = err
		}
		f.file.Close()
	}
}

// createErrorFile opens concurrent_<time>.err in the working directory
// (the temporary directory when that is not writable), never overwriting.
func createErrorFile(now time.Time) (*os.File, string, error) {
	base := "concurrent_" + now.Format("20060102-150405")
	var lastErr error
	for _, dir := range []string{".", os.TempDir()} {
		for i := 1; i <= 100; i++ {
			name := base + ".err"
			if i > 1 {
				name = fmt.Sprintf("%s_%d.err", base, i)
			}
			path := filepath.Join(dir, name)
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err == nil {
				abs, _ := filepath.Abs(path)
				return f, abs, nil
			}
			lastErr = err
			if !errors.Is(err, os.ErrExist) {
				break
			}
		}
	}
	return nil, "", lastErr
}

// concurrent runs a CONCURRENT command.
func (sh *Shell) concurrent(ctx context.Context, st lexer.Statement, line int) {
	spec, err := parseConcurrent(st.Text)
	if err != nil {
		sh.printErr(line, err.Error())
		return
	}
	prep, err := sh.sess.Prepare(ctx, spec.stmt)
	if err != nil {
		sh.printErr(line, FormatError(err))
		return
	}
	if len(prep.Params) == 0 {
		sh.printErr(line, "Improper CONCURRENT command: the statement has no ? markers. See HELP CONCURRENT.")
		return
	}
	src, total, srcErr, err := sh.argSource(ctx, spec, prep.Params)
	if err != nil {
		sh.printErr(line, FormatError(err))
		return
	}

	// Ctrl-C stops submitting; requests in flight finish and are counted.
	stop := make(chan struct{})
	var interrupted os.Signal
	watchDone := make(chan struct{})
	watchExit := make(chan struct{})
	go func() {
		defer close(watchExit)
		if sh.sigs == nil {
			<-watchDone
			return
		}
		select {
		case s := <-sh.sigs:
			interrupted = s
			close(stop)
		case <-watchDone:
		}
	}()

	f := &fanout{label: spec.kind.label()}
	args := func(yield func([]any) bool) {
		for t := range src {
			if t.err != nil {
				f.failed(t.pos, t.show(), t.err.Error())
				if spec.stopOnError {
					return
				}
				select {
				case <-stop:
					return
				default:
				}
				continue
			}
			f.push(t.pos, t.raw)
			if !yield(t.args) {
				return
			}
		}
	}

	q := sh.query(spec.stmt)
	q.PageSize, q.Tracing = concurrentPageSize, false
	isSelect := strings.EqualFold(firstWord(spec.stmt), "select")
	rows := &rowSink{sh: sh, ctx: ctx, count: spec.summary, cols: prep.Result()}

	var bar *progress
	if !isSelect || spec.summary {
		bar = newProgress(sh.errw, total)
	}
	start := time.Now()
	ok := 0
	for r := range sh.sess.ExecuteConcurrentStream(ctx, q, args, driver.ConcurrentOptions{
		Concurrency: spec.n, StopOnError: spec.stopOnError, Stop: stop,
	}) {
		p := f.pop()
		if p.args == "" {
			p.args = showArgs(nil, r.Args)
		}
		if r.Err != nil {
			f.failed(p.pos, p.args, FormatError(r.Err))
		} else {
			ok++
			if isSelect {
				if err := rows.add(r.Result); err != nil {
					f.failed(p.pos, p.args, FormatError(err))
				}
			}
		}
		bar.add(1)
	}
	elapsed := time.Since(start)
	bar.finish()
	close(watchDone)
	<-watchExit
	f.close()

	if isSelect {
		rows.close()
	}
	failed := f.failures()
	n := ok + failed
	secs := elapsed.Seconds()
	rate := 0
	if secs > 0 {
		rate = int(float64(n) / secs)
	}
	sh.printInfo("%d statements: %d ok, %d failed in %.2f s (%d/s), concurrency %d\n", n, ok, failed, secs, rate, spec.n)
	switch {
	case interrupted != nil:
		sh.printInfo("Interrupted: no further statements were submitted.\n")
		if interrupted != os.Interrupt {
			sh.exit = true
		}
	case spec.stopOnError && failed > 0:
		sh.printInfo("Stopped at the first error: no further statements were submitted.\n")
	}
	if err := srcErr(); err != nil {
		sh.printErr(line, "Reading the arguments failed: "+FormatError(err))
	}
	if failed == 0 {
		return
	}
	for _, fl := range f.first {
		sh.printErr(line, fmt.Sprintf("%s %d %s: %s", f.label, fl.pos, fl.args, fl.msg))
	}
	if f.fErr != nil {
		fmt.Fprintf(sh.errw, "Could not write the failures to a file: %v\n", f.fErr)
		return
	}
	fmt.Fprintf(sh.errw, "%d failures written to %s\n", failed, f.path)
}

// rowSink renders the rows of CONCURRENT SELECTs in input order as one
// result, or only counts them (SUMMARY).
type rowSink struct {
	sh    *Shell
	ctx   context.Context
	count bool
	cols  []driver.Column
	w     render.RowWriter
	batch [][][]byte
	total int
}

// add takes one statement's result, fetching its further pages.
func (s *rowSink) add(res *driver.Result) error {
	for page := res; page != nil; {
		if s.w == nil && !s.count {
			s.open(page.Columns)
		}
		n := page.NumRows()
		s.total += n
		if !s.count {
			for i := range n {
				s.batch = append(s.batch, page.Row(i))
				if len(s.batch) >= rowsPerWrite {
					s.flush()
				}
			}
		}
		if !page.HasMorePages() {
			return nil
		}
		next, err := page.NextPage(s.ctx)
		if err != nil {
			return err
		}
		page = next
	}
	return nil
}

func (s *rowSink) open(cols []driver.Column) {
	if len(s.cols) > 0 {
		cols = s.cols
	}
	o := s.sh.renderOpts
	o.Color = s.sh.color && s.sh.capture == nil
	// One result, one header: the terminal's per-page layout would repeat
	// it every few rows.
	o.Tty = false
	s.w = render.New(s.sh.currentFormat(), s.sh.out, s.sh.columns(s.ctx, cols), &o)
}

func (s *rowSink) flush() {
	if len(s.batch) == 0 {
		return
	}
	s.w.WriteRows(s.batch)
	clear(s.batch)
	s.batch = s.batch[:0]
}

func (s *rowSink) close() {
	if s.count {
		s.sh.printOut("(%d rows)\n", s.total)
		return
	}
	if s.w == nil {
		s.open(nil)
	}
	s.flush()
	s.w.Close(s.total)
}
