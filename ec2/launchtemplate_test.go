package ec2_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/ec2/ec2test"
)

// newTemplate makes the template "web": version 1 is t3.micro of the
// fake's EBS image with a tag, and the default.
func newTemplate(t *testing.T, conn *ec2.Conn) *ec2.LaunchTemplate {
	t.Helper()
	lt, err := conn.CreateLaunchTemplate(t.Context(), ec2.LaunchTemplateOptions{Name: "web", Description: "first",
		Data: ec2.LaunchTemplateData{ImageID: ec2test.DefaultEBSImage, InstanceType: "t3.micro", Zone: "us-east-1b",
			UserData: []byte("#!/bin/sh\necho hi\n"), Tags: ec2.Tags{"role": "web"}},
		Tags: ec2.Tags{"team": "platform"}})
	if err != nil {
		t.Fatalf("CreateLaunchTemplate: %v", err)
	}
	return lt
}

// EC2 API Reference, CreateLaunchTemplate, CreateLaunchTemplateVersion,
// DescribeLaunchTemplates, DescribeLaunchTemplateVersions and
// ModifyLaunchTemplate: versions are numbered in order, a new version
// inherits SourceVersion's parameters but those it sets, and the default
// changes only through ModifyLaunchTemplate.
func TestLaunchTemplateVersions(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	lt := newTemplate(t, conn)
	if !strings.HasPrefix(lt.ID, "lt-") || lt.DefaultVersion != 1 || lt.LatestVersion != 1 || lt.Tags["team"] != "platform" {
		t.Fatalf("created %+v", lt)
	}
	v2, err := lt.CreateVersion(ctx, ec2.VersionOptions{Source: "1", Description: "bigger",
		Data: ec2.LaunchTemplateData{InstanceType: "m6i.large"}})
	if err != nil {
		t.Fatal(err)
	}
	want := ec2.LaunchTemplateData{ImageID: ec2test.DefaultEBSImage, InstanceType: "m6i.large", Zone: "us-east-1b",
		UserData: []byte("#!/bin/sh\necho hi\n"), Tags: ec2.Tags{"role": "web"}}
	if diff := cmp.Diff(want, v2.Data); diff != "" || v2.Number != 2 || v2.Default {
		t.Errorf("version 2 (#%d, default %v) data (-want +got):\n%s", v2.Number, v2.Default, diff)
	}
	if _, err := lt.CreateVersion(ctx, ec2.VersionOptions{Data: ec2.LaunchTemplateData{InstanceType: "c7g.large"}}); err != nil {
		t.Fatal(err)
	}
	var nums []int64
	for v, err := range lt.Versions(ctx, nil, ec2.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		nums = append(nums, v.Number)
	}
	if diff := cmp.Diff([]int64{3, 2, 1}, nums); diff != "" {
		t.Errorf("versions, newest first (-want +got):\n%s", diff)
	}
	latest, err := lt.Version(ctx, ec2.LatestVersion)
	if err != nil || latest.Number != 3 || latest.Data.ImageID != "" {
		t.Errorf("$Latest: %+v, %v; want version 3 without the image", latest, err)
	}
	if err := lt.SetDefaultVersion(ctx, 2); err != nil {
		t.Fatal(err)
	}
	def, err := conn.LaunchTemplateByName("web").Version(ctx, ec2.DefaultVersion)
	if err != nil || def.Number != 2 || !def.Default {
		t.Errorf("$Default by name: %+v, %v", def, err)
	}
	var defaults []int64
	for v, err := range lt.Versions(ctx, ec2.Filter{"is-default-version": {"true"}}) {
		if err != nil {
			t.Fatal(err)
		}
		defaults = append(defaults, v.Number)
	}
	if diff := cmp.Diff([]int64{2}, defaults); diff != "" {
		t.Errorf("is-default-version (-want +got):\n%s", diff)
	}
	byName := conn.LaunchTemplateByName("web")
	if err := byName.Refresh(ctx); err != nil || byName.ID != lt.ID || byName.DefaultVersion != 2 || byName.LatestVersion != 3 {
		t.Errorf("Refresh by name: %+v, %v", byName, err)
	}
	var names []string
	for x, err := range conn.LaunchTemplates(ctx, ec2.Filter{"tag:team": {"platform"}}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, x.Name)
	}
	if diff := cmp.Diff([]string{"web"}, names); diff != "" {
		t.Errorf("LaunchTemplates (-want +got):\n%s", diff)
	}

	if err := lt.DeleteVersions(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := lt.Version(ctx, "1"); err == nil {
		t.Error("version 1 still there")
	} else {
		wantCode(t, err, "InvalidLaunchTemplateId.VersionNotFound")
	}
	if err := lt.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	err = conn.LaunchTemplate(lt.ID).Refresh(ctx)
	if !goboto.IsNotFound(err) {
		t.Errorf("after Delete: %v; want not found", err)
	}
	wantCode(t, err, "InvalidLaunchTemplateId.NotFound")
	wantCode(t, conn.LaunchTemplateByName("web").Refresh(ctx), "InvalidLaunchTemplateName.NotFoundException")
}

