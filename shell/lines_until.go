package shell

import (
	"bufio"
	"github.com/gocqlsh/gocqlsh/shell/input"
	"io"
)

// linesUntil is an io.Reader over lines pulled one at a time from next,
// ending at the end of input or at a line that is exactly end (line break
// aside), which is consumed, so that a script can go on after its data.
// CONCURRENT's '-' source and COPY FROM STDIN read stdin this way.
type linesUntil struct {
	next func() ([]byte, error) // one line with its line break; io.EOF at the end
	end  string
	buf  []byte
	done bool
}

func (l *linesUntil) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		if l.done {
			return 0, io.EOF
		}
		line, err := l.next()
		if err != nil {
			l.done = true
			if err != io.EOF {
				return 0, err
			}
		}
		if string(trimEOL(line)) == l.end {
			l.done = true
			return 0, io.EOF
		}
		l.buf = line
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// stdinData is the rest of r up to its end or a line holding only "\.".
func stdinData(r *bufio.Reader) io.Reader {
	return &linesUntil{next: func() ([]byte, error) { return r.ReadBytes('\n') }, end: `\.`}
}

// copyStdin is COPY FROM STDIN's input: lines read with the "[copy] "
// prompt up to a line holding only "." or the end of input (an
// interrupted read ends it too).
func copyStdin(in input.Reader) io.Reader {
	var line []byte
	return &linesUntil{next: func() ([]byte, error) {
		s, err := in.ReadLine("[copy] ")
		if err != nil {
			return nil, io.EOF
		}
		line = append(append(line[:0], s...), '\n')
		return line, nil
	}, end: "."}
}

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
