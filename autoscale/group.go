package autoscale

import (
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto"
)

// Group is an Auto Scaling group. It is cheap to make (Conn.Group) and
// does no I/O until a method asks; exported fields are the last answer
// seen (DescribeAutoScalingGroups).
type Group struct {
	conn *Conn
	Name string
}

// Group returns a handle to the group called name, without looking it up.
func (c *Conn) Group(name string) *Group { return &Group{conn: c, Name: name} }

// Conn returns the connection the group was made by.
func (g *Group) Conn() *Conn {
	if g == nil {
		return nil
	}
	return g.conn
}

// api returns the client to send with, or a *goboto.ValidationError for
// a handle not made by a Conn or one with no name.
func (g *Group) api() (*autoscaling.Client, error) {
	if g == nil {
		return nil, goboto.Invalid("Group", "", "is nil: make handles with Conn.Group")
	}
	client, err := g.conn.api()
	if err != nil {
		return nil, err
	}
	if g.Name == "" {
		return nil, goboto.Invalid("AutoScalingGroupName", "", "is empty")
	}
	return client, nil
}
