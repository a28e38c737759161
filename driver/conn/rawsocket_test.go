//go:build linux || darwin || freebsd || netbsd || openbsd

package conn

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// tcpPair returns both ends of a loopback TCP connection, the client's
// wrapped in a rawSocket.
func tcpPair(t *testing.T) (client, server net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	acc := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		acc <- c
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s := <-acc
	t.Cleanup(func() { c.Close(); s.Close() })
	rc := newRawSocket(c)
	if _, ok := rc.(*rawSocket); !ok {
		t.Fatal("a TCP connection was not wrapped")
	}
	return rc, s
}

func TestRawSocketReadWrite(t *testing.T) {
	c, s := tcpPair(t)
	// A write larger than the socket buffers goes out in pieces, waiting
	// for the peer to read in between.
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<18) // 4 MiB
	got := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(io.LimitReader(s, int64(len(big))))
		got <- b
	}()
	if n, err := c.Write(big); err != nil || n != len(big) {
		t.Fatalf("write: %d, %v", n, err)
	}
	if b := <-got; !bytes.Equal(b, big) {
		t.Fatalf("peer read %d bytes, not what was written", len(b))
	}
	// A read waits for data, and returns what is there.
	go func() {
		time.Sleep(20 * time.Millisecond)
		s.Write([]byte("hello"))
	}()
	buf := make([]byte, 64)
	n, err := c.Read(buf)
	if err != nil || string(buf[:n]) != "hello" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
	if n, err := c.Read(nil); n != 0 || err != nil {
		t.Errorf("empty read: %d, %v", n, err)
	}
	// The peer closing is io.EOF.
	s.Close()
	if _, err := c.Read(buf); err != io.EOF {
		t.Errorf("read after the peer closed: %v, want io.EOF", err)
	}
}

func TestRawSocketDeadlineAndClose(t *testing.T) {
	c, _ := tcpPair(t)
	c.SetReadDeadline(time.Now().Add(30 * time.Millisecond))
	buf := make([]byte, 8)
	_, err := c.Read(buf)
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() || !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read past the deadline: %v, want a timeout", err)
	}
	c.SetReadDeadline(time.Time{})
	done := make(chan error, 1)
	go func() {
		_, err := c.Read(buf)
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	c.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("read on a closed socket: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a read did not return when the socket closed")
	}
	if _, err := c.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("write on a closed socket: %v", err)
	}
}

// TestRawSocketAllocatesNothing: the request path's reads and writes.
func TestRawSocketAllocatesNothing(t *testing.T) {
	c, s := tcpPair(t)
	msg := []byte("ping")
	buf := make([]byte, 4)
	go io.Copy(s, s) // echo
	n := testing.AllocsPerRun(200, func() {
		c.Write(msg)
		io.ReadFull(c, buf)
	})
	if n != 0 {
		t.Errorf("%v allocations per write and read", n)
	}
}

// countingDecoder counts Space calls: the pump reads once per call.
type countingDecoder struct {
	*frame.Decoder
	spaces int
}

func (d *countingDecoder) Space() []byte { d.spaces++; return d.Decoder.Space() }

// pumpFrames runs the pump over c until it stops, sending every frame to
// out, and returns why it stopped.
func pumpFrames(c net.Conn, d frameDecoder, out chan<- []byte) <-chan error {
	done := make(chan error, 1)
	go func() {
		done <- c.(*rawSocket).pump(d, func() error {
			for {
				f, ok, err := d.Next()
				if err != nil || !ok {
					return err
				}
				out <- append([]byte(nil), f...)
			}
		})
	}()
	return done
}

func voidFrame(stream int16, pad int) []byte {
	f := frame.AppendHeader(nil, frame.Header{Version: 4 | frame.ResponseBit, Stream: stream, Opcode: frame.OpResult, Length: int32(4 + pad)})
	f = append(f, 0, 0, 0, 1)
	return append(f, make([]byte, pad)...)
}

