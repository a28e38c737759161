package shell

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/cqlshrc"
	"github.com/gocqlsh/gocqlsh/shell/input"
)

// The connection's settings from the command line, cqlshrc and the
// environment, and cqlsh's words for a failed connection.

func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on", "1":
		return true
	}
	return false
}

// connectionConfig resolves host, port, credentials, TLS and timeouts with
// cqlsh's precedence: defaults < cqlshrc < environment < command line.
func connectionConfig(o *Options, rc cqlshrc.INI, stdin *os.File) (driver.Config, string, error) {
	var warn strings.Builder
	host, port := "127.0.0.1", "9042"
	if v := rc.Get("connection", "hostname"); v != "" {
		host = v
	}
	if v := rc.Get("connection", "port"); v != "" {
		port = v
	}
	if v := os.Getenv("CQLSH_HOST"); v != "" {
		host = v
	}
	if v := os.Getenv("CQLSH_PORT"); v != "" {
		port = v
	}
	if o.hostSet {
		host = o.Host
	}
	if o.portSet {
		port = o.Port
	}
	p, err := strconv.Atoi(port)
	if err != nil || p <= 0 || p > 65535 {
		return driver.Config{}, "", &UsageError{Msg: fmt.Sprintf("'%s' is not a valid port number.", port)}
	}
	hosts := contactPoints(host, p)
	cfg := driver.Config{
		Hosts:          hosts,
		Policy:         interactivePolicy(hosts[0]),
		Keyspace:       o.Keyspace,
		ConnectTimeout: o.ConnectTimeout,
		RequestTimeout: o.RequestTimeout,
		ProtoVersion:   byte(o.Protocol),
		CQLVersion:     o.CQLVersion,
		Consistency:    driver.One,
		PageSize:       5000,
	}
	if cfg.Keyspace == "" {
		cfg.Keyspace = rc.Get("authentication", "keyspace")
	}
	if !o.connectSet {
		if v, err := seconds(rc.Get("connection", "timeout")); err == nil {
			cfg.ConnectTimeout = v
		}
	}
	if !o.requestSet {
		if v, err := seconds(rc.Get("connection", "request_timeout")); err == nil {
			cfg.RequestTimeout = v
		}
	}
	if o.Protocol == 0 {
		if v, err := strconv.Atoi(rc.Get("protocol", "version")); err == nil {
			cfg.ProtoVersion = byte(v)
		}
	}

	user, pass, err := credentials(o, rc, stdin, &warn)
	if err != nil {
		return driver.Config{}, warn.String(), err
	}
	cfg.Username, cfg.Password = user, pass

	if o.SSL || isTrue(rc.Get("connection", "ssl")) {
		tc, err := tlsConfig(rc, host)
		if err != nil {
			return driver.Config{}, warn.String(), err
		}
		cfg.TLS = tc
	}
	return cfg, warn.String(), nil
}

// credentials resolves the user and password: command line > credentials
// file > cqlshrc, asking on a terminal when only the user is known; warn
// receives cqlsh's warnings about where the password came from.
func credentials(o *Options, rc cqlshrc.INI, stdin *os.File, warn *strings.Builder) (user, pass string, err error) {
	user, pass = o.Username, o.Password
	credPath := o.Credentials
	if credPath == "" {
		credPath = rc.Get("authentication", "credentials")
	}
	if credPath == "" {
		home, _ := os.UserHomeDir()
		credPath = filepath.Join(home, ".cassandra", "credentials")
	}
	if cred, err := cqlshrc.Read(cqlshrc.ExpandHome(credPath)); err == nil {
		if user == "" {
			user = firstNonEmpty(cred.Get("plain_text_auth", "username"), cred.Get("PlainTextAuthProvider", "username"))
		}
		if pass == "" && (user == cred.Get("plain_text_auth", "username") || user == cred.Get("PlainTextAuthProvider", "username")) {
			pass = firstNonEmpty(cred.Get("plain_text_auth", "password"), cred.Get("PlainTextAuthProvider", "password"))
		}
	}
	if user == "" {
		user = rc.Get("authentication", "username")
	}
	if pass == "" && rc.Has("authentication", "password") {
		pass = rc.Get("authentication", "password")
		warn.WriteString("\nNotice: Credentials in the cqlshrc file is deprecated and will be ignored in the future.\nPlease use a credentials file to specify the username and password.\n\n")
	}
	if o.passwordSet {
		warn.WriteString("\nWarning: Using a password on the command line interface can be insecure.\nRecommendation: use the credentials file to securely provide the password.\n\n")
	}
	if user != "" && pass == "" && input.IsTerminal(stdin) {
		if pass, err = readPassword(nil); err != nil {
			return "", "", err
		}
	}
	return user, pass, nil
}

