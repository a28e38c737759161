package conn

import (
	"context"
	"fmt"
	"sync"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// eventQueue hands server events to a callback on a goroutine of its own, in
// arrival order, so a slow callback never stalls the reader. The goroutine
// starts with the first callback, at dial time or with Register.
type eventQueue struct {
	mu      sync.Mutex
	fn      func(*frame.Event)
	queue   []*frame.Event
	wake    chan struct{}
	closed  bool
	started bool
}

func newEventQueue() *eventQueue {
	return &eventQueue{wake: make(chan struct{}, 1)}
}

// start sets the callback and starts its goroutine; it reports false when
// the queue already has one or has closed.
func (q *eventQueue) start(fn func(*frame.Event), wg *sync.WaitGroup) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.started || q.closed || fn == nil {
		return false
	}
	q.fn, q.started = fn, true
	wg.Add(1)
	go q.run(wg)
	return true
}

func (q *eventQueue) push(ev *frame.Event) {
	q.mu.Lock()
	if q.fn == nil || q.closed {
		q.mu.Unlock()
		return
	}
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
		batch, closed, fn := q.queue, q.closed, q.fn
		q.queue = nil
		q.mu.Unlock()
		for _, ev := range batch {
			fn(ev)
		}
		if closed {
			return
		}
	}
}

// Register asks the node for events (TOPOLOGY_CHANGE, STATUS_CHANGE,
// SCHEMA_CHANGE) on this connection and hands them to fn, in order, on a
// goroutine of its own. A connection delivers to one callback: one given
// at dial time (Config.OnEvent) or by an earlier Register stays.
func (c *Conn) Register(ctx context.Context, events []string, fn func(*frame.Event)) error {
	c.events.start(fn, &c.wg)
	if _, err := c.expect(ctx, &frame.Register{Events: events}, frame.OpReady); err != nil {
		return fmt.Errorf("REGISTER: %w", err)
	}
	return nil
}
