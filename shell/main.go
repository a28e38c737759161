package shell

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	prompt "github.com/c-bata/go-prompt"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/internal/version"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/cqlshrc"
	"github.com/gocqlsh/gocqlsh/shell/input"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// Version is gocqlsh's version.
const Version = "0.1.0"

// Main runs gocqlsh with cqlsh's command line and returns the exit code:
// 0, 1 for a connection failure, 2 for bad options or (in batch mode) any
// statement that failed.
func Main(args []string, stdin, stdout, stderr *os.File) (code int) {
	prog := "gocqlsh"
	var tty *input.Terminal
	defer func() {
		// A bug must not leave a raw terminal or a stack trace behind.
		if p := recover(); p != nil {
			if tty != nil {
				tty.Restore()
			}
			fmt.Fprintf(stderr, "gocqlsh: internal error: %v\n", p)
			code = 70
		}
	}()
	opts, err := ParseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "%s\n%s: error: %v\n", UsageLine(prog), prog, err)
		return 2
	}
	if opts.Help {
		fmt.Fprint(stdout, Usage(prog))
		return 0
	}
	if opts.Version {
		v := version.Get(Version)
		fmt.Fprintf(stdout, "gocqlsh %s (cqlsh %s compatible)\n%s\n", v.Version, CqlshVersion, v)
		return 0
	}

	home, _ := os.UserHomeDir()
	rcPath := filepath.Join(home, ".cassandra", "cqlshrc")
	if opts.Cqlshrc != "" {
		p := cqlshrc.ExpandHome(opts.Cqlshrc)
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(stdout, "\nWarning: Specified cqlshrc location `%s` does not exist.  Using `%s` instead.\n\n", p, rcPath)
		} else {
			rcPath = p
		}
	}
	rc, _ := cqlshrc.Read(rcPath)
	if rc == nil {
		rc = cqlshrc.INI{}
	}

	sh := &Shell{
		stdout:            stdout,
		out:               stdout,
		errw:              stderr,
		consistency:       driver.One,
		serialConsistency: driver.Serial,
		paging:            true,
		pageSize:          defaultPageSize,
		cqlshrc:           rcPath,
		maxTraceWait:      10 * time.Second,
		historySize:       50,
	}
	sh.jobs = newJobTable()
	sh.stdin = stdin

	// Input mode: a terminal only when stdin is one and neither -f nor -e
	// is given (or -t forces it).
	interactive := input.IsTerminal(stdin) && opts.File == "" && !opts.executeSet
	if opts.Tty || strings.EqualFold(rc.Get("ui", "tty"), "true") {
		interactive = opts.File == "" && !opts.executeSet
	}
	sh.interactive = interactive
	ttyOut := input.IsTerminal(stdout)

	// Colour: flag, cqlshrc, else a colour-capable terminal.
	switch {
	case opts.Color != nil:
		sh.color = *opts.Color
	case rc.Has("ui", "color"):
		sh.color = isTrue(rc.Get("ui", "color"))
	default:
		t := os.Getenv("TERM")
		sh.color = ttyOut && interactive && t != "" && t != "dumb" && t != "vt100" && os.Getenv("NO_COLOR") == ""
	}

	cfg, warn, err := connectionConfig(opts, rc, stdin)
	if warn != "" {
		fmt.Fprint(stderr, warn)
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "%s\n%s: error: %v\n", UsageLine(prog), prog, err)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	cfg.OnHostEvent = sh.hostNotice
	sh.conn.cfg, sh.conn.named = cfg, cfg.Hosts[0]
	sh.requestTimeout = cfg.RequestTimeout
	sh.renderOpts = renderOptions(rc, sh.color, interactive)
	if opts.Format != "" {
		sh.setFormat(opts.Format)
	} else if opts.Execute == "" && opts.File == "" {
		sh.setFormat("table")
	} else {
		sh.setFormat("table")
	}
	if v := rc.Get("tracing", "max_trace_wait"); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 {
			sh.maxTraceWait = time.Duration(f * float64(time.Second))
		}
	}

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	if opts.Debug {
		fmt.Fprintf(stderr, "Using CQL driver: gocqlsh driver %s\nUsing connect timeout: %d seconds\nUsing '%s' encoding\nUsing ssl: %v\n",
			driver.Version, int(cfg.ConnectTimeout/time.Second), opts.Encoding, cfg.TLS != nil)
	}
	// cqlsh opens -f's file before it connects.
	var fileData []byte
	if opts.File != "" {
		data, err := os.ReadFile(opts.File)
		if err != nil {
			fmt.Fprintf(stderr, "Can't open %s: %s\n", pyfmt.Repr(opts.File), pyfmt.OSError(err))
			return 1
		}
		fileData = data
	}
	// The schema model is kept fresh by schema-change events, ours and
	// other clients'.
	cfg.OnSchemaChange = func(sc *driver.SchemaChange) {
		if c := sh.conn.events.Load(); c != nil {
			c.OnSchemaChange(sc)
		}
	}
	sess, err := driver.Connect(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "Connection error: %s\n", connectionError(cfg, err))
		return 1
	}
	sh.sess = sess
	defer func() { sh.sess.Close() }()
	sh.useSchema(schema.NewCache(sess, 0))
	sh.keyspace = sess.Keyspace()
	if cfg.Username != "" {
		sh.username = cfg.Username
	}

	var in input.Reader
	switch {
	case opts.executeSet:
		sh.source, sh.oneLine = "<stdin>", true
		text := opts.Execute
		if !strings.HasSuffix(strings.TrimSpace(text), ";") {
			text += ";"
		}
		in = input.NewString(text)
		sh.runWithSignals(ctx, in, 0)
	case opts.File != "":
		sh.source = opts.File
		in = input.NewStream(strings.NewReader(decodeBOM(fileData)))
		sh.runWithSignals(ctx, in, 1)
	case interactive && input.IsTerminal(stdin) && ttyOut:
		sh.source = ""
		sh.loadHistory(opts.DisableHistory)
		r := input.NewTerminal(input.TerminalConfig{
			In:         stdin,
			Out:        stdout,
			Simple:     opts.SimplePrompt || isTrue(rc.Get("ui", "simple_prompt")),
			History:    sh.history,
			Completer:  sh.completer(),
			Keys:       []prompt.KeyBind{sh.tabKey()},
			Interrupts: func() chan os.Signal { return sh.sigs },
		})
		tty = r
		defer r.Restore()
		sh.input = r
		defer sh.saveHistory(opts.DisableHistory)
		sh.banner(ctx)
		sh.runWithSignals(ctx, r, 1)
	default:
		sh.source = "<stdin>"
		pr := input.NewStream(stdin)
		in, sh.stdin = pr, pr.Buffered()
		if interactive {
			sh.banner(ctx)
		}
		sh.runWithSignals(ctx, in, 1)
	}
	sh.waitJobsAtExit(ctx)
	if sh.capture != nil {
		sh.capture.Close()
	}
	if sh.hadError && !sh.interactive {
		return 2
	}
	return 0
}

func (sh *Shell) banner(ctx context.Context) {
	sh.printInfo("%s\n%s\nUse HELP for help.\n", sh.hostLine(ctx), sh.versionLine(ctx))
}

// hostLine is cqlsh's "Connected to <cluster> at <host>", the cluster's
// name in blue when colour is on (the banner and SHOW HOST).
func (sh *Shell) hostLine(ctx context.Context) string {
	name := sh.clusterName(ctx)
	if sh.color {
		name = "\x1b[0;1;34m" + name + "\x1b[0m"
	}
	return fmt.Sprintf("Connected to %s at %s", name, sh.sess.Host())
}

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

	// Credentials: command line > credentials file > cqlshrc.
	user, pass := o.Username, o.Password
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
		p, err := readPassword(nil)
		if err != nil {
			return driver.Config{}, warn.String(), err
		}
		pass = p
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
func renderOptions(rc cqlshrc.INI, color, tty bool) render.Options {
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
			fmt.Fprintf(os.Stderr, "Warning: could not recognize timezone '%s' specified in cqlshrc\n\n", tz)
		}
	}
	return o
}
