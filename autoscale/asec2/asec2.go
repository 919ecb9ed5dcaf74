package asec2

import (
	"context"
	"errors"
	"iter"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/autoscale"
	"github.com/goboto/goboto/ec2"
)

// maxFilterValues is the most values EC2 takes in one filter
// (DescribeInstances: "up to 200 values per filter"), so a large group's
// instances are described in chunks.
const maxFilterValues = 200

// Instances reads the group (DescribeAutoScalingGroups) and yields its
// instances as ec2 handles (DescribeInstances on conn, by instance ID),
// filled in with what EC2 says of them. An instance the group lists but
// EC2 no longer does (just terminated) is left out.
func Instances(ctx context.Context, g *autoscale.Group, conn *ec2.Conn) iter.Seq2[*ec2.Instance, error] {
	return func(yield func(*ec2.Instance, error) bool) {
		if conn == nil {
			yield(nil, goboto.Invalid("Conn", "", "is nil: give the ec2 connection of the group's region"))
			return
		}
		if err := g.Refresh(ctx); err != nil {
			yield(nil, err)
			return
		}
		var ids []string
		for _, i := range g.Instances {
			ids = append(ids, i.ID)
		}
		for len(ids) > 0 {
			n := min(len(ids), maxFilterValues)
			for inst, err := range conn.Instances(ctx, ec2.Filter{"instance-id": ids[:n]}) {
				if !yield(inst, err) || err != nil {
					return
				}
			}
			ids = ids[n:]
		}
	}
}

// Templates returns a TemplateChecker for autoscale.GroupOptions that
// asks EC2, through conn, whether a template version exists
// (DescribeLaunchTemplateVersions). A missing template or version is a
// *goboto.ValidationError on LaunchTemplate or LaunchTemplate.Version;
// EC2's other errors are returned as they are.
func Templates(conn *ec2.Conn) autoscale.TemplateChecker { return templates{conn} }

type templates struct{ conn *ec2.Conn }

func (t templates) CheckTemplate(ctx context.Context, lt autoscale.LaunchTemplate) error {
	if t.conn == nil {
		return goboto.Invalid("Conn", "", "is nil: give the ec2 connection of the group's region")
	}
	h, ref := t.conn.LaunchTemplate(lt.ID), lt.ID
	if lt.ID == "" {
		h, ref = t.conn.LaunchTemplateByName(lt.Name), lt.Name
	}
	v := lt.Version
	if v == "" {
		v = autoscale.VersionDefault
	}
	_, err := h.Version(ctx, v)
	var ae *goboto.APIError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ae) && ae.Code == "InvalidLaunchTemplateId.VersionNotFound":
		return goboto.Invalid("LaunchTemplate.Version", v, "does not exist in launch template "+ref)
	case goboto.IsNotFound(err):
		return goboto.Invalid("LaunchTemplate", ref, "does not exist")
	}
	return err
}
