// Command probe checks whether a CQL node is ready: it sends OPTIONS and waits
// for SUPPORTED, optionally logs in and reads release_version. The node
// launcher uses it for readiness, so it depends on nothing but the standard
// library and speaks just enough protocol v4 for that.
package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
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
	flag.Parse()

	deadline := time.Now().Add(*wait)
	for {
		v, err := probe(*addr, *caFile, *user, *pass, *version || *user != "")
		if err == nil {
			if *version {
				fmt.Println(v)
			}
			return
		}
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "probe %s: %v\n", *addr, err)
			os.Exit(1)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// probe runs one attempt; with login it also starts the connection and reads
// release_version from system.local.
func probe(addr, caFile, user, pass string, login bool) (string, error) {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	var rw io.ReadWriter = c
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return "", err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return "", errors.New("no certificate in " + caFile)
		}
		host, _, _ := net.SplitHostPort(addr)
		tc := tls.Client(c, &tls.Config{RootCAs: pool, ServerName: host})
		if err := tc.Handshake(); err != nil {
			return "", err
		}
		rw = tc
	}
	r := bufio.NewReader(rw)
	op, body, err := roundTrip(rw, r, opOptions, nil)
	if err != nil {
		return "", err
	}
	if op != opSupported {
		return "", fmt.Errorf("OPTIONS answered with opcode 0x%02x", op)
	}
	if !login {
		return "", nil
	}
	op, body, err = roundTrip(rw, r, opStartup, stringMap(map[string]string{"CQL_VERSION": "3.0.0"}))
	if err != nil {
		return "", err
	}
	if op == opAuthenticate {
		token := append(append(append([]byte{0}, user...), 0), pass...)
		op, body, err = roundTrip(rw, r, opAuthResponse, bytesValue(token))
		if err != nil {
			return "", err
		}
		if op != opAuthSuccess {
			return "", fmt.Errorf("login failed: %s", errorText(op, body))
		}
	} else if op != opReady {
		return "", fmt.Errorf("STARTUP failed: %s", errorText(op, body))
	}
	q := longString("SELECT release_version FROM system.local")
	q = append(q, 0, 1, 0) // consistency ONE, no flags
	op, body, err = roundTrip(rw, r, opQuery, q)
	if err != nil {
		return "", err
	}
	if op != opResult {
		return "", fmt.Errorf("query failed: %s", errorText(op, body))
	}
	return firstCell(body)
}

func roundTrip(w io.Writer, r *bufio.Reader, op byte, body []byte) (byte, []byte, error) {
	frame := make([]byte, 9, 9+len(body))
	frame[0], frame[4] = 0x04, op
	binary.BigEndian.PutUint32(frame[5:], uint32(len(body)))
	if _, err := w.Write(append(frame, body...)); err != nil {
		return 0, nil, err
	}
	var h [9]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, err
	}
	n := binary.BigEndian.Uint32(h[5:])
	if n > 1<<24 {
		return 0, nil, fmt.Errorf("response body too large: %d", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
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

// firstCell reads the first cell of a ROWS result with one text column.
func firstCell(b []byte) (string, error) {
	bad := errors.New("unexpected result shape")
	if len(b) < 16 || binary.BigEndian.Uint32(b) != 2 {
		return "", bad
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
			return "", bad
		}
		p += 4 + int(int32(binary.BigEndian.Uint32(b[p:])))
	}
	if flags&0x04 == 0 {
		if flags&0x01 != 0 && !(str() && str()) {
			return "", bad
		}
		for i := 0; i < cols; i++ {
			if flags&0x01 == 0 && !(str() && str()) {
				return "", bad
			}
			if !str() || p+2 > len(b) {
				return "", bad
			}
			p += 2 // a simple type id
		}
	}
	if p+8 > len(b) || binary.BigEndian.Uint32(b[p:]) < 1 {
		return "", bad
	}
	p += 4
	n := int(int32(binary.BigEndian.Uint32(b[p:])))
	p += 4
	if n < 0 || p+n > len(b) {
		return "", bad
	}
	return string(b[p : p+n]), nil
}
