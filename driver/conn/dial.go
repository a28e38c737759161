package conn

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/compress"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
)

// Dial opens a connection and runs the start-up exchange: OPTIONS, STARTUP
// (with compression), authentication, and REGISTER when events are wanted.
// With no pinned version it tries v5, then v4, then v3, on a fresh socket
// each time the node refuses one.
func Dial(ctx context.Context, cfg Config) (*Conn, error) {
	timeout := cfg.ConnectTimeout
	if timeout <= 0 {
		timeout = defaultConnectTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	versions := []byte{5, 4, 3}
	if cfg.ProtoVersion != 0 {
		versions = []byte{cfg.ProtoVersion}
	}
	var lastErr error
	for _, v := range versions {
		c, err := dialVersion(ctx, cfg, v)
		if err == nil {
			return c, nil
		}
		lastErr = err
		var pe *frame.Error
		if len(versions) > 1 && errors.As(err, &pe) && pe.Code == frame.CodeProtocolError && mentionsVersion(pe.Message) {
			continue
		}
		var ve *frame.UnsupportedVersionError
		if len(versions) > 1 && errors.As(err, &ve) {
			continue
		}
		break
	}
	return nil, &ConnectError{Addr: cfg.Addr, Err: lastErr}
}

func mentionsVersion(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "version") || strings.Contains(m, "beta")
}

func dialVersion(ctx context.Context, cfg Config, version byte) (*Conn, error) {
	dial := cfg.Dial
	if dial == nil {
		var d net.Dialer
		dial = d.DialContext
	}
	nc, err := dial(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	nc = newRawSocket(nc)
	if cfg.TLS != nil {
		tc := cfg.TLS.Clone()
		if tc.ServerName == "" && !tc.InsecureSkipVerify {
			host, _, _ := net.SplitHostPort(cfg.Addr)
			tc.ServerName = host
		}
		tl := tls.Client(nc, tc)
		if err := tl.HandshakeContext(ctx); err != nil {
			nc.Close()
			return nil, fmt.Errorf("TLS handshake: %w", err)
		}
		nc = tl
	}
	c := &Conn{
		cfg:       cfg,
		nc:        nc,
		version:   version,
		ids:       make(chan int16, cfg.maxStreams()),
		calls:     make([]*Call, cfg.maxStreams()),
		abandoned: &Call{},
		done:      make(chan struct{}),
		kick:      make(chan struct{}, 1),
	}
	for i := 0; i < cfg.maxStreams(); i++ {
		c.ids <- int16(i)
	}
	c.events = newEventQueue()
	src, err := c.startup(ctx)
	if err != nil {
		nc.Close()
		return nil, err
	}
	c.wg.Add(3)
	go c.readLoop(src)
	go c.writeLoop()
	go c.heartbeatLoop()
	c.events.start(cfg.OnEvent, &c.wg)
	if len(cfg.Events) > 0 {
		if _, err := c.expect(ctx, &frame.Register{Events: cfg.Events}, frame.OpReady); err != nil {
			c.Close()
			return nil, fmt.Errorf("REGISTER: %w", err)
		}
	}
	return c, nil
}

// startup runs the exchange that happens before the reader and writer start,
// synchronously. OPTIONS and STARTUP use the legacy framing; on v5 the reply
// to STARTUP switches both directions to segments. It returns the reader
// to read from afterwards.
func (c *Conn) startup(ctx context.Context) (*pullReader, error) {
	if dl, ok := ctx.Deadline(); ok {
		_ = c.nc.SetDeadline(dl)
		defer c.nc.SetDeadline(time.Time{})
	}
	// A cancelled context (another contact point answered first) cuts a
	// start-up that waits on a node which accepted the socket and hangs.
	var mu sync.Mutex
	finished := false
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if !finished {
			_ = c.nc.SetDeadline(time.Unix(1, 0))
		}
	})
	defer func() {
		stop()
		mu.Lock()
		finished = true
		mu.Unlock()
	}()
	legacy := frame.NewDecoder(maxFrameLen)
	lr := &pullReader{r: c.nc, d: legacy}
	h, body, err := c.syncRoundTrip(lr, &frame.Options{})
	if err != nil {
		return nil, err
	}
	m, _, err := frame.DecodeResponse(h, body)
	if err != nil {
		return nil, err
	}
	sup, ok := m.(*frame.Supported)
	if !ok {
		return nil, unexpected("OPTIONS", m)
	}
	c.options = sup.Options

	opts := map[string]string{"CQL_VERSION": "3.0.0"}
	if vs := sup.Options["CQL_VERSION"]; len(vs) > 0 {
		opts["CQL_VERSION"] = vs[0]
	}
	if want := c.cfg.CQLVersion; want != "" {
		if !contains(sup.Options["CQL_VERSION"], want) {
			return nil, fmt.Errorf("cql_version '%s' is not supported by remote (w/ native protocol). Supported versions: %s", want, pyList(sup.Options["CQL_VERSION"]))
		}
		opts["CQL_VERSION"] = want
	}
	if c.cfg.DriverName != "" {
		opts["DRIVER_NAME"] = c.cfg.DriverName
		opts["DRIVER_VERSION"] = c.cfg.DriverVersion
	}
	if name := c.cfg.Compression; name != "" && !(c.version >= 5 && name == compress.NameSnappy) {
		if !contains(sup.Options["COMPRESSION"], name) {
			return nil, fmt.Errorf("the node does not support %s compression (it offers %v)", name, sup.Options["COMPRESSION"])
		}
		opts["COMPRESSION"] = name
	}
	// Compression applies from the reply to STARTUP on (v3/v4 bodies) or
	// from the switch to segments (v5); STARTUP itself is never compressed.
	if name := opts["COMPRESSION"]; name != "" {
		if c.version >= 5 {
			c.lz4Seg = true
		} else if c.comp, err = compress.New(name); err != nil {
			return nil, err
		}
	}
	h, body, err = c.syncRoundTrip(lr, &frame.Startup{Options: opts})
	if err != nil {
		return nil, err
	}
	m, _, err = c.decodeSync(h, body)
	if err != nil {
		return nil, err
	}
	src := lr
	if c.version >= 5 {
		c.modern = true
		sd := segment.NewDecoder(c.lz4Seg, maxFrameLen)
		sd.Feed(legacy.Rest()) // nothing, from a node that keeps the protocol
		src = &pullReader{r: c.nc, d: sd}
		c.segEnc = segment.NewEncoder(c.lz4Seg)
	}
	switch m := m.(type) {
	case *frame.Ready:
		return src, nil
	case *frame.Authenticate:
		return src, c.authenticate(src, m)
	default:
		return nil, unexpected("STARTUP", m)
	}
}

