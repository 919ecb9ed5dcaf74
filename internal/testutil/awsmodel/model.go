package awsmodel

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// Model is one botocore-style service-2.json: its metadata, operations
// and shapes. Protocol starts as Metadata.Protocol; a test may set it to
// another of Metadata.Protocols (CloudWatch accepts json and query besides
// smithy-rpc-v2-cbor) before building requests.
type Model struct {
	Metadata   Metadata
	Operations map[string]*Operation
	Shapes     map[string]*Shape
	Protocol   string
}

// Metadata is the model's "metadata" object.
type Metadata struct {
	APIVersion       string   `json:"apiVersion"`
	EndpointPrefix   string   `json:"endpointPrefix"`
	SigningName      string   `json:"signingName"`
	Protocol         string   `json:"protocol"`
	Protocols        []string `json:"protocols"`
	JSONVersion      string   `json:"jsonVersion"`
	TargetPrefix     string   `json:"targetPrefix"`
	XMLNamespace     string   `json:"xmlNamespace"`
	SignatureVersion string   `json:"signatureVersion"`
	ServiceID        string   `json:"serviceId"`
	// AWSQueryCompatible is set (to an empty object) on JSON services
	// that still answer their old query error codes in x-amzn-query-error.
	AWSQueryCompatible *struct{} `json:"awsQueryCompatible"`
}

// Signing returns the name SigV4 signs for: signingName, else the
// endpoint prefix.
func (md Metadata) Signing() string {
	if md.SigningName != "" {
		return md.SigningName
	}
	return md.EndpointPrefix
}

// Operation is one entry of "operations".
type Operation struct {
	Name string `json:"name"`
	HTTP struct {
		Method       string `json:"method"`
		RequestURI   string `json:"requestUri"`
		ResponseCode int    `json:"responseCode"`
	} `json:"http"`
	Input  *Ref  `json:"input"`
	Output *Ref  `json:"output"`
	Errors []Ref `json:"errors"`
}

// Ref is a reference to a shape with the serialisation traits the
// referring member adds.
type Ref struct {
	Shape        string        `json:"shape"`
	LocationName string        `json:"locationName"`
	Location     string        `json:"location"` // uri, querystring, header, headers, statusCode
	QueryName    string        `json:"queryName"`
	Flattened    *bool         `json:"flattened"`
	XMLNamespace *XMLNamespace `json:"xmlNamespace"`
	XMLAttribute bool          `json:"xmlAttribute"`
	HostLabel    bool          `json:"hostLabel"`
	Streaming    bool          `json:"streaming"`
	// Error is set on the error refs of models that inline the error
	// shape's traits into the operation (SimpleDB's does).
	Error *ErrorTrait `json:"error"`
}

// XMLNamespace is an xmlNamespace trait.
type XMLNamespace struct {
	URI    string `json:"uri"`
	Prefix string `json:"prefix"`
}

// ErrorTrait is a shape's "error" object: the wire code when it differs
// from the shape name, and the HTTP status.
type ErrorTrait struct {
	Code           string `json:"code"`
	HTTPStatusCode int    `json:"httpStatusCode"`
	SenderFault    bool   `json:"senderFault"`
}

// Shape is one entry of "shapes".
type Shape struct {
	Name            string          `json:"-"`
	Type            string          `json:"type"`
	Required        []string        `json:"required"`
	Members         map[string]*Ref `json:"members"`
	Member          *Ref            `json:"member"`
	Key             *Ref            `json:"key"`
	Value           *Ref            `json:"value"`
	Enum            []string        `json:"enum"`
	Min             *float64        `json:"min"`
	Max             *float64        `json:"max"`
	Pattern         string          `json:"pattern"`
	Flattened       bool            `json:"flattened"`
	LocationName    string          `json:"locationName"`
	XMLNamespace    *XMLNamespace   `json:"xmlNamespace"`
	Payload         string          `json:"payload"`
	TimestampFormat string          `json:"timestampFormat"`
	Union           bool            `json:"union"`
	Exception       bool            `json:"exception"`
	Error           *ErrorTrait     `json:"error"`
}