// contactPoints splits a host option that names several nodes ("h1,h2",
// as gocqlsh accepts on the command line and in CQLSH_HOST), each with the
// port unless it carries its own (h:9043, [::1]:9043).
func contactPoints(host string, port int) []string {
	var out []string
	for _, h := range strings.Split(host, ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if _, _, err := net.SplitHostPort(h); err == nil {
			out = append(out, h)
			continue
		}
		out = append(out, net.JoinHostPort(strings.Trim(h, "[]"), strconv.Itoa(port)))
	}
	if len(out) == 0 {
		out = append(out, net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	}
	return out
}

func firstNonEmpty(a ...string) string {
	for _, s := range a {
		if s != "" {
			return s
		}
	}
	return ""
}

// tlsConfig builds TLS settings from [ssl] and SSL_CERTFILE/SSL_VALIDATE.
func tlsConfig(rc cqlshrc.INI, host string) (*tls.Config, error) {
	certfile := firstNonEmpty(os.Getenv("SSL_CERTFILE"), rc.Get("certfiles", host), rc.Get("ssl", "certfile"))
	validate := true
	if v := firstNonEmpty(os.Getenv("SSL_VALIDATE"), rc.Get("ssl", "validate")); v != "" {
		validate = isTrue(v)
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if !validate {
		tc.InsecureSkipVerify = true
	} else {
		if certfile == "" {
			return nil, errors.New("Validation is enabled; SSL transport factory requires a valid certfile to be specified. Please provide path to the certfile in [ssl] section as 'certfile' option in cqlshrc (or use [certfiles] section) or set SSL_CERTFILE environment variable.")
		}
		pem, err := os.ReadFile(cqlshrc.ExpandHome(certfile))
		if err != nil {
			return nil, fmt.Errorf("cannot read certfile: %v", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("no certificate found in %s", certfile)
		}
		tc.RootCAs = pool
	}
	if kf, cf := rc.Get("ssl", "userkey"), rc.Get("ssl", "usercert"); kf != "" && cf != "" {
		cert, err := tls.LoadX509KeyPair(cqlshrc.ExpandHome(cf), cqlshrc.ExpandHome(kf))
		if err != nil {
			return nil, fmt.Errorf("cannot load client certificate: %v", err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
}

// connectionError words a failed connection like cqlsh's
// "('Unable to connect to any servers', {'host:port': ...})".
func connectionError(cfg driver.Config, err error) string {
	parts := []string{}
	var nh *driver.NoHostsError
	if errors.As(err, &nh) && len(nh.Errors) > 0 {
		for _, addr := range cfg.Hosts {
			if e, ok := nh.Errors[addr]; ok {
				parts = append(parts, fmt.Sprintf("'%s': %s", addr, connectDetail(cfg, addr, e)))
			}
		}
	} else {
		parts = append(parts, fmt.Sprintf("'%s': %s", cfg.Hosts[0], connectDetail(cfg, cfg.Hosts[0], err)))
	}
	return fmt.Sprintf("('Unable to connect to any servers', {%s})", strings.Join(parts, ", "))
}

// connectDetail words one address's connection failure as the Python
// driver's exception.
func connectDetail(cfg driver.Config, addr string, err error) string {
	var se *driver.Error
	detail := err.Error()
	var op *net.OpError
	switch {
	case errors.As(err, &se) && se.Code == frame.CodeBadCredentials:
		detail = fmt.Sprintf("AuthenticationFailed('Failed to authenticate to %s: Error from server: code=0100 [Bad credentials] message=\"%s\"')", addr, se.Message)
	case strings.Contains(err.Error(), "cql_version '"):
		var ce *driver.ConnectError
		if errors.As(err, &ce) {
			detail = fmt.Sprintf("ProtocolError(\"%s\")", ce.Err)
		}
	case errors.Is(err, syscall.ECONNREFUSED):
		h, p, _ := net.SplitHostPort(addr)
		detail = fmt.Sprintf("ConnectionRefusedError(111, \"Tried connecting to [('%s', %s)]. Last error: Connection refused\")", h, p)
	case errors.As(err, &op) && op.Timeout(), errors.Is(err, context.DeadlineExceeded):
		detail = "OperationTimedOut('errors=Timed out creating connection (" + strconv.Itoa(int(cfg.ConnectTimeout/time.Second)) + " seconds), last_host=None')"
	}
	return detail
}

// renderOptions reads [ui] and the environment.
func renderOptions(rc cqlshrc.INI, color, tty bool, stderr io.Writer) render.Options {
	o := render.Options{Color: color, Tty: tty, FloatPrecision: 5, DoublePrecision: 5, Location: time.UTC}
	if v, err := strconv.Atoi(rc.Get("ui", "float_precision")); err == nil {
		o.FloatPrecision = v
	}
	if v, err := strconv.Atoi(rc.Get("ui", "double_precision")); err == nil {
		o.DoublePrecision = v
	}
	if v := firstNonEmpty(os.Getenv("CQLSH_DEFAULT_TIMESTAMP_FORMAT"), rc.Get("ui", "time_format")); v != "" {
		o.TimeFormat = v
	}
	tz := firstNonEmpty(os.Getenv("TZ"), rc.Get("ui", "timezone"))
	if tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			o.Location = loc
		} else {
			fmt.Fprintf(stderr, "Warning: could not recognize timezone '%s' specified in cqlshrc\n\n", tz)
		}
	}
	return o
}
