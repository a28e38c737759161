package driver

import (
	"context"
	"fmt"
	"sync"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Prepared is a statement prepared on the server: its id and the types of its
// bind markers and result columns.
type Prepared struct {
	Statement string
	Keyspace  string
	// Params describe the bind markers, in order.
	Params []Column
	// PKIndices are the markers that make up the partition key.
	PKIndices []uint16

	mu     sync.Mutex
	id     []byte
	metaID []byte
	result frame.Metadata
}

// Result describes the columns an execution returns.
func (p *Prepared) Result() []Column {
	_, _, m := p.current()
	return m.Columns
}

func (p *Prepared) current() (id, metaID []byte, meta frame.Metadata) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.id, p.metaID, p.result
}

// update records new result metadata the server announced (v5).
func (p *Prepared) update(metaID []byte, m frame.Metadata) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.metaID = append([]byte(nil), metaID...)
	m.PagingState, m.NewMetadataID = nil, nil
	p.result = m
}

// encode encodes args for the bind markers. Unset marks "leave unchanged".
func (p *Prepared) encode(args []any) ([][]byte, []bool, error) {
	var v values
	err := p.encodeInto(&v, args)
	return v.vals, v.unset, err
}

// encodeInto is encode into v's reused storage.
func (p *Prepared) encodeInto(v *values, args []any) error {
	if len(args) != len(p.Params) {
		return fmt.Errorf("statement has %d bind markers but %d arguments were given", len(p.Params), len(args))
	}
	return v.encode(args, func(i int) *cqltype.Type { return p.Params[i].Type }, func(i int) string { return p.Params[i].Name })
}

// unsetValue is the type of Unset.
type unsetValue struct{}

// Unset, as an argument, leaves the column unchanged (protocol v4+): unlike
// nil, it writes no tombstone.
var Unset = unsetValue{}

// values are one request's encoded bound values: each value slices one
// shared buffer. A values reused from request to request (as a fan-out
// does, since the frame is encoded before Conn.Start returns) encodes with
// no allocation once its buffers have grown.
type values struct {
	vals  [][]byte // nil entry: null
	unset []bool   // empty unless an argument is Unset
	buf   []byte
}

// encode encodes each argument with the type typeOf gives, replacing what v
// held. A fresh values allocates twice: the buffer, sized up front, and the
// slice of values; a reused one, not at all once they are big enough.
func (v *values) encode(args []any, typeOf func(int) *cqltype.Type, nameOf func(int) string) error {
	size := 0
	for _, a := range args {
		switch x := a.(type) {
		case string:
			size += len(x)
		case []byte:
			size += len(x)
		default:
			size += 16
		}
	}
	buf := v.buf[:0]
	if buf == nil || cap(buf) < size {
		buf = make([]byte, 0, size)
	}
	if cap(v.vals) < len(args) {
		v.vals = make([][]byte, len(args))
	}
	vals := v.vals[:len(args)]
	v.vals = vals
	v.unset = v.unset[:0]
	hasUnset := false
	// Each value is first recorded as buf[:end], its end offset, since buf
	// may move as it grows; the pass below slices the final buffer.
	for i, a := range args {
		vals[i] = nil
		if _, ok := a.(unsetValue); ok {
			if !hasUnset {
				hasUnset = true
				v.unset = append(v.unset, make([]bool, len(args))...)
			}
			v.unset[i] = true
			continue
		}
		t := typeOf(i)
		var null bool
		var err error
		buf, null, err = cqltype.AppendValue(buf, t, a)
		if err != nil {
			v.buf = buf
			return &ArgumentError{Index: i, Name: nameOf(i), Type: t.String(), Err: err}
		}
		if !null {
			vals[i] = buf[:len(buf)]
		}
	}
	start := 0
	for i, e := range vals {
		if e != nil {
			end := len(e)
			vals[i] = buf[start:end:end]
			start = end
		}
	}
	v.buf = buf
	return nil
}

type prepKey struct{ keyspace, stmt string }

// prepEntry is a cache slot; ready is closed once p or err is set, so
// concurrent callers share one PREPARE.
type prepEntry struct {
	ready chan struct{}
	p     *Prepared
	err   error
}

// Prepare prepares stmt in the current keyspace, or returns the cached
// statement.
func (s *Session) Prepare(ctx context.Context, stmt string) (*Prepared, error) {
	return s.prepare(ctx, stmt, s.Keyspace())
}

