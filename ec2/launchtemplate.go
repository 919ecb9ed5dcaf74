package ec2

import (
	"context"
	"iter"
	"regexp"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// LaunchTemplate is a handle on a launch template: versioned launch
// parameters that RunInstances (RunOptions.Template) starts from.
// Conn.LaunchTemplate and Conn.LaunchTemplateByName make one that knows
// only its ID or name; Refresh, CreateLaunchTemplate and LaunchTemplates
// fill in the rest. Calls name the template by ID when the handle knows
// it, else by name.
type LaunchTemplate struct {
	conn *Conn

	ID             string
	Name           string
	DefaultVersion int64
	LatestVersion  int64
	CreateTime     time.Time
	CreatedBy      string // the ARN of who made it
	Tags           Tags
}

// LaunchTemplate returns a handle on the launch template id ("lt-..."). It
// does no I/O.
func (c *Conn) LaunchTemplate(id string) *LaunchTemplate { return &LaunchTemplate{conn: c, ID: id} }

// LaunchTemplateByName returns a handle on the launch template called
// name. It does no I/O.
func (c *Conn) LaunchTemplateByName(name string) *LaunchTemplate {
	return &LaunchTemplate{conn: c, Name: name}
}

// Conn returns the connection the template belongs to.
func (t *LaunchTemplate) Conn() *Conn { return t.conn }

// String returns "LaunchTemplate:<id or name>".
func (t *LaunchTemplate) String() string {
	if t.ID != "" {
		return "LaunchTemplate:" + t.ID
	}
	return "LaunchTemplate:" + t.Name
}

func (t *LaunchTemplate) set(x *types.LaunchTemplate) {
	*t = LaunchTemplate{conn: t.conn, ID: aws.ToString(x.LaunchTemplateId), Name: aws.ToString(x.LaunchTemplateName),
		DefaultVersion: aws.ToInt64(x.DefaultVersionNumber), LatestVersion: aws.ToInt64(x.LatestVersionNumber),
		CreateTime: aws.ToTime(x.CreateTime), CreatedBy: aws.ToString(x.CreatedBy), Tags: tagsFromV2(x.Tags)}
}

// templateNamePattern is EC2's (EC2 API Reference, CreateLaunchTemplate,
// LaunchTemplateName): 3-128 of letters, digits and ( ) . - / _.
var templateNamePattern = regexp.MustCompile(`^[a-zA-Z0-9().\-/_]{3,128}$`)

func validTemplateName(field, name string) error {
	if !templateNamePattern.MatchString(name) {
		return goboto.Invalid(field, name, "must be 3-128 letters, digits and ( ) . - / _")
	}
	return nil
}

// check refuses a handle that names no template, names it badly, or has
// no connection.
func (t *LaunchTemplate) check() error {
	if t == nil {
		return goboto.Invalid("LaunchTemplate", "", "is a nil handle")
	}
	return t.conn.ready(t.refErr())
}

// refErr checks the ID, or the name when there is no ID.
func (t *LaunchTemplate) refErr() error {
	switch {
	case t == nil:
		return goboto.Invalid("LaunchTemplate", "", "is a nil handle")
	case t.ID != "":
		return validID("LaunchTemplateId", "lt", t.ID)
	case t.Name != "":
		return validTemplateName("LaunchTemplateName", t.Name)
	}
	return goboto.Invalid("LaunchTemplate", "", "needs an ID or a name")
}

// Run launches instances from the template (RunInstances) at version (a
// number, LatestVersion, or DefaultVersion when ""): opts with Template
// and TemplateVersion set; what opts sets overrides the template.
func (t *LaunchTemplate) Run(ctx context.Context, version string, opts RunOptions) (*Reservation, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	opts.Template, opts.TemplateVersion = t, version
	return t.conn.RunInstances(ctx, opts)
}

// ref returns the ID or, when the handle has none, the name to send.
func (t *LaunchTemplate) ref() (id, name *string) {
	if t.ID != "" {
		return aws.String(t.ID), nil
	}
	return nil, aws.String(t.Name)
}

// LaunchTemplateOptions describe a CreateLaunchTemplate call. Name is
// required; Data is version 1.
type LaunchTemplateOptions struct {
	Name        string
	Description string // of version 1, at most 255 characters
	Data        LaunchTemplateData
	Tags        Tags // on the template itself
	// ClientToken makes the call idempotent: a repeated call with the
	// same token answers the template the first made. At most 128 ASCII
	// characters (EC2 API Reference, CreateLaunchTemplate).
	ClientToken string
}

// CreateLaunchTemplate creates a launch template (CreateLaunchTemplate)
// whose version 1, the default, is o.Data. The data is checked as
// RunOptions are, before anything is sent.
func (c *Conn) CreateLaunchTemplate(ctx context.Context, o LaunchTemplateOptions) (*LaunchTemplate, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := validTemplateName("Name", o.Name); err != nil {
		return nil, err
	}
	if len(o.Description) > 255 {
		return nil, goboto.Invalid("Description", o.Description, "is longer than 255 characters")
	}
	if err := validTags("Tags", o.Tags); err != nil {
		return nil, err
	}
	if err := validToken(o.ClientToken, 128); err != nil {
		return nil, err
	}
	data, err := c.templateData("Data", o.Data)
	if err != nil {
		return nil, err
	}
	in := &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String(o.Name), LaunchTemplateData: data}
	if o.Description != "" {
		in.VersionDescription = aws.String(o.Description)
	}
	if o.ClientToken != "" {
		in.ClientToken = aws.String(o.ClientToken)
	}
	if len(o.Tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeLaunchTemplate, Tags: o.Tags.v2()}}
	}
	out, err := client.CreateLaunchTemplate(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	t := c.LaunchTemplate("")
	if out.LaunchTemplate != nil {
		t.set(out.LaunchTemplate)
	}
	return t, nil
}

