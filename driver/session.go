package driver

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Session runs statements against a cluster. It is safe for concurrent use.
type Session struct {
	cfg   Config
	hosts []*host
	next  atomic.Uint32 // preferred host index

	keyspace atomic.Pointer[string]

	pmu      sync.Mutex
	prepared map[prepKey]*prepEntry

	closed atomic.Bool
}

// Connect opens a session: it connects to the first contact point that
// answers, negotiating protocol version, compression and authentication.
func Connect(ctx context.Context, cfg Config) (*Session, error) {
	cfg = cfg.withDefaults()
	if len(cfg.Hosts) == 0 {
		cfg.Hosts = []string{"127.0.0.1"}
	}
	s := &Session{cfg: cfg, prepared: make(map[prepKey]*prepEntry)}
	ks := cfg.Keyspace
	s.keyspace.Store(&ks)
	var auth conn.Authenticator
	if cfg.Username != "" || cfg.Password != "" {
		auth = conn.PasswordAuth{Username: cfg.Username, Password: cfg.Password}
	}
	var events []string
	var onEvent func(*frame.Event)
	if fn := cfg.OnSchemaChange; fn != nil {
		events = []string{"SCHEMA_CHANGE"}
		onEvent = func(ev *frame.Event) {
			if ev.Type == "SCHEMA_CHANGE" {
				sc := ev.Schema
				fn(&sc)
			}
		}
	}
	for _, addr := range cfg.addrs() {
		s.hosts = append(s.hosts, &host{
			addr: addr,
			cfg: conn.Config{
				Addr:              addr,
				ProtoVersion:      cfg.ProtoVersion,
				CQLVersion:        cfg.CQLVersion,
				Compression:       cfg.Compression,
				TLS:               cfg.TLS,
				Auth:              auth,
				Dial:              cfg.Dial,
				ConnectTimeout:    cfg.ConnectTimeout,
				HeartbeatInterval: cfg.HeartbeatInterval,
				Events:            events,
				OnEvent:           onEvent,
				DriverName:        "gocqlsh",
				DriverVersion:     Version,
			},
			keyspace: s.Keyspace,
		})
	}
	if _, err := s.conn(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Version is the driver's version, sent to the server at start-up.
const Version = "0.1.0"

// Close closes every connection; requests in flight fail.
func (s *Session) Close() {
	if s.closed.Swap(true) {
		return
	}
	for _, h := range s.hosts {
		h.close()
	}
}

// Keyspace is the keyspace of the last successful USE (or Config.Keyspace).
func (s *Session) Keyspace() string { return *s.keyspace.Load() }

// ProtocolVersion is the negotiated protocol version of the connection in
// use (0 when none is open).
func (s *Session) ProtocolVersion() byte {
	if c := s.current(); c != nil {
		return c.Version()
	}
	return 0
}

// Host is the address of the node requests go to.
func (s *Session) Host() string {
	return s.hosts[int(s.next.Load())%len(s.hosts)].addr
}

// Compression names the compression in use ("" when none).
func (s *Session) Compression() string {
	if c := s.current(); c != nil {
		return c.Compression()
	}
	return ""
}

func (s *Session) current() *conn.Conn {
	return s.hosts[int(s.next.Load())%len(s.hosts)].current()
}

// conn returns a connection, trying the preferred host first and the others
// in turn when it cannot be reached.
func (s *Session) conn(ctx context.Context) (*conn.Conn, error) {
	if s.closed.Load() {
		return nil, ErrSessionClosed
	}
	start := int(s.next.Load())
	var errs map[string]error
	for i := range s.hosts {
		idx := (start + i) % len(s.hosts)
		h := s.hosts[idx]
		c, err := h.get(ctx)
		if err == nil {
			if i != 0 {
				s.next.Store(uint32(idx))
			}
			return c, nil
		}
		if errs == nil {
			errs = make(map[string]error)
		}
		errs[h.addr] = err
		if ctx.Err() != nil {
			break
		}
	}
	if len(errs) == 1 {
		for _, err := range errs {
			var ce *conn.ConnectError
			if errors.As(err, &ce) {
				return nil, err
			}
		}
	}
	return nil, &NoHostsError{Errors: errs}
}

// Execute runs stmt with args and waits for its first page.
func (s *Session) Execute(ctx context.Context, stmt string, args ...any) (*Result, error) {
	return s.ExecuteQuery(ctx, &Query{Statement: stmt, Args: args})
}

// ExecuteQuery runs q and waits for its first page.
func (s *Session) ExecuteQuery(ctx context.Context, q *Query) (*Result, error) {
	return s.execute(ctx, q, q.Args)
}

// execute runs q with args (which replace q.Args), so that fan-outs need
// not copy the Query per tuple.
func (s *Session) execute(ctx context.Context, q *Query, args []any) (*Result, error) {
	res, err := s.run(ctx, q, args)
	if err != nil && IsCode(err, frame.CodeUnprepared) && len(args) > 0 && !q.NoPrepare {
		// The node forgot the statement (restart, eviction, table
		// re-created): prepare again and retry once.
		s.forget(q.Statement, s.stmtKeyspace(q))
		res, err = s.run(ctx, q, args)
	}
	return res, err
}

func (s *Session) stmtKeyspace(q *Query) string {
	if q.Keyspace != "" {
		return q.Keyspace
	}
	return s.Keyspace()
}

func (s *Session) timeout(q *Query) time.Duration {
	if q.Timeout != 0 {
		return q.Timeout
	}
	return s.cfg.RequestTimeout
}

// run sends one request for q and decodes its reply.
func (s *Session) run(ctx context.Context, q *Query, args []any) (*Result, error) {
	timeout := s.timeout(q)
	start := time.Now()
	c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	req, prep, err := s.request(ctx, c, q, args, nil)
	if err != nil {
		return nil, err
	}
	var opts *conn.SendOptions
	if q.Tracing || q.CustomPayload != nil {
		opts = &conn.SendOptions{Tracing: q.Tracing, CustomPayload: q.CustomPayload}
	}
	call, err := c.Send(ctx, req, opts)
	if err != nil {
		return nil, err
	}
	reply, err := call.WaitTimeout(ctx, timeout)
	if err != nil {
		return nil, err
	}
	res, err := s.decode(reply, prep)
	if err != nil {
		return nil, err
	}
	res.Coordinator = c.Addr()
	res.Latency = time.Since(start)
	res.query = q
	if res.PagingState != nil && !sameArgs(args, q.Args) {
		res.query = q.withArgs(args)
	}
	return res, nil
}

func sameArgs(a, b []any) bool { return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0]) }

