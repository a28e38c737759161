package driver

import (
	"context"
	"sync"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// host keeps one connection to one node, reopened on demand after it dies;
// one connection carries up to 32768 requests, so one is enough per node.
type host struct {
	addr string
	cfg  conn.Config

	mu       sync.Mutex
	c        *conn.Conn
	dialing  chan struct{} // closed when the dial in progress ends
	keyspace func() string // the session's current keyspace, USEd on connect
}

// get returns an open connection, dialling one if needed. Concurrent callers
// share one dial.
func (h *host) get(ctx context.Context) (*conn.Conn, error) {
	for {
		h.mu.Lock()
		if h.c != nil && h.c.Err() == nil {
			c := h.c
			h.mu.Unlock()
			return c, nil
		}
		if h.dialing != nil {
			wait := h.dialing
			h.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		old := h.c
		h.dialing = make(chan struct{})
		h.mu.Unlock()
		if old != nil {
			old.Close()
		}

		c, err := h.dial(ctx)
		h.mu.Lock()
		h.c = c
		close(h.dialing)
		h.dialing = nil
		h.mu.Unlock()
		if err != nil {
			return nil, err
		}
		return c, nil
	}
}

func (h *host) dial(ctx context.Context) (*conn.Conn, error) {
	c, err := conn.Dial(ctx, h.cfg)
	if err != nil {
		return nil, err
	}
	if ks := h.keyspace(); ks != "" {
		if err := use(ctx, c, ks); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

// use runs USE on one connection.
func use(ctx context.Context, c *conn.Conn, ks string) error {
	r, err := c.Do(ctx, &frame.Query{Statement: "USE " + quoteIdent(ks), Params: frame.QueryParams{Consistency: frame.One}}, nil)
	if err != nil {
		return err
	}
	m, _, err := frame.DecodeResponse(r.Header, r.Body)
	if err != nil {
		return err
	}
	if e, ok := m.(*frame.Error); ok {
		return e
	}
	return nil
}

func (h *host) close() {
	h.mu.Lock()
	c := h.c
	h.c = nil
	h.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

// current returns the open connection, if any, without dialling.
func (h *host) current() *conn.Conn {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.c != nil && h.c.Err() == nil {
		return h.c
	}
	return nil
}
