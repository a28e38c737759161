package copy

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gocqlsh/gocqlsh/shell/cqlshrc"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// copyOptions are a COPY command's settings after defaults, the cqlshrc
// [copy] sections and the WITH options are merged, with cqlsh's defaults.
type copyOptions struct {
	delim, quote, escape rune // escape is 0 in double-quote mode
	doubleQuote          bool // QUOTE == ESCAPE: quotes inside fields are doubled
	null                 string
	header               bool
	pageSize             int
	maxAttempts          int
	timeFormat           string // "" means the shell's
	floatPrec            int
	doublePrec           int
	chunkSize            int
	minBatch, maxBatch   int
	ingestRate           int
	decimalSep           string
	thousandsSep         string
	boolStyle            [2]string
	numProcesses         int
	inFlight             int // requests at once (see parseCopyOptions)
	maxRequests          int
	pageTimeout          time.Duration
	beginToken           string
	endToken             string
	maxRows              int
	skipRows             int
	skipCols             []string
	maxParseErrors       int
	maxInsertErrors      int
	errFile              string
	maxOutputSize        int
	ttl                  int
	format               fileFormat // FORMAT, or inferred from the file name
	unrecognized         []string   // names not known, in the order written
}

// optionSet is an ordered map of option names to values: later values win,
// the first position is kept, as in a Python dict.
type optionSet struct {
	names []string
	vals  map[string]string
}

func (o *optionSet) set(k, v string) {
	if o.vals == nil {
		o.vals = map[string]string{}
	}
	if _, ok := o.vals[k]; !ok {
		o.names = append(o.names, k)
	}
	o.vals[k] = v
}

// minDefaultWorkers is the fewest workers' worth of requests COPY keeps in
// flight when NUMPROCESSES is not given.
const minDefaultWorkers = 4

// pop removes and returns an option, or def when it is absent.
func (o *optionSet) pop(k, def string) string {
	v, ok := o.vals[k]
	if !ok {
		return def
	}
	delete(o.vals, k)
	return v
}

// repr is the Python dict repr, as cqlsh prints option sets.
func (o *optionSet) repr() string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for _, k := range o.names {
		v, ok := o.vals[k]
		if !ok {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.WriteString(pyfmt.Repr(k) + ": " + pyfmt.Repr(v))
	}
	b.WriteByte('}')
	return b.String()
}

