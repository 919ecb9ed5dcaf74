package rds

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/goboto/goboto/internal/core"
)

// StopOptions are Stop's optional settings.
type StopOptions struct {
	// SnapshotID names a DB snapshot RDS takes before it stops the
	// instance (DBSnapshotIdentifier).
	SnapshotID string
}

// StopOption changes StopOptions.
type StopOption func(*StopOptions)

// SnapshotBeforeStop has Stop take a DB snapshot named id first.
func SnapshotBeforeStop(id string) StopOption { return func(o *StopOptions) { o.SnapshotID = id } }

// Stop stops the instance (StopDBInstance): it goes "stopping", then
// "stopped"; Wait for InstanceStopped. Only an available instance can be
// stopped (RDS answers InvalidDBInstanceState otherwise). RDS starts a
// stopped instance again by itself after seven days (RDS API Reference,
// StopDBInstance: "The instance restarts automatically after 7 days").
func (i *DBInstance) Stop(ctx context.Context, opts ...StopOption) error {
	if err := ValidInstanceID(i.ID); err != nil {
		return err
	}
	var o StopOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if o.SnapshotID != "" {
		if err := ValidSnapshotID(o.SnapshotID); err != nil {
			return err
		}
	}
	client, err := i.conn.api()
	if err != nil {
		return err
	}
	out, err := client.StopDBInstance(ctx, &rds.StopDBInstanceInput{DBInstanceIdentifier: aws.String(i.ID),
		DBSnapshotIdentifier: optionalString(o.SnapshotID)})
	if err != nil {
		return core.Error(err)
	}
	if out.DBInstance != nil {
		i.set(*out.DBInstance)
	}
	return nil
}

// Start starts a stopped instance (StartDBInstance): it goes "starting",
// then "available"; Wait for InstanceAvailable. RDS answers
// InvalidDBInstanceState for an instance that is not stopped.
func (i *DBInstance) Start(ctx context.Context) error {
	if err := ValidInstanceID(i.ID); err != nil {
		return err
	}
	client, err := i.conn.api()
	if err != nil {
		return err
	}
	out, err := client.StartDBInstance(ctx, &rds.StartDBInstanceInput{DBInstanceIdentifier: aws.String(i.ID)})
	if err != nil {
		return core.Error(err)
	}
	if out.DBInstance != nil {
		i.set(*out.DBInstance)
	}
	return nil
}
