package ec2

import (
	"context"
	"errors"
	"iter"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// The version aliases EC2 takes wherever it takes a version number.
const (
	LatestVersion  = "$Latest"
	DefaultVersion = "$Default"
)

// LaunchTemplateVersion is one version of a launch template, as
// DescribeLaunchTemplateVersions reports it.
type LaunchTemplateVersion struct {
	conn *Conn

	TemplateID   string
	TemplateName string
	Number       int64
	Description  string
	Default      bool
	CreateTime   time.Time
	CreatedBy    string
	Data         LaunchTemplateData
}

// Conn returns the connection the version belongs to.
func (v *LaunchTemplateVersion) Conn() *Conn { return v.conn }

// Template returns a handle on the version's template. It does no I/O.
func (v *LaunchTemplateVersion) Template() *LaunchTemplate {
	return &LaunchTemplate{conn: v.conn, ID: v.TemplateID, Name: v.TemplateName}
}

func (c *Conn) versionFromV2(x *types.LaunchTemplateVersion) *LaunchTemplateVersion {
	return &LaunchTemplateVersion{conn: c, TemplateID: aws.ToString(x.LaunchTemplateId),
		TemplateName: aws.ToString(x.LaunchTemplateName), Number: aws.ToInt64(x.VersionNumber),
		Description: aws.ToString(x.VersionDescription), Default: aws.ToBool(x.DefaultVersion),
		CreateTime: aws.ToTime(x.CreateTime), CreatedBy: aws.ToString(x.CreatedBy),
		Data: templateDataFromV2(x.LaunchTemplateData)}
}

// validVersion checks a version as RunOptions.Template and Version take
// it: a number, LatestVersion or DefaultVersion, and, when t has been
// described, a number no higher than its latest.
func (t *LaunchTemplate) validVersion(field, v string) error {
	switch v {
	case "", LatestVersion, DefaultVersion:
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || strconv.FormatInt(n, 10) != v {
		return goboto.Invalid(field, v, "must be a version number, $Latest or $Default")
	}
	return t.knownVersion(field, n)
}

// VersionOptions describe a CreateLaunchTemplateVersion call.
type VersionOptions struct {
	// Source is the version the new one starts from (a number, $Latest or
	// $Default); Data then replaces what it sets, a list (security groups,
	// block devices, tags) as a whole. Without Source the new version is
	// Data alone.
	Source      string
	Description string // at most 255 characters
	Data        LaunchTemplateData
}

// CreateVersion adds a version to the template
// (CreateLaunchTemplateVersion) and returns it. It does not become the
// default; SetDefaultVersion makes it so. The handle's LatestVersion is
// updated.
func (t *LaunchTemplate) CreateVersion(ctx context.Context, o VersionOptions) (*LaunchTemplateVersion, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if err := t.validVersion("Source", o.Source); err != nil {
		return nil, err
	}
	if len(o.Description) > 255 {
		return nil, goboto.Invalid("Description", o.Description, "is longer than 255 characters")
	}
	data, err := t.conn.templateData("Data", o.Data)
	if err != nil {
		return nil, err
	}
	id, name := t.ref()
	in := &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateId: id, LaunchTemplateName: name, LaunchTemplateData: data}
	if o.Source != "" {
		in.SourceVersion = aws.String(o.Source)
	}
	if o.Description != "" {
		in.VersionDescription = aws.String(o.Description)
	}
	out, err := t.conn.client.CreateLaunchTemplateVersion(ctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	if out.LaunchTemplateVersion == nil {
		return nil, &goboto.APIError{Service: "EC2", Operation: "CreateLaunchTemplateVersion", Code: "EmptyAnswer",
			Message: "EC2 answered no version"}
	}
	v := t.conn.versionFromV2(out.LaunchTemplateVersion)
	t.LatestVersion = max(t.LatestVersion, v.Number)
	if t.ID == "" {
		t.ID = v.TemplateID
	}
	return v, nil
}

// Version reads one version of the template (DescribeLaunchTemplateVersions):
// v is a number, LatestVersion or DefaultVersion. A number the handle
// knows to be past the latest is refused before anything is sent; EC2
// answers one it does not have with InvalidLaunchTemplateId.VersionNotFound.
func (t *LaunchTemplate) Version(ctx context.Context, v string) (*LaunchTemplateVersion, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if v == "" {
		return nil, goboto.Invalid("Version", "", "is required: a number, $Latest or $Default")
	}
	if err := t.validVersion("Version", v); err != nil {
		return nil, err
	}
	id, name := t.ref()
	out, err := t.conn.client.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
		LaunchTemplateId: id, LaunchTemplateName: name, Versions: []string{v}})
	if err != nil {
		return nil, core.Error(err)
	}
	if len(out.LaunchTemplateVersions) == 0 {
		return nil, notFound(out.ResultMetadata, "DescribeLaunchTemplateVersions", "InvalidLaunchTemplateId.VersionNotFound",
			"launch template version", v)
	}
	return t.conn.versionFromV2(&out.LaunchTemplateVersions[0]), nil
}

