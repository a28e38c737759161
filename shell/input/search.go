package input

import (
	"fmt"
	"strings"
	"sync"

	prompt "github.com/c-bata/go-prompt"
)

// searchKey is the private key the parser hands go-prompt for each step of
// a history search (an unassigned CSI code, as wakeKey).
const searchKey = "\x1b[9998~"

// searchOp is one step of a reverse incremental search.
type searchOp struct {
	kind searchKind
	text string // searchAdd's text
}

type searchKind uint8

const (
	searchStart  searchKind = iota // Ctrl-R: a search begins
	searchAdd                      // a character typed: the search string grows
	searchNext                     // Ctrl-R again: the next older match
	searchBack                     // Backspace: the search string shrinks
	searchLeave                    // Enter, Esc, Ctrl-G, a motion key: the match stays in the buffer
	searchCancel                   // Ctrl-C: the line as it was
)

// searcher is readline's reverse-i-search (Ctrl-R) over the shell's
// history, where a statement typed over several lines is one entry.
//
// It works in two halves. The parser's goroutine routes keys (route):
// while a search is on, the keys typed are the search's, and each becomes
// an op queued here and a searchKey handed to go-prompt. go-prompt's loop
// then applies the queued ops to its buffer (apply): the buffer shows the
// match, and the prompt becomes "(reverse-i-search)`query': ". mu guards
// what both halves share: active, ops and prefix.
type searcher struct {
	history func() []string // oldest first

	mu     sync.Mutex
	active bool // keys are the search's (parser side)
	ops    []searchOp
	prefix string // the search's prompt, "" when none

	// go-prompt's loop only:
	query    string
	idx      int // history entry of the match; len(history) before one
	failed   bool
	original string // the line before Ctrl-R, for Ctrl-C
	origPos  int
}

// reset forgets any search, for a new line.
func (s *searcher) reset() {
	s.mu.Lock()
	s.active, s.ops, s.prefix = false, nil, ""
	s.mu.Unlock()
}

// route takes a key read from the terminal and returns the keys to hand
// go-prompt in its place.
func (s *searcher) route(key []byte) [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := string(key)
	if !s.active {
		if k != "\x12" {
			return [][]byte{key}
		}
		s.active = true
		return s.op(searchOp{kind: searchStart})
	}
	switch {
	case k == "\x12":
		return s.op(searchOp{kind: searchNext})
	case k == "\x7f" || k == "\x08":
		return s.op(searchOp{kind: searchBack})
	case k == "\x1b" || k == "\x07": // Esc, Ctrl-G: stop, keep the match
		s.active = false
		return s.op(searchOp{kind: searchLeave})
	case k == "\x03":
		s.active = false
		return append(s.op(searchOp{kind: searchCancel}), key)
	case key[0] >= 0x20 && key[0] != 0x7f:
		return s.op(searchOp{kind: searchAdd, text: k})
	}
	// Enter, arrows, other control keys: the search ends with its match
	// in the buffer and the key then does what it does (Enter runs it).
	s.active = false
	return append(s.op(searchOp{kind: searchLeave}), key)
}

// op queues o and returns the key that makes go-prompt apply it.
func (s *searcher) op(o searchOp) [][]byte {
	s.ops = append(s.ops, o)
	return [][]byte{[]byte(searchKey)}
}

// currentPrefix is the search's prompt, "" when no search is on.
func (s *searcher) currentPrefix() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prefix
}

// apply is searchKey's binding, on go-prompt's loop: it applies the queued
// ops to the buffer.
func (s *searcher) apply(buf *prompt.Buffer) {
	s.mu.Lock()
	ops := s.ops
	s.ops = nil
	s.mu.Unlock()
	prefix := ""
	for _, o := range ops {
		prefix = s.step(buf, o)
	}
	s.mu.Lock()
	s.prefix = prefix
	s.mu.Unlock()
}

// step applies one op and returns the prompt to show after it.
func (s *searcher) step(buf *prompt.Buffer, o searchOp) string {
	hist := s.history()
	switch o.kind {
	case searchStart:
		s.query, s.idx, s.failed = "", len(hist), false
		s.original, s.origPos = buf.Text(), runeCount(buf.Document().TextBeforeCursor())
	case searchAdd:
		s.query += o.text
		s.find(buf, hist, min(s.idx, len(hist)-1))
	case searchNext:
		s.find(buf, hist, s.idx-1)
	case searchBack:
		if r := []rune(s.query); len(r) > 0 {
			s.query = string(r[:len(r)-1])
		}
		s.find(buf, hist, len(hist)-1)
	case searchLeave:
		return ""
	case searchCancel:
		setBuffer(buf, s.original, s.origPos)
		return ""
	}
	if s.failed {
		return fmt.Sprintf("(failed reverse-i-search)`%s': ", s.query)
	}
	return fmt.Sprintf("(reverse-i-search)`%s': ", s.query)
}

// find looks for the search string in the entries from idx back to the
// oldest, and shows the first that holds it with the cursor on the match.
// The buffer stays as it is when none does.
func (s *searcher) find(buf *prompt.Buffer, hist []string, idx int) {
	if s.query == "" {
		s.failed = false
		return
	}
	for i := idx; i >= 0 && i < len(hist); i-- {
		if at := strings.Index(hist[i], s.query); at >= 0 {
			s.idx, s.failed = i, false
			setBuffer(buf, hist[i], runeCount(hist[i][:at]))
			return
		}
	}
	s.failed = true
}

// setBuffer replaces the buffer's text, the cursor pos runes in.
func setBuffer(buf *prompt.Buffer, text string, pos int) {
	d := buf.Document()
	buf.CursorRight(runeCount(d.TextAfterCursor()))
	buf.DeleteBeforeCursor(runeCount(buf.Text()))
	buf.InsertText(text, false, true)
	buf.CursorLeft(runeCount(text) - pos)
}
