package sdb

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/goboto/goboto"
)

// BatchError reports a BatchPut or BatchDelete that stopped part way. The
// first Done items were written; the rest were not, except that the call
// that failed may have been applied if its answer was lost (a cancelled
// context, a broken connection). Both batch operations are idempotent, so
// sending items[Done:] again is safe.
type BatchError struct {
	Done int   // items at the front of the slice that are known written
	Err  error // why the batch stopped
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("SimpleDB batch stopped after %d items: %v", e.Done, e.Err)
}

// Unwrap returns the error that stopped the batch, so goboto.IsThrottled,
// errors.As and errors.Is see through a BatchError.
func (e *BatchError) Unwrap() error { return e.Err }

// BatchPut writes many items (BatchPutAttributes), in calls of at most 25
// items and about 1 MB each, sent one after another in order. Every item is
// checked before the first call, so a ValidationError means nothing was
// sent. An item name may appear only once. Replace is the only WriteOption
// allowed: SimpleDB takes no conditions in a batch. A failure part way is a
// *BatchError.
func (d *Domain) BatchPut(ctx context.Context, items []Item, opts ...WriteOption) error {
	cfg := writeOptions(opts)
	if len(cfg.Conditions) > 0 {
		return goboto.Invalid("Expected", "", "BatchPutAttributes takes no conditions")
	}
	if err := d.validBatch(items, false); err != nil {
		return err
	}
	all := Attributes{}
	for i, it := range items {
		if len(it.Attributes) == 0 {
			return goboto.Invalid("Items["+strconv.Itoa(i)+"].Attributes", show(it.Name), "has no attributes to put")
		}
		for name := range it.Attributes {
			all[name] = nil
		}
	}
	if err := validReplace(all, cfg.Replace); err != nil {
		return err
	}
	return d.sendBatch(ctx, "BatchPutAttributes", items, cfg.ReplaceAll, cfg.Replace)
}

// BatchDelete deletes attributes of many items (BatchDeleteAttributes), in
// calls of at most 25 items, sent one after another in order. For each
// item, nil or empty Attributes delete the whole item; otherwise they name
// what to delete as for DeleteAttributes. Every item is checked before the
// first call. A failure part way is a *BatchError.
func (d *Domain) BatchDelete(ctx context.Context, items []Item) error {
	if err := d.validBatch(items, true); err != nil {
		return err
	}
	return d.sendBatch(ctx, "BatchDeleteAttributes", items, false, nil)
}

func (d *Domain) validBatch(items []Item, namesOnly bool) error {
	if err := validDomainName(d.name); err != nil {
		return err
	}
	seen := make(map[string]bool, len(items))
	for i, it := range items {
		if err := validItemName(it.Name); err != nil {
			return err
		}
		if seen[it.Name] {
			return goboto.Invalid("Items["+strconv.Itoa(i)+"].Name", show(it.Name), "appears twice in the batch")
		}
		seen[it.Name] = true
		if err := validAttributes(it.Attributes, MaxPairsPerPut, namesOnly); err != nil {
			return err
		}
	}
	return nil
}

// sendBatch sends items in chunks, stopping at the first error.
func (d *Domain) sendBatch(ctx context.Context, action string, items []Item, replaceAll bool, replace []string) error {
	done := 0
	for _, chunk := range chunks(items) {
		params := url.Values{"DomainName": {d.name}}
		for i, it := range chunk {
			prefix := "Item." + strconv.Itoa(i+1) + "."
			params.Set(prefix+"ItemName", it.Name)
			encodeAttributes(params, prefix, it.Attributes, replaceAll, replace)
		}
		if err := d.conn.do(ctx, action, params, nil); err != nil {
			return &BatchError{Done: done, Err: err}
		}
		done += len(chunk)
	}
	return nil
}

// chunks splits items into runs of at most MaxBatchItems whose encoded
// form stays under SimpleDB's 1 MB request limit, keeping their order.
func chunks(items []Item) [][]Item {
	// Room left for DomainName, Action, Version and the signing parameters.
	const budget = maxBatchBodyBytes - 4096
	var out [][]Item
	start, size := 0, 0
	for i, it := range items {
		n := encodedSize(it)
		if i > start && (i-start == MaxBatchItems || size+n > budget) {
			out = append(out, items[start:i])
			start, size = i, 0
		}
		size += n
	}
	if start < len(items) {
		out = append(out, items[start:])
	}
	return out
}

// encodedSize estimates an item's share of a form body: each parameter as
// "&Item.NN.Attribute.NNN.Value=" plus its percent-encoded text.
func encodedSize(it Item) int {
	const keyRoom = len("&Item.25.Attribute.256.Replace=true") + 8
	n := keyRoom + escapedLen(it.Name)
	for name, values := range it.Attributes {
		if len(values) == 0 {
			n += keyRoom + escapedLen(name)
		}
		for _, v := range values {
			n += 3*keyRoom + escapedLen(name) + escapedLen(v)
		}
	}
	return n
}

// escapedLen is the length of s once form-encoded: bytes other than
// letters, digits and -_.~ take three.
func escapedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~') {
			n += 2
		}
	}
	return n
}
