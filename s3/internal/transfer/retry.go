package transfer

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/goboto/goboto"
)

// partAttempts is how many times a transfer tries one part, on top of the
// SDK's own attempts per request. The SDK's retries end once response
// headers arrive, so a download body cut short is invisible to them; and
// one part failing for good fails a whole transfer of thousands, which is
// worth a few more tries after the SDK gives up (its retry quota running
// dry under a burst of throttles included).
const partAttempts = 4

// partBackoff is the first wait between a part's attempts; it doubles
// with each attempt, with jitter.
const partBackoff = 100 * time.Millisecond

// Retry runs fn until it succeeds, fails for good, or has been tried
// partAttempts times.
func Retry(ctx context.Context, fn func() error) error {
	// A part scheduled just as the transfer failed or was cancelled is
	// not sent at all.
	if err := ctx.Err(); err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || attempt >= partAttempts || ctx.Err() != nil || !transient(err) {
			return err
		}
		d := partBackoff << (attempt - 1)
		d = d/2 + rand.N(d/2+1)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// transient reports whether err may go away if the part is tried again.
func transient(err error) bool {
	var ve *goboto.ValidationError
	var ce *ChecksumError
	if errors.As(err, &ve) || errors.As(err, &ce) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ae *goboto.APIError
	if errors.As(err, &ae) {
		return ae.StatusCode >= 500 || goboto.IsThrottled(err) ||
			ae.Code == "RequestTimeout" || ae.Code == "IncompleteBody"
	}
	var qe ratelimit.QuotaExceededError
	var ne net.Error
	return errors.As(err, &qe) || errors.As(err, &ne) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		// The SDK's own rules: connection errors, 5xx answers, throttles.
		retry.IsErrorRetryables(retry.DefaultRetryables).IsErrorRetryable(err) == aws.TrueTernary
}
