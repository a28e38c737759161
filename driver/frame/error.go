package frame

import (
	"fmt"
	"net/netip"
)

// ErrorCode is the code of an ERROR response (spec §9).
type ErrorCode int32

// Error codes.
const (
	CodeServerError     ErrorCode = 0x0000
	CodeProtocolError   ErrorCode = 0x000A
	CodeBadCredentials  ErrorCode = 0x0100
	CodeUnavailable     ErrorCode = 0x1000
	CodeOverloaded      ErrorCode = 0x1001
	CodeIsBootstrapping ErrorCode = 0x1002
	CodeTruncateError   ErrorCode = 0x1003
	CodeWriteTimeout    ErrorCode = 0x1100
	CodeReadTimeout     ErrorCode = 0x1200
	CodeReadFailure     ErrorCode = 0x1300
	CodeFunctionFailure ErrorCode = 0x1400
	CodeWriteFailure    ErrorCode = 0x1500
	CodeCDCWriteFailure ErrorCode = 0x1600
	CodeCASWriteUnknown ErrorCode = 0x1700
	CodeSyntaxError     ErrorCode = 0x2000
	CodeUnauthorized    ErrorCode = 0x2100
	CodeInvalid         ErrorCode = 0x2200
	CodeConfigError     ErrorCode = 0x2300
	CodeAlreadyExists   ErrorCode = 0x2400
	CodeUnprepared      ErrorCode = 0x2500
)

// String returns the summary the Python driver, and so cqlsh, prints for the
// code, e.g. "Invalid query".
func (c ErrorCode) String() string {
	switch c {
	case CodeServerError:
		return "Server error"
	case CodeProtocolError:
		return "Protocol error"
	case CodeBadCredentials:
		return "Bad credentials"
	case CodeUnavailable:
		return "Unavailable exception"
	case CodeOverloaded:
		return "Coordinator node overloaded"
	case CodeIsBootstrapping:
		return "Coordinator node is bootstrapping"
	case CodeTruncateError:
		return "Error during truncate"
	case CodeWriteTimeout, CodeReadTimeout:
		return "Coordinator node timed out waiting for replica nodes' responses"
	case CodeReadFailure:
		return "Replica(s) failed to execute read"
	case CodeFunctionFailure:
		return "User Defined Function failure"
	case CodeWriteFailure:
		return "Replica(s) failed to execute write"
	case CodeCDCWriteFailure:
		return "CDC write failure"
	case CodeCASWriteUnknown:
		return "CAS operation result is unknown"
	case CodeSyntaxError:
		return "Syntax error in CQL query"
	case CodeUnauthorized:
		return "Unauthorized"
	case CodeInvalid:
		return "Invalid query"
	case CodeConfigError:
		return "Query invalid because of configuration issue"
	case CodeAlreadyExists:
		return "Item already exists"
	case CodeUnprepared:
		return "Matching prepared statement not found on this node"
	}
	return "Unknown"
}

// FailureReason is one entry of the v5 reason map of read and write
// failures: which replica failed and its failure code.
type FailureReason struct {
	Endpoint netip.Addr
	Code     uint16
}

// Error is an ERROR response (spec §4.2.1, §9). Only the fields the code
// defines are meaningful:
//
//   - Unavailable: Consistency, Required, Alive.
//   - WriteTimeout: Consistency, Received, BlockFor, WriteType and, in v5
//     when WriteType is "CAS", Contentions.
//   - ReadTimeout: Consistency, Received, BlockFor, DataPresent.
//   - ReadFailure: Consistency, Received, BlockFor, NumFailures (v3/v4) or
//     Reasons (v5, NumFailures then equals len(Reasons)), DataPresent.
//   - WriteFailure: as ReadFailure, with WriteType instead of DataPresent.
//   - CASWriteUnknown: Consistency, Received, BlockFor.
//   - FunctionFailure: Keyspace, Function, ArgTypes.
//   - AlreadyExists: Keyspace, Table (empty for a keyspace).
//   - Unprepared: UnpreparedID.
type Error struct {
	Code    ErrorCode
	Message string

	Consistency     Consistency
	Required, Alive int32
	Received        int32
	BlockFor        int32
	WriteType       string
	Contentions     uint16
	DataPresent     bool
	NumFailures     int32
	Reasons         []FailureReason

	Keyspace     string
	Table        string
	Function     string
	ArgTypes     []string
	UnpreparedID []byte
}

// Error formats the error as cqlsh shows server errors.
func (e *Error) Error() string {
	return fmt.Sprintf("Error from server: code=%04x [%s] message=%q", int32(e.Code), e.Code, e.Message)
}

func (*Error) Opcode() Opcode { return OpError }

