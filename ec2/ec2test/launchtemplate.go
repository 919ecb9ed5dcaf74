package ec2test

import (
	"encoding/xml"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// templateState holds launch templates, per account and region. Its lock
// is taken alone: RunInstances resolves a template (launchtemplate_run.go)
// before it looks at the network family or takes the compute lock.
type templateState struct {
	mu     sync.Mutex
	stores fake.Scoped[templateStore]
}

type templateStore struct {
	templates map[string]*launchTemplate // by ID
	tokens    map[string]string          // CreateLaunchTemplate ClientToken -> ID
}

func newTemplateState() *templateState {
	t := &templateState{}
	t.stores.New = func(string, string) *templateStore {
		return &templateStore{templates: map[string]*launchTemplate{}, tokens: map[string]string{}}
	}
	return t
}

// launchTemplate is one template and its versions. Version numbers are
// never reused (EC2 User Guide, "Restrictions for Amazon EC2 launch
// templates": versions are numbered in the order they are created).
type launchTemplate struct {
	id, name, owner string
	created         time.Time
	defaultVersion  int
	next            int                // the next version's number
	versions        map[int]*ltVersion // by number
	tags            map[string]string
	tokens          map[string]struct{} // CreateLaunchTemplateVersion ClientTokens seen
}

// ltVersion is one version: its launch parameters, kept as RunInstances
// parameters (LaunchTemplateData's members are RunInstances' own names).
type ltVersion struct {
	number      int
	description string
	data        url.Values
	created     time.Time
}

func (t *launchTemplate) latest() int {
	return slices.Max(slices.Collect(maps.Keys(t.versions)))
}

// templateActions returns the launch template family's actions.
func (s *Backend) templateActions() map[string]action {
	m := map[string]action{
		"CreateLaunchTemplate":           s.createLaunchTemplate,
		"DescribeLaunchTemplates":        s.describeLaunchTemplates,
		"ModifyLaunchTemplate":           s.modifyLaunchTemplate,
		"DeleteLaunchTemplate":           s.deleteLaunchTemplate,
		"CreateLaunchTemplateVersion":    s.createLaunchTemplateVersion,    // launchtemplate_version.go
		"DescribeLaunchTemplateVersions": s.describeLaunchTemplateVersions, // launchtemplate_version.go
		"DeleteLaunchTemplateVersions":   s.deleteLaunchTemplateVersions,   // launchtemplate_version.go
	}
	for name, h := range m {
		m[name] = s.templateLocked(h)
	}
	return m
}

func (s *Backend) templateLocked(h action) action {
	return func(w http.ResponseWriter, r *fake.Request) error {
		s.templates.mu.Lock()
		defer s.templates.mu.Unlock()
		return h(w, r)
	}
}

func (s *Backend) templateStore(r *fake.Request) *templateStore {
	return s.templates.stores.Get(r.Account(), r.Region)
}

// templateName is EC2's pattern for names (EC2 API Reference,
// CreateLaunchTemplate, LaunchTemplateName: 3-128 characters of
// [a-zA-Z0-9\(\)\.\-/_]).
var templateName = regexp.MustCompile(`^[a-zA-Z0-9().\-/_]{3,128}$`)

// find returns the template params name by LaunchTemplateId or
// LaunchTemplateName (after prefix), one of which, not both, is required.
func (st *templateStore) find(p url.Values, prefix string) (*launchTemplate, error) {
	id, name := p.Get(prefix+"LaunchTemplateId"), p.Get(prefix+"LaunchTemplateName")
	switch {
	case id == "" && name == "":
		return nil, missing(prefix + "LaunchTemplateId or " + prefix + "LaunchTemplateName")
	case id != "" && name != "":
		return nil, ec2Error("InvalidParameterCombination", "Specify either a launch template ID or a launch template name, not both.")
	case id != "":
		if err := checkIDs("InvalidLaunchTemplateId.Malformed", "lt", id); err != nil {
			return nil, err
		}
		if t := st.templates[id]; t != nil {
			return t, nil
		}
		return nil, ec2Error("InvalidLaunchTemplateId.NotFound", "The specified launch template, with template ID %s, does not exist.", id)
	}
	for _, t := range st.templates {
		if t.name == name {
			return t, nil
		}
	}
	return nil, ec2Error("InvalidLaunchTemplateName.NotFoundException", "The specified launch template, with template name %s, does not exist.", name)
}

// version returns the version v names: a number, "$Latest", or
// "$Default" (also when v is empty).
func (t *launchTemplate) version(v string) (*ltVersion, error) {
	n := t.defaultVersion
	switch v {
	case "", "$Default":
	case "$Latest":
		n = t.latest()
	default:
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			return nil, invalidValue("Value (" + v + ") for parameter version is invalid. Expected a version number, $Latest or $Default.")
		}
	}
	if ver := t.versions[n]; ver != nil {
		return ver, nil
	}
	return nil, ec2Error("InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version %s for launch template %s.", v, t.id)
}

type launchTemplateItem struct {
	ID             string    `xml:"launchTemplateId"`
	Name           string    `xml:"launchTemplateName"`
	CreateTime     string    `xml:"createTime"`
	CreatedBy      string    `xml:"createdBy"`
	DefaultVersion int       `xml:"defaultVersionNumber"`
	LatestVersion  int       `xml:"latestVersionNumber"`
	Tags           []tagItem `xml:"tagSet>item"`
}

