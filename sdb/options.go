package sdb

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/goboto/goboto"
)

// WriteOptions are the settings of a write: Put, BatchPut, Item.Save,
// DeleteAttributes and Item.Delete. Each call refuses, with a
// *goboto.ValidationError and before sending anything, a setting it does
// not take.
type WriteOptions struct {
	// ReplaceAll makes every attribute written replace the values stored
	// under its name instead of adding to them (Attribute.N.Replace).
	// Put and BatchPut only.
	ReplaceAll bool
	// Replace does the same for the attributes it names. Naming an
	// attribute the call does not write is refused. Put and BatchPut
	// only.
	Replace []string
	// Conditions make a Put or DeleteAttributes happen only when they
	// hold (Expected.1.*). SimpleDB checks one condition per call, so
	// more than one is refused; BatchPut takes none.
	Conditions []Condition
}

// WriteOption changes WriteOptions.
type WriteOption func(*WriteOptions)

func writeOptions(opts []WriteOption) WriteOptions {
	var o WriteOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// Replace makes a Put or BatchPut replace the values stored under the
// named attributes instead of adding to them (SimpleDB's
// Attribute.N.Replace). With no names it applies to every attribute given
// (WriteOptions.ReplaceAll). Naming an attribute the call does not write
// is refused.
func Replace(names ...string) WriteOption {
	names = slices.Clone(names)
	return func(o *WriteOptions) {
		if len(names) == 0 {
			o.ReplaceAll = true
			return
		}
		o.Replace = append(o.Replace, names...)
	}
}

// Condition is an expected state of one attribute of the item a Put or
// DeleteAttributes writes (SimpleDB's Expected.1.Name, Value and Exists).
// SimpleDB checks it only against single-valued attributes. When it does
// not hold, the call fails with an error for which IsConditionFailed is
// true.
type Condition struct {
	Name string
	// Exists true requires the attribute to hold exactly Value; false
	// requires it not to exist, and Value must then be empty. There is no
	// "exists with any value": SimpleDB refuses Expected.Exists=true
	// without an Expected.Value (IncompleteExpectedExpression).
	Exists bool
	Value  string
}

// If makes a Put or DeleteAttributes conditional on c.
func If(c Condition) WriteOption {
	return func(o *WriteOptions) { o.Conditions = append(o.Conditions, c) }
}

// IfValue makes a Put or DeleteAttributes happen only if attribute name
// holds exactly value.
func IfValue(name, value string) WriteOption {
	return If(Condition{Name: name, Exists: true, Value: value})
}

// IfNotExists makes a Put or DeleteAttributes happen only if attribute
// name does not exist, the usual way to create an item only once.
func IfNotExists(name string) WriteOption { return If(Condition{Name: name}) }

// encode adds the condition as Expected.1.* parameters.
func (c Condition) encode(p url.Values) {
	p.Set("Expected.1.Name", c.Name)
	if c.Exists {
		p.Set("Expected.1.Value", c.Value)
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
		return nil, goboto.Invalid("Expected", strconv.Itoa(len(conds))+" conditions", "SimpleDB checks only one condition per call")
	}
	c := conds[0]
	if err := validText("Expected.Name", c.Name, MaxNameBytes, false); err != nil {
		return nil, err
	}
	if !c.Exists && c.Value != "" {
		return nil, goboto.Invalid("Expected.Value", show(c.Value), "is set on a does-not-exist condition (Exists false)")
	}
	if err := validText("Expected.Value", c.Value, MaxValueBytes, true); err != nil {
		return nil, err
	}
	return &c, nil
}

// noReplace refuses replace settings on a call that writes no values.
func (o WriteOptions) noReplace(call string) error {
	if o.ReplaceAll || len(o.Replace) > 0 {
		return goboto.Invalid("Replace", "", call+" takes no Replace: it writes no values")
	}
	return nil
}

// ListOptions are the settings of SimpleDB's reads: the listings (Domains,
// Conn.Select, Domain.Select), Domain.Count and Domain.Get. Each call
// refuses, with a *goboto.ValidationError and before sending anything, a
// setting it does not take.
type ListOptions struct {
	// PageSize is how many domain names (ListDomains' MaxNumberOfDomains,
	// 1-100) or items (a select's limit clause, 1-2500) one call asks
	// for; 0 means SimpleDB's default of 100. Domains, Conn.Select and
	// Domain.Select only.
	PageSize int
	// Consistent asks for a consistent read (ConsistentRead=true).
	// Selects, Count and Get only.
	Consistent bool
	// Names limits a Get to the named attributes (AttributeName.N). Get
	// only.
	Names []string
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

func listOptions(opts []ListOption) ListOptions {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// PageSize sets how many domain names Domains, or items a select, asks
// for per call (ListOptions.PageSize).
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// Consistent asks for a consistent read (ConsistentRead=true): the answer
// reflects every write that succeeded before the read, at a higher cost
// and latency than the default eventually consistent read. Get, the
// selects and Count take it.
func Consistent() ListOption { return func(o *ListOptions) { o.Consistent = true } }

// Names limits a Get to the named attributes (AttributeName.N).
func Names(names ...string) ListOption {
	names = slices.Clone(names)
	return func(o *ListOptions) { o.Names = append(o.Names, names...) }
}

// refuse reports the first setting of o that call does not take.
func (o ListOptions) refuse(call string, pageSize, consistent, names bool) error {
	switch {
	case !pageSize && o.PageSize != 0:
		return goboto.Invalid("PageSize", strconv.Itoa(o.PageSize), call+" takes no PageSize")
	case !consistent && o.Consistent:
		return goboto.Invalid("Consistent", "true", call+" takes no Consistent")
	case !names && len(o.Names) > 0:
		return goboto.Invalid("Names", show(o.Names[0]), call+" takes no Names")
	}
	return nil
}
