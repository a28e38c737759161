package cluster

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
)

// contactConn is a connection to a contact point whose pool does not exist
// yet: its OnClose reaches the pool once the pool adopts it.
type contactConn struct {
	c    *conn.Conn
	addr string
	pool atomic.Pointer[Pool]
}

func (cc *contactConn) closed(c *conn.Conn, err error) {
	if p := cc.pool.Load(); p != nil {
		p.connClosed(c, err)
	}
}

// dialContacts connects to the first contact point that answers. The
// attempts are staggered, not sequential: the next address is tried after
// stagger, or at once when an attempt fails, so a dead or hung address
// costs a fraction of a second, not a connect timeout. The other attempts
// are cancelled (and any late success closed) once one succeeds.
func dialContacts(ctx context.Context, cfg conn.Config, addrs []string, stagger time.Duration) (*contactConn, error) {
	type outcome struct {
		cc  *contactConn
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan outcome, len(addrs))
	start := func(addr string) {
		cc := &contactConn{addr: addr}
		c := cfg
		c.Addr = addr
		c.OnClose = cc.closed
		go func() {
			var err error
			cc.c, err = conn.Dial(ctx, c)
			results <- outcome{cc, err}
		}()
	}
	errs := make(map[string]error)
	next, pending := 0, 0
	var timer <-chan time.Time
	launch := func() {
		start(addrs[next])
		next++
		pending++
		timer = nil
		if next < len(addrs) {
			timer = time.After(stagger)
		}
	}
	launch()
	var won *contactConn
	for pending > 0 {
		select {
		case r := <-results:
			pending--
			switch {
			case r.err == nil && won == nil:
				won = r.cc
				cancel()
			case r.err == nil:
				r.cc.c.Close()
			case won == nil:
				errs[r.cc.addr] = r.err
				if next < len(addrs) {
					launch()
				}
			}
		case <-timer:
			if won == nil {
				launch()
			}
		}
	}
	if won != nil {
		return won, nil
	}
	if err := ctx.Err(); err != nil && len(errs) < len(addrs) {
		for _, a := range addrs[next:] {
			errs[a] = err
		}
	}
	return nil, &NoHostsError{Errors: errs}
}
