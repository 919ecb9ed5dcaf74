package ec2test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// digest hashes every family's state: what a refused request must leave
// unchanged. It walks the stores by reflection so that a field added later
// is covered without touching this file; locks, transition closures and
// the housekeeping clock are left out (the clock moves by itself).
func (s *Backend) digest() string {
	h := sha256.New()
	c := s.compute
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(h, "manual=%v pending=%d\n", c.manual, len(c.pending))
	c.stores.Each(func(account, region string, st *computeStore) {
		fmt.Fprintf(h, "compute %s %s\n", account, region)
		walk(h, reflect.ValueOf(st), map[uintptr]bool{})
	})
	walk(h, reflect.ValueOf(c.images), map[uintptr]bool{})
	s.network.scopes.Each(func(account, region string, sc *netScope) {
		sc.mu.Lock()
		defer sc.mu.Unlock()
		fmt.Fprintf(h, "network %s %s\n", account, region)
		walk(h, reflect.ValueOf(sc), map[uintptr]bool{})
	})
	m := s.market
	m.mu.Lock()
	defer m.mu.Unlock()
	walk(h, reflect.ValueOf(m.offerings), map[uintptr]bool{})
	walk(h, reflect.ValueOf(m.spotPrices), map[uintptr]bool{})
	m.stores.Each(func(account, region string, st *marketStore) {
		fmt.Fprintf(h, "market %s %s\n", account, region)
		walk(h, reflect.ValueOf(st), map[uintptr]bool{})
	})
	lt := s.templates
	lt.mu.Lock()
	defer lt.mu.Unlock()
	lt.stores.Each(func(account, region string, st *templateStore) {
		fmt.Fprintf(h, "templates %s %s\n", account, region)
		walk(h, reflect.ValueOf(st), map[uintptr]bool{})
	})
	return hex.EncodeToString(h.Sum(nil))
}

var (
	mutexType = reflect.TypeFor[sync.Mutex]()
	timeType  = reflect.TypeFor[time.Time]()
)

// walk writes v to h deterministically: map keys sorted, pointers
// followed once, functions and mutexes skipped.
func walk(h hash.Hash, v reflect.Value, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Invalid, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return
	case reflect.Pointer:
		if v.IsNil() {
			h.Write([]byte("nil;"))
			return
		}
		if seen[v.Pointer()] {
			h.Write([]byte("seen;"))
			return
		}
		seen[v.Pointer()] = true
		walk(h, v.Elem(), seen)
	case reflect.Interface:
		walk(h, v.Elem(), seen)
	case reflect.Struct:
		switch v.Type() {
		case mutexType:
			return
		case timeType:
			// Unexported fields cannot be turned back into a time.Time;
			// wall and ext together name the instant.
			fmt.Fprintf(h, "t%d/%d;", v.Field(0).Uint(), v.Field(1).Int())
			return
		}
		h.Write([]byte("{"))
		for i := range v.NumField() {
			if v.Type().Field(i).Name == "house" {
				continue // housekeeping: the clock, expiries
			}
			h.Write([]byte(v.Type().Field(i).Name + ":"))
			walk(h, v.Field(i), seen)
		}
		h.Write([]byte("}"))
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(keyString(a), keyString(b)) })
		h.Write([]byte("map["))
		for _, k := range keys {
			h.Write([]byte(keyString(k) + "="))
			walk(h, v.MapIndex(k), seen)
		}
		h.Write([]byte("]"))
	case reflect.Slice, reflect.Array:
		h.Write([]byte("["))
		for i := range v.Len() {
			walk(h, v.Index(i), seen)
		}
		h.Write([]byte("]"))
	case reflect.String:
		fmt.Fprintf(h, "%q;", v.String())
	case reflect.Bool:
		fmt.Fprintf(h, "%v;", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fmt.Fprintf(h, "%d;", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		fmt.Fprintf(h, "%d;", v.Uint())
	case reflect.Float32, reflect.Float64:
		fmt.Fprintf(h, "%v;", v.Float())
	default:
		fmt.Fprintf(h, "?%s;", v.Kind())
	}
}

// keyString renders a map key for sorting: the stores key their maps by
// strings, numbers and structs of strings (spotKey).
func keyString(k reflect.Value) string {
	if k.Kind() == reflect.Struct {
		var parts []string
		for i := range k.NumField() {
			parts = append(parts, keyString(k.Field(i)))
		}
		return strings.Join(parts, "/")
	}
	switch k.Kind() {
	case reflect.String:
		return k.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprint(k.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fmt.Sprint(k.Uint())
	case reflect.Bool:
		return fmt.Sprint(k.Bool())
	}
	return k.Kind().String()
}
