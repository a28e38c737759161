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

// Batch groups DML statements into one request.
type Batch struct {
	Type              BatchType
	Entries           []BatchEntry
	Consistency       Consistency
	SerialConsistency Consistency
	Timestamp         int64
	Timeout           time.Duration
	Keyspace          string
	Tracing           bool
}

// ExecuteBatch runs b. A batch of conditional statements returns the
// [applied] rows.
func (s *Session) ExecuteBatch(ctx context.Context, b *Batch) (*Result, error) {
	res, err := s.runBatch(ctx, b)
	if IsCode(err, frame.CodeUnprepared) {
		// The node forgot a prepared entry: prepare them again, retry once.
		ks := b.Keyspace
		if ks == "" {
			ks = s.Keyspace()
		}
		for _, e := range b.Entries {
			if len(e.Args) > 0 {
				s.forget(e.Statement, ks)
			}
		}
		res, err = s.runBatch(ctx, b)
	}
	return res, err
}

// runBatch sends one BATCH request for b.
func (s *Session) runBatch(ctx context.Context, b *Batch) (*Result, error) {
	timeout := b.Timeout
	if timeout == 0 {
		timeout = s.cfg.RequestTimeout
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	start := time.Now()
	ctx = conn.WithStart(ctx, start)
	c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	ks := b.Keyspace
	if ks == "" {
		ks = s.Keyspace()
	}
	req := &frame.Batch{
		Type:              b.Type,
		Consistency:       b.Consistency.wire(s.cfg.Consistency),
		SerialConsistency: b.SerialConsistency.wire(s.cfg.SerialConsistency),
	}
	if b.Timestamp != 0 {
		req.DefaultTimestamp, req.HasDefaultTimestamp = b.Timestamp, true
	}
	if c.Version() >= 5 {
		req.Keyspace = b.Keyspace
	}
	for _, e := range b.Entries {
		be := frame.BatchEntry{Query: e.Statement}
		if len(e.Args) > 0 {
			p, err := s.prepare(ctx, e.Statement, ks)
			if err != nil {
				return nil, err
			}
			be.Query = ""
			be.ID, _, _ = p.current()
			if be.Values, be.Unset, err = p.encode(e.Args); err != nil {
				return nil, err
			}
		}
		req.Entries = append(req.Entries, be)
	}
	var opts *conn.SendOptions
	if b.Tracing {
		opts = &conn.SendOptions{Tracing: true}
	}
	reply, err := c.Do(ctx, req, opts)
	if err != nil {
		return nil, err
	}
	res, err := s.decode(reply, nil)
	if err != nil {
		return nil, err
	}
	res.Coordinator = c.Addr()
	res.Latency = time.Since(start)
	res.query = &Query{}
	return res, nil
}
