package cql

// commandTable is every shell command, in the order completion offers them
// at the start of a statement. See Command.
var commandTable = []Command{
	{
		Name: "COPY",
		Ends: AtSemicolon,
		Syntax: `COPY [<ks>.]<table> [(<column>, ...)] TO ('<file>' | STDOUT) [WITH <option> = <value> [AND ...]];
COPY [<ks>.]<table> [(<column>, ...)] FROM ('<file>[, <file or pattern> ...]' | STDIN) [WITH ...];`,
		Help: `   TO writes the table's rows as CSV (all columns unless some are named),
   each value in its display form; FROM reads CSV into the table. FROM
   takes file names and glob patterns separated by commas; FROM STDIN
   reads lines up to one holding only a period. Option names are not case
   sensitive; values may be quoted.

   Both directions:
     DELIMITER=','  QUOTE='"'  ESCAPE='\'    CSV punctuation; when QUOTE and
                                         ESCAPE are the same, quotes are doubled
     HEADER=false                        a first line of column names
     NULL=''                             how a null is written
     DATETIMEFORMAT=<time_format>        strftime form of timestamps
     DECIMALSEP='.'  THOUSANDSSEP=''     number separators
     BOOLSTYLE='True, False'             words for true and false
     MAXATTEMPTS=5                       tries per page (TO) or batch (FROM)
     NUMPROCESSES=<cores - 1>  MAXREQUESTS=6
                                         requests in flight: NUMPROCESSES x
                                         MAXREQUESTS (without NUMPROCESSES,
                                         at least 4 x MAXREQUESTS)
     REPORTFREQUENCY, RATEFILE, CONFIGFILE, ENCODING accepted
   TO only:
     PAGESIZE=1000                       rows per page read
     BEGINTOKEN=, ENDTOKEN=              only rows with tokens in (begin, end]
     MAXOUTPUTSIZE=-1                    rows per file; more go to <file>.1, .2 ...
     FLOATPRECISION=5  DOUBLEPRECISION=12
   FROM only:
     SKIPROWS=0  MAXROWS=-1              rows to skip first, rows to read at most
     SKIPCOLS=''                         CSV columns to ignore (by column name)
     MAXPARSEERRORS=-1                   stop after this many unreadable rows
     MAXINSERTERRORS=1000                stop after this many failed inserts
     ERRFILE=import_<ks>_<table>.err     where rows that failed are written
     TTL=-1                              time to live of the rows, in seconds
     CHUNKSIZE=5000                      rows grouped into batches at a time
     MINBATCHSIZE=10  MAXBATCHSIZE=20    rows per UNLOGGED batch: rows sharing
                                         a token range when more than MIN of
                                         them do, else sharing a first replica
     INGESTRATE=100000                   most rows sent per second
     PREPAREDSTATEMENTS accepted

   Defaults can also be set in the [copy], [copy-to], [copy-from] and
   [copy:<ks>.<table>] sections of cqlshrc. Rows are written by one
   process with many batches in flight; bad rows are reported, written to
   the error file, and do not stop the good ones.

   FORMAT='csv' | 'json' | 'parquet'    (gocqlsh's own; default: by the file
                                         name, .json/.ndjson/.jsonl JSON and
                                         .parquet Parquet, else CSV)
   JSON is one object per line keyed by column name, each value as SELECT
   JSON writes it (null and "" kept apart; NaN and Infinity as strings).
   Parquet (snappy, 64k-row row groups, columns in table order) opens in
   DuckDB, pandas, pyarrow and Spark; every value and element is optional:
     text, ascii -> STRING         tinyint..bigint, counter -> INT(8..64)
     boolean, float, double -> BOOLEAN, FLOAT, DOUBLE    blob -> BYTE_ARRAY
     uuid, timeuuid -> UUID        timestamp -> TIMESTAMP(MILLIS, UTC)
     date -> DATE                  time -> TIME(NANOS)
     decimal, varint, duration, inet -> STRING (exact text; a CQL decimal's
       scale varies per value, Parquet's DECIMAL has one per column)
     list, set, vector -> LIST     map -> MAP
     tuple -> group of _1, _2 ...  user type -> group of its fields
   An empty non-text value (zero bytes) is null in CSV and Parquet. Bad
   JSON lines and Parquet rows are reported by line or row number and
   written to ERRFILE as JSON lines. HEADER, the CSV punctuation and the
   number and time formats apply to CSV only; MAXOUTPUTSIZE does not split
   Parquet.`,
		Complete: []Rule{
			{After: "", Offer: []Offer{Offers(Tables)}},
			{After: "$n", Offer: []Offer{Words("(", "FROM", "TO")}},
			{After: "$n (|,", Depth: InParens, Offer: []Offer{Offers(UnusedColumns)}},
			{After: "$n ( .. )", Depth: TopLevel, Offer: []Offer{Words("FROM", "TO")}},
			{After: ".. FROM|TO", InString: true, Offer: []Offer{Offers(Files)}},
			{After: ".. FROM|TO", Offer: []Offer{Offers(Quote), Words("STDIN", "STDOUT")}},
			{After: ".. FROM|TO $v", Offer: []Offer{Words("WITH")}},
			{After: ".. WITH|AND", Offer: []Offer{Words(
				"FORMAT", "DELIMITER", "QUOTE", "ESCAPE", "HEADER", "NULL", "DATETIMEFORMAT", "MAXATTEMPTS",
				"REPORTFREQUENCY", "DECIMALSEP", "THOUSANDSSEP", "BOOLSTYLE", "NUMPROCESSES",
				"CONFIGFILE", "RATEFILE", "ENCODING", "CHUNKSIZE", "INGESTRATE", "MAXBATCHSIZE",
				"MINBATCHSIZE", "MAXROWS", "SKIPROWS", "SKIPCOLS", "MAXPARSEERRORS",
				"MAXINSERTERRORS", "ERRFILE", "PREPAREDSTATEMENTS", "TTL", "PAGESIZE", "PAGETIMEOUT",
				"BEGINTOKEN", "ENDTOKEN", "MAXREQUESTS", "MAXOUTPUTSIZE", "FLOATPRECISION",
				"DOUBLEPRECISION")}},
			{After: ".. WITH|AND $n", Offer: []Offer{Words("=")}},
			{After: ".. WITH .. $val|$n", Offer: []Offer{Words("AND")}},
		},
	},
	{
		Name:   "CONSISTENCY",
		Ends:   AtNewline,
		Syntax: `CONSISTENCY [<level>]`,
		Help: `   Sets the consistency level of the statements that follow, or shows it
   (default ONE). Levels: ANY, ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE,
   LOCAL_QUORUM, EACH_QUORUM, SERIAL, LOCAL_SERIAL.`,
		Complete: []Rule{
			{Offer: []Offer{Words("ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_QUORUM",
				"EACH_QUORUM", "SERIAL", "LOCAL_SERIAL", "LOCAL_ONE")}},
		},
	},
	{
		Name:   "SERIAL",
		Ends:   AtNewline,
		Syntax: `SERIAL CONSISTENCY [SERIAL | LOCAL_SERIAL]`,
		Help: `   Sets the serial consistency level used by lightweight transactions, or
   shows it (default SERIAL).`,
		Start: "SERIAL CONSISTENCY",
		Complete: []Rule{
			{Offer: []Offer{Words("CONSISTENCY")}},
			{After: "CONSISTENCY", Offer: []Offer{Words("SERIAL", "LOCAL_SERIAL")}},
		},
	},
	{
		Name:    "DESCRIBE",
		Aliases: []string{"DESC"},
		Ends:    AtNewline,
		Syntax:  `DESCRIBE | DESC <what>`,
		Help: `   Shows schema as CQL, answered by the server (Cassandra 4.0 and later):
   KEYSPACES, KEYSPACE [<ks>], TABLES, TABLE [<ks>.]<t>, TYPES, TYPE <t>,
   FUNCTIONS, FUNCTION <f>, AGGREGATES, AGGREGATE <a>, INDEX <i>,
   MATERIALIZED VIEW <mv>, [FULL] SCHEMA, CLUSTER, or any object's name.`,
		Complete: []Rule{
			{Offer: []Offer{Words("KEYSPACES", "KEYSPACE", "TABLES", "TABLE", "TYPES", "TYPE",
				"FUNCTIONS", "FUNCTION", "AGGREGATES", "AGGREGATE", "INDEX", "MATERIALIZED VIEW",
				"CLUSTER", "SCHEMA", "FULL SCHEMA", "ONLY KEYSPACE"),
				Offers(Keyspaces), Offers(TablesAndViews)}},
			{After: ".. KEYSPACE", Offer: []Offer{Offers(Keyspaces)}},
			{After: "TABLE|COLUMNFAMILY", Offer: []Offer{Offers(Tables)}},
			{After: "TYPE", Offer: []Offer{Offers(Types)}},
			{After: "FUNCTION", Offer: []Offer{Offers(Functions)}},
			{After: "AGGREGATE", Offer: []Offer{Offers(Aggregates)}},
			{After: "INDEX", Offer: []Offer{Offers(Indexes)}},
			{After: "MATERIALIZED VIEW", Offer: []Offer{Offers(Views)}},
			{After: ".. $n", Unless: "WITH", Offer: []Offer{Words("WITH INTERNALS")}},
		},
	},
	{
		Name:   "SHOW",
		Ends:   AtNewline,
		Syntax: `SHOW VERSION | HOST | HOSTS | SESSION <trace id> | REPLICAS <token> [<keyspace>]`,
		Help: `   Shows versions, the node connected to, a stored trace session, or the
   nodes that hold the replicas of a token in a keyspace (the current one
   by default). SHOW HOSTS (gocqlsh's own) lists every node of the cluster
   with its data centre, rack, state (UP or DOWN), connections, requests in
   flight, requests, errors and retries so far, and p50/p99 latency.

   Statements typed at the prompt go to the host named on the command line,
   as in cqlsh; while it is down they go to the other nodes, and the shell
   says so once. CONCURRENT, COPY and background statements (&) go to each
   partition's replicas over every node of the data centre, and are retried
   on another node only when that cannot apply a write twice: a SELECT, or
   an INSERT, UPDATE or DELETE without IF, counters, list appends or
   prepends, element deletes by index, or now()/uuid()-like functions.`,
		Complete: []Rule{
			{Offer: []Offer{Words("VERSION", "HOST", "HOSTS", "SESSION", "REPLICAS")}},
			{After: "REPLICAS $v", Offer: []Offer{Offers(Keyspaces)}},
		},
	},
	{
		Name:   "SOURCE",
		Ends:   AtNewline,
		Syntax: `SOURCE '<file>'`,
		Help:   `   Runs the statements in <file> as if piped in.`,
		Complete: []Rule{
			{Offer: []Offer{Offers(Quote)}},
			{InString: true, Offer: []Offer{Offers(Files)}},
		},
	},
	{
		Name:   "CAPTURE",
		Ends:   AtNewline,
		Syntax: `CAPTURE '<file>' | OFF`,
		Help: `   Appends query results (tables, row counts, warnings, traces, DESCRIBE
   output) to <file> as well as showing them. Errors and shell messages are
   not captured. CAPTURE OFF stops; CAPTURE alone tells where output goes.`,
		Complete: []Rule{
			{Offer: []Offer{Offers(Quote), Words("OFF")}},
			{InString: true, Offer: []Offer{Offers(Files)}},
		},
	},
	{
		Name:   "LOGIN",
		Ends:   AtNewline,
		Syntax: `LOGIN <user> ['<password>']`,
		Help: `   Opens a new session as <user>, asking for the password when it is not
   given. The old session stays if the login fails.`,
	},
	{
		Name:     "TRACING",
		Ends:     AtNewline,
		Syntax:   `TRACING [ON | OFF]`,
		Help:     `   Traces each statement and prints the trace after its result.`,
		Complete: []Rule{{Offer: []Offer{Words("ON", "OFF")}}},
	},
	{
		Name:   "EXPAND",
		Ends:   AtNewline,
		Syntax: `EXPAND [ON | OFF | AUTO]`,
		Help: `   Shows each row as a vertical block of column/value lines, or tells
   whether that is on. AUTO (gocqlsh's own) does it only where needed: at a
   terminal, a page of results whose table would be wider than the screen
   is shown as "@ Row N" blocks and a narrower one as a table; elsewhere
   (piped, -f, -e) results stay tables. cqlshrc can set the starting mode:
   expand = auto (or on, off) in the [ui] section.`,
		Complete: []Rule{{Offer: []Offer{Words("ON", "OFF", "AUTO")}}},
	},
	{
		Name:   "PAGING",
		Ends:   AtNewline,
		Syntax: `PAGING [ON | OFF | <page size>]`,
		Help: `   In a terminal, shows results one page at a time (default 100 rows),
   waiting for Enter between pages.`,
		Complete: []Rule{{Offer: []Offer{Words("ON", "OFF")}}},
	},
	{
		Name:    "EXIT",
		Aliases: []string{"QUIT"},
		Ends:    AtNewline,
		Help:    `   Leaves the shell.`,
	},
	{
		Name:    "HELP",
		Aliases: []string{"?"},
		Ends:    AtNewline,
		Syntax:  `HELP [<topic>]`,
		Help:    `   Lists the topics, or explains one.`,
		Complete: []Rule{
			{After: "..", Offer: []Offer{Offers(Topics)}},
		},
	},
	{
		Name:    "CLEAR",
		Aliases: []string{"CLS"},
		Ends:    AtNewline,
		Help:    `   Clears the terminal.`,
	},
	{
		Name:   "HISTORY",
		Ends:   AtNewline,
		Syntax: `HISTORY [<n>]`,
		Help:   `   Shows the last <n> (default 50) lines of history.`,
	},
	{
		Name:     "ELAPSED",
		Ends:     AtNewline,
		Own:      true,
		Syntax:   `ELAPSED [ON | OFF]`,
		Help:     `   Prints how long each statement took after its result.`,
		Complete: []Rule{{Offer: []Offer{Words("ON", "OFF")}}},
	},
	{
		Name:   "FORMAT",
		Ends:   AtNewline,
		Own:    true,
		Syntax: `FORMAT [TABLE | EXPANDED | CSV | JSON | BOX]`,
		Help: `   Chooses how results are printed. CSV has a header line; JSON prints one
   object per row and keeps null apart from empty values. BOX draws tables
   with Unicode lines (psql's unicode style), a box per page of results;
   JOBS lists in the same style then. --format on the command line takes
   the same names.`,
		Complete: []Rule{
			{Offer: []Offer{Words("TABLE", "EXPANDED", "CSV", "JSON", "BOX")}},
		},
	},
	{
		Name: "CONCURRENT",
		Ends: AtSemicolon,
		Own:  true,
		Syntax: `CONCURRENT [<n>] <statement with ? markers> WITH ARGS <source>
           [STOP ON ERROR] [SUMMARY];`,
		Help: `   Runs one statement once per argument tuple with at most <n> (default 100,
   at most 10000) requests in flight. Values are typed by the statement's
   bind markers. <source> is one of:
     (v1, v2), (v3, v4), ...          CQL literals, one tuple each
     FROM '<file.csv>' [WITH HEADER]   CSV rows (RFC 4180 quoting; an empty
                                       cell is null). WITH HEADER skips the
                                       first line, and when it names exactly
                                       the markers, matches columns by name.
                                       '-' reads the rest of stdin, up to its
                                       end or a line holding only \.
     RANGE <a> TO <b>                  the integers a, a+1, ..., b-1, each
                                       bound to every marker
     FROM (<SELECT ...>)               the rows of a query, page by page, each
                                       row's values bound in order
   Arguments and results are streamed: memory does not grow with the input.
   A tuple that cannot be typed, or whose statement fails, is reported with
   its position (tuple number, CSV line, RANGE value or row number) and the
   rest still run, unless STOP ON ERROR is given: then nothing more is
   submitted after the first failure. Ctrl-C also stops submitting; requests
   in flight finish. At the end a summary such as
     100000 statements: 99998 ok, 2 failed in 3.21 s (31152/s), concurrency 100
   is printed, then the first failures, and all of them are written to
   concurrent_<date>-<time>.err in the working directory (the temporary
   directory if that is not writable). On a terminal a progress bar shows
   while it runs. A SELECT's rows are printed in input order as one result;
   SUMMARY only counts them.

   Example:
     CONCURRENT 50 INSERT INTO ks.t (id, name) VALUES (?, ?)
       WITH ARGS FROM 'people.csv' WITH HEADER;`,
		Complete: []Rule{
			{Offer: []Offer{Words("SELECT", "INSERT INTO", "UPDATE", "DELETE")}},
			{After: "$v", Offer: []Offer{Words("SELECT", "INSERT INTO", "UPDATE", "DELETE")}},
		},
	},
	{
		Name:   "COUNT",
		Ends:   AtSemicolon,
		Own:    true,
		Syntax: `COUNT [<keyspace>.]<table> [WHERE <condition> ALLOW FILTERING] [BY PARTITION [TOP <n>] | BY HOST | BY RANGE]`,
		Help: `   Counts a table's rows (gocqlsh's own command) where SELECT count(*)
   would time out: the token ring is cut into ranges, several per node, and
   each range is counted on one of its replicas with
   SELECT count(*) ... WHERE token(<partition key>) > ? AND ... <= ?,
   several at once; a range that times out is cut in two and counted again,
   and a node lost on the way costs nothing (the counts are retried on
   another replica). CONSISTENCY applies. On a table being written to, each
   range is counted at its own moment: the total is a sum of snapshots per
   range, not the table at one point in time.

   WHERE <condition> ALLOW FILTERING counts the rows matching a condition on
   columns outside the partition key. BY PARTITION [TOP <n>] lists the n
   largest partitions (default 10) with their rows, largest first, keeping
   only n in memory; BY HOST the rows of the ranges each node owns (as their
   first replica), which add up to the total; BY RANGE the rows of each of
   the ring's ranges. A terminal shows a progress bar (ranges, rows, ETA);
   COUNT ... & runs in the background like any statement.

   Example:
     COUNT ks.events;
     COUNT ks.events BY PARTITION TOP 5;`,
		Complete: []Rule{
			{Offer: []Offer{Offers(Tables)}},
			{After: "$n", Offer: []Offer{Words("WHERE", "BY")}},
			{After: ".. BY", Offer: []Offer{Words("PARTITION", "HOST", "RANGE")}},
			{After: ".. BY PARTITION", Offer: []Offer{Words("TOP")}},
			{After: ".. ALLOW FILTERING", Offer: []Offer{Words("BY")}},
		},
	},
	{
		Name: "JOBS",
		Ends: AtNewline,
		Own:  true,
		Help: `   Lists background statements: id, state (running, done, failed),
   elapsed time, rows of the first page (+ when more follow) and the
   statement. A statement runs in the background when & follows it, before
   or after its ';'; a line that ends with & ends the statement there.`,
	},
	{
		Name:   "WAIT",
		Ends:   AtNewline,
		Own:    true,
		Syntax: `WAIT [<id> ...]`,
		Help: `   Waits for the named (default: all) background statements and lets their
   results print. Ctrl-C stops waiting; the statements keep running.`,
	},
	{
		Name:   "RESULT",
		Ends:   AtNewline,
		Own:    true,
		Syntax: `RESULT <id>`,
		Help: `   Shows a finished background statement's whole result with normal paging.
   A job stays listed until its result has been shown this way; at most 100
   finished jobs are kept, the oldest being forgotten first.`,
	},
	{
		Name:   "CANCEL",
		Ends:   AtNewline,
		Own:    true,
		Syntax: `CANCEL <id>`,
		Help: `   Abandons a background statement: the request is given up and a reply
   that still arrives is discarded. The server may still run it.`,
	},
	{
		Name:   "PAGER",
		Ends:   AtNewline,
		Own:    true,
		Syntax: `PAGER [ON | OFF | <command>]`,
		Help: `   At a terminal, sends a query result that is taller or wider than the
   screen through a pager, as psql does: ON uses $PAGER, or less -SRFX
   when it is not set (wide tables scroll sideways with the arrow keys); a
   command (PAGER less -S) chooses another; quote one that holds -- or ;
   (PAGER 'less --chop-long-lines'). Results that fit print as
   usual. Off by default, so results are paged with ---MORE--- as in
   cqlsh; the pager replaces ---MORE--- while it is on. q leaves the pager
   and stops fetching the result; Ctrl-C belongs to the pager meanwhile and
   never ends the shell. --pager on the command line, or pager = on (or a
   command) in cqlshrc's [ui] section, turns it on from the start. PAGER
   alone tells the setting.`,
		Complete: []Rule{{Offer: []Offer{Words("ON", "OFF")}}},
	},
	{
		Name:   "WATCH",
		Ends:   AtSemicolon,
		Own:    true,
		Syntax: `WATCH <seconds> [TIMES <n>] <statement>;`,
		Help: `   Runs a statement again and again, <seconds> (which may be a fraction)
   after the end of each run, as psql's \watch does: handy with
   system_views tables. In a terminal each run clears the screen and shows
   a header line (the interval, the statement, the time and the time since
   the first run) above its result; elsewhere each result follows its
   header. Ctrl-C stops it and returns to the prompt; so do TIMES <n> runs,
   or a run that fails. Results are not paged meanwhile. The statement is
   CQL or a shell command such as SHOW HOSTS or JOBS; COPY, CONCURRENT,
   COUNT and WATCH cannot be watched.

   Example:
     WATCH 2 SELECT * FROM system_views.clients;`,
		Complete: []Rule{
			{After: "$v", Offer: []Offer{Words("TIMES", "SELECT", "SHOW", "JOBS")}},
			{After: "$v TIMES $v", Offer: []Offer{Words("SELECT", "SHOW", "JOBS")}},
		},
	},
	{
		Name:   "DEBUG",
		Ends:   AtNewline,
		Hidden: true,
	},
	{
		Name: "KEYS",
		Ends: TopicOnly,
		Own:  true,
		Help: `   The line editor's keys (on a sized terminal; in cooked mode the
   terminal edits the line), readline's emacs keys as cqlsh has them:
     Ctrl-A, Ctrl-E          start, end of the line (also Home, End)
     Ctrl-B, Ctrl-F          a character back, forward (also the arrows)
     Alt-B, Alt-F            a word back, forward (also Ctrl-Left, Ctrl-Right)
     Ctrl-D, Ctrl-H          delete the character under, before the cursor
     Ctrl-K, Ctrl-U          kill to the end, to the start of the line
     Ctrl-W                  kill back to the previous space
     Alt-Backspace, Alt-D    kill the word before, after the cursor
     Ctrl-Y                  put back what was last killed
     Ctrl-L                  clear the screen
     Up, Down (Ctrl-P, N)    earlier, later lines
     Tab                     complete
     Ctrl-R                  search the history backwards as you type:
                             (reverse-i-search)` + "`" + `sel': shows the newest
                             statement holding "sel"; Ctrl-R again an older
                             one; Enter runs it; Esc, Ctrl-G or a motion
                             key leaves it in the line to edit; Ctrl-C
                             gives up. A statement typed over several lines
                             is one entry.
     Ctrl-C                  drop the line (or stop what runs)
     Ctrl-D                  on an empty line, leave the shell`,
	},
	{
		Name: "UNICODE",
		Ends: TopicOnly,
		Help: `   gocqlsh reads and writes UTF-8 and measures wide (East Asian) characters
   as two columns when aligning tables.`,
	},
}
