package driver

import (
	"context"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// BatchType is LOGGED, UNLOGGED or COUNTER.
type BatchType = frame.BatchType

// Batch kinds.
const (
	LoggedBatch   = frame.BatchLogged
	UnloggedBatch = frame.BatchUnlogged
	CounterBatch  = frame.BatchCounter
)

// BatchEntry is one statement of a batch; with Args it is prepared.
type BatchEntry struct {
	Statement string
	Args      []any
}

// Batch groups DML statements into one request. It is routed by the
// partition key of its first entry with arguments.
type Batch struct {
	Type              BatchType
	Entries           []BatchEntry
	Consistency       Consistency
	SerialConsistency Consistency
	Timestamp         int64
	Timeout           time.Duration
	Keyspace          string
	Tracing           bool
	// Idempotent marks a batch safe to send twice (see Query.Idempotent).
	Idempotent bool
	// Policy orders the hosts for this batch instead of the session's.
	Policy HostSelectionPolicy
}

// ExecuteBatch runs b. A batch of conditional statements returns the
// [applied] rows.
func (s *Session) ExecuteBatch(ctx context.Context, b *Batch) (*Result, error) {
	if s.closed.Load() {
		return nil, ErrSessionClosed
	}
	r := request{s: s, ctx: ctx, kind: kindBatch, b: b, policy: b.Policy, idempotent: b.Idempotent, timeout: b.Timeout}
	if r.timeout == 0 {
		r.timeout = s.cfg.RequestTimeout
	}
	if b.Tracing {
		r.opts = &conn.SendOptions{Tracing: true}
	}
	r.init()
	return r.run()
}

func (r *request) batchKeyspace() string {
	if r.b.Keyspace != "" {
		return r.b.Keyspace
	}
	return r.s.Keyspace()
}

// prepareBatch prepares the entries that bind arguments, and routes the
// batch by the first one's partition key.
func (r *request) prepareBatch() error {
	ks := r.batchKeyspace()
	r.bp = make([]*Prepared, len(r.b.Entries))
	var last *Prepared // entries often repeat one statement: look it up once
	for i, e := range r.b.Entries {
		if len(e.Args) == 0 {
			continue
		}
		p := last
		if p == nil || p.Statement != e.Statement {
			var err error
			if p, err = r.s.prepare(r.ctx, e.Statement, ks); err != nil {
				return err
			}
			last = p
		}
		r.bp[i] = p
		if !r.ri.HasToken {
			if err := p.encodeInto(&r.sc.vals, e.Args); err != nil {
				return err
			}
			r.ri = p.routing(r.sc.vals.vals, &r.sc.rk)
		}
	}
	return nil
}

// buildBatch encodes the BATCH for connection c.
func (r *request) buildBatch(c *conn.Conn) (frame.Request, error) {
	b := r.b
	req := &r.sc.batch
	*req = frame.Batch{
		Type:              b.Type,
		Consistency:       b.Consistency.wire(r.s.cfg.Consistency),
		SerialConsistency: b.SerialConsistency.wire(r.s.cfg.SerialConsistency),
		Entries:           req.Entries[:0],
	}
	if b.Timestamp != 0 {
		req.DefaultTimestamp, req.HasDefaultTimestamp = b.Timestamp, true
	}
	if c.Version() >= 5 {
		req.Keyspace = b.Keyspace
	}
	for i, e := range b.Entries {
		be := frame.BatchEntry{Query: e.Statement}
		if p := r.bp[i]; p != nil {
			be.Query = ""
			be.ID, _, _ = p.current()
			var err error
			if be.Values, be.Unset, err = p.encode(e.Args); err != nil {
				return nil, err
			}
		}
		req.Entries = append(req.Entries, be)
	}
	return req, nil
}