func (t *launchTemplate) xml() launchTemplateItem {
	return launchTemplateItem{ID: t.id, Name: t.name, CreateTime: t.created.UTC().Format(xmlTime),
		CreatedBy: "arn:aws:iam::" + t.owner + ":root", DefaultVersion: t.defaultVersion, LatestVersion: t.latest(),
		Tags: tagSet(t.tags)}
}

type launchTemplateResponse struct {
	XMLName   xml.Name
	Xmlns     string             `xml:"xmlns,attr"`
	RequestID string             `xml:"requestId"`
	Template  launchTemplateItem `xml:"launchTemplate"`
}

func writeTemplate(w http.ResponseWriter, r *fake.Request, t *launchTemplate) error {
	return fake.WriteXML(w, http.StatusOK, launchTemplateResponse{XMLName: xml.Name{Local: r.Operation + "Response"},
		Xmlns: responseNamespace(r), RequestID: r.RequestID, Template: t.xml()})
}

// createLaunchTemplate answers CreateLaunchTemplate: a template whose
// version 1 is LaunchTemplateData, and the default. A ClientToken seen
// before answers the template it made.
func (s *Backend) createLaunchTemplate(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	name := p.Get("LaunchTemplateName")
	if name == "" {
		return missing("LaunchTemplateName")
	}
	if !templateName.MatchString(name) {
		return ec2Error("InvalidLaunchTemplateName.MalformedException",
			"A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'")
	}
	st := s.templateStore(r)
	if tok := p.Get("ClientToken"); tok != "" {
		if id, ok := st.tokens[tok]; ok && st.templates[id] != nil {
			if st.templates[id].name != name {
				return idempotentMismatch()
			}
			return writeTemplate(w, r, st.templates[id])
		}
	}
	for _, t := range st.templates {
		if t.name == name {
			return ec2Error("InvalidLaunchTemplateName.AlreadyExistsException", "Launch template name already in use.")
		}
	}
	data, err := templateData(p)
	if err != nil {
		return err
	}
	if len(p.Get("VersionDescription")) > 255 {
		return invalidValue("The version description must be at most 255 characters.")
	}
	t := &launchTemplate{id: newID("lt"), name: name, owner: r.Account(), created: r.Now, defaultVersion: 1, next: 2,
		versions: map[int]*ltVersion{1: {number: 1, description: p.Get("VersionDescription"), data: data, created: r.Now}},
		tokens:   map[string]struct{}{}}
	if tags := tagSpecs(p, "launch-template"); len(tags) > 0 {
		t.tags = tags
	}
	st.templates[t.id] = t
	if tok := p.Get("ClientToken"); tok != "" {
		st.tokens[tok] = t.id
	}
	return writeTemplate(w, r, t)
}

type describeLaunchTemplatesResponse struct {
	XMLName   xml.Name             `xml:"DescribeLaunchTemplatesResponse"`
	Xmlns     string               `xml:"xmlns,attr"`
	RequestID string               `xml:"requestId"`
	Templates []launchTemplateItem `xml:"launchTemplates>item"`
	NextToken string               `xml:"nextToken,omitempty"`
}

// describeLaunchTemplates answers DescribeLaunchTemplates:
// LaunchTemplateId.N, LaunchTemplateName.N, the create-time,
// launch-template-name and tag filters, MaxResults 1-200 (EC2 API
// Reference, DescribeLaunchTemplates).
func (s *Backend) describeLaunchTemplates(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, "create-time", "launch-template-name")
	if err != nil {
		return err
	}
	st := s.templateStore(r)
	ids, names := list(r.Params, "LaunchTemplateId"), list(r.Params, "LaunchTemplateName")
	var picked []*launchTemplate
	for _, id := range ids {
		t, err := st.find(url.Values{"LaunchTemplateId": {id}}, "")
		if err != nil {
			return err
		}
		picked = append(picked, t)
	}
	for _, n := range names {
		t, err := st.find(url.Values{"LaunchTemplateName": {n}}, "")
		if err != nil {
			return err
		}
		picked = append(picked, t)
	}
	if len(ids)+len(names) == 0 {
		for _, id := range slices.Sorted(maps.Keys(st.templates)) {
			picked = append(picked, st.templates[id])
		}
	}
	var items []launchTemplateItem
	for _, t := range picked {
		it := t.xml()
		if matchResource(fs, t.tags, func(name string) []string {
			return []string{map[string]string{"create-time": it.CreateTime, "launch-template-name": t.name}[name]}
		}) {
			items = append(items, it)
		}
	}
	items, next, err := page(r.Params, items, 1, 200)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeLaunchTemplatesResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID,
		Templates: items, NextToken: next})
}

// modifyLaunchTemplate answers ModifyLaunchTemplate: SetDefaultVersion
// makes an existing version the default.
func (s *Backend) modifyLaunchTemplate(w http.ResponseWriter, r *fake.Request) error {
	t, err := s.templateStore(r).find(r.Params, "")
	if err != nil {
		return err
	}
	if v := r.Params.Get("SetDefaultVersion"); v != "" {
		ver, err := t.version(v)
		if err != nil {
			return err
		}
		t.defaultVersion = ver.number
	}
	return writeTemplate(w, r, t)
}

// deleteLaunchTemplate answers DeleteLaunchTemplate: the template and
// all its versions go.
func (s *Backend) deleteLaunchTemplate(w http.ResponseWriter, r *fake.Request) error {
	st := s.templateStore(r)
	t, err := st.find(r.Params, "")
	if err != nil {
		return err
	}
	delete(st.templates, t.id)
	return writeTemplate(w, r, t)
}
