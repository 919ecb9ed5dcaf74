package fake

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
)

// WriteXML answers status with xml.Header followed by v encoded by
// encoding/xml, as text/xml unless the handler set a content type. v is encoded before anything is written, so
// an encoding error leaves w untouched.
func WriteXML(w http.ResponseWriter, status int, v any) error {
	body, err := xml.Marshal(v)
	if err != nil {
		return err
	}
	writeXMLBytes(w, status, body)
	return nil
}

// writeXMLBytes answers status with xml.Header and body; a non-[]byte
// body is marshalled first. The content type is text/xml unless the
// handler set one.
func writeXMLBytes(w http.ResponseWriter, status int, v any) {
	body, ok := v.([]byte)
	if !ok {
		var err error
		if body, err = xml.Marshal(v); err != nil {
			http.Error(w, "fake: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "text/xml")
	}
	h.Set("Content-Length", strconv.Itoa(len(xml.Header)+len(body)))
	w.WriteHeader(status)
	w.Write([]byte(xml.Header))
	w.Write(body)
}

// WriteJSON answers status with v encoded by encoding/json. The content
// type is application/x-amz-json-1.0 unless the handler set one.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	h := w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/x-amz-json-1.0")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, err = w.Write(body)
	return err
}
