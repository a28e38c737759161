package pyfmt

import (
	"errors"
	"fmt"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Error renders an error the way cqlsh prints it: the Python driver's
// exception class, a colon, and its text, e.g.
//
//	InvalidRequest: Error from server: code=2200 [Invalid query] message="..."
//	SyntaxException: line 1:0 no viable alternative at input 'SELEKT' ...
func Error(err error) string {
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
		return "Unavailable: " + summary(e) + " info=" + Dict(
			Pair{"consistency", Repr(e.Consistency.String())},
			Pair{"required_replicas", fmt.Sprint(e.Required)},
			Pair{"alive_replicas", fmt.Sprint(e.Alive)})
	case frame.CodeReadTimeout:
		return "ReadTimeout: " + summary(e) + " info=" + Dict(
			Pair{"consistency", Repr(e.Consistency.String())},
			Pair{"required_responses", fmt.Sprint(e.BlockFor)},
			Pair{"received_responses", fmt.Sprint(e.Received)})
	case frame.CodeWriteTimeout:
		return "WriteTimeout: " + summary(e) + " info=" + Dict(
			Pair{"consistency", Repr(e.Consistency.String())},
			Pair{"required_responses", fmt.Sprint(e.BlockFor)},
			Pair{"received_responses", fmt.Sprint(e.Received)},
			Pair{"write_type", Repr(e.WriteType)})
	case frame.CodeReadFailure, frame.CodeWriteFailure:
		name := "ReadFailure"
		if e.Code == frame.CodeWriteFailure {
			name = "WriteFailure"
		}
		fields := []Pair{
			{"consistency", Repr(e.Consistency.String())},
			{"required_responses", fmt.Sprint(e.BlockFor)},
			{"received_responses", fmt.Sprint(e.Received)},
			{"failures", fmt.Sprint(e.NumFailures)},
		}
		if e.Reasons != nil {
			m := make([]Pair, 0, len(e.Reasons))
			for _, r := range e.Reasons {
				m = append(m, Pair{r.Endpoint.String(), Repr(fmt.Sprintf("0x%04x", r.Code))})
			}
			fields = append(fields, Pair{"error_code_map", Dict(m...)})
		}
		return name + ": " + summary(e) + " info=" + Dict(fields...)
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
