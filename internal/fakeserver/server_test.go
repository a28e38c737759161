package fakeserver

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
)

// rawClient speaks frames to the server by hand.
type rawClient struct {
	t       *testing.T
	nc      net.Conn
	br      *bufio.Reader
	version byte
	seg     *segment.Reader
}

func dialRaw(t *testing.T, s *Server, version byte) *rawClient {
	t.Helper()
	nc, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(5 * time.Second))
	return &rawClient{t: t, nc: nc, br: bufio.NewReader(nc), version: version}
}

func (c *rawClient) send(stream int16, m frame.Message) {
	c.t.Helper()
	b := frame.AppendFrame(nil, c.version, 0, stream, m)
	if c.seg != nil {
		b = segment.AppendFrames(nil, b, false)
	}
	if _, err := c.nc.Write(b); err != nil {
		c.t.Fatal(err)
	}
}

func (c *rawClient) recv() (frame.Header, frame.Response, error) {
	var raw []byte
	if c.seg != nil {
		f, err := c.seg.ReadFrame()
		if err != nil {
			return frame.Header{}, nil, err
		}
		raw = f
	} else {
		hdr := make([]byte, frame.HeaderLen)
		if _, err := io.ReadFull(c.br, hdr); err != nil {
			return frame.Header{}, nil, err
		}
		h, err := frame.ParseHeader(hdr)
		if err != nil {
			return h, nil, err
		}
		raw = append(hdr, make([]byte, h.Length)...)
		if _, err := io.ReadFull(c.br, raw[frame.HeaderLen:]); err != nil {
			return h, nil, err
		}
	}
	h, err := frame.ParseHeader(raw)
	if err != nil {
		return h, nil, err
	}
	m, _, err := frame.DecodeResponse(h, raw[frame.HeaderLen:])
	return h, m, err
}

func (c *rawClient) mustRecv() (frame.Header, frame.Response) {
	c.t.Helper()
	h, m, err := c.recv()
	if err != nil {
		c.t.Fatal(err)
	}
	return h, m
}