// describe returns the template as DescribeLaunchTemplates answers it.
func (t *LaunchTemplate) describe(ctx context.Context) (*types.LaunchTemplate, error) {
	in := &ec2.DescribeLaunchTemplatesInput{}
	if t.ID != "" {
		in.LaunchTemplateIds = []string{t.ID}
	} else {
		in.LaunchTemplateNames = []string{t.Name}
	}
	out, err := t.conn.client.DescribeLaunchTemplates(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	for i, x := range out.LaunchTemplates {
		if aws.ToString(x.LaunchTemplateId) == t.ID || t.ID == "" && aws.ToString(x.LaunchTemplateName) == t.Name {
			return &out.LaunchTemplates[i], nil
		}
	}
	code := "InvalidLaunchTemplateId.NotFound"
	if t.ID == "" {
		code = "InvalidLaunchTemplateName.NotFoundException"
	}
	return nil, notFound(out.ResultMetadata, "DescribeLaunchTemplates", code, "launch template", t.String()[len("LaunchTemplate:"):])
}

// Refresh reads the template's description (DescribeLaunchTemplates). A
// template EC2 does not have fails with InvalidLaunchTemplateId.NotFound
// (by ID) or InvalidLaunchTemplateName.NotFoundException (by name).
func (t *LaunchTemplate) Refresh(ctx context.Context) error {
	if err := t.check(); err != nil {
		return err
	}
	x, err := t.describe(ctx)
	if err != nil {
		return err
	}
	t.set(x)
	return nil
}

// LaunchTemplates lists the account's launch templates that match f, all
// of them when f is empty (DescribeLaunchTemplates), fetching pages as
// the loop needs them. Filters are "launch-template-name", "create-time"
// and tags. It takes PageSize, 1-200.
func (c *Conn) LaunchTemplates(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*LaunchTemplate, error] {
	client, o, err := c.start(ctx, listing{action: "DescribeLaunchTemplates", lo: 1, hi: 200}, opts)
	if err != nil {
		return fail[*LaunchTemplate](err)
	}
	return func(yield func(*LaunchTemplate, error) bool) {
		p := ec2.NewDescribeLaunchTemplatesPaginator(client, &ec2.DescribeLaunchTemplatesInput{Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeLaunchTemplatesOutput) []types.LaunchTemplate { return o.LaunchTemplates },
			func(x types.LaunchTemplate) *LaunchTemplate { t := c.LaunchTemplate(""); t.set(&x); return t })
	}
}

// SetDefaultVersion makes version the template's default
// (ModifyLaunchTemplate), the one RunInstances uses when it names no
// version. A version above the handle's LatestVersion, when that is
// known, is refused before anything is sent; EC2 refuses a version it
// does not have with InvalidLaunchTemplateId.VersionNotFound.
func (t *LaunchTemplate) SetDefaultVersion(ctx context.Context, version int64) error {
	if err := t.check(); err != nil {
		return err
	}
	if err := t.knownVersion("Version", version); err != nil {
		return err
	}
	id, name := t.ref()
	out, err := t.conn.client.ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{LaunchTemplateId: id,
		LaunchTemplateName: name, DefaultVersion: aws.String(strconv.FormatInt(version, 10))})
	if err != nil {
		return core.Error(err)
	}
	if out.LaunchTemplate != nil {
		t.set(out.LaunchTemplate)
	}
	return nil
}

// knownVersion refuses a version number below 1 or, when the handle has
// been described, above its LatestVersion.
func (t *LaunchTemplate) knownVersion(field string, v int64) error {
	switch {
	case v < 1:
		return goboto.Invalid(field, strconv.FormatInt(v, 10), "must be a version number, 1 or more")
	case t.LatestVersion > 0 && v > t.LatestVersion:
		return goboto.Invalid(field, strconv.FormatInt(v, 10), "is not a version of "+t.String()[len("LaunchTemplate:"):]+
			" (its latest is "+strconv.FormatInt(t.LatestVersion, 10)+")")
	}
	return nil
}

// Delete deletes the template and all its versions (DeleteLaunchTemplate).
func (t *LaunchTemplate) Delete(ctx context.Context) error {
	if err := t.check(); err != nil {
		return err
	}
	id, name := t.ref()
	_, err := t.conn.client.DeleteLaunchTemplate(ctx, &ec2.DeleteLaunchTemplateInput{LaunchTemplateId: id, LaunchTemplateName: name})
	return core.Error(err)
}
