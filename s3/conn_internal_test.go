package s3

import "testing"

// TestDefaultHTTPClientKeepsConnections: the default client keeps more
// idle connections per host than a transfer has parts in flight.
func TestDefaultHTTPClientKeepsConnections(t *testing.T) {
	tr := defaultHTTPClient().GetTransport()
	if tr.MaxIdleConnsPerHost < DefaultConcurrency*DefaultSyncFiles {
		t.Errorf("MaxIdleConnsPerHost = %d, want at least Concurrency x SyncFiles = %d",
			tr.MaxIdleConnsPerHost, DefaultConcurrency*DefaultSyncFiles)
	}
	if tr.MaxIdleConns != 0 && tr.MaxIdleConns < tr.MaxIdleConnsPerHost {
		t.Errorf("MaxIdleConns = %d caps MaxIdleConnsPerHost = %d", tr.MaxIdleConns, tr.MaxIdleConnsPerHost)
	}
}
