package frame

import (
	"encoding/hex"
	"strings"
	"testing"
)

// cat builds a byte vector from hex fragments; spaces are ignored so the
// fields of a message can be written, and commented, one per line.
func cat(parts ...string) []byte {
	s := strings.ReplaceAll(strings.Join(parts, ""), " ", "")
	b, err := hex.DecodeString(s)
	if err != nil {
		panic("bad hex vector: " + err.Error())
	}
	return b
}

// txt is the hex of a literal text, for use inside cat.
func txt(s string) string { return hex.EncodeToString([]byte(s)) }

func mustEqualBytes(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if hex.EncodeToString(got) != hex.EncodeToString(want) {
		t.Errorf("%s:\n got  %x\n want %x", what, got, want)
	}
}

// str is the hex of a [string]: its [short] length, then the text.
func str(s string) string { return hex.EncodeToString(appendString(nil, s)) }