func (e *Error) AppendBody(dst []byte, version byte) []byte {
	dst = appendInt(dst, int32(e.Code))
	dst = appendString(dst, e.Message)
	switch e.Code {
	case CodeUnavailable:
		dst = appendConsistency(dst, e.Consistency)
		dst = appendInt(dst, e.Required)
		dst = appendInt(dst, e.Alive)
	case CodeWriteTimeout:
		dst = e.appendCounts(dst)
		dst = appendString(dst, e.WriteType)
		if version >= 5 && e.WriteType == "CAS" {
			dst = appendShort(dst, e.Contentions)
		}
	case CodeReadTimeout:
		dst = e.appendCounts(dst)
		dst = appendBool(dst, e.DataPresent)
	case CodeReadFailure:
		dst = e.appendCounts(dst)
		dst = e.appendFailures(dst, version)
		dst = appendBool(dst, e.DataPresent)
	case CodeWriteFailure:
		dst = e.appendCounts(dst)
		dst = e.appendFailures(dst, version)
		dst = appendString(dst, e.WriteType)
	case CodeCASWriteUnknown:
		dst = e.appendCounts(dst)
	case CodeFunctionFailure:
		dst = appendString(dst, e.Keyspace)
		dst = appendString(dst, e.Function)
		dst = appendStringList(dst, e.ArgTypes)
	case CodeAlreadyExists:
		dst = appendString(dst, e.Keyspace)
		dst = appendString(dst, e.Table)
	case CodeUnprepared:
		dst = appendShortBytes(dst, e.UnpreparedID)
	}
	return dst
}

func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, 1)
	}
	return append(dst, 0)
}

func (e *Error) appendCounts(dst []byte) []byte {
	dst = appendConsistency(dst, e.Consistency)
	dst = appendInt(dst, e.Received)
	return appendInt(dst, e.BlockFor)
}

func (e *Error) appendFailures(dst []byte, version byte) []byte {
	if version < 5 {
		return appendInt(dst, e.NumFailures)
	}
	dst = appendInt(dst, int32(len(e.Reasons)))
	for _, f := range e.Reasons {
		dst = appendInetAddr(dst, f.Endpoint)
		dst = appendShort(dst, f.Code)
	}
	return dst
}

// DecodeErrorResponse decodes an ERROR body for version.
func DecodeErrorResponse(body []byte, version byte) (*Error, error) {
	r := reader{b: body}
	e := &Error{Code: ErrorCode(r.int_()), Message: r.string_()}
	switch e.Code {
	case CodeUnavailable:
		e.Consistency = r.consistency()
		e.Required = r.int_()
		e.Alive = r.int_()
	case CodeWriteTimeout:
		e.readCounts(&r)
		e.WriteType = r.string_()
		if version >= 5 && e.WriteType == "CAS" {
			e.Contentions = r.short()
		}
	case CodeReadTimeout:
		e.readCounts(&r)
		e.DataPresent = r.byte_() != 0
	case CodeReadFailure:
		e.readCounts(&r)
		e.readFailures(&r, version)
		e.DataPresent = r.byte_() != 0
	case CodeWriteFailure:
		e.readCounts(&r)
		e.readFailures(&r, version)
		e.WriteType = r.string_()
	case CodeCASWriteUnknown:
		e.readCounts(&r)
	case CodeFunctionFailure:
		e.Keyspace = r.string_()
		e.Function = r.string_()
		e.ArgTypes = r.stringList()
	case CodeAlreadyExists:
		e.Keyspace = r.string_()
		e.Table = r.string_()
	case CodeUnprepared:
		e.UnpreparedID = r.shortBytes()
	}
	if r.err != nil {
		return nil, r.err
	}
	return e, nil
}

func (e *Error) readCounts(r *reader) {
	e.Consistency = r.consistency()
	e.Received = r.int_()
	e.BlockFor = r.int_()
}

func (e *Error) readFailures(r *reader, version byte) {
	if version < 5 {
		e.NumFailures = r.int_()
		return
	}
	n := r.int_()
	// Each reason takes at least 7 bytes: size byte, 4-byte address, code.
	if r.err == nil && (n < 0 || int64(n)*7 > int64(len(r.b))) {
		r.fail("ERROR: reason map of %d entries cannot fit in %d bytes", n, len(r.b))
		return
	}
	if n > 0 {
		e.Reasons = make([]FailureReason, n)
	}
	for i := range e.Reasons {
		e.Reasons[i].Endpoint = r.inetAddr()
		e.Reasons[i].Code = r.short()
	}
	e.NumFailures = n
}

// PeekErrorCode returns the code of an ERROR frame without decoding the
// rest, for a caller that must react to a failure on a connection's reader
// goroutine; ok is false for any other opcode. A body too short to hold a
// code reports code 0 (ServerError's code is 0 as well: both are failures).
func PeekErrorCode(h Header, body []byte) (code ErrorCode, ok bool) {
	if h.Opcode != OpError {
		return 0, false
	}
	if h.Flags&(FlagTracing|FlagWarning|FlagCustomPayload) != 0 {
		_, rest, err := SplitEnvelope(h, body)
		if err != nil {
			return 0, true
		}
		body = rest
	}
	if len(body) < 4 {
		return 0, true
	}
	return ErrorCode(uint32(body[0])<<24 | uint32(body[1])<<16 | uint32(body[2])<<8 | uint32(body[3])), true
}
