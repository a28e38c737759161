package driver

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// TestIntegrationServerErrors checks that server errors arrive as *Error
// with their code, message and extra fields, whichever way the statement
// was sent.
func TestIntegrationServerErrors(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".t (pk int PRIMARY KEY, v text)")
	ctx := testCtx(t)

	for _, tc := range []struct {
		name     string
		q        Query
		code     ErrorCode
		message  string // a fragment of the server's message, lower case
		keyspace string
		table    string
	}{
		{name: "syntax", q: Query{Statement: "SELEC * FROM " + ks + ".t"}, code: frame.CodeSyntaxError, message: "no viable alternative"},
		{name: "syntax-prepared", q: Query{Statement: "SELECT * FROM " + ks + ".t WHERE pk = ? AND", Args: []any{int32(1)}}, code: frame.CodeSyntaxError, message: "no viable alternative at input '<eof>'"},
		{name: "unknown-table", q: Query{Statement: "SELECT * FROM " + ks + ".nope"}, code: frame.CodeInvalid, message: "nope does not exist"},
		{name: "unknown-table-prepared", q: Query{Statement: "SELECT * FROM " + ks + ".nope WHERE pk = ?", Args: []any{int32(1)}}, code: frame.CodeInvalid, message: "does not exist"},
		{name: "unknown-table-values", q: Query{Statement: "SELECT * FROM " + ks + ".nope WHERE pk = ?", Args: []any{int32(1)}, NoPrepare: true}, code: frame.CodeInvalid, message: "does not exist"},
		{name: "unknown-keyspace", q: Query{Statement: "SELECT * FROM it_no_such_keyspace.t"}, code: frame.CodeInvalid, message: "keyspace it_no_such_keyspace does not exist"},
		{name: "wrong-value-type", q: Query{Statement: "INSERT INTO " + ks + ".t (pk, v) VALUES (?, ?)", Args: []any{"one", "x"}, NoPrepare: true}, code: frame.CodeInvalid, message: "expected 4 or 0 byte int"},
		{name: "table-exists", q: Query{Statement: "CREATE TABLE " + ks + ".t (pk int PRIMARY KEY)"}, code: frame.CodeAlreadyExists,
			message: "already existing table", keyspace: ks, table: "t"},
		{name: "keyspace-exists", q: Query{Statement: "CREATE KEYSPACE " + ks + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"},
			code: frame.CodeAlreadyExists, message: "cannot add existing keyspace", keyspace: ks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			_, err := s.ExecuteQuery(ctx, &q)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v (%T), want a server error", err, err)
			}
			if e.Code != tc.code {
				t.Errorf("code %#x (%v), want %#x", int32(e.Code), e.Code, int32(tc.code))
			}
			if !strings.Contains(strings.ToLower(e.Message), tc.message) {
				t.Errorf("message %q lacks %q", e.Message, tc.message)
			}
			if want := fmt.Sprintf("code=%04X", int32(tc.code)); !strings.Contains(err.Error(), want) ||
				!strings.Contains(err.Error(), strconv.Quote(e.Message)) {
				t.Errorf("Error() %q does not show %s and the quoted message", err.Error(), want)
			}
			if e.Keyspace != tc.keyspace || e.Table != tc.table {
				t.Errorf("keyspace %q table %q, want %q %q", e.Keyspace, e.Table, tc.keyspace, tc.table)
			}
		})
	}

	// The session stays usable after every error.
	if res := mustExec(t, s, "SELECT pk FROM "+ks+".t"); res.Kind != KindRows {
		t.Errorf("after errors: kind %v", res.Kind)
	}
}
