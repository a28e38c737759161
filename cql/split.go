package cql

import "strings"

// Split splits a complete input, such as the argument of -e, into its
// statements. rest is the unterminated tail of input, exactly as written
// ("" when every statement was terminated); callers at end of input report
// it as an incomplete statement. Split gives the same statements as feeding
// input to a Splitter line by line.
func Split(input string) (stmts []Statement, rest string) {
	var s Splitter
	for len(input[s.off:]) > 0 {
		line := input[s.off:]
		if k := strings.IndexByte(line, '\n'); k >= 0 {
			line = line[:k+1]
		}
		stmts = append(stmts, s.Feed(line)...)
	}
	if s.Pending() {
		rest = input[s.bufStart:]
	}
	return stmts, rest
}
