// Package nopanic calls every exported function and method of a package
// with zero values, nil readers and writers, empty names and cancelled
// contexts, and checks that each call returns a typed error (a
// *goboto.ValidationError, or the context's error) without panicking and
// without sending anything. Only goboto's own tests import it.
//
//	nopanic.Run(t, nopanic.Case{
//		Dir:    ".",
//		Values: []any{conn, conn.Volume(""), new(ec2.Volume)},
//		Funcs:  map[string]any{"New": ec2.New, "PageSize": ec2.PageSize},
//		Skip:   map[string]string{"Conn.Client": "returns the v2 client"},
//		Sent:   func() int { return len(srv.Calls()) },
//	})
package nopanic

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/goboto/goboto"
)

// Case is one package's check.
type Case struct {
	// Dir is the package's directory, read to list its exported API so
	// that nothing is left out ("." from the package's own test).
	Dir string
	// Values are receivers: every exported method of each value's type
	// is called. Give both a zero handle (new(T)) and one made by its
	// connection with empty names.
	Values []any
	// Funcs are the package's exported functions by name. Generic
	// functions cannot be called by reflection; list them in Skip.
	Funcs map[string]any
	// Skip names methods ("Type.Method") and functions not called, each
	// with the reason.
	Skip map[string]string
	// Sent reports how many requests the fake behind Values has
	// received; it must not change.
	Sent func() int
	// Allow accepts an error other than a ValidationError or a context
	// error for a method ("Type.Method"), with the reason in a comment
	// at the call site. Nil allows none.
	Allow func(name string, err error) bool
}

// T is the part of *testing.T that Run uses.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// Run checks c.
func Run(t T, c Case) {
	t.Helper()
	before := 0
	if c.Sent != nil {
		before = c.Sent()
	}
	covered := map[string]bool{}
	for _, v := range c.Values {
		rv := reflect.ValueOf(v)
		rt := rv.Type()
		name := typeName(rt)
		for i := 0; i < rt.NumMethod(); i++ {
			m := rt.Method(i)
			full := name + "." + m.Name
			covered[full] = true
			if _, skip := c.Skip[full]; skip {
				continue
			}
			for _, mode := range []mode{cancelled, zero, nilOption} {
				c.call(t, full, rv.Method(i), mode)
			}
		}
	}
	for name, fn := range c.Funcs {
		covered[name] = true
		if _, skip := c.Skip[name]; skip {
			continue
		}
		for _, mode := range []mode{cancelled, zero, nilOption} {
			c.call(t, name, reflect.ValueOf(fn), mode)
		}
	}
	if c.Sent != nil {
		if after := c.Sent(); after != before {
			t.Errorf("%d requests were sent", after-before)
		}
	}
	if c.Dir != "" {
		for _, name := range exported(t, c.Dir) {
			if !covered[name] {
				if _, skip := c.Skip[name]; !skip {
					t.Errorf("%s is not called: add a value of its type, the function, or a Skip with the reason", name)
				}
			}
		}
	}
}

type mode int

const (
	cancelled mode = iota // a cancelled context, zero arguments
	zero                  // a live context, zero arguments
	nilOption             // zero arguments and one nil variadic element
)

func (c Case) call(t T, name string, fn reflect.Value, m mode) {
	t.Helper()
	ft := fn.Type()
	ctx := context.Background()
	if m == cancelled {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		ctx = cctx
	}
	takesCtx := false
	var args []reflect.Value
	for i := 0; i < ft.NumIn(); i++ {
		in := ft.In(i)
		if ft.IsVariadic() && i == ft.NumIn()-1 {
			if m == nilOption {
				args = append(args, reflect.Zero(in.Elem()))
			}
			break
		}
		if in == reflect.TypeFor[context.Context]() {
			takesCtx = true
			args = append(args, reflect.ValueOf(ctx))
			continue
		}
		args = append(args, reflect.Zero(in))
	}
	if m == nilOption && !ft.IsVariadic() {
		return
	}
	outs, panicked := invoke(fn, args)
	if panicked != nil {
		t.Errorf("%s (%s) panicked: %v", name, m, panicked)
		return
	}
	if !takesCtx {
		return // an accessor or a constructor: not panicking is enough
	}
	err, checked := resultError(t, name, outs)
	if !checked {
		return
	}
	switch {
	case err == nil:
		t.Errorf("%s (%s) returned no error", name, m)
	case isTyped(err):
	case c.Allow != nil && c.Allow(name, err):
	default:
		t.Errorf("%s (%s) = %T %v; want a *goboto.ValidationError or the context's error", name, m, err, err)
	}
}

func (m mode) String() string {
	return [...]string{"cancelled context", "zero arguments", "nil option"}[m]
}

func invoke(fn reflect.Value, args []reflect.Value) (outs []reflect.Value, panicked any) {
	defer func() { panicked = recover() }()
	return fn.Call(args), nil
}

// resultError finds the error a call returned: its last result, or the
// first error an iter.Seq2[T, error] it returned yields.
func resultError(t T, name string, outs []reflect.Value) (error, bool) {
	t.Helper()
	for _, o := range outs {
		if o.Kind() == reflect.Func && o.Type().NumIn() == 1 && o.Type().In(0).Kind() == reflect.Func {
			yield := o.Type().In(0)
			if yield.NumIn() == 2 && yield.In(1) == reflect.TypeFor[error]() {
				if o.IsNil() {
					t.Errorf("%s returned a nil iterator", name)
					return nil, false
				}
				var got error
				seen := false
				y := reflect.MakeFunc(yield, func(a []reflect.Value) []reflect.Value {
					seen = true
					if e, ok := a[1].Interface().(error); ok {
						got = e
					}
					return []reflect.Value{reflect.ValueOf(false)}
				})
				if _, p := invoke(o, []reflect.Value{y}); p != nil {
					t.Errorf("%s's iterator panicked: %v", name, p)
					return nil, false
				}
				if !seen {
					t.Errorf("%s's iterator yielded nothing; want an error", name)
					return nil, false
				}
				return got, true
			}
		}
	}
	if len(outs) == 0 {
		return nil, false
	}
	last := outs[len(outs)-1]
	if last.Type() != reflect.TypeFor[error]() {
		return nil, false
	}
	if last.IsNil() {
		return nil, true
	}
	return last.Interface().(error), true
}

func isTyped(err error) bool {
	var ve *goboto.ValidationError
	return errors.As(err, &ve) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	// An instance of a generic type ("Codec[string]") stands for the
	// type as its source declares it.
	name, _, _ := strings.Cut(t.Name(), "[")
	return name
}

// exported lists the package's exported functions and the exported
// methods of its exported types, as "Func" and "Type.Method".
func exported(t T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var out []string
	{
		for _, f := range files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || !fd.Name.IsExported() {
					continue
				}
				if fd.Recv == nil {
					out = append(out, fd.Name.Name)
					continue
				}
				recv := fd.Recv.List[0].Type
				if s, ok := recv.(*ast.StarExpr); ok {
					recv = s.X
				}
				if ix, ok := recv.(*ast.IndexExpr); ok {
					recv = ix.X
				}
				if id, ok := recv.(*ast.Ident); ok && id.IsExported() {
					out = append(out, fmt.Sprintf("%s.%s", id.Name, fd.Name.Name))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}