// MemberNames returns a structure's member names, sorted, so requests
// are built the same way every time.
func (s *Shape) MemberNames() []string {
	names := make([]string, 0, len(s.Members))
	for n := range s.Members {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// IsRequired reports whether member is in the structure's required list.
func (s *Shape) IsRequired(member string) bool { return slices.Contains(s.Required, member) }

// Parse reads a service-2.json document.
func Parse(data []byte) (*Model, error) {
	var raw struct {
		Metadata   Metadata              `json:"metadata"`
		Operations map[string]*Operation `json:"operations"`
		Shapes     map[string]*Shape     `json:"shapes"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("awsmodel: %w", err)
	}
	if raw.Metadata.Protocol == "" {
		return nil, errors.New("awsmodel: metadata has no protocol")
	}
	m := &Model{Metadata: raw.Metadata, Operations: raw.Operations, Shapes: raw.Shapes, Protocol: raw.Metadata.Protocol}
	for name, s := range m.Shapes {
		s.Name = name
	}
	for name, op := range m.Operations {
		if op.Name == "" {
			op.Name = name
		}
		if op.Input != nil && m.Shapes[op.Input.Shape] == nil {
			return nil, fmt.Errorf("awsmodel: %s: input shape %q is not defined", name, op.Input.Shape)
		}
	}
	for name, s := range m.Shapes {
		for _, r := range s.refs() {
			if m.Shapes[r.Shape] == nil {
				return nil, fmt.Errorf("awsmodel: shape %s refers to undefined shape %q", name, r.Shape)
			}
		}
	}
	return m, nil
}

func (s *Shape) refs() []*Ref {
	var out []*Ref
	for _, r := range s.Members {
		out = append(out, r)
	}
	for _, r := range []*Ref{s.Member, s.Key, s.Value} {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// OperationNames returns every operation's name, sorted.
func (m *Model) OperationNames() []string {
	names := make([]string, 0, len(m.Operations))
	for n := range m.Operations {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ErrorCodes returns the error codes the model declares for op: each
// error shape's name and, where it differs, its error.code, which is what
// query and awsQueryCompatible services put on the wire.
func (m *Model) ErrorCodes(op string) []string {
	o := m.Operations[op]
	if o == nil {
		return nil
	}
	var out []string
	add := func(c string) {
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, r := range o.Errors {
		add(r.Shape)
		if r.Error != nil {
			add(r.Error.Code)
		}
		if s := m.Shapes[r.Shape]; s != nil && s.Error != nil {
			add(s.Error.Code)
		}
	}
	return out
}

// ErrNoModels is returned by Load when the model directory is absent.
var ErrNoModels = errors.New("awsmodel: no aws-models directory (expected ../shared/aws-models beside the repository)")

// Dir finds the aws-models directory: $GOBOTO_AWS_MODELS if set, else
// shared/aws-models in the parent of the repository root (the directory
// holding go.mod above the working directory) or in any directory above
// that, so a git worktree nested below the main checkout finds it too.
func Dir() (string, error) {
	if d := os.Getenv("GOBOTO_AWS_MODELS"); d != "" {
		if isDir(d) {
			return d, nil
		}
		return "", fmt.Errorf("%w: GOBOTO_AWS_MODELS=%s is not a directory", ErrNoModels, d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	root := wd
	for !isFile(filepath.Join(root, "go.mod")) {
		up := filepath.Dir(root)
		if up == root {
			return "", ErrNoModels
		}
		root = up
	}
	for d := filepath.Dir(root); ; d = filepath.Dir(d) {
		if c := filepath.Join(d, "shared", "aws-models"); isDir(c) {
			return c, nil
		}
		if filepath.Dir(d) == d {
			return "", ErrNoModels
		}
	}
}

// Load reads <Dir>/<service>/service-2.json.
func Load(service string) (*Model, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(dir, service, "service-2.json"))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %v", ErrNoModels, err)
		}
		return nil, err
	}
	return Parse(data)
}

// LoadOrSkip is Load for tests: it skips t when the models are absent
// (a checkout without shared/ beside it) and fails it on any other error.
func LoadOrSkip(t T, service string) *Model {
	t.Helper()
	m, err := Load(service)
	if errors.Is(err, ErrNoModels) {
		t.Skipf("awsmodel: %v", err)
		return nil
	}
	if err != nil {
		t.Fatalf("awsmodel: %v", err)
	}
	return m
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}