// EC2 User Guide, "Launch an instance from a launch template": parameters
// given at launch override the template's.
func TestRunFromTemplate(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	lt := newTemplate(t, conn)
	if _, err := lt.CreateVersion(ctx, ec2.VersionOptions{Source: ec2.LatestVersion,
		Data: ec2.LaunchTemplateData{InstanceType: "m5d.large"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		run      func() (*ec2.Reservation, error)
		wantType string
		wantZone string
	}{
		{"default version by ID", func() (*ec2.Reservation, error) { return lt.Run(ctx, "", ec2.RunOptions{}) }, "t3.micro", "us-east-1b"},
		{"latest by name", func() (*ec2.Reservation, error) {
			return conn.RunInstances(ctx, ec2.RunOptions{Template: conn.LaunchTemplateByName("web"), TemplateVersion: ec2.LatestVersion})
		}, "m5d.large", "us-east-1b"},
		{"version 1 with overrides", func() (*ec2.Reservation, error) {
			return lt.Run(ctx, "1", ec2.RunOptions{InstanceType: "c6i.large", Zone: "us-east-1c"})
		}, "c6i.large", "us-east-1c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.run()
			if err != nil {
				t.Fatal(err)
			}
			inst := res.Instances[0]
			if err := inst.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			got := []string{inst.Type, inst.Placement, inst.ImageID, inst.Tags["role"]}
			if diff := cmp.Diff([]string{tt.wantType, tt.wantZone, ec2test.DefaultEBSImage, "web"}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// The catalog checks a template's type at launch, in the fake: an
	// arm64 type on an x86_64 image.
	if _, err := lt.CreateVersion(ctx, ec2.VersionOptions{Source: "1", Data: ec2.LaunchTemplateData{InstanceType: "t4g.micro"}}); err != nil {
		t.Fatal(err)
	}
	_, err := lt.Run(ctx, ec2.LatestVersion, ec2.RunOptions{})
	wantCode(t, err, "InvalidParameterValue")
	// A version the fake does not have.
	_, err = conn.LaunchTemplate(lt.ID).Run(ctx, "9", ec2.RunOptions{})
	wantCode(t, err, "InvalidLaunchTemplateId.VersionNotFound")
	_, err = conn.LaunchTemplate("lt-0123456789abcdef0").Run(ctx, "", ec2.RunOptions{})
	wantCode(t, err, "InvalidLaunchTemplateId.NotFound")
	// A template without an image needs the launch to give one.
	bare, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "bare", Data: ec2.LaunchTemplateData{InstanceType: "t3.nano"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bare.Run(ctx, "", ec2.RunOptions{})
	wantCode(t, err, "MissingParameter")
	if _, err := bare.Run(ctx, "", ec2.RunOptions{ImageID: ec2test.DefaultEBSImage}); err != nil {
		t.Errorf("image given at launch: %v", err)
	}
}

func TestLaunchTemplateRules(t *testing.T) {
	conn, rec := recordingConn(t)
	ctx := t.Context()
	known := conn.LaunchTemplate("lt-0123456789abcdef0")
	known.DefaultVersion, known.LatestVersion = 1, 3
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"short name", func() error {
			_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "ab"})
			return err
		}, "Name"},
		{"name with a space", func() error {
			_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "my web"})
			return err
		}, "Name"},
		{"long token", func() error {
			_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web", ClientToken: strings.Repeat("t", 129)})
			return err
		}, "ClientToken"},
		{"bad image", func() error {
			_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web", Data: ec2.LaunchTemplateData{ImageID: "img-1"}})
			return err
		}, "ImageId"},
		{"unknown size", func() error {
			_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web", Data: ec2.LaunchTemplateData{InstanceType: "m5.huge"}})
			return err
		}, "Data.InstanceType"},
		{"zone of another region", func() error {
			_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web", Data: ec2.LaunchTemplateData{Zone: "eu-west-1a"}})
			return err
		}, "Data.Zone"},
		{"long description", func() error {
			_, err := known.CreateVersion(ctx, ec2.VersionOptions{Description: strings.Repeat("d", 256)})
			return err
		}, "Description"},
		{"source past the latest", func() error { _, err := known.CreateVersion(ctx, ec2.VersionOptions{Source: "4"}); return err }, "Source"},
		{"version past the latest", func() error { _, err := known.Version(ctx, "7"); return err }, "Version"},
		{"version not a number", func() error { _, err := known.Version(ctx, "latest"); return err }, "Version"},
		{"no version", func() error { _, err := known.Version(ctx, ""); return err }, "Version"},
		{"default past the latest", func() error { return known.SetDefaultVersion(ctx, 4) }, "Version"},
		{"version zero", func() error { return known.SetDefaultVersion(ctx, 0) }, "Version"},
		{"delete the default", func() error { return known.DeleteVersions(ctx, 1) }, "Versions"},
		{"delete past the latest", func() error { return known.DeleteVersions(ctx, 2, 5) }, "Versions"},
		{"delete nothing", func() error { return known.DeleteVersions(ctx) }, "Versions"},
		{"run past the latest", func() error { _, err := known.Run(ctx, "4", ec2.RunOptions{}); return err }, "TemplateVersion"},
		{"run with $latest", func() error { _, err := known.Run(ctx, "$latest", ec2.RunOptions{}); return err }, "TemplateVersion"},
		{"version without template", func() error {
			_, err := conn.RunInstances(ctx, ec2.RunOptions{ImageID: testImage, TemplateVersion: "1"})
			return err
		}, "TemplateVersion"},
		{"template without ID or name", func() error {
			_, err := conn.RunInstances(ctx, ec2.RunOptions{Template: &ec2.LaunchTemplate{}})
			return err
		}, "LaunchTemplate"},
		{"template ID malformed", func() error { return conn.LaunchTemplate("tmpl-1").Refresh(ctx) }, "LaunchTemplateId"},
		{"ephemeral on a template's type", func() error {
			_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web", Data: ec2.LaunchTemplateData{
				InstanceType: "t3.micro", BlockDevices: ec2.BlockDeviceMapping{"/dev/sdb": {Ephemeral: "ephemeral0"}}}})
			return err
		}, "BlockDeviceMapping[/dev/sdb]"},
		{"page size", func() error {
			for _, err := range conn.LaunchTemplates(ctx, nil, ec2.PageSize(201)) {
				return err
			}
			return nil
		}, "PageSize"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantValidation(t, tt.call(), tt.field)
			if n := len(rec.requests()); n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
		})
	}
}

