package cluster

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
)

// ErrPoolClosed fails a reconnection asked of a closed pool.
var ErrPoolClosed = errors.New("the host's connection pool is closed")

// poolConfig is what the pools of one cluster share.
type poolConfig struct {
	conn      conn.Config // Addr is set per pool
	size      int
	reconnect ReconnectPolicy
	clock     Clock
	// setup prepares each new connection before it takes requests (USE).
	setup func(context.Context, *conn.Conn) error
	// onState reports a host going down or coming up. It runs with the
	// pool's lock held, so a host's changes arrive in order; it must only
	// hand the news on.
	onState func(*Host, HostState)
	// orphanLimit: a connection with more streams than this held by
	// requests given up is replaced.
	orphanLimit int
}

// retrySpacing is the least time between two dials a request asks for
// (ReconnectNow): requests arriving while every host is down share one.
const retrySpacing = 100 * time.Millisecond

// Pool keeps a host's connections open: size of them (one is enough, each
// carries up to 32768 requests). When the last one dies the host is down
// and a goroutine reconnects in the background, with exponential backoff
// and jitter, until it succeeds or the pool closes.
type Pool struct {
	host *Host
	cfg  *poolConfig

	conns atomic.Pointer[[]*conn.Conn] // open connections, copied on write

	mu       sync.Mutex
	closed   bool
	running  bool          // the maintaining goroutine runs
	wake     chan struct{} // try now, whatever the backoff says
	attempts int           // failed attempts since the last success
	lastErr  error
	lastEnd  time.Time     // when the last attempt ended
	tried    chan struct{} // closed (and replaced) when an attempt ends
	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

func newPool(h *Host, cfg *poolConfig) *Pool {
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pool{
		host:   h,
		cfg:    cfg,
		wake:   make(chan struct{}, 1),
		tried:  make(chan struct{}),
		ctx:    ctx,
		cancel: cancel,
	}
	h.pool = p
	return p
}

// start adopts first (a connection already open, or nil) and opens the rest
// in the background.
func (p *Pool) start(first *conn.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if first != nil && !p.addLocked(first) {
		p.lastErr = first.Err()
	}
	p.runLocked()
}

// Pick returns the open connection with the fewest requests in flight, or
// nil when none is open. It takes no lock and allocates nothing.
func (p *Pool) Pick() *conn.Conn {
	cs := p.conns.Load()
	if cs == nil || len(*cs) == 0 {
		return nil
	}
	list := *cs
	best := list[0]
	if len(list) == 1 {
		return best
	}
	n := best.InFlight()
	for _, c := range list[1:] {
		if m := c.InFlight(); m < n {
			best, n = c, m
		}
	}
	return best
}

// Conns returns the open connections.
func (p *Pool) Conns() []*conn.Conn {
	if cs := p.conns.Load(); cs != nil {
		return *cs
	}
	return nil
}

// InFlight sums the requests awaiting replies over the open connections.
func (p *Pool) InFlight() int {
	n := 0
	for _, c := range p.Conns() {
		n += c.InFlight()
	}
	return n
}

// LastError is why the last connection attempt failed (nil after a success).
func (p *Pool) LastError() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastErr
}

// ReconnectNow asks for a connection attempt at once and waits for it (or
// ctx), for a request that found every host down. An attempt that ended
// less than retrySpacing ago answers for this one. It returns nil when the
// pool has a connection.
func (p *Pool) ReconnectNow(ctx context.Context) error {
	p.mu.Lock()
	switch {
	case p.closed:
		p.mu.Unlock()
		return ErrPoolClosed
	case len(p.Conns()) > 0:
		p.mu.Unlock()
		return nil
	case !p.running && time.Since(p.lastEnd) < retrySpacing && p.lastErr != nil:
		err := p.lastErr
		p.mu.Unlock()
		return err
	}
	tried := p.tried
	p.runLocked()
	p.wakeLocked()
	p.mu.Unlock()
	select {
	case <-tried:
	case <-ctx.Done():
		return ctx.Err()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.Conns()) > 0 {
		return nil
	}
	if p.lastErr == nil {
		return ErrPoolClosed
	}
	return p.lastErr
}

// Wake makes a waiting reconnection try at once (a node said to be up).
func (p *Pool) Wake() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.Conns()) < p.cfg.size {
		p.runLocked()
		p.wakeLocked()
	}
}