// authenticate runs the SASL exchange over src.
func (c *Conn) authenticate(src *pullReader, a *frame.Authenticate) error {
	if c.cfg.Auth == nil {
		return fmt.Errorf("the node requires authentication (%s) but no credentials were given", a.Authenticator)
	}
	token, err := c.cfg.Auth.Initial(a.Authenticator)
	if err != nil {
		return err
	}
	for {
		h, body, err := c.syncRoundTrip(src, &frame.AuthResponse{Token: token})
		if err != nil {
			return err
		}
		m, _, err := c.decodeSync(h, body)
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case *frame.AuthSuccess:
			return nil
		case *frame.AuthChallenge:
			if token, err = c.cfg.Auth.Challenge(m.Token); err != nil {
				return err
			}
		default:
			return unexpected("AUTH_RESPONSE", m)
		}
	}
}

// syncRoundTrip writes one request on stream 0 and reads its reply, before
// the reader and writer goroutines exist.
func (c *Conn) syncRoundTrip(src *pullReader, req frame.Request) (frame.Header, []byte, error) {
	buf := frame.AppendFrame(nil, c.version, 0, 0, req)
	if c.modern {
		buf = c.segmentFrames(nil, buf)
	} else if c.comp != nil && req.Opcode() != frame.OpStartup {
		c.pending = buf
		if err := c.compressLast(0); err != nil {
			return frame.Header{}, nil, err
		}
		buf, c.pending = c.pending, nil
	}
	if _, err := c.nc.Write(buf); err != nil {
		return frame.Header{}, nil, err
	}
	raw, err := src.ReadFrame()
	if err != nil {
		return frame.Header{}, nil, err
	}
	h, err := frame.ParseHeader(raw)
	if err != nil {
		return frame.Header{}, nil, err
	}
	body, err := c.body(h, raw, nil)
	if err != nil {
		return frame.Header{}, nil, err
	}
	h.Flags &^= frame.FlagCompression
	return h, body, nil
}

// decodeSync decodes a start-up reply and turns an ERROR into a Go error.
func (c *Conn) decodeSync(h frame.Header, body []byte) (frame.Response, frame.Envelope, error) {
	m, env, err := frame.DecodeResponse(h, body)
	if err != nil {
		return nil, env, err
	}
	if e, ok := m.(*frame.Error); ok {
		return nil, env, e
	}
	return m, env, nil
}

// expect sends req through the running connection and checks the reply's
// opcode, turning an ERROR into a Go error.
func (c *Conn) expect(ctx context.Context, req frame.Request, op frame.Opcode) (frame.Response, error) {
	r, err := c.Do(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	m, _, err := c.decodeSync(r.Header, r.Body)
	if err != nil {
		return nil, err
	}
	if r.Header.Opcode != op {
		return nil, unexpected(req.Opcode().String(), m)
	}
	return m, nil
}

func unexpected(what string, m frame.Response) error {
	if e, ok := m.(*frame.Error); ok {
		return e
	}
	return fmt.Errorf("unexpected reply %v to %s", m.Opcode(), what)
}

// pyList renders names the way the node's error texts list them:
// ['a', 'b'].
func pyList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = "'" + s + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
