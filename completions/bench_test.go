package completions

import "testing"

// BenchmarkComplete measures completion against a 1,000-table keyspace.
func BenchmarkComplete(b *testing.B) {
	sch := bigSchema(1000)
	for _, bc := range []struct{ name, in string }{
		{"tables", "SELECT * FROM @"},
		{"qualified", "SELECT * FROM big.table_05@"},
		{"where", "SELECT * FROM table_0500 WHERE col_1 = 'x' AND @"},
		{"insert", "INSERT INTO big.table_0999 (id, @"},
		{"lookahead", "SELECT id, @ FROM table_0042 WHERE id = ?"},
		{"start", "s@"},
		{"long", "SELECT id, ts, col_0, col_1, col_2, col_3, col_4, col_5, col_6, col_7\nFROM big.table_0001\nWHERE id = 1 AND ts > '2020-01-01' AND ts < '2021-01-01'\nORDER BY @"},
	} {
		in, cur := split(bc.in)
		b.Run(bc.name, func(b *testing.B) {
			if _, s := Complete(in, cur, sch, "big"); len(s) == 0 {
				b.Fatalf("no suggestions for %q", bc.in)
			}
			b.ReportAllocs()
			for b.Loop() {
				Complete(in, cur, sch, "big")
			}
		})
	}
}
