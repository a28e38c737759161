package driver

import "time"

// RequestObserver sees every attempt of every request, on the goroutine
// that settled it; it must be quick (a metrics counter, a log line).
type RequestObserver interface {
	ObserveRequest(ObservedRequest)
}

// ObservedRequest is one attempt.
type ObservedRequest struct {
	Host        *Host
	Statement   string
	Attempt     int  // 1 for the first, then counting retries and re-sends
	Speculative bool // a speculative attempt that won
	Latency     time.Duration
	Err         error
}
