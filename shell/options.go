package shell

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Options are the command-line options, named as cqlsh names them.
type Options struct {
	Host, Port string
	hostSet    bool
	portSet    bool

	Username, Password string
	passwordSet        bool
	Keyspace           string
	File               string
	Execute            string
	executeSet         bool

	SSL            bool
	Color          *bool // nil: decide from the terminal
	Browser        string
	Debug          bool
	Encoding       string
	Cqlshrc        string
	Credentials    string
	CQLVersion     string
	Protocol       int
	ConnectTimeout time.Duration
	RequestTimeout time.Duration
	connectSet     bool
	requestSet     bool
	Tty            bool
	SimplePrompt   bool
	DisableHistory bool
	Pager          bool // --pager: PAGER ON from the start
	Format         string
	Version        bool
	Help           bool
}

// UsageError is a bad command line: the shell prints usage and exits 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

type optSpec struct {
	long, short string
	arg         string // name of the argument; "" for a switch
	help        string
	set         func(o *Options, v string) error
}

func optionSpecs() []optSpec {
	yes, no := true, false
	return []optSpec{
		{"help", "h", "", "show this help message and exit", func(o *Options, _ string) error { o.Help = true; return nil }},
		{"version", "v", "", "show program's version number and exit", func(o *Options, _ string) error { o.Version = true; return nil }},
		{"color", "C", "", "Always use color output", func(o *Options, _ string) error { o.Color = &yes; return nil }},
		{"no-color", "", "", "Never use color output", func(o *Options, _ string) error { o.Color = &no; return nil }},
		{"browser", "", "BROWSER", "The browser to use to display CQL help", func(o *Options, v string) error { o.Browser = v; return nil }},
		{"ssl", "", "", "Use SSL", func(o *Options, _ string) error { o.SSL = true; return nil }},
		{"username", "u", "USERNAME", "Authenticate as user.", func(o *Options, v string) error { o.Username = v; return nil }},
		{"password", "p", "PASSWORD", "Authenticate using password.", func(o *Options, v string) error { o.Password, o.passwordSet = v, true; return nil }},
		{"keyspace", "k", "KEYSPACE", "Authenticate to the given keyspace.", func(o *Options, v string) error { o.Keyspace = v; return nil }},
		{"file", "f", "FILE", "Execute commands from FILE, then exit", func(o *Options, v string) error { o.File = v; return nil }},
		{"debug", "", "", "Show additional debugging information", func(o *Options, _ string) error { o.Debug = true; return nil }},
		{"coverage", "", "", "Collect coverage data (accepted, ignored)", func(o *Options, _ string) error { return nil }},
		{"encoding", "", "ENCODING", "Specify a non-default encoding for output. (Default: utf-8)", func(o *Options, v string) error { o.Encoding = v; return nil }},
		{"cqlshrc", "", "CQLSHRC", "Specify an alternative cqlshrc file location.", func(o *Options, v string) error { o.Cqlshrc = v; return nil }},
		{"credentials", "", "CREDENTIALS", "Specify an alternative credentials file location.", func(o *Options, v string) error { o.Credentials = v; return nil }},
		{"cqlversion", "", "CQLVERSION", "Specify a particular CQL version, by default the highest version supported by the server will be used. Examples: \"3.0.3\", \"3.1.0\"", func(o *Options, v string) error {
			cv, err := normalizeCQLVersion(v)
			if err != nil {
				return err
			}
			o.CQLVersion = cv
			return nil
		}},
		{"protocol-version", "", "PROTOCOL_VERSION", "Specify a specific protocol version otherwise the client will default and downgrade as necessary", func(o *Options, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 3 || n > 5 {
				return &UsageError{Msg: fmt.Sprintf("'%s' is not a supported protocol version (3, 4 or 5).", v)}
			}
			o.Protocol = n
			return nil
		}},
		{"execute", "e", "EXECUTE", "Execute the statement and quit.", func(o *Options, v string) error { o.Execute, o.executeSet = v, true; return nil }},
		{"connect-timeout", "", "CONNECT_TIMEOUT", "Specify the connection timeout in seconds (default: 5 seconds).", func(o *Options, v string) error {
			d, err := seconds(v)
			if err != nil {
				return &UsageError{Msg: fmt.Sprintf("\"%s\" is not a valid connect timeout.", v)}
			}
			o.ConnectTimeout, o.connectSet = d, true
			return nil
		}},
		{"request-timeout", "", "REQUEST_TIMEOUT", "Specify the default request timeout in seconds (default: 10 seconds).", func(o *Options, v string) error {
			d, err := seconds(v)
			if err != nil {
				return &UsageError{Msg: fmt.Sprintf("\"%s\" is not a valid request timeout.", v)}
			}
			o.RequestTimeout, o.requestSet = d, true
			return nil
		}},
		{"tty", "t", "", "Force tty mode (command prompt).", func(o *Options, _ string) error { o.Tty = true; return nil }},
		{"simple-prompt", "", "", "Read lines in the terminal's own line mode: a plain prompt, no completion popup (for expect-style automation).", func(o *Options, _ string) error { o.SimplePrompt = true; return nil }},
		{"pager", "", "", "Send results taller or wider than the terminal through $PAGER (default: less -SRFX), as PAGER ON does.", func(o *Options, _ string) error { o.Pager = true; return nil }},
		{"disable-history", "", "", "Disable saving of history (existing history will still be loaded)", func(o *Options, _ string) error { o.DisableHistory = true; return nil }},
		{"format", "", "FORMAT", "Output format: table (default), expanded, csv, json or box.", func(o *Options, v string) error {
			switch strings.ToLower(v) {
			case "table", "expanded", "csv", "json", "box":
				o.Format = strings.ToLower(v)
				return nil
			}
			return &UsageError{Msg: fmt.Sprintf("'%s' is not a valid format (table, expanded, csv, json or box).", v)}
		}},
	}
}

