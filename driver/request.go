package driver

import (
	"context"
	"errors"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cluster"
	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// reqKind is what a request sends.
type reqKind uint8

const (
	kindQuery   reqKind = iota // QUERY: a statement as typed, values inferred if any
	kindExecute                // EXECUTE of a prepared statement
	kindBatch                  // BATCH
	kindPrepare                // PREPARE
)

// request is one statement's trip through the cluster, and the one path
// every request takes — synchronous, asynchronous, batch, fan-out and
// PREPARE alike. It routes by the partition key's token, walks its plan of
// hosts, builds the frame for the connection it lands on, and turns each
// attempt's outcome into a result, a statement prepared again on the node
// that had forgotten it, or what the retry policy decides. Its callers
// only differ in how they wait for an attempt: blocked on it (run), or
// woken by the connection's reader (async, fan-out), which hands the reply
// back to settle.
//
// A request is a value a fan-out reuses for every tuple: preparing and
// sending one allocates nothing in the steady state.
type request struct {
	s    *Session
	ctx  context.Context
	kind reqKind
	q    *Query // QUERY, EXECUTE
	args []any
	prep *Prepared // EXECUTE
	b    *Batch    // BATCH
	bp   []*Prepared
	pStm string // PREPARE: the statement
	pKS  string // PREPARE: its keyspace
	sc   *scratch
	opts *conn.SendOptions

	policy     cluster.Policy
	idempotent bool
	timeout    time.Duration

	ri       cluster.RoutingInfo
	routed   bool
	plan     cluster.Plan
	planned  bool
	revived  bool
	host     *cluster.Host
	c        *conn.Conn
	same     bool // the next attempt goes to the same host
	attempts int
	retries  int
	reprep   []*cluster.Host // hosts the statement was prepared on again
	errs     map[string]error
	start    time.Time
	sent     time.Time
	spec     bool // the attempt being settled was a speculative one
	isRetry  bool // the attempt being settled was a retry
}

// errWouldBlock stops a non-blocking send (the async fast path) that would
// have to wait: for a PREPARE, a USE or a reconnection.
var errWouldBlock = errors.New("the request would block")

// errNoConnection is a host's failure when its pool has no open connection.
var errNoConnection = errors.New("no open connection")

// initQuery readies r for q with args (which replace q.Args) — EXECUTE when
// there are args to bind and q allows preparing; prep may be given when
// already known. sc is where frames are encoded (nil: a fresh one).
func (r *request) initQuery(s *Session, ctx context.Context, q *Query, args []any, prep *Prepared, sc *scratch) {
	kind := kindQuery
	if len(args) > 0 && !q.NoPrepare {
		kind = kindExecute
	}
	*r = request{
		s: s, ctx: ctx, kind: kind, q: q, args: args, prep: prep, sc: sc,
		policy:     q.Policy,
		idempotent: q.Idempotent || isSelect(q.Statement),
		timeout:    s.timeout(q),
		reprep:     r.reprep[:0],
	}
	if q.Tracing || q.CustomPayload != nil {
		r.opts = &conn.SendOptions{Tracing: q.Tracing, CustomPayload: q.CustomPayload}
	}
	r.init()
}

func (r *request) init() {
	if r.policy == nil {
		r.policy = r.s.policy
	}
	if r.sc == nil {
		r.sc = new(scratch)
	}
	r.start = time.Now()
}

// run sends attempts and waits for each until the request has its outcome.
func (r *request) run() (*Result, error) {
	for {
		req, err := r.next(true)
		if err != nil {
			return nil, err
		}
		call, err := r.c.Send(r.ctx, req, r.opts)
		if err != nil {
			if r.notSent(err) {
				continue
			}
			return nil, err
		}
		r.began(call.Sent())
		var reply conn.Reply
		if d := r.s.cfg.SpeculativeDelay; d > 0 && r.idempotent {
			reply, err = r.waitSpeculative(call, d)
		} else {
			reply, err = call.WaitTimeout(r.ctx, r.timeout)
		}
		res, err, again := r.settle(reply, err)
		if !again {
			return res, err
		}
	}
}

// began records that an attempt went out.
func (r *request) began(at time.Time) {
	r.sent = at
	r.attempts++
}

// notSent handles an attempt that never reached the wire (the connection
// closed, no stream freed in time): it reports whether to try the next
// host, which is always safe since nothing ran.
func (r *request) notSent(err error) bool {
	if r.ctx.Err() != nil {
		return false
	}
	if errors.Is(err, conn.ErrClosed) {
		r.host.Pool().Evict(r.c)
	}
	r.noteErr(r.host, err)
	return true
}

// next readies the next attempt: the host (the same one after a retry on
// it or a re-prepare there, else the next of the plan that has an open
// connection), then the frame for that connection. With block false it
// returns errWouldBlock rather than wait.
func (r *request) next(block bool) (frame.Request, error) {
	if err := r.route(block); err != nil {
		return nil, err
	}
	for {
		h, c := r.pick(block)
		if h == nil {
			if block && !r.revived && r.attempts == 0 && r.revive() {
				continue
			}
			if !block && r.attempts == 0 {
				return nil, errWouldBlock
			}
			return nil, r.noHost()
		}
		r.host, r.c = h, c
		if r.needsUse(c) {
			if !block {
				return nil, errWouldBlock
			}
			if err := r.s.useOn(r.ctx, c); err != nil {
				if r.ctx.Err() != nil {
					return nil, err
				}
				r.noteErr(h, err)
				continue
			}
		}
		return r.build(c)
	}
}

// pick returns the next host with an open connection, and the connection.
func (r *request) pick(block bool) (*cluster.Host, *conn.Conn) {
	if r.same && r.host != nil {
		r.same = false
		if c := r.host.Pool().Pick(); c != nil {
			return r.host, c
		}
		r.noteErr(r.host, errNoConnection)
	}
	if !r.planned {
		r.plan = r.policy.Plan(r.s.cl.Topology(), &r.ri)
		r.planned = true
	}
	for {
		h := r.plan.Next()
		if h == nil {
			return nil, nil
		}
		if c := h.Pool().Pick(); c != nil {
			return h, c
		}
		r.noteErr(h, errNoConnection)
	}
}

// revive runs when a request finds no host up before its first attempt:
// it asks every host of its plan that is down for a connection at once,
// and reports whether one came up (then the plan starts again). A node
// back from a restart serves the next statement without waiting for its
// reconnection's backoff; with every node still down the request fails
// after one round of dials.
func (r *request) revive() bool {
	r.revived = true
	down := r.plan.Down()
	if len(down) == 0 {
		return false
	}
	up := make(chan bool, len(down))
	for _, h := range down {
		go func() {
			err := h.Pool().ReconnectNow(r.ctx)
			if err != nil {
				r.s.noteRevive(h, err)
			}
			up <- err == nil
		}()
	}
	ok := false
	for range down {
		ok = <-up || ok
	}
	if ok {
		r.planned = false
	}
	return ok
}

// noHost is the error of a request whose plan is spent.
func (r *request) noHost() error {
	if len(r.errs) == 0 {
		errs := make(map[string]error)
		for _, h := range r.plan.Down() {
			if err := h.Pool().LastError(); err != nil {
				errs[h.Addr()] = err
			} else {
				errs[h.Addr()] = errors.New("host is down")
			}
		}
		return &NoHostsError{Errors: errs}
	}
	return &NoHostsError{Errors: r.errs}
}

func (r *request) noteErr(h *cluster.Host, err error) {
	if h == nil {
		return
	}
	if r.errs == nil {
		r.errs = make(map[string]error)
	}
	r.errs[h.Addr()] = err
}

// needsUse reports whether c must USE the session's keyspace first: after
// a USE on another connection, each one catches up before its next request.
func (r *request) needsUse(c *conn.Conn) bool {
	want := r.s.keyspace.Load()
	have := c.Keyspace()
	if have == want {
		return false
	}
	if have == nil {
		return *want != ""
	}
	return *have != *want
}

// settle turns one attempt's outcome (reply or err) into the request's: a
// result, an error, or again — another attempt, whose host next picks.
func (r *request) settle(reply conn.Reply, err error) (res *Result, _ error, again bool) {
	if err == nil {
		res, err = r.s.decode(reply, r.prep)
	}
	r.record(err)
	if err == nil {
		r.finish(res)
		return res, nil, false
	}
	if r.recover(err) {
		return nil, nil, true
	}
	return nil, err, false
}

// record counts the attempt on its host (statements only: a PREPARE is
// the driver's own business) and tells the observer.
func (r *request) record(err error) {
	if r.host == nil {
		return
	}
	d := time.Since(r.sent)
	if r.kind != kindPrepare {
		r.host.Stats().Record(d, err != nil, r.isRetry)
	}
	if o := r.s.cfg.Observer; o != nil {
		o.ObserveRequest(ObservedRequest{
			Host: r.host, Statement: r.statement(), Attempt: r.attempts,
			Speculative: r.spec, Latency: d, Err: err,
		})
	}
}

func (r *request) statement() string {
	switch r.kind {
	case kindPrepare:
		return r.pStm
	case kindBatch:
		if len(r.b.Entries) > 0 {
			return r.b.Entries[0].Statement
		}
		return ""
	}
	return r.q.Statement
}

// recover decides whether a failed attempt leads to another.
func (r *request) recover(err error) bool {
	if r.ctx.Err() != nil {
		return false
	}
	if IsCode(err, frame.CodeUnprepared) && (r.kind == kindExecute || r.kind == kindBatch) {
		// The node did not run it: prepare there and send it again,
		// whatever the statement; on failure, the next host.
		if r.host == nil || r.repreparedOn(r.host) {
			return false
		}
		r.reprep = append(r.reprep, r.host)
		if perr := r.s.reprepare(r.ctx, r); perr != nil {
			r.noteErr(r.host, perr)
			return true
		}
		r.same = true
		return true
	}
	var te *TimeoutError
	if errors.As(err, &te) && r.c != nil {
		r.host.Pool().TimedOut(r.c, r.s.cl.ProbeTimeout())
	}
	switch r.s.retry.Decide(RetryInfo{Err: err, Retries: r.retries, Idempotent: r.idempotent}) {
	case RetrySameHost:
		r.retries++
		r.same, r.isRetry = true, true
		return true
	case RetryNextHost:
		r.retries++
		r.isRetry = true
		r.noteErr(r.host, err)
		return true
	}
	return false
}

func (r *request) repreparedOn(h *cluster.Host) bool {
	for _, x := range r.reprep {
		if x == h {
			return true
		}
	}
	return false
}

// finish completes a result with where and how long, and what the
// statement changed on the connection or the cluster.
func (r *request) finish(res *Result) {
	res.Coordinator = r.c.Addr()
	res.Latency = time.Since(r.start)
	switch res.Kind {
	case KindSetKeyspace:
		r.c.SetKeyspace(r.s.keyspace.Load())
	case KindSchemaChange:
		res.SchemaAgreed = r.s.awaitSchema(r.ctx, r.c)
	}
	if r.kind == kindQuery || r.kind == kindExecute {
		res.query = r.q
		if res.PagingState != nil && !sameArgs(r.args, r.q.Args) {
			res.query = r.q.withArgs(r.args)
		}
	} else {
		res.query = &Query{}
	}
}

// isSelect reports whether stmt is a SELECT, which is idempotent.
func isSelect(stmt string) bool {
	i := 0
	for i < len(stmt) && (stmt[i] == ' ' || stmt[i] == '\t' || stmt[i] == '\n' || stmt[i] == '\r') {
		i++
	}
	if len(stmt)-i < 6 {
		return false
	}
	const sel = "select"
	for j := range 6 {
		if stmt[i+j]|0x20 != sel[j] {
			return false
		}
	}
	return true
}