// TimedOut is told that a request on c got no reply in time: c's liveness
// is checked within probe, and c is replaced once too many of its streams
// are held by abandoned requests.
func (p *Pool) TimedOut(c *conn.Conn, probe time.Duration) {
	c.CheckAlive(probe)
	if p.cfg.orphanLimit > 0 && c.Orphaned() > p.cfg.orphanLimit {
		go c.Close()
	}
}

// CheckAlive checks every open connection within d (a node said to be down
// while its connections look open).
func (p *Pool) CheckAlive(d time.Duration) {
	for _, c := range p.Conns() {
		c.CheckAlive(d)
	}
}

// Close closes the connections and stops reconnecting; it waits for the
// pool's goroutine.
func (p *Pool) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.cancel()
	list := p.Conns()
	p.conns.Store(nil)
	p.mu.Unlock()
	for _, c := range list {
		c.Close()
	}
	p.wg.Wait()
}

// addLocked adds an open connection; it reports false for one that closed
// before it could be added.
func (p *Pool) addLocked(c *conn.Conn) bool {
	if c.Err() != nil {
		return false
	}
	old := p.Conns()
	list := make([]*conn.Conn, 0, len(old)+1)
	list = append(append(list, old...), c)
	p.conns.Store(&list)
	p.setStateLocked(HostUp)
	return true
}

// Evict drops c from the pool at once if it has closed, without waiting for
// its OnClose: a request that found it closed may then see the host down
// and ask for a reconnection.
func (p *Pool) Evict(c *conn.Conn) {
	if err := c.Err(); err != nil {
		p.connClosed(c, err)
	}
}

// connClosed is every pooled connection's OnClose.
func (p *Pool) connClosed(c *conn.Conn, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.Conns()
	list := make([]*conn.Conn, 0, len(old))
	for _, x := range old {
		if x != c {
			list = append(list, x)
		}
	}
	if p.closed || len(list) == len(old) {
		return
	}
	p.conns.Store(&list)
	p.lastErr = err
	if len(list) == 0 {
		p.setStateLocked(HostDown)
	}
	p.runLocked()
}

func (p *Pool) setStateLocked(s HostState) {
	if HostState(p.host.state.Swap(int32(s))) != s && p.cfg.onState != nil {
		p.cfg.onState(p.host, s)
	}
}

func (p *Pool) wakeLocked() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// runLocked starts the maintaining goroutine unless it runs or the pool is
// full or closed.
func (p *Pool) runLocked() {
	if p.running || p.closed || len(p.Conns()) >= p.cfg.size {
		return
	}
	p.running = true
	p.wg.Add(1)
	go p.maintain()
}

// maintain opens connections until the pool is full: at once, then after
// each failure the reconnection policy's wait (cut short by Wake).
func (p *Pool) maintain() {
	defer p.wg.Done()
	for {
		p.mu.Lock()
		if p.closed || len(p.Conns()) >= p.cfg.size {
			p.running = false
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()

		c, err := p.dial()

		p.mu.Lock()
		p.lastEnd = time.Now()
		close(p.tried)
		p.tried = make(chan struct{})
		if err == nil && p.closed {
			p.mu.Unlock()
			c.Close()
			continue
		}
		if err == nil && p.addLocked(c) {
			p.lastErr, p.attempts = nil, 0
			p.mu.Unlock()
			continue
		}
		if err == nil {
			err = c.Err()
		}
		p.lastErr = err
		p.attempts++
		if len(p.Conns()) == 0 {
			p.setStateLocked(HostDown)
		}
		delay := p.cfg.reconnect.Delay(p.attempts)
		p.mu.Unlock()

		timer, stop := p.cfg.clock.After(delay)
		select {
		case <-timer:
		case <-p.wake:
			stop()
		case <-p.ctx.Done():
			stop()
		}
	}
}

// dial opens one connection and prepares it.
func (p *Pool) dial() (*conn.Conn, error) {
	cfg := p.cfg.conn
	cfg.Addr = p.host.addr
	cfg.OnClose = p.connClosed
	c, err := conn.Dial(p.ctx, cfg)
	if err != nil {
		return nil, err
	}
	if p.cfg.setup != nil {
		ctx, cancel := context.WithTimeout(p.ctx, connectTimeout(cfg))
		defer cancel()
		if err := p.cfg.setup(ctx, c); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

func connectTimeout(cfg conn.Config) time.Duration {
	if cfg.ConnectTimeout > 0 {
		return cfg.ConnectTimeout
	}
	return 5 * time.Second
}
