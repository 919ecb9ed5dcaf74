package fake

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// emptySHA256 is the hex SHA-256 of nothing.
const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// errIncompleteBody is S3's answer to a payload cut short or framed wrongly.
func errIncompleteBody() *Error {
	return &Error{Status: http.StatusBadRequest, Code: "IncompleteBody", Sender: true,
		Message: "The request body terminated unexpectedly"}
}

// chunkSigner checks the signatures of an aws-chunked payload: each
// chunk's signature signs the chunk and the signature before it, starting
// from the seed signature of the Authorization header.
type chunkSigner struct {
	key    []byte
	v      *v4Sig
	prev   string // the last signature checked, lower-case hex
	badSig *Error
}

// chunkStringToSign is what a chunk signature signs (S3's "Signature
// Calculations for the Authorization Header: Transferring Payload in
// Multiple Chunks").
func chunkStringToSign(v *v4Sig, prev, dataSHA256 string) string {
	return "AWS4-HMAC-SHA256-PAYLOAD\n" + v.amzDate + "\n" + v.scope() + "\n" + prev + "\n" +
		emptySHA256 + "\n" + dataSHA256
}

// trailerStringToSign is what x-amz-trailer-signature signs: the trailing
// headers, each "name:value\n", after the final chunk's signature.
func trailerStringToSign(v *v4Sig, prev string, canonicalTrailers string) string {
	sum := sha256.Sum256([]byte(canonicalTrailers))
	return "AWS4-HMAC-SHA256-TRAILER\n" + v.amzDate + "\n" + v.scope() + "\n" + prev + "\n" +
		hex.EncodeToString(sum[:])
}

// signingKey derives the SigV4 key of secret for v's scope.
func signingKey(secret string, v *v4Sig) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), v.date)
	k = hmacSHA256(k, v.region)
	k = hmacSHA256(k, v.service)
	return hmacSHA256(k, "aws4_request")
}

// fail returns a copy of the service's bad-signature error.
func (s *chunkSigner) fail() error {
	e := *s.badSig
	return &e
}

// check compares got with the signature of stringToSign and moves on.
func (s *chunkSigner) check(got, stringToSign string) error {
	want := hex.EncodeToString(hmacSHA256(s.key, stringToSign))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(got))) {
		return s.fail()
	}
	s.prev = want
	return nil
}

// chunkReader decodes an aws-chunked payload as it is read: chunks of
// "<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n" ending with a
// zero-size chunk, then optional trailer lines "name:value\r\n" and a
// final "\r\n". Trailer names are stored lower-cased.
type chunkReader struct {
	br       *bufio.Reader
	trailers map[string]string
	want     int64 // X-Amz-Decoded-Content-Length, or -1

	signer        *chunkSigner // nil: unsigned chunks
	hash          hash.Hash    // SHA-256 of the current chunk when signed
	signedTrailer bool         // the trailers carry x-amz-trailer-signature

	left    int64  // bytes of the current chunk not yet read
	inChunk bool   // a data chunk has begun and its CRLF is due
	sig     string // the current chunk's signature
	decoded int64
	err     error // sticky: io.EOF at the end
}

func newChunkReader(src io.Reader, trailers map[string]string, decodedLength string) *chunkReader {
	c := &chunkReader{br: bufio.NewReaderSize(src, 4096), trailers: trailers, want: -1}
	if n, err := strconv.ParseInt(decodedLength, 10, 64); err == nil && n >= 0 {
		c.want = n
	}
	return c
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for c.left == 0 {
		if c.err != nil {
			return 0, c.err
		}
		c.err = c.next()
	}
	if len(p) == 0 {
		return 0, nil
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.br.Read(p)
	c.left -= int64(n)
	c.decoded += int64(n)
	if c.hash != nil {
		c.hash.Write(p[:n])
	}
	if err == io.EOF {
		err = errIncompleteBody() // the body ended inside a chunk
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

// line reads one CRLF-terminated line without its CRLF.
func (c *chunkReader) line() (string, error) {
	l, err := c.br.ReadSlice('\n')
	if err != nil || !bytes.HasSuffix(l, []byte("\r\n")) {
		return "", errIncompleteBody()
	}
	return string(l[:len(l)-2]), nil
}

// next finishes the chunk just read and starts the next one; after the
// final chunk it reads the trailers and returns io.EOF.
func (c *chunkReader) next() error {
	if c.inChunk {
		if l, err := c.line(); err != nil || l != "" {
			return errIncompleteBody()
		}
		if err := c.checkChunk(); err != nil {
			return err
		}
		c.inChunk = false
	}
	l, err := c.line()
	if err != nil {
		return err
	}
	sizeText, ext, _ := strings.Cut(l, ";")
	size, err := strconv.ParseInt(strings.TrimSpace(sizeText), 16, 64)
	if err != nil || size < 0 || sizeText == "" {
		return errIncompleteBody()
	}
	c.sig = ""
	if v, ok := strings.CutPrefix(strings.TrimSpace(ext), "chunk-signature="); ok {
		c.sig = v
	}
	if c.signer != nil && c.sig == "" {
		return c.signer.fail()
	}
	if c.hash != nil {
		c.hash.Reset()
	}
	if size > 0 {
		c.left, c.inChunk = size, true
		return nil
	}
	if err := c.checkChunk(); err != nil {
		return err
	}
	if err := c.readTrailers(); err != nil {
		return err
	}
	if c.want >= 0 && c.decoded != c.want {
		return errIncompleteBody()
	}
	return io.EOF
}

// checkChunk verifies the signature of the chunk just read.
func (c *chunkReader) checkChunk() error {
	if c.signer == nil {
		return nil
	}
	return c.signer.check(c.sig, chunkStringToSign(c.signer.v, c.signer.prev, hex.EncodeToString(c.hash.Sum(nil))))
}

// readTrailers reads "name:value" lines up to a blank line or the end of
// the body, and checks x-amz-trailer-signature when the payload is signed
// with trailers.
func (c *chunkReader) readTrailers() error {
	var canonical strings.Builder
	trailerSig := ""
	for {
		l, err := c.br.ReadSlice('\n')
		if err == io.EOF && len(l) == 0 {
			break
		}
		if err != nil && err != io.EOF {
			return errIncompleteBody()
		}
		s := strings.TrimRight(string(l), "\r\n")
		if s == "" {
			// Some signers put a blank line between the final chunk and
			// the trailers; a blank line ends the body only after them.
			if _, perr := c.br.Peek(1); canonical.Len() == 0 && trailerSig == "" && perr == nil {
				continue
			}
			break
		}
		name, value, ok := strings.Cut(s, ":")
		if !ok {
			return errIncompleteBody()
		}
		name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
		if name == "x-amz-trailer-signature" {
			trailerSig = value
			continue
		}
		canonical.WriteString(name + ":" + value + "\n")
		if c.trailers != nil {
			c.trailers[name] = value
		}
		if err == io.EOF {
			break
		}
	}
	if c.signer != nil && c.signedTrailer {
		return c.signer.check(trailerSig, trailerStringToSign(c.signer.v, c.signer.prev, canonical.String()))
	}
	return nil
}
