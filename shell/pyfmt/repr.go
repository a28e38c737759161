// Package pyfmt writes what cqlsh, a Python program, prints: Python's repr
// of strings, lists and dicts, its OSError text, the Python driver's
// exception text for the driver's errors, and Python's int() and float()
// parsing with their error messages. gocqlsh's output matches cqlsh's byte
// for byte, and these are the Python-shaped pieces of it.
package pyfmt

import (
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"strconv"
	"strings"
	"syscall"
)

// Repr is Python's repr of a str: single quotes unless the text holds a
// single quote and no double quote, backslashes and the quote escaped,
// control characters as \n, \r, \t or \xNN.
func Repr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteByte(q)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || (r >= 0x7f && r <= 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// List is Python's repr of a list of str.
func List(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = Repr(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Pair is one entry of a dict: a str key and a value already in its repr.
type Pair struct{ Key, Value string }

// Dict is Python's repr of a dict with str keys.
func Dict(pairs ...Pair) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = Repr(p.Key) + ": " + p.Value
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// OSError words a file error as Python's OSError prints it, which is what
// cqlsh shows: "[Errno 2] No such file or directory: 'name'".
func OSError(err error) string {
	var pe *fs.PathError
	var errno syscall.Errno
	if !errors.As(err, &pe) || !errors.As(pe.Err, &errno) {
		return err.Error()
	}
	msg := errno.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return fmt.Sprintf("[Errno %d] %s: %s", int(errno), msg, Repr(pe.Path))
}

// BigInt parses an integer as Python's int() does (underscores between
// digits, a sign, surrounding spaces), with its error text.
func BigInt(s string) (*big.Int, error) {
	t := strings.TrimSpace(s)
	clean := strings.ReplaceAll(t, "_", "")
	if clean != "" && !strings.HasPrefix(t, "_") && !strings.HasSuffix(t, "_") && !strings.Contains(t, "__") {
		if v, ok := new(big.Int).SetString(strings.TrimPrefix(clean, "+"), 10); ok && !strings.HasPrefix(clean, "+-") {
			return v, nil
		}
	}
	return nil, fmt.Errorf("invalid literal for int() with base 10: %s", Repr(s))
}

// Int is BigInt for a value that fits an int.
func Int(s string) (int, error) {
	v, err := BigInt(s)
	if err != nil || !v.IsInt64() || int64(int(v.Int64())) != v.Int64() {
		return 0, fmt.Errorf("invalid literal for int() with base 10: %s", Repr(s))
	}
	return int(v.Int64()), nil
}

// Float parses a number as Python's float() does, with its error text.
func Float(s string) (float64, error) {
	t := strings.TrimSpace(s)
	switch strings.ToLower(strings.TrimLeft(t, "+-")) {
	case "inf", "infinity", "nan":
		v, _ := strconv.ParseFloat(t, 64)
		return v, nil
	}
	if t != "" && !strings.ContainsAny(t, "xXpP") {
		v, err := strconv.ParseFloat(t, 64)
		var ne *strconv.NumError
		if err == nil || (errors.As(err, &ne) && ne.Err == strconv.ErrRange) {
			return v, nil
		}
	}
	return 0, fmt.Errorf("could not convert string to float: %s", Repr(s))
}
