// Package describe answers DESCRIBE on the client, from the schema model
// (driver/schema), for servers that cannot answer it themselves (releases
// before 4.0). Its CQL text follows what Cassandra 5.0's server-side
// DESCRIBE prints.
package describe

import "github.com/gocqlsh/gocqlsh/driver/schema"

// The schema model's types, as DESCRIBE reads them.
type (
	Schema    = schema.Schema
	Keyspace  = schema.Keyspace
	Table     = schema.Table
	View      = schema.View
	Column    = schema.Column
	Index     = schema.Index
	UserType  = schema.UserType
	Function  = schema.Function
	Aggregate = schema.Aggregate
	Row       = schema.Row
)
