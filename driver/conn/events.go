package conn

import (
	"sync"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// eventQueue hands server events to a callback on a goroutine of its own, in
// arrival order, so a slow callback never stalls the reader.
type eventQueue struct {
	fn     func(*frame.Event)
	mu     sync.Mutex
	queue  []*frame.Event
	wake   chan struct{}
	closed bool
}

func newEventQueue(fn func(*frame.Event)) *eventQueue {
	return &eventQueue{fn: fn, wake: make(chan struct{}, 1)}
}

func (q *eventQueue) push(ev *frame.Event) {
	if q.fn == nil {
		return
	}
	q.mu.Lock()
	q.queue = append(q.queue, ev)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *eventQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *eventQueue) run(wg *sync.WaitGroup) {
	defer wg.Done()
	for range q.wake {
		q.mu.Lock()
		batch, closed := q.queue, q.closed
		q.queue = nil
		q.mu.Unlock()
		for _, ev := range batch {
			q.fn(ev)
		}
		if closed {
			return
		}
	}
}
