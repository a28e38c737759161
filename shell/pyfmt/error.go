package shell

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// FormatError renders an error the way cqlsh prints it: the Python driver's
// exception class, a colon, and its text, e.g.
//
//	InvalidRequest: Error from server: code=2200 [Invalid query] message="..."
//	SyntaxException: line 1:0 no viable alternative at input 'SELEKT' ...
func FormatError(err error) string {
	var se *driver.Error
	if errors.As(err, &se) {
		return formatServerError(se)
	}
	var te *driver.TimeoutError
	if errors.As(err, &te) {
		return fmt.Sprintf("OperationTimedOut: errors={'%s': 'Client request timeout. See Session.execute[_async](timeout)'}, last_host=%s", te.Addr, te.Addr)
	}
	var ae *driver.ArgumentError
	if errors.As(err, &ae) {
		return "TypeError: " + ae.Error()
	}
	var nh *driver.NoHostsError
	if errors.As(err, &nh) {
		return "NoHostAvailable: " + err.Error()
	}
	if errors.Is(err, driver.ErrClosed) {
		return "ConnectionShutdown: " + err.Error()
	}
	return err.Error()
}

// summary is the Python driver's "Error from server" text.
func summary(e *driver.Error) string {
	return fmt.Sprintf("Error from server: code=%04x [%s] message=\"%s\"", int32(e.Code), e.Code, e.Message)
}

func formatServerError(e *driver.Error) string {
	switch e.Code {
	case frame.CodeUnavailable:
		return "Unavailable: " + summary(e) + " info=" + pyDict(
			kv{"consistency", pyStr(e.Consistency.String())},
			kv{"required_replicas", fmt.Sprint(e.Required)},
			kv{"alive_replicas", fmt.Sprint(e.Alive)})
	case frame.CodeReadTimeout:
		return "ReadTimeout: " + summary(e) + " info=" + pyDict(
			kv{"consistency", pyStr(e.Consistency.String())},
			kv{"required_responses", fmt.Sprint(e.BlockFor)},
			kv{"received_responses", fmt.Sprint(e.Received)})
	case frame.CodeWriteTimeout:
		return "WriteTimeout: " + summary(e) + " info=" + pyDict(
			kv{"consistency", pyStr(e.Consistency.String())},
			kv{"required_responses", fmt.Sprint(e.BlockFor)},
			kv{"received_responses", fmt.Sprint(e.Received)},
			kv{"write_type", pyStr(e.WriteType)})
	case frame.CodeReadFailure, frame.CodeWriteFailure:
		name := "ReadFailure"
		if e.Code == frame.CodeWriteFailure {
			name = "WriteFailure"
		}
		fields := []kv{
			{"consistency", pyStr(e.Consistency.String())},
			{"required_responses", fmt.Sprint(e.BlockFor)},
			{"received_responses", fmt.Sprint(e.Received)},
			{"failures", fmt.Sprint(e.NumFailures)},
		}
		if e.Reasons != nil {
			m := make([]kv, 0, len(e.Reasons))
			for _, r := range e.Reasons {
				m = append(m, kv{r.Endpoint.String(), pyStr(fmt.Sprintf("0x%04x", r.Code))})
			}
			fields = append(fields, kv{"error_code_map", pyDict(m...)})
		}
		return name + ": " + summary(e) + " info=" + pyDict(fields...)
	case frame.CodeFunctionFailure:
		return "FunctionFailure: " + summary(e)
	case frame.CodeUnauthorized:
		return "Unauthorized: " + summary(e)
	case frame.CodeInvalid:
		return "InvalidRequest: " + summary(e)
	case frame.CodeAlreadyExists:
		if e.Table != "" {
			return fmt.Sprintf("AlreadyExists: Table '%s.%s' already exists", e.Keyspace, e.Table)
		}
		return fmt.Sprintf("AlreadyExists: Keyspace '%s' already exists", e.Keyspace)
	case frame.CodeSyntaxError:
		return "SyntaxException: " + e.Message
	case frame.CodeConfigError:
		return "ConfigurationException: " + e.Message
	case frame.CodeServerError:
		return "ServerError: " + e.Message
	case frame.CodeProtocolError:
		return "ProtocolException: " + e.Message
	case frame.CodeBadCredentials:
		return "BadCredentials: " + e.Message
	case frame.CodeOverloaded:
		return "OverloadedErrorMessage: " + e.Message
	case frame.CodeIsBootstrapping:
		return "IsBootstrappingErrorMessage: " + e.Message
	case frame.CodeTruncateError:
		return "TruncateError: " + e.Message
	case frame.CodeUnprepared:
		return "PreparedQueryNotFound: " + e.Message
	case frame.CodeCDCWriteFailure:
		return "CDCWriteFailure: " + e.Message
	}
	return "ErrorMessage: " + summary(e)
}

type kv struct{ k, v string }

// pyDict renders key/value pairs as Python's repr of a dict with str keys.
func pyDict(fields ...kv) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = pyStr(f.k) + ": " + f.v
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// pyStr renders s as Python's repr of a str.
func pyStr(s string) string {
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

// pyOSError words a file error as Python's OSError prints it, which is what
// cqlsh shows: "[Errno 2] No such file or directory: 'name'".
func pyOSError(err error) string {
	var pe *fs.PathError
	var errno syscall.Errno
	if !errors.As(err, &pe) || !errors.As(pe.Err, &errno) {
		return err.Error()
	}
	msg := errno.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return fmt.Sprintf("[Errno %d] %s: %s", int(errno), msg, pyStr(pe.Path))
}