// TestRawSocketPump: frames cut anywhere, several in one write, and one
// larger than a read all come out whole; the peer closing between frames
// is io.EOF, inside one io.ErrUnexpectedEOF.
func TestRawSocketPump(t *testing.T) {
	for _, tail := range []struct {
		name string
		rest []byte
		want error
	}{{"clean close", nil, io.EOF}, {"close inside a frame", voidFrame(9, 0)[:6], io.ErrUnexpectedEOF}} {
		t.Run(tail.name, func(t *testing.T) {
			c, s := tcpPair(t)
			out := make(chan []byte, 16)
			done := pumpFrames(c, frame.NewDecoder(0), out)
			frames := [][]byte{voidFrame(1, 0), voidFrame(2, 0), voidFrame(3, 200<<10), voidFrame(4, 0)}
			wire := bytes.Join(frames, nil)
			prev := 0
			for _, at := range []int{3, 14, 26, 66, len(wire) - 5} { // inside headers and bodies
				s.Write(wire[prev:at])
				prev = at
				time.Sleep(5 * time.Millisecond)
			}
			s.Write(append(wire[prev:], tail.rest...))
			for i, want := range frames {
				if got := <-out; !bytes.Equal(got, want) {
					t.Fatalf("frame %d: %d bytes, want %d", i, len(got), len(want))
				}
			}
			s.Close()
			if err := <-done; err != tail.want {
				t.Errorf("pump ended with %v, want %v", err, tail.want)
			}
		})
	}
}

// TestRawSocketPumpOneReadPerReply: in a request/reply exchange the pump
// reads once per reply on Linux, never again to find the socket empty.
func TestRawSocketPumpOneReadPerReply(t *testing.T) {
	c, s := tcpPair(t)
	d := &countingDecoder{Decoder: frame.NewDecoder(0)}
	out := make(chan []byte, 1)
	done := pumpFrames(c, d, out)
	const n = 200
	for i := range n {
		s.Write(voidFrame(int16(i), 0))
		<-out
	}
	s.Close()
	<-done
	// One read that finds nothing before the first reply, one per reply,
	// one that sees the close.
	want := n + 2
	if !shortReadEmpties {
		want = 2*n + 2
	}
	t.Logf("%d reads for %d replies", d.spaces, n)
	if d.spaces > want {
		t.Errorf("%d reads for %d replies, want at most %d", d.spaces, n, want)
	}
}

// TestRawSocketPumpCloseWhileDraining: closing the socket while the pump
// drains waits for that drain, then ends the pump with net.ErrClosed.
func TestRawSocketPumpCloseWhileDraining(t *testing.T) {
	c, s := tcpPair(t)
	entered, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		d := frame.NewDecoder(0)
		done <- c.(*rawSocket).pump(d, func() error {
			if _, ok, _ := d.Next(); ok {
				close(entered)
				<-release
			}
			return nil
		})
	}()
	s.Write(voidFrame(1, 0))
	<-entered
	closed := make(chan struct{})
	go func() { c.Close(); close(closed) }()
	time.Sleep(20 * time.Millisecond)
	close(release)
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return once the drain did")
	}
	if err := <-done; !errors.Is(err, net.ErrClosed) {
		t.Errorf("pump ended with %v, want net.ErrClosed", err)
	}
}

// TestRawSocketSynchronizes: bytes through the socket order what the writer
// did before against what the reader does after, as net.Conn's do; under
// the race detector a raw read or write that hid from it would fail here.
func TestRawSocketSynchronizes(t *testing.T) {
	c, s := tcpPair(t)
	var shared int
	go func() {
		shared = 42
		c.Write([]byte{1})
	}()
	b := make([]byte, 1)
	if _, err := io.ReadFull(s, b); err != nil {
		t.Fatal(err)
	}
	if shared != 42 {
		t.Fatal("the write's effects are not visible after the read")
	}
	go func() {
		shared = 43
		s.Write([]byte{2})
	}()
	done := make(chan error, 1)
	go func() {
		done <- c.(*rawSocket).pump(frame.NewDecoder(0), func() error { return io.EOF })
	}()
	if err := <-done; err != io.EOF {
		t.Fatal(err)
	}
	if shared != 43 {
		t.Fatal("the peer's write is not visible after the pump's read")
	}
}