// names is how argparse names the option in its errors: "-e/--execute".
func (sp *optSpec) names() string {
	if sp.short != "" {
		return "-" + sp.short + "/--" + sp.long
	}
	return "--" + sp.long
}

// UsageLine is the first line of the usage text and of every command-line
// error, worded as cqlsh 6.2's argparse prints it ("usage: Usage: ...").
func UsageLine(prog string) string {
	return "usage: Usage: " + prog + " [options] [host [port]]"
}

func seconds(v string) (time.Duration, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("bad")
	}
	return time.Duration(f * float64(time.Second)), nil
}

// ParseArgs reads cqlsh's command line: options in any order among the
// optional positional host and port.
func ParseArgs(args []string) (*Options, error) {
	o := &Options{ConnectTimeout: 5 * time.Second, RequestTimeout: 10 * time.Second, Encoding: "utf-8"}
	specs := optionSpecs()
	find := func(name string, long bool) *optSpec {
		for i := range specs {
			if (long && specs[i].long == name) || (!long && specs[i].short != "" && specs[i].short == name) {
				return &specs[i]
			}
		}
		return nil
	}
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			sp := find(name, true)
			if sp == nil {
				return nil, &UsageError{Msg: "unrecognized arguments: " + a}
			}
			if sp.arg == "" {
				if hasVal {
					return nil, &UsageError{Msg: fmt.Sprintf("argument %s: ignored explicit argument '%s'", sp.names(), val)}
				}
				if err := sp.set(o, ""); err != nil {
					return nil, err
				}
				continue
			}
			if !hasVal {
				if i+1 >= len(args) {
					return nil, &UsageError{Msg: fmt.Sprintf("argument %s: expected one argument", sp.names())}
				}
				i++
				val = args[i]
			}
			if err := sp.set(o, val); err != nil {
				return nil, err
			}
		case len(a) > 1 && a[0] == '-':
			// Short options may be grouped (-Ct) and take a value attached
			// (-uuser) or as the next argument (-u user).
			for j := 1; j < len(a); j++ {
				sp := find(a[j:j+1], false)
				if sp == nil {
					return nil, &UsageError{Msg: "unrecognized arguments: " + a}
				}
				if sp.arg == "" {
					if err := sp.set(o, ""); err != nil {
						return nil, err
					}
					continue
				}
				val := a[j+1:]
				if val == "" {
					if i+1 >= len(args) {
						return nil, &UsageError{Msg: fmt.Sprintf("argument %s: expected one argument", sp.names())}
					}
					i++
					val = args[i]
				}
				if err := sp.set(o, val); err != nil {
					return nil, err
				}
				break
			}
		default:
			positional = append(positional, a)
		}
	}
	if len(positional) > 2 {
		return nil, &UsageError{Msg: "unrecognized arguments: " + strings.Join(positional[2:], " ")}
	}
	if len(positional) > 0 {
		o.Host, o.hostSet = positional[0], true
	}
	if len(positional) > 1 {
		o.Port, o.portSet = positional[1], true
	}
	return o, nil
}

// Usage is the help text.
func Usage(prog string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nCQL Shell for Apache Cassandra\n\noptions:\n", UsageLine(prog))
	for _, sp := range optionSpecs() {
		var names string
		switch {
		case sp.short != "" && sp.arg != "":
			names = fmt.Sprintf("-%s %s, --%s=%s", sp.short, sp.arg, sp.long, sp.arg)
		case sp.short != "":
			names = fmt.Sprintf("-%s, --%s", sp.short, sp.long)
		case sp.arg != "":
			names = fmt.Sprintf("--%s=%s", sp.long, sp.arg)
		default:
			names = "--" + sp.long
		}
		if len(names) < 24 {
			fmt.Fprintf(&b, "  %-24s%s\n", names, sp.help)
		} else {
			fmt.Fprintf(&b, "  %s\n  %24s%s\n", names, "", sp.help)
		}
	}
	b.WriteString("\nConnects to 127.0.0.1:9042 by default. These defaults can be changed by\n" +
		"setting $CQLSH_HOST and/or $CQLSH_PORT. When a host (and optional port number)\n" +
		"are given on the command line, they take precedence over any defaults.\n")
	return b.String()
}

// normalizeCQLVersion completes a CQL version to three parts ("3" →
// "3.0.0") and refuses versions before 3, as cqlsh does.
func normalizeCQLVersion(v string) (string, error) {
	parts := strings.Split(v, ".")
	for len(parts) < 3 {
		parts = append(parts, "0")
	}
	major, err := strconv.Atoi(parts[0])
	if err != nil || len(parts) > 3 {
		return "", &UsageError{Msg: fmt.Sprintf("'%s' is not a supported CQL version.", v)}
	}
	for _, p := range parts[1:] {
		if _, err := strconv.Atoi(p); err != nil {
			return "", &UsageError{Msg: fmt.Sprintf("'%s' is not a supported CQL version.", v)}
		}
	}
	full := strings.Join(parts, ".")
	if major < 3 {
		return "", &UsageError{Msg: fmt.Sprintf("'%s' is not a supported CQL version.", full)}
	}
	return full, nil
}