func (s *Session) prepare(ctx context.Context, stmt, keyspace string) (*Prepared, error) {
	key := prepKey{keyspace, stmt}
	s.pmu.Lock()
	e := s.prepared[key]
	if e == nil {
		e = &prepEntry{ready: make(chan struct{})}
		s.prepared[key] = e
		s.pmu.Unlock()
		e.p, e.err = s.doPrepare(ctx, stmt, keyspace)
		if e.err != nil {
			s.pmu.Lock()
			delete(s.prepared, key)
			s.pmu.Unlock()
		}
		close(e.ready)
		return e.p, e.err
	}
	s.pmu.Unlock()
	select {
	case <-e.ready:
		return e.p, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// cached returns the prepared statement for stmt in keyspace if the cache
// holds it ready, without waiting and without preparing.
func (s *Session) cached(stmt, keyspace string) *Prepared {
	s.pmu.Lock()
	e := s.prepared[prepKey{keyspace, stmt}]
	s.pmu.Unlock()
	if e == nil {
		return nil
	}
	select {
	case <-e.ready:
		return e.p
	default:
		return nil
	}
}

// forget drops a cached statement so the next use prepares it again.
func (s *Session) forget(stmt, keyspace string) {
	s.pmu.Lock()
	defer s.pmu.Unlock()
	if e := s.prepared[prepKey{keyspace, stmt}]; e != nil {
		select {
		case <-e.ready:
			delete(s.prepared, prepKey{keyspace, stmt})
		default: // a PREPARE is in flight: it is fresh
		}
	}
}

// forgetAll drops every settled cached statement, after a schema change.
func (s *Session) forgetAll() {
	s.pmu.Lock()
	defer s.pmu.Unlock()
	for k, e := range s.prepared {
		select {
		case <-e.ready:
			delete(s.prepared, k)
		default:
		}
	}
}

// doPrepare prepares stmt on a host of the session's plan, then on every
// other host that is up, in parallel, so that requests routed to any
// replica find it (a node that still does not know it answers UNPREPARED,
// and the request prepares it there).
func (s *Session) doPrepare(ctx context.Context, stmt, keyspace string) (*Prepared, error) {
	r := s.prepareRequest(ctx, stmt, keyspace, nil)
	res, err := r.run()
	if err != nil {
		return nil, err
	}
	m := res.prepared
	if m == nil {
		return nil, fmt.Errorf("unexpected reply %v to PREPARE", res.Kind)
	}
	p := &Prepared{
		Statement: stmt,
		Keyspace:  keyspace,
		Params:    m.Params,
		PKIndices: m.PKIndices,
		id:        m.ID,
		metaID:    m.ResultMetadataID,
		result:    m.Result,
	}
	s.prepareElsewhere(ctx, stmt, keyspace, r.host)
	return p, nil
}

// prepareRequest is a PREPARE of stmt, on host when given, else on the
// first host of the session's plan that answers.
func (s *Session) prepareRequest(ctx context.Context, stmt, keyspace string, host *Host) *request {
	r := &request{s: s, ctx: ctx, kind: kindPrepare, pStm: stmt, pKS: keyspace, idempotent: true, timeout: s.cfg.RequestTimeout}
	if host != nil {
		r.policy = AllowList{Addrs: []string{host.Addr()}}
	}
	r.init()
	return r
}

// prepareElsewhere prepares stmt on every host that is up but done, in
// parallel, waiting at most the request timeout; failures are left for
// UNPREPARED to mend.
func (s *Session) prepareElsewhere(ctx context.Context, stmt, keyspace string, done *Host) {
	var wg sync.WaitGroup
	for _, h := range s.cl.Topology().Hosts() {
		if h == done || !h.Up() || h.Pool().Pick() == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = s.prepareOn(ctx, h, stmt, keyspace)
		}()
	}
	wg.Wait()
}

type reprepKey struct {
	host          *Host
	keyspace, stm string
}

// prepareOn prepares stmt on one host; concurrent callers for the same
// host and statement share one PREPARE.
func (s *Session) prepareOn(ctx context.Context, h *Host, stmt, keyspace string) error {
	key := reprepKey{h, keyspace, stmt}
	s.pmu.Lock()
	e := s.reprep[key]
	if e == nil {
		e = &prepEntry{ready: make(chan struct{})}
		s.reprep[key] = e
		s.pmu.Unlock()
		_, e.err = s.prepareRequest(ctx, stmt, keyspace, h).run()
		s.pmu.Lock()
		delete(s.reprep, key)
		s.pmu.Unlock()
		close(e.ready)
		return e.err
	}
	s.pmu.Unlock()
	select {
	case <-e.ready:
		return e.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// reprepare prepares again, on the host that answered UNPREPARED, what r
// executes: its statement, or a batch's prepared entries.
func (s *Session) reprepare(ctx context.Context, r *request) error {
	if r.kind == kindBatch {
		for i, p := range r.bp {
			if p != nil {
				if err := s.prepareOn(ctx, r.host, r.b.Entries[i].Statement, p.Keyspace); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return s.prepareOn(ctx, r.host, r.prep.Statement, r.prep.Keyspace)
}
