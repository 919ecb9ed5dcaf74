package fake

import (
	"io"
	"net/http"
	"strings"
)

// maxDrain is the most of a streamed body a fault or a refusing handler
// has read before the error is answered.
const maxDrain = 8 << 20

// drainBody reads and discards the unread body of a request a Throttle or
// ServerError fault answers without handling, or of a streamed request
// whose handler returned an error. Answering first would leave
// the client writing into a connection the HTTP server closes once it
// gives up on the body (past 256 KiB), and the client would see a
// connection reset instead of the error. Only maxDrain bytes are read; a
// longer body gets Connection: close, as there is no reusing the
// connection then.
//
// A client that asked for 100-continue has sent no body yet, and will not
// once it has the error, so nothing is read: reading would invite the
// body.
func drainBody(w http.ResponseWriter, r *http.Request) {
	if strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
		return
	}
	n, err := io.CopyN(io.Discard, r.Body, maxDrain)
	if err == nil && n == maxDrain {
		w.Header().Set("Connection", "close")
	}
}
