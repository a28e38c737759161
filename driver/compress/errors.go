package compress

import "fmt"

// UnknownAlgorithmError reports a compression name New does not support.
type UnknownAlgorithmError struct {
	Name string
}

func (e *UnknownAlgorithmError) Error() string {
	return fmt.Sprintf("compress: unknown algorithm %q", e.Name)
}

// CorruptError reports compressed input that cannot be decoded.
type CorruptError struct {
	Algorithm string
	Reason    string
	Err       error // underlying library error, if any
}

func (e *CorruptError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("compress: corrupt %s input: %s: %v", e.Algorithm, e.Reason, e.Err)
	}
	return fmt.Sprintf("compress: corrupt %s input: %s", e.Algorithm, e.Reason)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// TooLargeError reports a declared uncompressed length above the allowed
// maximum; nothing is allocated for it.
type TooLargeError struct {
	Algorithm string
	Len       int64
	Max       int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("compress: %s declared uncompressed length %d exceeds %d", e.Algorithm, e.Len, e.Max)
}
