package fake

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"
)

// Invoke serves one request to svc in-process, as another AWS service
// calls it on an account's behalf (AutoScaling launching a group's
// instances in EC2): it reaches svc.Handle as an authenticated request of
// account would, with no HTTP in between. It returns the answer's body,
// or the *Error svc answered.
func Invoke(svc Service, account, region string, now time.Time, operation string, params url.Values) ([]byte, error) {
	p := url.Values{}
	for k, v := range params {
		p[k] = v
	}
	p.Set("Action", operation)
	r := &Request{
		HTTP:       httptest.NewRequest(http.MethodPost, "/", nil),
		Service:    svc.Name,
		Region:     region,
		Operation:  operation,
		Protocol:   svc.Protocol,
		Params:     p,
		Credential: Credential{AccountID: account},
		RequestID:  newRequestID(),
		SigVersion: 4,
		Now:        now,
		Internal:   true,
	}
	rec := httptest.NewRecorder()
	if err := svc.Handle(rec, r); err != nil {
		return nil, err
	}
	if rec.Code >= 300 {
		return nil, &Error{Status: rec.Code, Code: "InternalError", Message: rec.Body.String()}
	}
	return rec.Body.Bytes(), nil
}
