package cloudwatchtest

import "time"

// The inputs and outputs of the operations served, named as the model
// names their members (API version 2010-08-01). A member typed any is one
// the fake does not implement: a request that sets it is refused with
// InvalidAction.

type dimension struct {
	Name  string
	Value string
}

type dimensionFilter struct {
	Name  string
	Value *string
}

type statisticSet struct {
	SampleCount *float64
	Sum         *float64
	Minimum     *float64
	Maximum     *float64
}

type metricDatum struct {
	MetricName        string
	Dimensions        []dimension
	Timestamp         *time.Time
	Value             *float64
	StatisticValues   *statisticSet
	Values            []float64
	Counts            []float64
	Unit              string
	StorageResolution *int64
}

type putMetricDataInput struct {
	Namespace              string
	MetricData             []metricDatum
	EntityMetricData       any
	StrictEntityValidation any
}

type listMetricsInput struct {
	Namespace             string
	MetricName            string
	Dimensions            []dimensionFilter
	NextToken             *string
	RecentlyActive        string
	IncludeLinkedAccounts *bool
	OwningAccount         any
}

type metric struct {
	Namespace  string
	MetricName string
	Dimensions []dimension
}

type listMetricsOutput struct {
	Metrics        []metric
	NextToken      *string
	OwningAccounts []string
}

type getMetricStatisticsInput struct {
	Namespace          string
	MetricName         string
	Dimensions         []dimension
	StartTime          *time.Time
	EndTime            *time.Time
	Period             *int64
	Statistics         []string
	ExtendedStatistics []string
	Unit               string
}

type datapoint struct {
	Timestamp          time.Time
	SampleCount        *float64
	Average            *float64
	Sum                *float64
	Minimum            *float64
	Maximum            *float64
	Unit               string
	ExtendedStatistics map[string]float64
}

type getMetricStatisticsOutput struct {
	Label      string
	Datapoints []datapoint
}

type metricStat struct {
	Metric metric
	Period *int64
	Stat   string
	Unit   string
}

type metricDataQuery struct {
	Id         string
	MetricStat *metricStat
	Expression *string
	Label      *string
	ReturnData *bool
	Period     *int64
	AccountId  any
}

type getMetricDataInput struct {
	MetricDataQueries []metricDataQuery
	StartTime         *time.Time
	EndTime           *time.Time
	NextToken         *string
	ScanBy            string
	MaxDatapoints     *int64
	LabelOptions      any
}

type messageData struct {
	Code  string
	Value string
}

type metricDataResult struct {
	Id         string
	Label      string
	Timestamps []time.Time
	Values     []float64
	StatusCode string
	Messages   []messageData
}

type getMetricDataOutput struct {
	MetricDataResults []metricDataResult
	NextToken         *string
	Messages          []messageData
}
