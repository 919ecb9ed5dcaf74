package cloudwatch_test

import (
	"testing"

	"github.com/goboto/goboto/cloudwatch"
	"github.com/goboto/goboto/internal/testutil/nopanic"
)

// TestNoPanics calls every exported function and method of the package
// with zero values, empty names, nil options and cancelled contexts, on
// zero handles and on handles a real connection made with empty names:
// each call that takes a context returns a *goboto.ValidationError or the
// context's error, none panics, and nothing reaches the fake.
func TestNoPanics(t *testing.T) {
	srv, conn := startFake(t, cloudwatch.CBOR)
	nopanic.Run(t, nopanic.Case{
		Dir: ".",
		Values: []any{
			// A zero Conn stands for the connection: a live one would send
			// the listing that needs no argument.
			new(cloudwatch.Conn),
			conn.Metric("", "", nil), new(cloudwatch.Metric), conn.InstanceMetric("", ""),
			// A handle built as a literal has names but no connection.
			&cloudwatch.Metric{Namespace: "App", Name: "m"},
			new(cloudwatch.Publisher), cloudwatch.Datapoint{}, new(cloudwatch.MetricData),
			new(cloudwatch.PutError), cloudwatch.Statistic(""),
			// Alarms: a handle with an empty name, a zero one, a literal
			// with a name and no connection, and a history item.
			conn.Alarm(""), new(cloudwatch.Alarm), &cloudwatch.Alarm{Name: "literal"}, new(cloudwatch.HistoryItem),
		},
		Funcs: map[string]any{
			"New": cloudwatch.New, "NewConn": cloudwatch.NewConn, "WithClientOptions": cloudwatch.WithClientOptions,
			"WithProtocol": cloudwatch.WithProtocol,
			"PageSize":     cloudwatch.PageSize, "InNamespace": cloudwatch.InNamespace, "Named": cloudwatch.Named,
			"WithDimension": cloudwatch.WithDimension, "RecentlyActive": cloudwatch.RecentlyActive,
			"LinkedAccounts": cloudwatch.LinkedAccounts, "Percentile": cloudwatch.Percentile,
			"ValidStatistic": cloudwatch.ValidStatistic, "ValidUnit": cloudwatch.ValidUnit, "ValidPeriod": cloudwatch.ValidPeriod,
			"ValidNamespace": cloudwatch.ValidNamespace, "ValidDimensions": cloudwatch.ValidDimensions,
			"ValidAlarmPeriod": cloudwatch.ValidAlarmPeriod,
		},
		Sent: func() int { return len(srv.Calls()) },
	})
}
