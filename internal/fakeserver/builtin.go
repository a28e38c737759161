package fakeserver

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"slices"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/compress"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// CQLVersion is the CQL_VERSION the server reports, Cassandra 5.0's.
const CQLVersion = "3.4.7"

// builtin is the default action for req, modelled on what Cassandra answers.
func (c *serverConn) builtin(req *Request) Action {
	switch m := req.Message.(type) {
	case *frame.Options:
		return Reply(c.srv.supported())
	case *frame.Startup:
		return c.startup(req, m)
	case *frame.AuthResponse:
		return c.authResponse(m)
	}
	if !c.established {
		expect := "STARTUP"
		if c.started {
			expect = "SASL response"
		}
		return Fail(frame.CodeProtocolError, fmt.Sprintf("Unexpected message %v, expecting %s", req.Opcode(), expect))
	}
	switch m := req.Message.(type) {
	case *frame.Register:
		c.registered.Store(true)
		return Reply(&frame.Ready{})
	case *frame.Prepare:
		return Reply(c.srv.prepare(m, req.Version()))
	case *frame.Execute:
		if !c.srv.isPrepared(m.ID) {
			return Reply(&frame.Error{
				Code:         frame.CodeUnprepared,
				Message:      fmt.Sprintf("Prepared query with ID %x not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)", m.ID),
				UnpreparedID: bytes.Clone(m.ID),
			})
		}
		return Reply(&frame.Void{})
	case *frame.Query:
		if rows := c.srv.systemRows(m.Statement); rows != nil {
			return Reply(rows)
		}
		return Reply(&frame.Void{})
	default:
		return Reply(&frame.Void{})
	}
}

func (s *Server) isPrepared(id []byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.prepared[string(id)]
	return ok
}

func (s *Server) supported() *frame.Supported {
	versions := make([]string, len(s.cfg.Versions))
	for i, v := range s.cfg.Versions {
		versions[i] = fmt.Sprintf("%d/v%d", v, v)
	}
	return &frame.Supported{Options: map[string][]string{
		"CQL_VERSION":       {CQLVersion},
		"COMPRESSION":       slices.Clone(s.cfg.Compression),
		"PROTOCOL_VERSIONS": versions,
	}}
}

func (c *serverConn) startup(req *Request, m *frame.Startup) Action {
	if c.started {
		return Fail(frame.CodeProtocolError, "Unexpected message STARTUP, the connection is already started")
	}
	if m.Options[frame.StartupCQLVersion] == "" {
		return Fail(frame.CodeProtocolError, "CQL_VERSION is mandatory")
	}
	if name := m.Options[frame.StartupCompression]; name != "" {
		ok := slices.ContainsFunc(c.srv.cfg.Compression, func(s string) bool { return strings.EqualFold(s, name) })
		if !ok || (req.Version() >= 5 && name != compress.NameLZ4) {
			return Fail(frame.CodeProtocolError, "Unknown compression algorithm: "+name)
		}
	}
	if c.srv.cfg.Username != "" {
		return Reply(&frame.Authenticate{Authenticator: PasswordAuthenticator})
	}
	return Reply(&frame.Ready{})
}

// authResponse checks a SASL PLAIN token: [authzid] NUL user NUL password.
func (c *serverConn) authResponse(m *frame.AuthResponse) Action {
	if !c.started || c.established {
		return Fail(frame.CodeProtocolError, "Unexpected message AUTH_RESPONSE")
	}
	cfg := c.srv.cfg
	if cfg.Username == "" {
		return Reply(&frame.AuthSuccess{})
	}
	parts := bytes.Split(m.Token, []byte{0})
	if len(parts) != 3 {
		return Fail(frame.CodeBadCredentials, "Authentication ID must not be null")
	}
	user, pass := string(parts[1]), string(parts[2])
	if user != cfg.Username || pass != cfg.Password {
		return Fail(frame.CodeBadCredentials, fmt.Sprintf("Provided username %s and/or password are incorrect", user))
	}
	return Reply(&frame.AuthSuccess{})
}

// prepare registers a statement under an id derived from its text, as
// Cassandra derives it (MD5 of keyspace and statement). Each "?" in the
// text is a text bind marker (the fake parses no CQL).
func (s *Server) prepare(m *frame.Prepare, version byte) *frame.Prepared {
	sum := md5.Sum([]byte(m.Keyspace + m.Statement))
	id := sum[:]
	s.mu.Lock()
	s.prepared[string(id)] = m.Statement
	s.mu.Unlock()
	p := &frame.Prepared{ID: id, Result: frame.Metadata{Flags: frame.FlagNoMetadata}}
	for i := range strings.Count(m.Statement, "?") {
		p.Params = append(p.Params, frame.ColumnSpec{Keyspace: "ks", Table: "t", Name: fmt.Sprintf("p%d", i), Type: &cqltype.Type{Kind: cqltype.Varchar}})
	}
	if len(p.Params) > 0 && version >= 4 {
		p.PKIndices = []uint16{0} // the first marker is the partition key
	}
	if version >= 5 {
		meta := md5.Sum(id)
		p.ResultMetadataID = meta[:]
	}
	return p
}
