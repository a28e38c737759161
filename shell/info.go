package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/term"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/shell/input"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// CqlshVersion is the cqlsh release whose behaviour gocqlsh reproduces.
const CqlshVersion = "6.2.2"

// localInfo reads one text column of system.local.
func (sh *Shell) localInfo(ctx context.Context, col string) string {
	res, err := sh.sess.ExecuteQuery(ctx, &driver.Query{Statement: "SELECT " + col + " FROM system.local", Consistency: driver.One})
	if err != nil || res.NumRows() == 0 {
		return "?"
	}
	v, err := res.Value(0, 0)
	if s, ok := v.(string); ok && err == nil {
		return s
	}
	return "?"
}

func (sh *Shell) clusterName(ctx context.Context) string { return sh.localInfo(ctx, "cluster_name") }

// versionLine is the banner's second line.
func (sh *Shell) versionLine(ctx context.Context) string {
	return fmt.Sprintf("[cqlsh %s | Cassandra %s | CQL spec %s | Native protocol v%d]",
		CqlshVersion, sh.localInfo(ctx, "release_version"), sh.localInfo(ctx, "cql_version"), sh.sess.ProtocolVersion())
}

// readPassword asks for a password without echo on a terminal, or reads a
// line from the input otherwise.
func readPassword(in input.Reader) (string, error) {
	if input.IsTerminal(os.Stdin) {
		fmt.Fprint(os.Stderr, "Password: ")
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	if in == nil {
		return "", errors.New("no password given and no terminal to ask for one")
	}
	return in.ReadLine("")
}

// decodeBOM strips a byte-order mark and converts UTF-16/32 input to UTF-8.
func decodeBOM(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:])
	case bytes.HasPrefix(b, []byte{0x00, 0x00, 0xFE, 0xFF}):
		return utf32(b[4:], true)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0x00, 0x00}):
		return utf32(b[4:], false)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return utf16s(b[2:], true)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return utf16s(b[2:], false)
	}
	return string(b)
}

func utf16s(b []byte, be bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if be {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

func utf32(b []byte, be bool) string {
	var sb strings.Builder
	for i := 0; i+4 <= len(b); i += 4 {
		var r rune
		if be {
			r = rune(b[i])<<24 | rune(b[i+1])<<16 | rune(b[i+2])<<8 | rune(b[i+3])
		} else {
			r = rune(b[i+3])<<24 | rune(b[i+2])<<16 | rune(b[i+1])<<8 | rune(b[i])
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// showSession prints a stored trace.
func (sh *Shell) showSession(ctx context.Context, id string, line int) {
	u, err := parseUUID(id)
	if err != nil {
		sh.printErr(line, "Improper SHOW command.")
		return
	}
	t, err := sh.sess.Trace(ctx, u[:], 0)
	if errors.Is(err, driver.ErrTraceNotFound) {
		sh.printErr(line, fmt.Sprintf("Session %s wasn't found.", strings.ToLower(id)))
		return
	}
	if err != nil {
		sh.printErr(line, pyfmt.Error(err))
		return
	}
	sh.printTrace(sh.out, t)
}

// elapsedSince formats a duration for ELAPSED.
func elapsedSince(start time.Time) string {
	d := time.Since(start)
	if d < time.Millisecond {
		return fmt.Sprintf("%dµs", d.Microseconds())
	}
	return fmt.Sprintf("%dms", d.Milliseconds())
}