// remaining lists the options still present, in order.
func (o *optionSet) remaining() []string {
	var out []string
	for _, k := range o.names {
		if _, ok := o.vals[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// mergeCopyOptions merges the [copy], [copy-<dir>], [copy:ks.t] and
// [copy-<dir>:ks.t] sections of the configuration file (CONFIGFILE, else
// rcPath, the shell's cqlshrc) with the command's options (which win); say
// receives cqlsh's "Reading options" lines.
func mergeCopyOptions(cmd *copyCmd, ks, rcPath string, say func(string)) *optionSet {
	given := &optionSet{}
	for _, o := range cmd.opts {
		given.set(o.name, o.value)
	}
	path := given.pop("configfile", "")
	if path == "" {
		path = rcPath
	}
	if st, err := os.Stat(path); path == "" || err != nil || !st.Mode().IsRegular() {
		return given
	}
	ini, err := cqlshrc.Read(path)
	if err != nil {
		return given
	}
	dir := "to"
	if cmd.from {
		dir = "from"
	}
	out := &optionSet{}
	for _, sec := range []string{"copy", "copy-" + dir, "copy:" + ks + "." + cmd.table, "copy-" + dir + ":" + ks + "." + cmd.table} {
		vals, ok := ini[strings.ToLower(sec)]
		if !ok {
			continue
		}
		part := &optionSet{}
		for _, k := range sortedKeys(vals) {
			part.set(k, vals[k])
			out.set(k, vals[k])
		}
		say(fmt.Sprintf("Reading options from %s:[%s]: %s", path, sec, part.repr()))
	}
	if len(given.remaining()) > 0 {
		say("Reading options from the command line: " + given.repr())
		for _, k := range given.remaining() {
			out.set(k, given.vals[k])
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// parseCopyOptions turns merged options into settings, checking them in
// cqlsh's order so that the first bad value is the one reported, with
// cqlsh's message.
func parseCopyOptions(o *optionSet, ks, table string) (*copyOptions, error) {
	c := &copyOptions{}
	var err error
	num := func(name, def string) int {
		v := o.pop(name, def)
		if err != nil {
			return 0
		}
		var n int
		n, err = pyfmt.Int(v)
		return n
	}
	quote, escape, delim := o.pop("quote", `"`), o.pop("escape", `\`), o.pop("delimiter", ",")
	c.null = o.pop("null", "")
	c.header = strings.ToLower(o.pop("header", "")) == "true"
	o.pop("encoding", "utf8")
	c.maxRequests = num("maxrequests", "6")
	c.pageSize = num("pagesize", "1000")
	if err == nil {
		c.pageTimeout = time.Duration(num("pagetimeout", strconv.Itoa(max(10, 10*c.pageSize/1000)))) * time.Second
	}
	c.maxAttempts = num("maxattempts", "5")
	c.timeFormat = o.pop("datetimeformat", "")
	c.floatPrec = num("floatprecision", "5")
	c.doublePrec = num("doubleprecision", "12")
	c.chunkSize = num("chunksize", "5000")
	c.ingestRate = num("ingestrate", "100000")
	maxBatch := num("maxbatchsize", "20")
	c.maxBatch = max(maxBatch, 1)
	c.minBatch = num("minbatchsize", "10")
	if v := o.pop("reportfrequency", "0.25"); err == nil {
		_, err = pyfmt.Float(v)
	}
	c.decimalSep = o.pop("decimalsep", ".")
	c.thousandsSep = o.pop("thousandssep", "")
	styles := strings.Split(o.pop("boolstyle", "True, False"), ",")
	for i := range styles {
		styles[i] = strings.TrimSpace(styles[i])
	}
	_, workersGiven := o.vals["numprocesses"]
	c.numProcesses = num("numprocesses", strconv.Itoa(max(1, min(16, runtime.NumCPU()-1))))
	// Requests in flight, as NUMPROCESSES workers with MAXREQUESTS each.
	// cqlsh's default worker count follows the client's cores because its
	// workers are processes; gocqlsh's are not, so unless NUMPROCESSES is
	// given it keeps at least four workers' worth in flight: on a two-core
	// client, 6 batches in flight left the node waiting (1,000,000 rows:
	// 23.0 s with 6, 16.5 s with 24).
	workers := c.numProcesses
	if !workersGiven {
		workers = max(workers, minDefaultWorkers)
	}
	c.inFlight = max(1, workers*c.maxRequests)
	c.beginToken = o.pop("begintoken", "")
	c.endToken = o.pop("endtoken", "")
	c.maxRows = num("maxrows", "-1")
	c.skipRows = num("skiprows", "0")
	for _, s := range strings.Split(o.pop("skipcols", ""), ",") {
		c.skipCols = append(c.skipCols, strings.TrimSpace(s))
	}
	c.maxParseErrors = num("maxparseerrors", "-1")
	c.maxInsertErrors = num("maxinserterrors", "1000")
	c.errFile = o.pop("errfile", "import_"+ks+"_"+table+".err")
	if c.errFile != "" {
		c.errFile = filepath.Clean(cqlshrc.ExpandHome(c.errFile))
	}
	o.pop("ratefile", "")
	c.maxOutputSize = num("maxoutputsize", "-1")
	o.pop("preparedstatements", "true")
	c.ttl = num("ttl", "-1")
	formatName := o.pop("format", "")
	num("maxinflightmessages", "512")
	num("maxbackoffattempts", "12")
	num("maxpendingchunks", "24")
	reqTimeout := num("requesttimeout", strconv.Itoa(max(60, maxBatch/10)))
	num("childtimeout", strconv.Itoa(reqTimeout+30))
	if err != nil {
		return nil, err
	}
	if len(styles) != 2 || styles[0] == styles[1] || styles[0] == "" || styles[1] == "" {
		return nil, fmt.Errorf("Invalid boolean styles %s", pyfmt.List(styles))
	}
	c.boolStyle = [2]string{styles[0], styles[1]}
	for _, d := range []struct {
		name string
		val  string
		dst  *rune
	}{{"delimiter", delim, &c.delim}, {"quotechar", quote, &c.quote}, {"escapechar", escape, &c.escape}} {
		if utf8.RuneCountInString(d.val) != 1 {
			return nil, fmt.Errorf("\"%s\" must be a 1-character string", d.name)
		}
		*d.dst, _ = utf8.DecodeRuneInString(d.val)
	}
	if c.quote == c.escape {
		c.doubleQuote, c.escape = true, 0
	}
	if c.format, err = parseFormat(formatName); err != nil {
		return nil, err
	}
	c.unrecognized = o.remaining()
	return c, nil
}
