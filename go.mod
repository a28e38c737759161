module github.com/gocqlsh/gocqlsh

go 1.26

require (
	github.com/golang/snappy v1.0.0 // indirect
	github.com/pierrec/lz4/v4 v4.1.33 // indirect
)