// start runs OPTIONS and STARTUP and switches to segments on v5.
func (c *rawClient) start() {
	c.t.Helper()
	c.send(0, &frame.Options{})
	if _, m := c.mustRecv(); m.Opcode() != frame.OpSupported {
		c.t.Fatalf("OPTIONS got %v", m.Opcode())
	}
	c.send(0, &frame.Startup{Options: map[string]string{"CQL_VERSION": "3.0.0"}})
	if _, m := c.mustRecv(); m.Opcode() != frame.OpReady {
		c.t.Fatalf("STARTUP got %#v", m)
	}
	if c.version >= 5 {
		c.seg = segment.NewReader(c.br, false, 0)
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestRefusedVersionAnswersLikeCassandra(t *testing.T) {
	LeakCheck(t)
	s := Start(t, Config{Versions: []byte{3, 4}})
	for _, v := range []byte{5, 2, 0x42} {
		c := dialRaw(t, s, v)
		c.send(7, &frame.Options{})
		h, m := c.mustRecv()
		e, ok := m.(*frame.Error)
		if !ok || e.Code != frame.CodeProtocolError {
			t.Fatalf("v%d: got %#v", v, m)
		}
		if h.Version != 0x84 || h.Stream != 7 {
			t.Errorf("v%d: header %+v, want version 0x84 stream 7", v, h)
		}
		want := "Invalid or unsupported protocol version (" + strconv.Itoa(int(v)) + "); supported versions are (3/v3, 4/v4)"
		if e.Message != want {
			t.Errorf("v%d: message %q, want %q", v, e.Message, want)
		}
		if _, _, err := c.recv(); !errors.Is(err, io.EOF) {
			t.Errorf("v%d: connection still open after the refusal: %v", v, err)
		}
	}
}

func TestBuiltinHandshakeAndRequests(t *testing.T) {
	for _, v := range []byte{3, 4, 5} {
		t.Run("v"+strconv.Itoa(int(v)), func(t *testing.T) {
			LeakCheck(t)
			s := Start(t, Config{})
			c := dialRaw(t, s, v)
			c.send(1, &frame.Query{Statement: "SELECT 1"})
			if _, m := c.mustRecv(); !isError(m, frame.CodeProtocolError, "Unexpected message QUERY") {
				t.Errorf("QUERY before STARTUP got %#v", m)
			}
			c.start()
			c.send(3, &frame.Register{Events: []string{frame.EventSchemaChange}})
			if h, m := c.mustRecv(); m.Opcode() != frame.OpReady || h.Stream != 3 {
				t.Errorf("REGISTER got %v on %d", m.Opcode(), h.Stream)
			}
			c.send(4, &frame.Query{Statement: "SELECT 1"})
			if _, m := c.mustRecv(); m.Opcode() != frame.OpResult {
				t.Errorf("QUERY got %v", m.Opcode())
			}
			c.send(5, &frame.Prepare{Statement: "SELECT x FROM t"})
			_, m := c.mustRecv()
			p, ok := m.(*frame.Prepared)
			if !ok || len(p.ID) != 16 || (v >= 5) != (p.ResultMetadataID != nil) {
				t.Fatalf("PREPARE got %#v", m)
			}
			// The decoded ids reference the reader's buffer.
			p = &frame.Prepared{ID: bytes.Clone(p.ID), ResultMetadataID: bytes.Clone(p.ResultMetadataID)}
			c.send(6, &frame.Execute{ID: p.ID, ResultMetadataID: p.ResultMetadataID})
			if _, m := c.mustRecv(); m.Opcode() != frame.OpResult {
				t.Errorf("EXECUTE got %#v", m)
			}
			s.Forget()
			c.send(7, &frame.Execute{ID: p.ID, ResultMetadataID: p.ResultMetadataID})
			_, m = c.mustRecv()
			if e, ok := m.(*frame.Error); !ok || e.Code != frame.CodeUnprepared || string(e.UnpreparedID) != string(p.ID) {
				t.Errorf("EXECUTE after Forget got %#v", m)
			}
			if n := s.Push(&frame.Event{Type: frame.EventSchemaChange, Schema: frame.SchemaChange{Change: "CREATED", Target: frame.TargetKeyspace, Keyspace: "ks"}}); n != 1 {
				t.Errorf("Push reached %d connections, want 1", n)
			}
			if h, m := c.mustRecv(); m.Opcode() != frame.OpEvent || h.Stream != -1 {
				t.Errorf("push got %v on %d", m.Opcode(), h.Stream)
			}
			st := s.Stats()
			if st.Count(frame.OpExecute) != 2 || st.Count(frame.OpQuery) != 2 || st.Total != 8 || st.Outstanding != 0 || st.Conns != 1 {
				t.Errorf("stats %v", st)
			}
		})
	}
}

func isError(m frame.Response, code frame.ErrorCode, prefix string) bool {
	e, ok := m.(*frame.Error)
	return ok && e.Code == code && strings.HasPrefix(e.Message, prefix)
}

func TestAuthentication(t *testing.T) {
	LeakCheck(t)
	s := Start(t, Config{Username: "cassandra", Password: "secret"})
	tests := []struct {
		token []byte
		want  frame.Opcode
		msg   string
	}{
		{[]byte("\x00cassandra\x00secret"), frame.OpAuthSuccess, ""},
		{[]byte("\x00cassandra\x00wrong"), frame.OpError, "Provided username cassandra and/or password are incorrect"},
		{[]byte("\x00bob\x00secret"), frame.OpError, "Provided username bob and/or password are incorrect"},
		{[]byte("garbage"), frame.OpError, "Authentication ID must not be null"},
	}
	for _, v := range []byte{4, 5} {
		for _, tt := range tests {
			c := dialRaw(t, s, v)
			c.send(0, &frame.Startup{Options: map[string]string{"CQL_VERSION": "3.0.0"}})
			_, m := c.mustRecv()
			if a, ok := m.(*frame.Authenticate); !ok || a.Authenticator != PasswordAuthenticator {
				t.Fatalf("v%d: STARTUP got %#v", v, m)
			}
			if v >= 5 {
				c.seg = segment.NewReader(c.br, false, 0)
			}
			c.send(0, &frame.AuthResponse{Token: tt.token})
			_, m = c.mustRecv()
			if m.Opcode() != tt.want || (tt.msg != "" && !isError(m, frame.CodeBadCredentials, tt.msg)) {
				t.Errorf("v%d %q: got %#v", v, tt.token, m)
			}
		}
	}
}

func TestActions(t *testing.T) {
	LeakCheck(t)
	s := Start(t, Config{Handler: func(r *Request) Action {
		switch r.Statement {
		case "hold":
			return Reply(&frame.Void{}).Hold()
		case "late":
			return Default().After(30 * time.Millisecond)
		case "elsewhere":
			return Reply(&frame.Void{}).ToStream(99)
		case "never":
			return NoReply()
		case "warn":
			return ReplyEnvelope(frame.Envelope{Warnings: []string{"careful"}, TracingID: make([]byte, 16)}, &frame.Void{})
		case "close":
			return CloseConn()
		}
		return Default()
	}})
	c := dialRaw(t, s, 4)
	c.start()
	ctx := ctxT(t)

	c.send(1, &frame.Query{Statement: "hold"})
	c.send(2, &frame.Query{Statement: "late"})
	c.send(3, &frame.Query{Statement: "never"})
	if err := s.WaitFor(ctx, func(st Stats) bool { return st.Held == 1 && st.Count(frame.OpQuery) == 3 }); err != nil {
		t.Fatal(err)
	}
	if h, _ := c.mustRecv(); h.Stream != 2 {
		t.Fatalf("first reply on stream %d, want the delayed 2", h.Stream)
	}
	if st := s.Stats(); st.Outstanding != 2 || st.MaxOutstanding != 3 {
		t.Errorf("stats %v, want 2 outstanding, max 3", st)
	}
	if n := s.Release(5); n != 1 {
		t.Errorf("Release released %d, want 1", n)
	}
	if h, _ := c.mustRecv(); h.Stream != 1 {
		t.Errorf("released reply on stream %d, want 1", h.Stream)
	}
	c.send(4, &frame.Query{Statement: "elsewhere"})
	if h, _ := c.mustRecv(); h.Stream != 99 {
		t.Errorf("redirected reply on stream %d, want 99", h.Stream)
	}
	c.send(5, &frame.Query{Statement: "warn"})
	h, _ := c.mustRecv()
	if h.Flags&(frame.FlagWarning|frame.FlagTracing) != frame.FlagWarning|frame.FlagTracing {
		t.Errorf("envelope flags %#x", h.Flags)
	}
	c.send(6, &frame.Query{Statement: "close"})
	if _, _, err := c.recv(); err == nil {
		t.Error("connection still open after CloseConn")
	}
	if err := s.WaitFor(ctx, func(st Stats) bool { return st.Open == 0 && st.Outstanding == 0 }); err != nil {
		t.Error(err)
	}
}

func TestRawActions(t *testing.T) {
	for _, v := range []byte{4, 5} {
		LeakCheck(t)
		junk := []byte{0xde, 0xad, 0xbe, 0xef}
		bogus := frame.AppendFrame(nil, 0x87, 0, 1, &frame.Void{})
		s := Start(t, Config{Handler: func(r *Request) Action {
			switch r.Statement {
			case "raw":
				return Raw(junk)
			case "frame":
				return RawFrame(bogus)
			}
			return Default()
		}})
		c := dialRaw(t, s, v)
		c.start()
		c.send(1, &frame.Query{Statement: "frame"})
		var got []byte
		if v >= 5 {
			f, err := c.seg.ReadFrame()
			if err != nil {
				t.Fatal(err)
			}
			got = f
		} else {
			got = make([]byte, len(bogus))
			io.ReadFull(c.br, got)
		}
		if string(got) != string(bogus) {
			t.Errorf("v%d: RawFrame delivered %x, want %x", v, got, bogus)
		}
		c.send(2, &frame.Query{Statement: "raw"})
		got = make([]byte, len(junk))
		if _, err := io.ReadFull(c.br, got); err != nil || string(got) != string(junk) {
			t.Errorf("v%d: Raw delivered %x (%v)", v, got, err)
		}
		s.Close()
	}
}

func TestMalformedRequestGetsProtocolError(t *testing.T) {
	LeakCheck(t)
	s := Start(t, Config{})
	c := dialRaw(t, s, 4)
	c.start()
	// A QUERY whose [long string] claims more bytes than the body has.
	b := frame.AppendHeader(nil, frame.Header{Version: 4, Stream: 9, Opcode: frame.OpQuery, Length: 4})
	b = append(b, 0, 0, 1, 0)
	c.nc.Write(b)
	h, m := c.mustRecv()
	if h.Stream != 9 || !isError(m, frame.CodeProtocolError, "Invalid QUERY message") {
		t.Errorf("got %#v on %d", m, h.Stream)
	}
	if s.Count(frame.OpQuery) != 1 {
		t.Errorf("malformed QUERY not counted: %v", s.Stats())
	}
}

func TestCloseStopsEverything(t *testing.T) {
	LeakCheck(t)
	s, err := New(Config{Handler: func(r *Request) Action {
		switch r.Statement {
		case "hold":
			return Default().Hold()
		case "late":
			return Default().After(time.Hour)
		case "never":
			return NoReply()
		}
		return Default()
	}})
	if err != nil {
		t.Fatal(err)
	}
	var clients []*rawClient
	for i := 0; i < 3; i++ {
		c := dialRaw(t, s, 5)
		c.start()
		c.send(1, &frame.Query{Statement: "hold"})
		c.send(2, &frame.Query{Statement: "late"})
		c.send(3, &frame.Query{Statement: "never"})
		clients = append(clients, c)
	}
	if err := s.WaitCount(ctxT(t), frame.OpQuery, 9); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return")
	}
	for _, c := range clients {
		if _, _, err := c.recv(); err == nil {
			t.Error("a client connection survived Close")
		}
	}
	if st := s.Stats(); st.Open != 0 || st.Held != 0 || st.Outstanding != 0 {
		t.Errorf("stats after Close: %v", st)
	}
	if s.Release(1) != 0 {
		t.Error("Release after Close released something")
	}
	s.Close() // idempotent
}
