package driver

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cluster"
	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Session runs statements against a cluster. It is safe for concurrent use.
type Session struct {
	cfg    Config
	cl     *cluster.Cluster
	policy cluster.Policy
	retry  RetryPolicy

	keyspace atomic.Pointer[string]

	pmu      sync.Mutex
	prepared map[prepKey]*prepEntry
	reprep   map[reprepKey]*prepEntry // PREPAREs in flight on one host

	closed atomic.Bool

	// reqs recycles synchronous requests and their scratch (encoding
	// buffers), so a statement run after statement reuses them.
	reqs sync.Pool
}

// Connect opens a session: it connects to the first contact point that
// answers (negotiating protocol version, compression and authentication),
// discovers the cluster's other nodes and opens a pool to each.
func Connect(ctx context.Context, cfg Config) (*Session, error) {
	cfg = cfg.withDefaults()
	s := &Session{
		cfg:      cfg,
		policy:   cfg.Policy,
		retry:    cfg.RetryPolicy,
		prepared: make(map[prepKey]*prepEntry),
		reprep:   make(map[reprepKey]*prepEntry),
	}
	ks := cfg.Keyspace
	s.keyspace.Store(&ks)
	var auth conn.Authenticator
	if cfg.Username != "" || cfg.Password != "" {
		auth = conn.PasswordAuth{Username: cfg.Username, Password: cfg.Password}
	}
	ccfg := cluster.Config{
		ContactPoints: cfg.addrs(),
		Conn: conn.Config{
			ProtoVersion:      cfg.ProtoVersion,
			CQLVersion:        cfg.CQLVersion,
			Compression:       cfg.Compression,
			TLS:               cfg.TLS,
			Auth:              auth,
			Dial:              cfg.Dial,
			ConnectTimeout:    cfg.ConnectTimeout,
			HeartbeatInterval: cfg.HeartbeatInterval,
			DriverName:        "gocqlsh",
			DriverVersion:     Version,
		},
		PoolSize:     cfg.ConnectionsPerHost,
		LocalDC:      cfg.LocalDC,
		Reconnect:    cfg.Reconnect,
		Setup:        s.setupConn,
		NoDiscovery:  cfg.NoDiscovery,
		OnHost:       cfg.OnHostEvent,
		Logger:       cfg.Logger,
		ProbeTimeout: cfg.ProbeTimeout,
	}
	if fn := cfg.OnSchemaChange; fn != nil {
		ccfg.OnSchemaChange = func(sc *frame.SchemaChange) { fn(sc) }
	}
	cl, err := cluster.Connect(ctx, ccfg)
	if err != nil {
		var nh *cluster.NoHostsError
		if errors.As(err, &nh) && len(nh.Errors) == 1 {
			// One contact point: its own error says it best.
			for _, e := range nh.Errors {
				return nil, e
			}
		}
		return nil, err
	}
	s.cl = cl
	return s, nil
}

// Version is the driver's version, sent to the server at start-up.
const Version = "0.1.0"

// setupConn readies a new connection: it USEs the session's keyspace.
func (s *Session) setupConn(ctx context.Context, c *conn.Conn) error {
	ks := s.keyspace.Load()
	if *ks == "" {
		return nil
	}
	if err := use(ctx, c, *ks); err != nil {
		return err
	}
	c.SetKeyspace(ks)
	return nil
}

// useOn catches connection c up with the session's keyspace.
func (s *Session) useOn(ctx context.Context, c *conn.Conn) error {
	ks := s.keyspace.Load()
	if *ks != "" {
		if t := s.cfg.RequestTimeout; t > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, t)
			defer cancel()
		}
		if err := use(ctx, c, *ks); err != nil {
			return err
		}
	}
	c.SetKeyspace(ks)
	return nil
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

// Close closes every connection; requests in flight fail.
func (s *Session) Close() {
	if s.closed.Swap(true) {
		return
	}
	s.cl.Close()
}

// Keyspace is the keyspace of the last successful USE (or Config.Keyspace).
func (s *Session) Keyspace() string { return *s.keyspace.Load() }

// ProtocolVersion is the negotiated protocol version.
func (s *Session) ProtocolVersion() byte { return s.cl.ProtocolVersion() }

// Host is the address of the contact point the session connected to first.
func (s *Session) Host() string { return s.cl.Contact().Addr() }

// Compression names the compression in use ("" when none).
func (s *Session) Compression() string {
	if c := s.anyConn(); c != nil {
		return c.Compression()
	}
	return ""
}

// anyConn is an open connection, the contact point's if it has one.
func (s *Session) anyConn() *conn.Conn {
	if c := s.cl.Contact().Pool().Pick(); c != nil {
		return c
	}
	for _, h := range s.cl.Topology().Hosts() {
		if c := h.Pool().Pick(); c != nil {
			return c
		}
	}
	return nil
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
	if s.closed.Load() {
		return nil, ErrSessionClosed
	}
	r, _ := s.reqs.Get().(*request)
	if r == nil {
		r = &request{sc: new(scratch)}
	}
	sc := r.sc
	r.initQuery(s, ctx, q, args, nil, sc)
	res, err := r.run()
	// Nothing of the request outlives it but the result, which references
	// the reply, not the scratch; drop what refers to the caller's data.
	if cap(sc.vals.buf) > 1<<20 { // not a huge statement's buffers
		sc = new(scratch)
	}
	*r = request{sc: sc, reprep: r.reprep[:0]}
	s.reqs.Put(r)
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
		res.prepared = m
	default:
		return nil, fmt.Errorf("unexpected reply %v", m.Opcode())
	}
	return res, nil
}

// awaitSchema waits, after DDL, until every node that is up runs the same
// schema version (at most MaxSchemaAgreementWait), and reports whether they
// agreed.
func (s *Session) awaitSchema(ctx context.Context, c *conn.Conn) bool {
	wait := s.cfg.MaxSchemaAgreementWait
	if wait < 0 || s.cl.Control() == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	ok, _ := s.cl.WaitSchemaAgreement(ctx, c)
	return ok
}

// noteRevive logs a host that could not be revived for a request.
func (s *Session) noteRevive(h *cluster.Host, err error) {
	if l := s.cfg.Logger; l != nil {
		l.Debug("driver: host still down", "host", h.Addr(), "err", err)
	}
}

// quoteIdent quotes a keyspace or table name for CQL text when needed.
func quoteIdent(name string) string { return cqltype.QuoteIdentifier(name) }