// The fake's own refusals, for what the client cannot know.
func TestLaunchTemplateFakeErrors(t *testing.T) {
	_, conn := startFake(t)
	ctx := t.Context()
	lt := newTemplate(t, conn)
	_, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "web", Data: ec2.LaunchTemplateData{InstanceType: "t3.nano"}})
	wantCode(t, err, "InvalidLaunchTemplateName.AlreadyExistsException")
	// EC2 API Reference, CreateLaunchTemplate, ClientToken: a repeated
	// token answers the first call's template.
	tok := strings.Repeat("k", 100)
	first, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "api", ClientToken: tok,
		Data: ec2.LaunchTemplateData{InstanceType: "t3.nano"}})
	if err != nil {
		t.Fatal(err)
	}
	again, err := conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "api", ClientToken: tok,
		Data: ec2.LaunchTemplateData{InstanceType: "t3.nano"}})
	if err != nil || again.ID != first.ID {
		t.Errorf("repeated token: %v, %v; want %s", again, err, first.ID)
	}
	// Without data EC2 has no version 1 to make.
	_, err = conn.CreateLaunchTemplate(ctx, ec2.LaunchTemplateOptions{Name: "empty"})
	wantCode(t, err, "MissingParameter")
	fresh := conn.LaunchTemplate(lt.ID) // knows no versions
	wantCode(t, fresh.SetDefaultVersion(ctx, 5), "InvalidLaunchTemplateId.VersionNotFound")
	_, err = fresh.CreateVersion(ctx, ec2.VersionOptions{Source: "5", Data: ec2.LaunchTemplateData{InstanceType: "t3.nano"}})
	wantCode(t, err, "InvalidLaunchTemplateId.VersionNotFound")
	// EC2 API Reference, DeleteLaunchTemplateVersions: each version not
	// deleted comes back with its ResponseError code.
	err = fresh.DeleteVersions(ctx, 1, 6)
	var codes []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ae *goboto.APIError
		if errors.As(e, &ae) {
			codes = append(codes, ae.Code)
		}
	}
	if diff := cmp.Diff([]string{"unexpectedError", "launchTemplateVersionDoesNotExist"}, codes, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("unsuccessful deletions (-want +got):\n%s", diff)
	}
	if _, err := fresh.Version(ctx, "1"); err != nil {
		t.Errorf("the default version went: %v", err)
	}
}
