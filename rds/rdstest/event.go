package rdstest

import (
	"slices"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// event is one entry of RDS's event log.
type event struct {
	date       time.Time
	sourceType string // db-instance, db-snapshot, db-parameter-group, db-security-group
	sourceID   string
	categories []string
	message    string
}

// event records what happened to a resource of a at time at.
func (a *account) event(at time.Time, sourceType, sourceID, category, message string) {
	e := event{date: at, sourceType: sourceType, sourceID: sourceID, message: message}
	if category != "" {
		e.categories = []string{category}
	}
	a.events = append(a.events, e)
}

func (b *Backend) eventActions() map[string]action {
	return map[string]action{"DescribeEvents": b.describeEvents}
}

// sourceKind returns the ARN resource kind of a DescribeEvents source
// type the fake records events for, or "".
func sourceKind(sourceType string) string {
	switch sourceType {
	case "db-instance":
		return "db"
	case "db-snapshot":
		return "snapshot"
	case "db-parameter-group":
		return "pg"
	case "db-security-group":
		return "secgrp"
	}
	return ""
}

type eventXML struct {
	SourceIdentifier string
	SourceType       string
	Message          string
	EventCategories  []string `xml:"EventCategories>EventCategory"`
	Date             string
	SourceArn        string
}

func (b *Backend) describeEvents(r *fake.Request, a *account) (any, error) {
	p := r.Params
	srcType, srcID := p.Get("SourceType"), p.Get("SourceIdentifier")
	if srcType != "" {
		if sourceKind(srcType) == "" && !slices.Contains([]string{"db-cluster", "db-cluster-snapshot",
			"custom-engine-version", "db-proxy", "blue-green-deployment", "db-shard-group", "zero-etl"}, srcType) {
			return nil, invalidValue("Invalid value %s for SourceType.", srcType)
		}
	}
	if srcID != "" && srcType == "" {
		return nil, invalidCombination("Cannot specify a SourceIdentifier without a SourceType.")
	}
	if _, err := filters(p); err != nil {
		return nil, err
	}
	end := b.now
	if v := p.Get("EndTime"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return nil, invalidValue("Invalid value %s for EndTime.", v)
		}
		end = t
	}
	var start time.Time
	switch v := p.Get("StartTime"); {
	case v != "":
		t, err := parseTime(v)
		if err != nil {
			return nil, invalidValue("Invalid value %s for StartTime.", v)
		}
		start = t
	default:
		minutes, err := intParam(p, "Duration", 60)
		if err != nil {
			return nil, err
		}
		if minutes < 0 {
			return nil, invalidValue("Invalid value %d for Duration.", minutes)
		}
		start = end.Add(-time.Duration(minutes) * time.Minute)
	}
	cats := strList(p, "EventCategories")
	var out []eventXML
	for _, e := range a.events {
		switch {
		case e.date.Before(start) || e.date.After(end),
			srcType != "" && e.sourceType != srcType,
			srcID != "" && !strings.EqualFold(e.sourceID, srcID),
			len(cats) > 0 && !slices.ContainsFunc(e.categories, func(c string) bool { return slices.Contains(cats, c) }):
			continue
		}
		out = append(out, eventXML{e.sourceID, e.sourceType, e.message, e.categories, stamp(e.date),
			a.arn(sourceKind(e.sourceType), e.sourceID)})
	}
	out, marker, err := page(p, out)
	if err != nil {
		return nil, err
	}
	return done(struct {
		Marker string     `xml:",omitempty"`
		Events []eventXML `xml:"Events>Event"`
	}{marker, out})
}

// parseTime reads an ISO 8601 timestamp as the SDKs send it.
func parseTime(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Parse(time.RFC3339, v)
}
