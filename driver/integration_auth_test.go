package driver

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// connectSecure opens a session to the node with PasswordAuthenticator;
// edit adjusts the config (credentials, TLS) before connecting.
func connectSecure(t *testing.T, edit func(*Config)) (*Session, error) {
	t.Helper()
	addr, _ := secureNode(t)
	cfg := Config{Hosts: []string{addr}, RequestTimeout: 30 * time.Second, ConnectTimeout: 20 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	s, err := Connect(testCtx(t), cfg)
	if err == nil {
		t.Cleanup(s.Close)
	}
	return s, err
}

func superuser(c *Config) { c.Username, c.Password = "cassandra", "cassandra" }

// caPool reads the secure node's certificate into a pool.
func caPool(t *testing.T) *x509.CertPool {
	t.Helper()
	_, caFile := secureNode(t)
	pem, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("no certificate in %s", caFile)
	}
	return pool
}

// checkWorks runs a read that any logged-in user may do.
func checkWorks(t *testing.T, s *Session) {
	t.Helper()
	res := mustExec(t, s, "SELECT release_version FROM system.local")
	if v, _ := res.Value(0, 0); v == nil || v == "" {
		t.Errorf("release_version = %v", v)
	}
}

// TestIntegrationAuth logs in to the secure node with good, bad and no
// credentials, with and without TLS.
func TestIntegrationAuth(t *testing.T) {
	t.Run("good-credentials", func(t *testing.T) {
		s, err := connectSecure(t, superuser)
		if err != nil {
			t.Fatal(err)
		}
		checkWorks(t, s)
	})

	t.Run("bad-password", func(t *testing.T) {
		_, err := connectSecure(t, func(c *Config) { c.Username, c.Password = "cassandra", "wrong" })
		var ce *ConnectError
		if !errors.As(err, &ce) {
			t.Fatalf("got %v (%T), want a *ConnectError", err, err)
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != frame.CodeBadCredentials {
			t.Fatalf("got %v, want a server error with code 0x0100", err)
		}
		if !strings.Contains(e.Message, "incorrect") {
			t.Errorf("message %q", e.Message)
		}
		if strings.Contains(err.Error(), "wrong") {
			t.Errorf("the password shows in %q", err.Error())
		}
	})

	t.Run("no-credentials", func(t *testing.T) {
		_, err := connectSecure(t, nil)
		var ce *ConnectError
		if !errors.As(err, &ce) {
			t.Fatalf("got %v (%T), want a *ConnectError", err, err)
		}
		if !strings.Contains(err.Error(), "requires authentication") || !strings.Contains(err.Error(), "PasswordAuthenticator") {
			t.Errorf("error %q does not say authentication is required", err)
		}
	})

	t.Run("tls", func(t *testing.T) {
		s, err := connectSecure(t, func(c *Config) {
			superuser(c)
			c.TLS = &tls.Config{RootCAs: caPool(t), MinVersion: tls.VersionTLS12}
		})
		if err != nil {
			t.Fatal(err)
		}
		checkWorks(t, s)
		// A prepared statement and a large reply over TLS.
		res := mustExec(t, s, "SELECT keyspace_name, table_name, column_name FROM system_schema.columns WHERE keyspace_name = ?", "system")
		if res.NumRows() < 50 {
			t.Errorf("%d columns in keyspace system", res.NumRows())
		}
	})

	t.Run("tls-unknown-authority", func(t *testing.T) {
		_, err := connectSecure(t, func(c *Config) {
			superuser(c)
			c.TLS = &tls.Config{RootCAs: x509.NewCertPool(), MinVersion: tls.VersionTLS12}
		})
		var ce *ConnectError
		var ue x509.UnknownAuthorityError
		if !errors.As(err, &ce) || !errors.As(err, &ue) {
			t.Errorf("got %v, want a certificate error inside a *ConnectError", err)
		}
	})

	t.Run("tls-protocol-versions", func(t *testing.T) {
		for _, v := range []byte{4, 5} {
			s, err := connectSecure(t, func(c *Config) {
				superuser(c)
				c.ProtoVersion, c.Compression = v, "lz4"
				c.TLS = &tls.Config{RootCAs: caPool(t), MinVersion: tls.VersionTLS12}
			})
			if err != nil {
				t.Fatalf("v%d: %v", v, err)
			}
			if s.ProtocolVersion() != v {
				t.Errorf("version %d, want %d", s.ProtocolVersion(), v)
			}
			checkWorks(t, s)
		}
	})
}

// TestIntegrationUnauthorized logs in as a role without permissions and
// reads a table: the server refuses with Unauthorized.
func TestIntegrationUnauthorized(t *testing.T) {
	admin, err := connectSecure(t, superuser)
	if err != nil {
		t.Fatal(err)
	}
	ks := newKeyspace(t, admin)
	mustExec(t, admin, "CREATE TABLE "+ks+".secret (pk int PRIMARY KEY, v text)")
	role := randomName("it_role_")
	mustExec(t, admin, "CREATE ROLE "+role+" WITH PASSWORD = 'pw-"+role+"' AND LOGIN = true")
	t.Cleanup(func() {
		if _, err := admin.Execute(context.Background(), "DROP ROLE IF EXISTS "+role); err != nil {
			t.Errorf("drop role: %v", err)
		}
	})

	s, err := connectSecure(t, func(c *Config) { c.Username, c.Password = role, "pw-"+role })
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []*Query{
		{Statement: "SELECT * FROM " + ks + ".secret"},
		{Statement: "SELECT * FROM " + ks + ".secret WHERE pk = ?", Args: []any{int32(1)}},
		{Statement: "INSERT INTO " + ks + ".secret (pk, v) VALUES (1, 'x')"},
	} {
		_, err := s.ExecuteQuery(testCtx(t), q)
		var e *Error
		if !errors.As(err, &e) || e.Code != frame.CodeUnauthorized {
			t.Errorf("%s: got %v, want Unauthorized", q.Statement, err)
			continue
		}
		if !strings.Contains(e.Message, role) || !strings.Contains(e.Message, "permission") {
			t.Errorf("%s: message %q", q.Statement, e.Message)
		}
	}

	// Granted SELECT, the same role reads.
	mustExec(t, admin, "GRANT SELECT ON "+ks+".secret TO "+role)
	deadline := time.Now().Add(10 * time.Second)
	for {
		// Permissions are cached on the node for a short while.
		_, err := s.Execute(testCtx(t), "SELECT * FROM "+ks+".secret")
		if err == nil {
			break
		}
		if !IsCode(err, frame.CodeUnauthorized) || time.Now().After(deadline) {
			t.Fatalf("after GRANT: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
