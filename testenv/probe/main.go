// Command probe checks whether a CQL node is ready: it sends OPTIONS and waits
// for SUPPORTED, optionally logs in and reads release_version. With -ring it
// checks that the nodes of one cluster all know each other's current state.
// The node launcher uses it for readiness, so it depends on nothing but the
// standard library and speaks just enough protocol v4 for that.
package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

const (
	opError        = 0x00
	opStartup      = 0x01
	opReady        = 0x02
	opAuthenticate = 0x03
	opOptions      = 0x05
	opSupported    = 0x06
	opQuery        = 0x07
	opResult       = 0x08
	opAuthResponse = 0x0F
	opAuthSuccess  = 0x10
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9042", "node address")
	wait := flag.Duration("wait", 0, "keep retrying until this much time has passed")
	user := flag.String("user", "", "log in with this user (PasswordAuthenticator)")
	pass := flag.String("pass", "", "password for -user")
	caFile := flag.String("tls-ca", "", "connect with TLS, trusting this PEM certificate")
	version := flag.Bool("version", false, "log in and print release_version")
	ring := flag.String("ring", "", "comma-separated host:port of a cluster's nodes: wait until each one's gossip holds every node's current generation and heartbeat (the nodes see each other up) and one schema version")
	flag.Parse()

	attempt := func() (string, error) {
		return probe(*addr, *caFile, *user, *pass, *version || *user != "")
	}
	if *ring != "" {
		w := newRingWait(strings.Split(*ring, ","), *caFile, *user, *pass)
		attempt = w.check
	}
	deadline := time.Now().Add(*wait)
	for {
		v, err := attempt()
		if err == nil {
			if *version {
				fmt.Println(v)
			}
			return
		}
		if time.Now().After(deadline) {
			target := *addr
			if *ring != "" {
				target = *ring
			}
			fmt.Fprintf(os.Stderr, "probe %s: %v\n", target, err)
			os.Exit(1)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// probe runs one attempt; with login it also starts the connection and reads
// release_version from system.local.
func probe(addr, caFile, user, pass string, login bool) (string, error) {
	c, err := dial(addr, caFile)
	if err != nil {
		return "", err
	}
	defer c.Close()
	if !login {
		return "", nil
	}
	if err := c.startup(user, pass); err != nil {
		return "", err
	}
	rows, err := c.query("SELECT release_version FROM system.local")
	if err != nil {
		return "", err
	}
	if len(rows) != 1 || len(rows[0]) != 1 {
		return "", errors.New("unexpected result shape")
	}
	return string(rows[0][0]), nil
}

// ringWait checks a cluster's gossip. The first time it reads each node's
// own generation and heartbeat; a check passes once every node's view of
// every node has reached them, so each node has heard from each other one
// since the check began, and has marked it up, and all nodes agree on the
// schema.
type ringWait struct {
	addrs             []string
	caFile, user, pss string
	own               map[string]gossipState // node host -> its own state when first read
}

type gossipState struct {
	generation, heartbeat int32
	rpcReady              bool
	schema                string
}

func (s gossipState) notBefore(o gossipState) bool {
	return s.generation > o.generation || s.generation == o.generation && s.heartbeat >= o.heartbeat
}

func newRingWait(addrs []string, caFile, user, pass string) *ringWait {
	return &ringWait{addrs: addrs, caFile: caFile, user: user, pss: pass, own: map[string]gossipState{}}
}

func (w *ringWait) check() (string, error) {
	views := map[string]map[string]gossipState{}
	for _, a := range w.addrs {
		v, err := w.gossip(a)
		if err != nil {
			return "", fmt.Errorf("%s: %w", a, err)
		}
		views[host(a)] = v
	}
	for _, a := range w.addrs {
		x := host(a)
		if _, ok := w.own[x]; !ok {
			self, ok := views[x][x]
			if !ok {
				return "", fmt.Errorf("%s has no gossip state of its own", x)
			}
			w.own[x] = self
		}
	}
	for _, a := range w.addrs {
		y := host(a)
		for _, b := range w.addrs {
			x := host(b)
			s, ok := views[y][x]
			switch {
			case !ok:
				return "", fmt.Errorf("%s does not know %s yet", y, x)
			case !s.rpcReady:
				return "", fmt.Errorf("%s does not see %s ready for clients yet", y, x)
			case !s.notBefore(w.own[x]):
				return "", fmt.Errorf("%s has not heard from %s since the check began", y, x)
			case s.schema != views[y][y].schema:
				return "", fmt.Errorf("%s has schema %s, %s has %s", x, s.schema, y, views[y][y].schema)
			}
		}
	}
	return "", nil
}

// gossip reads one node's system_views.gossip_info, keyed by address.
func (w *ringWait) gossip(addr string) (map[string]gossipState, error) {
	c, err := dial(addr, w.caFile)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := c.startup(w.user, w.pss); err != nil {
		return nil, err
	}
	rows, err := c.query("SELECT address, generation, heartbeat, rpc_ready, \"schema\" FROM system_views.gossip_info")
	if err != nil {
		return nil, err
	}
	out := map[string]gossipState{}
	for _, r := range rows {
		if len(r) != 5 || len(r[1]) != 4 || len(r[2]) != 4 {
			return nil, errors.New("unexpected gossip_info row")
		}
		ip := net.IP(r[0])
		if len(r[0]) != 4 && len(r[0]) != 16 {
			return nil, errors.New("unexpected address in gossip_info")
		}
		out[ip.String()] = gossipState{
			generation: int32(binary.BigEndian.Uint32(r[1])),
			heartbeat:  int32(binary.BigEndian.Uint32(r[2])),
			rpcReady:   bytes.Equal(r[3], []byte("true")),
			schema:     string(r[4]),
		}
	}
	return out, nil
}

func host(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

// client is one connection that has been answered SUPPORTED to OPTIONS.
type client struct {
	net.Conn
	rw io.ReadWriter
	r  *bufio.Reader
}

func dial(addr, caFile string) (*client, error) {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return nil, err
	}
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	cl := &client{Conn: c, rw: c}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			c.Close()
			return nil, err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			c.Close()
			return nil, errors.New("no certificate in " + caFile)
		}
		h, _, _ := net.SplitHostPort(addr)
		tc := tls.Client(c, &tls.Config{RootCAs: pool, ServerName: h})
		if err := tc.Handshake(); err != nil {
			c.Close()
			return nil, err
		}
		cl.rw = tc
	}
	cl.r = bufio.NewReader(cl.rw)
	op, _, err := cl.roundTrip(opOptions, nil)
	if err == nil && op != opSupported {
		err = fmt.Errorf("OPTIONS answered with opcode 0x%02x", op)
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return cl, nil
}

// startup starts the connection, logging in when the node asks for it.
func (c *client) startup(user, pass string) error {
	op, body, err := c.roundTrip(opStartup, stringMap(map[string]string{"CQL_VERSION": "3.0.0"}))
	if err != nil {
		return err
	}
	if op == opAuthenticate {
		token := append(append(append([]byte{0}, user...), 0), pass...)
		op, body, err = c.roundTrip(opAuthResponse, bytesValue(token))
		if err != nil {
			return err
		}
		if op != opAuthSuccess {
			return fmt.Errorf("login failed: %s", errorText(op, body))
		}
	} else if op != opReady {
		return fmt.Errorf("STARTUP failed: %s", errorText(op, body))
	}
	return nil
}

// query runs q at consistency ONE and returns the cells of its first page.
func (c *client) query(q string) ([][][]byte, error) {
	b := longString(q)
	b = append(b, 0, 1, 0) // consistency ONE, no flags
	op, body, err := c.roundTrip(opQuery, b)
	if err != nil {
		return nil, err
	}
	if op != opResult {
		return nil, fmt.Errorf("query failed: %s", errorText(op, body))
	}
	return rows(body)
}

func (c *client) roundTrip(op byte, body []byte) (byte, []byte, error) {
	frame := make([]byte, 9, 9+len(body))
	frame[0], frame[4] = 0x04, op
	binary.BigEndian.PutUint32(frame[5:], uint32(len(body)))
	if _, err := c.rw.Write(append(frame, body...)); err != nil {
		return 0, nil, err
	}
	var h [9]byte
	if _, err := io.ReadFull(c.r, h[:]); err != nil {
		return 0, nil, err
	}
	n := binary.BigEndian.Uint32(h[5:])
	if n > 1<<24 {
		return 0, nil, fmt.Errorf("response body too large: %d", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(c.r, b); err != nil {
		return 0, nil, err
	}
	return h[4], b, nil
}

func stringMap(m map[string]string) []byte {
	b := binary.BigEndian.AppendUint16(nil, uint16(len(m)))
	for k, v := range m {
		b = binary.BigEndian.AppendUint16(b, uint16(len(k)))
		b = append(b, k...)
		b = binary.BigEndian.AppendUint16(b, uint16(len(v)))
		b = append(b, v...)
	}
	return b
}

func bytesValue(v []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(v))), v...)
}

func longString(s string) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(s))), s...)
}

