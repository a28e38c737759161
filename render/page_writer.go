package render

import "io"

// pageWriter is the part Table and Expanded share: the destination, the
// column names formatted once, the page being formatted and the output
// buffer reused from page to page.
type pageWriter struct {
	w       io.Writer
	cols    []Column
	o       Options
	f       *Formatter
	names   grid
	page    grid
	out     []byte
	started bool // the leading blank line has been written
}

// init sets up p to write to w; a nil o means the defaults.
func (p *pageWriter) init(w io.Writer, cols []Column, o *Options) {
	p.w, p.cols, p.o = w, cols, *orDefault(o)
	p.f = NewFormatter(&p.o)
	p.names.names(p.f, cols)
}

// begin formats rows into the page and returns the output buffer, opened
// with the blank line that precedes the first page. For an empty page it
// returns ok false, having written the empty result's header if nothing was
// written yet, as cqlsh does.
func (p *pageWriter) begin(rows [][][]byte, errs *ErrorLog) (out []byte, ok bool, err error) {
	if len(rows) == 0 {
		if p.started {
			return nil, false, nil
		}
		return nil, false, p.writeEmpty()
	}
	if err := p.page.fill(p.f, p.cols, rows, errs); err != nil {
		return nil, false, err
	}
	out = p.out[:0]
	if !p.started {
		out = append(out, '\n')
		p.started = true
	}
	return out, true, nil
}

// flush keeps out for reuse and writes it.
func (p *pageWriter) flush(out []byte) error {
	p.out = out
	return writeOut(p.w, out)
}

// writeEmpty prints the leading blank line, the header sized to the names,
// the rule and one blank line.
func (p *pageWriter) writeEmpty() error {
	p.started = true
	out := append(p.out[:0], '\n')
	out = appendHeader(out, &p.names, p.names.widths)
	return p.flush(append(out, '\n'))
}

// close prints the empty result's header if nothing was written, then the
// "(N rows)" trailer.
func (p *pageWriter) close(total int) error {
	if !p.started {
		if err := p.writeEmpty(); err != nil {
			return err
		}
	}
	return writeTrailer(p.w, &p.o, total)
}
