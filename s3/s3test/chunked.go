package s3test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// errChunked is a malformed aws-chunked body.
var errChunked = errors.New("malformed aws-chunked body")

// decodeChunked decodes an aws-chunked body: chunks of
// "<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n" ending with a
// zero-size chunk, then optional trailer lines "name:value\r\n" and a
// final "\r\n". It returns the data and the trailers, names lower-cased.
// Chunk and trailer signatures are not verified.
func decodeChunked(body []byte) ([]byte, map[string]string, error) {
	var data []byte
	for {
		line, rest, ok := bytes.Cut(body, []byte("\r\n"))
		if !ok {
			return nil, nil, errChunked
		}
		sizeText, _, _ := bytes.Cut(line, []byte(";"))
		size, err := strconv.ParseUint(string(bytes.TrimSpace(sizeText)), 16, 31)
		if err != nil || len(sizeText) == 0 {
			return nil, nil, errChunked
		}
		body = rest
		if size == 0 {
			break
		}
		if uint64(len(body)) < size+2 || string(body[size:size+2]) != "\r\n" {
			return nil, nil, errChunked
		}
		data = append(data, body[:size]...)
		body = body[size+2:]
	}
	trailers := map[string]string{}
	for len(body) > 0 {
		line, rest, ok := bytes.Cut(body, []byte("\r\n"))
		if !ok {
			line, rest = body, nil
		}
		body = rest
		if len(line) == 0 {
			continue
		}
		name, value, ok := strings.Cut(string(line), ":")
		if !ok {
			return nil, nil, errChunked
		}
		trailers[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(value)
	}
	if data == nil {
		data = []byte{}
	}
	return data, trailers, nil
}
