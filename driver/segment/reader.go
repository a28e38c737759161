package segment

import "io"

const (
	// readChunk is the minimum spare space offered to each Read call.
	readChunk = 64 << 10
	// maxEmptyReads is how many successive (0, nil) reads are tolerated
	// before reporting io.ErrNoProgress.
	maxEmptyReads = 100
)

// Reader decodes frames from segments read from an io.Reader. A frame
// returned by ReadFrame is valid until the next call. It is not safe for
// concurrent use.
type Reader struct {
	r   io.Reader
	d   *Decoder
	err error // read error to report once buffered frames are drained
}

// NewReader returns a Reader over r; see NewDecoder for lz4 and maxFrameLen.
func NewReader(r io.Reader, lz4 bool, maxFrameLen int) *Reader {
	return &Reader{r: r, d: NewDecoder(lz4, maxFrameLen)}
}

// ReadFrame returns the next complete frame. It returns io.EOF when the stream
// ends cleanly between frames and io.ErrUnexpectedEOF when it ends inside a
// segment or a split frame.
func (r *Reader) ReadFrame() ([]byte, error) {
	for {
		f, ok, err := r.d.Next()
		if err != nil {
			return nil, err
		}
		if ok {
			return f, nil
		}
		if r.err != nil {
			if r.err == io.EOF && r.d.Buffered() > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, r.err
		}
		r.fill()
	}
}

// fill performs one Read directly into the decoder's spare capacity.
func (r *Reader) fill() {
	buf := r.d.Space()
	for range maxEmptyReads {
		n, err := r.r.Read(buf)
		r.d.Commit(n)
		if err != nil {
			r.err = err
		}
		if n > 0 || err != nil {
			return
		}
	}
	r.err = io.ErrNoProgress
}
