package autoscale

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

// item stands for an element of a Describe answer.
type item struct{ Name *string }

// describeAnswer is a Describe call answering items, or err.
func describeAnswer(items []item, err error) func(context.Context, string, ...func(*autoscaling.Options)) ([]item, error) {
	return func(context.Context, string, ...func(*autoscaling.Options)) ([]item, error) { return items, err }
}

func TestDescribeOne(t *testing.T) {
	nf := notFound{"DescribeThings", "ThingNotFound", "Thing b does not exist"}
	// AWS answers a name it does not know with an empty list (API
	// Reference, DescribeAutoScalingGroups: "If you omit this property,
	// all Auto Scaling groups are described"; a name matching none lists
	// none); an answer may also hold other names, so the match is by name,
	// never the first element.
	cases := []struct {
		name     string
		items    []item
		callErr  error
		wantFill []string
		wantCode string // of the *goboto.APIError, or "" for success
		wantOp   string
	}{
		{"the element of that name", []item{{aws.String("a")}, {aws.String("b")}}, nil, []string{"b"}, "", ""},
		{"empty answer is NotFound*", nil, nil, nil, "ThingNotFound", "DescribeThings"},
		{"other names only is NotFound*", []item{{aws.String("a")}, {nil}}, nil, nil, "ThingNotFound", "DescribeThings"},
		{"the call's own error, converted", nil, &smithy.GenericAPIError{Code: "Throttling", Message: "Rate exceeded"}, nil, "Throttling", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var filled []string
			err := describeOne(t.Context(), describeAnswer(c.items, c.callErr), "b",
				func(out []item) ([]item, middleware.Metadata) { return out, middleware.Metadata{} },
				func(x item) *string { return x.Name }, "b", func(x item) { filled = append(filled, *x.Name) }, nf)
			if diff := cmp.Diff(c.wantFill, filled); diff != "" {
				t.Errorf("filled (-want +got):\n%s", diff)
			}
			if c.wantCode == "" {
				if err != nil {
					t.Fatalf("describeOne = %v, want nil", err)
				}
				return
			}
			var ae *goboto.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("describeOne = %T %v, want *goboto.APIError", err, err)
			}
			if diff := cmp.Diff([]string{c.wantCode, c.wantOp}, []string{ae.Code, ae.Operation}); diff != "" {
				t.Errorf("code, operation (-want +got):\n%s", diff)
			}
			if c.callErr == nil && (!goboto.IsNotFound(err) || ae.Service != "AutoScaling" || ae.Message != nf.message) {
				t.Errorf("not found = %+v: want IsNotFound, service AutoScaling, message %q", ae, nf.message)
			}
		})
	}
}

// fakePager pages through pages, counting the pages asked for.
type fakePager struct {
	pages [][]string
	asked int
}

func (p *fakePager) HasMorePages() bool { return p.asked < len(p.pages) }

func (p *fakePager) NextPage(context.Context, ...func(*autoscaling.Options)) ([]string, error) {
	p.asked++
	return p.pages[p.asked-1], nil
}

func TestPaged(t *testing.T) {
	client := autoscaling.New(autoscaling.Options{Region: "us-east-1"})
	okAPI := func() (*autoscaling.Client, error) { return client, nil }
	errConn := errors.New("no connection")
	errStart := goboto.Invalid("Tags", "2", "one key")
	cases := []struct {
		name      string
		api       func() (*autoscaling.Client, error)
		opts      []ListOption
		startErr  error
		stopAfter int // break after this many items; 0 reads all
		want      []string
		wantErr   error
		wantPages int // NextPage calls; -1: start is never called
	}{
		{"every page, in order", okAPI, []ListOption{PageSize(2)}, nil, 0, []string{"a", "b", "c"}, nil, 2},
		{"a break stops fetching", okAPI, nil, nil, 1, []string{"a"}, nil, 1},
		{"the handle is checked first", func() (*autoscaling.Client, error) { return nil, errConn }, []ListOption{PageSize(500)}, nil, 0, nil, errConn, -1},
		{"the options before start", okAPI, []ListOption{Names("g")}, nil, 0, nil, &goboto.ValidationError{}, -1},
		{"start may refuse", okAPI, nil, errStart, 0, nil, errStart, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &fakePager{pages: [][]string{{"a", "b"}, {"c"}}}
			started := false
			seq := paged(t.Context(), c.api, listing{max: 100}, c.opts,
				func(got *autoscaling.Client, o ListOptions) (pager[[]string], error) {
					started = true
					if got != client {
						t.Errorf("start got client %p, want %p", got, client)
					}
					return p, c.startErr
				},
				func(page []string) []string { return page },
				func(s string) string { return s })
			var got []string
			var gotErr error
			for s, err := range seq {
				if err != nil {
					gotErr = err
					break
				}
				got = append(got, s)
				if len(got) == c.stopAfter {
					break
				}
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			switch want := c.wantErr.(type) {
			case nil:
				if gotErr != nil {
					t.Errorf("error = %v, want none", gotErr)
				}
			case *goboto.ValidationError:
				var ve *goboto.ValidationError
				if !errors.As(gotErr, &ve) {
					t.Errorf("error = %v, want *goboto.ValidationError", gotErr)
				}
			default:
				if !errors.Is(gotErr, want) {
					t.Errorf("error = %v, want %v", gotErr, want)
				}
			}
			if c.wantPages < 0 {
				if started {
					t.Error("start was called after a failed check")
				}
				return
			}
			if p.asked != c.wantPages {
				t.Errorf("pages fetched = %d, want %d", p.asked, c.wantPages)
			}
		})
	}
}
