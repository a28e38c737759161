package cql

import "strings"

// word classifies the significant tokens that matter for batch detection.
type word uint8

const (
	wordOther word = iota
	wordBegin
	wordUnlogged
	wordCounter
	wordBatch
	wordApply
)

func classify(kind TokenKind, text string) word {
	if kind != TokIdent || len(text) > len("unlogged") {
		return wordOther
	}
	switch strings.ToLower(text) {
	case "begin":
		return wordBegin
	case "unlogged":
		return wordUnlogged
	case "counter":
		return wordCounter
	case "batch":
		return wordBatch
	case "apply":
		return wordApply
	}
	return wordOther
}

// batchState tracks BEGIN [UNLOGGED|COUNTER] BATCH at the start of a statement.
type batchState uint8

const (
	batchUnknown  batchState = iota // no significant token yet
	batchBegin                      // BEGIN
	batchModifier                   // BEGIN UNLOGGED or BEGIN COUNTER
	batchIn                         // inside a batch: only APPLY BATCH ; ends it
	batchNo                         // not a batch
)

func (b batchState) next(w word) batchState {
	switch b {
	case batchUnknown:
		if w == wordBegin {
			return batchBegin
		}
		return batchNo
	case batchBegin:
		switch w {
		case wordUnlogged, wordCounter:
			return batchModifier
		case wordBatch:
			return batchIn
		}
		return batchNo
	case batchModifier:
		if w == wordBatch {
			return batchIn
		}
		return batchNo
	}
	return b
}

// maxKeptBuffer is the capacity above which the pending-text buffer is
// released after a statement instead of being reused.
const maxKeptBuffer = 1 << 20

// Splitter splits input into statements incrementally, one line at a time.
// It keeps the lexer state of the unfinished statement (open string, quoted
// name, $$ body, block comment, batch) between calls to Feed, so each byte of
// input is lexed once. The zero value is ready to use; a Splitter is not safe
// for concurrent use.
type Splitter struct {
	line int  // 1-based line of the next byte; 0 means 1
	off  int  // offset in the whole input of the next Feed's first byte
	mode mode // multi-line token left open by the previous chunk

	buf       []byte // pending text from its first non-space token
	bufStart  int    // offset in the whole input of buf[0]
	bufLine   int    // line of buf[0]
	started   bool   // a significant token has been seen
	kind      Kind
	command   string
	textEnd   int  // end in buf of the last significant token except a trailing '&'
	amp       bool // the last significant token was '&'
	batch     batchState
	prev      [2]word // the two significant tokens before a trailing '&', newest last
	afterTerm bool    // a statement ended with ';' earlier on the current line
}

// NewSplitter returns a Splitter whose first line is numbered firstLine
// (values below 1 mean 1), for input that continues elsewhere.
func NewSplitter(firstLine int) *Splitter {
	return &Splitter{line: max(firstLine, 1)}
}

// Feed lexes one line of input and returns the statements it completes, in
// order. The line may or may not carry its trailing "\n" (or "\r\n"): either
// way it is treated as a whole line, so a shell command on it is complete. A
// chunk holding several lines is also accepted. There is no length limit.
func (s *Splitter) Feed(line string) []Statement {
	if s.line == 0 {
		s.line = 1
	}
	realLen := len(line)
	if !strings.HasSuffix(line, "\n") {
		line += "\n"
	}
	var out []Statement
	for i := 0; i < len(line); {
		if s.mode != modeNone {
			end, closed := scanOpen(line, i, s.mode)
			s.appendSeg(line, i, end)
			if nl := strings.Count(line[i:end], "\n"); nl > 0 {
				s.line += nl
				s.afterTerm = false
			}
			i = end
			if closed {
				kind := s.mode.tokenKind()
				s.mode = modeNone
				if kind != TokComment {
					s.textEnd = len(s.buf)
				} else if !s.started {
					s.buf = s.buf[:0] // a comment before any statement
				}
			}
			continue
		}
		kind, end, open := lexOne(line, i)
		switch kind {
		case TokWhitespace:
			if strings.IndexByte(line[i:end], '\n') >= 0 {
				if s.started && (s.kind == Shell || s.endsAtAmp()) {
					out = s.emit(out, s.line)
				}
				s.afterTerm = false
			}
			if len(s.buf) > 0 {
				s.appendSeg(line, i, end)
			}
		case TokComment:
			if open != modeNone || s.started {
				s.appendSeg(line, i, end)
			}
			s.mode = open
		case TokCommentEnd:
			out = append(out, s.syntaxError(MsgStrayCommentEnd))
			s.resetStmt()
			s.afterTerm = false
			// Like cqlsh, which rejects the whole buffer, drop the rest of
			// the line; the chunk always ends in "\n".
			end += strings.IndexByte(line[end:], '\n')
		case TokSemicolon:
			if !s.started {
				s.buf = s.buf[:0]
				break
			}
			if s.batch == batchIn && s.prev != [2]word{wordApply, wordBatch} {
				s.appendSeg(line, i, end)
				s.significant(wordOther, false)
				break
			}
			n := len(out)
			out = s.emit(out, s.line)
			if len(out) > n {
				s.afterTerm = true
			}
		default:
			text := line[i:end]
			isAmp := kind == TokPunct && text == "&"
			if isAmp && s.afterTerm && !s.started && len(out) > 0 {
				out[len(out)-1].Background = true
				s.afterTerm = false
				break
			}
			s.afterTerm = false
			if !s.started {
				s.start(kind, text)
			}
			s.appendSeg(line, i, end)
			s.significant(classify(kind, text), isAmp)
			s.mode = open
		}
		s.line += strings.Count(line[i:end], "\n")
		i = end
	}
	s.off += realLen
	s.afterTerm = false
	return out
}

