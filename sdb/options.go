package sdb

import (
	"net/url"
	"slices"

	"github.com/goboto/goboto"
)

// PutOption changes a Put, BatchPut or Item.Save: Replace, or a Condition
// (Put and Save only).
type PutOption interface{ applyPut(*putConfig) }

// DeleteOption changes a DeleteAttributes or Item.Delete: a Condition.
type DeleteOption interface{ applyDelete(*deleteConfig) }

// GetOption changes a Get: Consistent or Names.
type GetOption interface{ applyGet(*getConfig) }

// SelectOption changes a Select or Count: Consistent.
type SelectOption interface{ applySelect(*selectConfig) }

// ListOption changes Domains: PageSize.
type ListOption interface{ applyList(*listConfig) }

type putConfig struct {
	replaceAll bool
	replace    []string
	conds      []Condition
}

type deleteConfig struct{ conds []Condition }

type getConfig struct {
	consistent bool
	names      []string
}

type selectConfig struct{ consistent bool }

type listConfig struct {
	pageSize int
	set      bool
}

type replaceOption struct{ names []string }

func (r replaceOption) applyPut(c *putConfig) {
	if len(r.names) == 0 {
		c.replaceAll = true
		return
	}
	c.replace = append(c.replace, r.names...)
}

// Replace makes a Put or BatchPut replace the values stored under the
// named attributes instead of adding to them (SimpleDB's
// Attribute.N.Replace). With no names it applies to every attribute given.
// Naming an attribute the call does not write is refused.
func Replace(names ...string) PutOption { return replaceOption{names: names} }

// Condition makes a Put or DeleteAttributes happen only when an attribute
// of the item is in an expected state (SimpleDB's Expected.1.*). SimpleDB
// checks one condition per call, and only against single-valued
// attributes. When it does not hold, the call fails with an error for
// which IsConditionFailed is true.
type Condition struct {
	name     string
	value    string
	hasValue bool // IfValue; otherwise IfNotExists
}

func (c Condition) applyPut(p *putConfig)       { p.conds = append(p.conds, c) }
func (c Condition) applyDelete(d *deleteConfig) { d.conds = append(d.conds, c) }

// IfValue is the condition that attribute name holds exactly value.
//
// There is no "exists with any value" condition: SimpleDB refuses
// Expected.Exists=true without an Expected.Value
// (IncompleteExpectedExpression).
func IfValue(name, value string) Condition {
	return Condition{name: name, value: value, hasValue: true}
}

// IfNotExists is the condition that attribute name does not exist, the
// usual way to create an item only once.
func IfNotExists(name string) Condition { return Condition{name: name} }

// encode adds the condition as Expected.1.* parameters.
func (c Condition) encode(p url.Values) {
	p.Set("Expected.1.Name", c.name)
	if c.hasValue {
		p.Set("Expected.1.Value", c.value)
		return
	}
	p.Set("Expected.1.Exists", "false")
}

// oneCondition checks that at most one condition was given and that it is
// well formed, and returns it.
func oneCondition(conds []Condition) (*Condition, error) {
	switch len(conds) {
	case 0:
		return nil, nil
	case 1:
	default:
		return nil, goboto.Invalid("Expected", "", "SimpleDB checks only one condition per call")
	}
	c := conds[0]
	if err := validText("Expected.Name", c.name, MaxNameBytes, false); err != nil {
		return nil, err
	}
	if c.hasValue {
		if err := validText("Expected.Value", c.value, MaxValueBytes, true); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// ReadOption is Consistent, which both Get and Select take.
type ReadOption struct{ consistent bool }

func (r ReadOption) applyGet(c *getConfig)       { c.consistent = c.consistent || r.consistent }
func (r ReadOption) applySelect(c *selectConfig) { c.consistent = c.consistent || r.consistent }

// Consistent asks for a consistent read (ConsistentRead=true): the answer
// reflects every write that succeeded before the read, at a higher cost
// and latency than the default eventually consistent read.
func Consistent() ReadOption { return ReadOption{consistent: true} }

type namesOption []string

func (n namesOption) applyGet(c *getConfig) { c.names = append(c.names, n...) }

// Names limits a Get to the named attributes (AttributeName.N).
func Names(names ...string) GetOption { return namesOption(slices.Clone(names)) }

type pageSizeOption int

func (n pageSizeOption) applyList(c *listConfig) { c.pageSize, c.set = int(n), true }

// PageSize sets how many domain names Domains asks for per ListDomains
// call (MaxNumberOfDomains, 1-100; SimpleDB's default is 100).
func PageSize(n int) ListOption { return pageSizeOption(n) }
