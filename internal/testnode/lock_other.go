//go:build !unix

package testnode

// fileLock does nothing where there is no flock(2): the local nodes run on
// Linux (and macOS) only.
type fileLock struct{}

func openLock(string) (*fileLock, error) { return &fileLock{}, nil }
func (*fileLock) lock(bool) error        { return nil }
func (*fileLock) unlock()                {}
