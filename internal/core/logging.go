package core

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
)

// LoggingClient wraps an HTTP client and writes one debug record per
// exchange to Logger, after Redact* have removed every credential.
type LoggingClient struct {
	Next   aws.HTTPClient
	Logger *slog.Logger
}

// maxLoggedBody bounds how much of a form body is logged.
const maxLoggedBody = 2048

// Do implements aws.HTTPClient.
func (c *LoggingClient) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if !c.Logger.Enabled(ctx, slog.LevelDebug) {
		return c.Next.Do(req)
	}
	var attrs []slog.Attr
	if op := awsmiddleware.GetOperationName(ctx); op != "" {
		attrs = append(attrs, slog.String("service", awsmiddleware.GetServiceID(ctx)), slog.String("operation", op))
	}
	attrs = append(attrs,
		slog.String("method", req.Method),
		slog.String("url", RedactURL(req.URL)),
		slog.Any("headers", RedactHeader(req.Header)),
	)
	if body := formBody(req); body != "" {
		attrs = append(attrs, slog.String("form", body))
	}
	start := time.Now()
	resp, err := c.Next.Do(req)
	attrs = append(attrs, slog.Duration("elapsed", time.Since(start)))
	if err != nil {
		attrs = append(attrs, slog.String("error", RedactText(err.Error())))
		c.Logger.LogAttrs(ctx, slog.LevelDebug, "goboto http", attrs...)
		return resp, err
	}
	attrs = append(attrs, slog.Int("status", resp.StatusCode))
	if id := requestID(resp.Header); id != "" {
		attrs = append(attrs, slog.String("request_id", id))
	}
	c.Logger.LogAttrs(ctx, slog.LevelDebug, "goboto http", attrs...)
	return resp, nil
}

// formBody returns the redacted body of a query-protocol request. Query
// bodies are small, so when GetBody cannot replay it the body is read
// whole and put back for the transport.
func formBody(req *http.Request) string {
	if req.Body == nil || req.Body == http.NoBody || !strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return ""
	}
	var b []byte
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return ""
		}
		b, _ = io.ReadAll(io.LimitReader(rc, maxLoggedBody+1))
		rc.Close()
	} else {
		all, err := io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(all))
		if err != nil {
			return ""
		}
		b = all
		if len(b) > maxLoggedBody+1 {
			b = b[:maxLoggedBody+1]
		}
	}
	truncated := len(b) > maxLoggedBody
	if truncated {
		b = b[:maxLoggedBody]
		// Drop the last, cut pair: half a parameter cannot be redacted by name.
		if i := bytes.LastIndexByte(b, '&'); i >= 0 {
			b = b[:i]
		}
	}
	vals, err := url.ParseQuery(string(b))
	if err != nil {
		return "[unparsable form]"
	}
	out := RedactValues(vals).Encode()
	if truncated {
		out += "&..."
	}
	return out
}

func requestID(h http.Header) string {
	for _, k := range []string{"X-Amzn-Requestid", "X-Amz-Request-Id", "X-Amz-Id-2"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// Debug logs a record at debug level on l, when l is set.
func Debug(ctx context.Context, l *slog.Logger, msg string, attrs ...slog.Attr) {
	if l != nil {
		l.LogAttrs(ctx, slog.LevelDebug, msg, attrs...)
	}
}