func errorText(op byte, body []byte) string {
	if op != opError || len(body) < 6 {
		return fmt.Sprintf("opcode 0x%02x", op)
	}
	n := int(binary.BigEndian.Uint16(body[4:]))
	if 6+n > len(body) {
		n = len(body) - 6
	}
	return fmt.Sprintf("code=%04x %s", binary.BigEndian.Uint32(body), body[6:6+n])
}

// rows reads the cells of a ROWS result whose columns all have simple types
// (a null cell is nil).
func rows(b []byte) ([][][]byte, error) {
	bad := errors.New("unexpected result shape")
	if len(b) < 16 || binary.BigEndian.Uint32(b) != 2 {
		return nil, bad
	}
	flags := binary.BigEndian.Uint32(b[4:])
	cols := int(binary.BigEndian.Uint32(b[8:]))
	p := 12
	str := func() bool {
		if p+2 > len(b) {
			return false
		}
		p += 2 + int(binary.BigEndian.Uint16(b[p:]))
		return p <= len(b)
	}
	if flags&0x02 != 0 { // paging state
		if p+4 > len(b) {
			return nil, bad
		}
		p += 4 + int(int32(binary.BigEndian.Uint32(b[p:])))
	}
	if flags&0x04 == 0 {
		if flags&0x01 != 0 && !(str() && str()) {
			return nil, bad
		}
		for i := 0; i < cols; i++ {
			if flags&0x01 == 0 && !(str() && str()) {
				return nil, bad
			}
			if !str() || p+2 > len(b) {
				return nil, bad
			}
			p += 2 // a simple type id
		}
	}
	if p+4 > len(b) {
		return nil, bad
	}
	n := int(binary.BigEndian.Uint32(b[p:]))
	p += 4
	out := make([][][]byte, 0, n)
	for range n {
		row := make([][]byte, cols)
		for c := range row {
			if p+4 > len(b) {
				return nil, bad
			}
			l := int(int32(binary.BigEndian.Uint32(b[p:])))
			p += 4
			if l < 0 {
				continue
			}
			if p+l > len(b) {
				return nil, bad
			}
			row[c] = b[p : p+l]
			p += l
		}
		out = append(out, row)
	}
	return out, nil
}