// params fills the options every QUERY and EXECUTE carry.
func (s *Session) params(q *Query, version byte) frame.QueryParams {
	p := frame.QueryParams{
		Consistency:       q.Consistency.wire(s.cfg.Consistency),
		SerialConsistency: q.SerialConsistency.wire(s.cfg.SerialConsistency),
		PagingState:       q.PagingState,
	}
	switch ps := q.PageSize; {
	case ps > 0:
		p.PageSize = int32(ps)
	case ps == 0 && s.cfg.PageSize > 0:
		p.PageSize = int32(s.cfg.PageSize)
	default:
		p.PageSize = -1
	}
	if q.Timestamp != 0 {
		p.DefaultTimestamp, p.HasDefaultTimestamp = q.Timestamp, true
	}
	if version >= 5 {
		p.Keyspace = q.Keyspace
	}
	return p
}

// scratch holds what one request is encoded from. A fan-out reuses one for
// every request it sends, since Conn.Start encodes the frame before it
// returns; a lone request uses a fresh one.
type scratch struct {
	query frame.Query
	exec  frame.Execute
	vals  values
}

// request builds the QUERY or EXECUTE for q in sc; for EXECUTE it also
// returns the prepared statement, whose result metadata decodes the reply.
func (s *Session) request(ctx context.Context, c *conn.Conn, q *Query, args []any, sc *scratch) (frame.Request, *Prepared, error) {
	if sc == nil {
		sc = new(scratch)
	}
	p := s.params(q, c.Version())
	if len(args) == 0 {
		sc.query = frame.Query{Statement: q.Statement, Params: p}
		return &sc.query, nil, nil
	}
	if q.NoPrepare {
		vals, unset, err := encodeInferred(args)
		if err != nil {
			return nil, nil, err
		}
		p.Values, p.Unset = vals, unset
		sc.query = frame.Query{Statement: q.Statement, Params: p}
		return &sc.query, nil, nil
	}
	prep, err := s.prepare(ctx, q.Statement, s.stmtKeyspace(q))
	if err != nil {
		return nil, nil, err
	}
	req, err := s.execRequest(c, q, args, sc, prep, p)
	return req, prep, err
}

// execRequest builds the EXECUTE of prep with args in sc, on the params p.
func (s *Session) execRequest(c *conn.Conn, q *Query, args []any, sc *scratch, prep *Prepared, p frame.QueryParams) (frame.Request, error) {
	if err := prep.encodeInto(&sc.vals, args); err != nil {
		return nil, err
	}
	p.Values, p.Unset = sc.vals.vals, sc.vals.unset
	id, metaID, meta := prep.current()
	// Skipping metadata is safe only where the result metadata id guards it
	// (v5): on v4 an ALTER TABLE would silently change the row shape.
	p.SkipMetadata = c.Version() >= 5 && meta.NumColumns() > 0
	sc.exec = frame.Execute{ID: id, ResultMetadataID: metaID, Params: p}
	return &sc.exec, nil
}

// decode turns a reply into a Result, or a server ERROR into an *Error.
func (s *Session) decode(reply conn.Reply, prep *Prepared) (*Result, error) {
	var fallback *frame.Metadata
	if prep != nil {
		_, _, meta := prep.current()
		fallback = &meta
	}
	m, env, err := frame.DecodeResponseInto(reply.Header, reply.Body, nil, fallback)
	if err != nil {
		return nil, &conn.ProtocolError{Err: err}
	}
	res := &Result{Warnings: env.Warnings, TracingID: env.TracingID, CustomPayload: env.CustomPayload, session: s}
	switch m := m.(type) {
	case *frame.Error:
		return nil, m
	case *frame.Void:
		res.Kind = KindVoid
	case *frame.Rows:
		res.Kind = KindRows
		res.rows = m
		res.Columns = m.Columns
		res.PagingState = m.PagingState
		if prep != nil && m.NewMetadataID != nil {
			prep.update(m.NewMetadataID, m.Metadata)
		}
	case *frame.SetKeyspace:
		res.Kind = KindSetKeyspace
		res.Keyspace = m.Keyspace
		ks := m.Keyspace
		s.keyspace.Store(&ks)
	case *frame.SchemaChange:
		res.Kind = KindSchemaChange
		res.SchemaChange = m
		// Cached bind-marker types may be stale now: a table re-created
		// with other column types would otherwise fail to encode.
		s.forgetAll()
	case *frame.Prepared:
		res.Kind = KindPrepared
	default:
		return nil, fmt.Errorf("unexpected reply %v", m.Opcode())
	}
	return res, nil
}

// quoteIdent quotes a keyspace or table name for CQL text when needed.
func quoteIdent(name string) string { return cqltype.QuoteIdentifier(name) }