// Versions lists the template's versions that match f, newest first
// (DescribeLaunchTemplateVersions), fetching pages as the loop needs
// them. Filters are EC2's: "instance-type", "image-id",
// "is-default-version", "ebs-optimized", "create-time". It takes
// PageSize, 1-200.
func (t *LaunchTemplate) Versions(ctx context.Context, f Filter, opts ...ListOption) iter.Seq2[*LaunchTemplateVersion, error] {
	if err := t.check(); err != nil {
		return fail[*LaunchTemplateVersion](err)
	}
	client, o, err := t.conn.start(ctx, listing{action: "DescribeLaunchTemplateVersions", lo: 1, hi: 200}, opts)
	if err != nil {
		return fail[*LaunchTemplateVersion](err)
	}
	id, name := t.ref()
	return func(yield func(*LaunchTemplateVersion, error) bool) {
		p := ec2.NewDescribeLaunchTemplateVersionsPaginator(client, &ec2.DescribeLaunchTemplateVersionsInput{
			LaunchTemplateId: id, LaunchTemplateName: name, Filters: f.v2(), MaxResults: o.maxResults()})
		each(ctx, yield, p, func(o *ec2.DescribeLaunchTemplateVersionsOutput) []types.LaunchTemplateVersion {
			return o.LaunchTemplateVersions
		}, func(x types.LaunchTemplateVersion) *LaunchTemplateVersion { return t.conn.versionFromV2(&x) })
	}
}

// DeleteVersions deletes versions of the template
// (DeleteLaunchTemplateVersions), at most 200 a call. The default version
// cannot be deleted (delete the template instead); when the handle knows
// the default and the latest, asking for the default or a number past
// the latest is refused before anything is sent. Each version EC2 does
// not delete is an *goboto.APIError with EC2's code for it
// (launchTemplateVersionDoesNotExist, ...), joined into the error.
func (t *LaunchTemplate) DeleteVersions(ctx context.Context, versions ...int64) error {
	if err := t.check(); err != nil {
		return err
	}
	switch {
	case len(versions) == 0:
		return goboto.Invalid("Versions", "", "are required")
	case len(versions) > 200:
		return goboto.Invalid("Versions", strconv.Itoa(len(versions)), "are more than 200")
	}
	var vs []string
	for _, v := range versions {
		if err := t.knownVersion("Versions", v); err != nil {
			return err
		}
		if v == t.DefaultVersion {
			return goboto.Invalid("Versions", strconv.FormatInt(v, 10), "is the default version, which only Delete removes")
		}
		vs = append(vs, strconv.FormatInt(v, 10))
	}
	id, name := t.ref()
	out, err := t.conn.client.DeleteLaunchTemplateVersions(ctx, &ec2.DeleteLaunchTemplateVersionsInput{
		LaunchTemplateId: id, LaunchTemplateName: name, Versions: vs})
	if err != nil {
		return core.Error(err)
	}
	var errs []error
	for _, x := range out.UnsuccessfullyDeletedLaunchTemplateVersions {
		e := &goboto.APIError{Service: "EC2", Operation: "DeleteLaunchTemplateVersions"}
		if x.ResponseError != nil {
			e.Code, e.Message = string(x.ResponseError.Code), aws.ToString(x.ResponseError.Message)
		}
		e.Message = "version " + strconv.FormatInt(aws.ToInt64(x.VersionNumber), 10) + ": " + e.Message
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}
