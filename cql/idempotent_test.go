package cql

import "testing"

func TestIdempotent(t *testing.T) {
	for _, tc := range []struct {
		stmt string
		want bool
	}{
		{"SELECT * FROM ks.t WHERE k = ?", true},
		{"  select v from t", true},
		{"INSERT INTO ks.t (k, v) VALUES (?, ?)", true},
		{"INSERT INTO ks.t (k, v) VALUES (1, 'x') USING TTL 10", true},
		{"UPDATE ks.t SET v = ? WHERE k = ?", true},
		{"UPDATE ks.t SET l[2] = ? WHERE k = ?", true},
		{"DELETE FROM ks.t WHERE k = ?", true},
		{"DELETE v FROM ks.t WHERE k = ? AND c IN (1, 2)", true},
		{"UPDATE t SET a = ?, b = ? WHERE k = ? AND c > -1", true},
		{"INSERT INTO ks.t (k, v) VALUES (?, ?) IF NOT EXISTS", false},
		{"UPDATE ks.t SET v = ? WHERE k = ? IF v = 'x'", false},
		{"DELETE FROM ks.t WHERE k = ? IF EXISTS", false},
		{"UPDATE ks.c SET n = n + ? WHERE k = ?", false},
		{"UPDATE ks.c SET n = n - 1 WHERE k = ?", false},
		{"UPDATE ks.t SET l = l + [?] WHERE k = ?", false},
		{"UPDATE ks.t SET l = [?] + l WHERE k = ?", false},
		{`UPDATE ks.t SET "L" = "L" + ? WHERE k = ?`, false},
		{"UPDATE ks.t SET a = ?, n = n + 1 WHERE k = ?", false},
		{"INSERT INTO ks.t (k, id) VALUES (?, now())", false},
		{"INSERT INTO ks.t (k, id) VALUES (?, uuid())", false},
		{"UPDATE ks.t SET ts = currentTimestamp() WHERE k = ?", false},
		{"DELETE l[1] FROM ks.t WHERE k = ?", false},
		{"TRUNCATE ks.t", false},
		{"BEGIN BATCH INSERT INTO t (k) VALUES (1); APPLY BATCH", false},
		{"CREATE TABLE t (k int PRIMARY KEY)", false},
		{"", false},
		{"-- a comment\nINSERT INTO t (k) VALUES (?)", true},
		{"INSERT INTO t (k, v) VALUES (?, 'IF now()')", true},
	} {
		if got := Idempotent(tc.stmt); got != tc.want {
			t.Errorf("Idempotent(%q) = %v, want %v", tc.stmt, got, tc.want)
		}
	}
}