// appendSeg adds line[i:end] to the pending text.
func (s *Splitter) appendSeg(line string, i, end int) {
	if len(s.buf) == 0 {
		s.bufStart = s.off + i
		s.bufLine = s.line
	}
	s.buf = append(s.buf, line[i:end]...)
}

// start begins a statement at its first significant token.
func (s *Splitter) start(kind TokenKind, text string) {
	s.started = true
	s.kind = CQL
	if kind != TokIdent && kind != TokPunct {
		return
	}
	if c := Lookup(text); c != nil && c.Ends == AtNewline {
		s.kind = Shell
		s.command = strings.ToLower(text)
	}
}

// significant records a significant token just appended to buf. For a token
// left open, textEnd is moved again when it closes.
func (s *Splitter) significant(w word, isAmp bool) {
	if s.amp { // an earlier '&' was not trailing after all
		s.prev = [2]word{s.prev[1], wordOther}
	}
	s.batch = s.batch.next(w)
	s.amp = isAmp
	if isAmp {
		return
	}
	s.prev = [2]word{s.prev[1], w}
	s.textEnd = len(s.buf)
}

// endsAtAmp reports whether the pending statement's last significant token
// is a '&' that ends it at the line break: a line ending in '&' (outside
// strings and comments) runs the statement in the background, as a shell
// backgrounds a command. Inside a batch only APPLY BATCH & ends it, since
// the batch's own statements are not jobs.
func (s *Splitter) endsAtAmp() bool {
	return s.amp && (s.batch != batchIn || s.prev == [2]word{wordApply, wordBatch})
}

// emit appends the pending statement, terminated on line endLine, to out
// unless it is empty, and clears the pending state.
func (s *Splitter) emit(out []Statement, endLine int) []Statement {
	text := string(s.buf[:s.textEnd])
	st := Statement{
		Text:       text,
		Kind:       s.kind,
		Command:    s.command,
		Background: s.amp,
		Line:       s.bufLine,
		EndLine:    endLine,
	}
	s.resetStmt()
	if text == "" {
		return out
	}
	return append(out, st)
}

// syntaxError builds the Error statement for the current position.
func (s *Splitter) syntaxError(msg string) Statement {
	line := s.line
	if s.started || len(s.buf) > 0 {
		line = s.bufLine
	}
	return Statement{
		Text:    msg,
		Kind:    Error,
		Line:    line,
		EndLine: s.line,
		Err:     &SyntaxError{Line: s.line, Msg: msg},
	}
}

func (s *Splitter) resetStmt() {
	if cap(s.buf) > maxKeptBuffer {
		s.buf = nil
	} else {
		s.buf = s.buf[:0]
	}
	s.started = false
	s.kind = 0
	s.command = ""
	s.textEnd = 0
	s.amp = false
	s.batch = batchUnknown
	s.prev = [2]word{}
}

// Pending reports whether an unfinished statement (or an open block comment)
// is buffered; the REPL then shows its continuation prompt.
func (s *Splitter) Pending() bool {
	return s.started || s.mode != modeNone || len(s.buf) > 0
}

// PendingText returns the unfinished statement's text with surrounding
// whitespace trimmed, or "" when nothing is pending.
func (s *Splitter) PendingText() string {
	return strings.TrimSpace(string(s.buf))
}

// Reset drops the unfinished statement and any open string or comment, as
// Ctrl-C does in the REPL. Line numbering continues.
func (s *Splitter) Reset() {
	s.resetStmt()
	s.mode = modeNone
	s.afterTerm = false
}

// Flush ends the input. Feed already completes every statement its line
// completes (a shell command needs no line break at end of input), so
// whatever is still pending was never terminated: Flush returns it with
// Incomplete set and Text holding its trimmed source, and resets the
// Splitter. It returns false when nothing is pending.
func (s *Splitter) Flush() (Statement, bool) {
	if !s.Pending() {
		return Statement{}, false
	}
	kind := s.kind
	if kind == 0 {
		kind = CQL
	}
	st := Statement{
		Text:       s.PendingText(),
		Kind:       kind,
		Command:    s.command,
		Incomplete: true,
		Line:       s.bufLine,
		EndLine:    max(s.line-1, s.bufLine),
	}
	s.Reset()
	return st, true
}
