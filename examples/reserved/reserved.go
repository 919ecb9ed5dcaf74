package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/ec2"
	"github.com/goboto/goboto/examples/exenv"
)

// instanceTypes are the types offered in the menu.
var instanceTypes = []string{"t3.micro", "m5.large", "c5.xlarge"}

// The helper lists Linux/UNIX offerings on shared hardware.
const (
	product = "Linux/UNIX"
	tenancy = "default"
)

// prompter reads answers from in, a line at a time, and writes menus to
// out.
type prompter struct {
	in  io.Reader
	out io.Writer
}

// errNoInput is returned when the input ends before a question is answered.
var errNoInput = errors.New("input ended before the question was answered")

// line reads one line, byte by byte so that nothing past it is consumed.
func (p *prompter) line() (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for {
		n, err := p.in.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return strings.TrimSpace(b.String()), nil
			}
			b.WriteByte(buf[0])
		}
		if err == io.EOF {
			if b.Len() > 0 {
				return strings.TrimSpace(b.String()), nil
			}
			return "", errNoInput
		}
		if err != nil {
			return "", err
		}
	}
}

// number asks question until the answer is a number from lo to hi.
func (p *prompter) number(question string, lo, hi int) (int, error) {
	for {
		fmt.Fprint(p.out, question)
		s, err := p.line()
		if err != nil {
			return 0, err
		}
		if n, err := strconv.Atoi(s); err == nil && n >= lo && (hi == 0 || n <= hi) {
			return n, nil
		}
		if hi == 0 {
			fmt.Fprintf(p.out, "Please enter a number of at least %d.\n", lo)
		} else {
			fmt.Fprintf(p.out, "Please enter a number from %d to %d.\n", lo, hi)
		}
	}
}

// menu prints items numbered from 1 and returns the index of the one chosen.
func (p *prompter) menu(title string, items []string) (int, error) {
	for i, it := range items {
		fmt.Fprintf(p.out, "[%d] %s\n", i+1, it)
	}
	n, err := p.number(fmt.Sprintf("%s [1-%d]: ", title, len(items)), 1, len(items))
	return n - 1, err
}

// term says how long an offering lasts: "1 year", "3 years".
func term(o *ec2.ReservedInstancesOffering) string {
	if o.Duration%ec2.OneYear != 0 {
		return fmt.Sprintf("%d days", o.Duration/(24*time.Hour))
	}
	if years := int(o.Duration / ec2.OneYear); years != 1 {
		return fmt.Sprintf("%d years", years)
	}
	return "1 year"
}

func describe(o *ec2.ReservedInstancesOffering) string {
	return fmt.Sprintf("%s, %s %s, %s: %.2f upfront + %.4f/hour", o.InstanceType, o.OfferingClass, o.OfferingType, term(o),
		o.FixedPrice, o.HourlyPrice())
}

// run is the helper: it asks its questions on out, reads answers from in,
// and buys only when the last answer is exactly YES.
func run(ctx context.Context, in io.Reader, out io.Writer, env *exenv.Env) error {
	p := &prompter{in: in, out: out}
	home := ec2.New(env.Config)
	rs, err := goboto.Collect(home.Regions(ctx))
	if err != nil {
		return err
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = "RegionInfo:" + r.Name
	}
	i, err := p.menu("EC2 Region", names)
	if err != nil {
		return err
	}
	cfg := env.Config.Copy()
	cfg.Region = rs[i].Name
	conn := ec2.New(cfg)

	i, err = p.menu("Instance Type", instanceTypes)
	if err != nil {
		return err
	}
	instanceType := instanceTypes[i]

	// goboto does not wrap DescribeAvailabilityZones; the SDK client does.
	az, err := conn.Client().DescribeAvailabilityZones(ctx, &awsec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		return err
	}
	var zones, zoneItems []string
	for _, z := range az.AvailabilityZones {
		zones = append(zones, aws.ToString(z.ZoneName))
		zoneItems = append(zoneItems, "Zone:"+aws.ToString(z.ZoneName))
	}
	if len(zones) == 0 {
		return fmt.Errorf("%s has no availability zone", cfg.Region)
	}
	i, err = p.menu("EC2 Availability Zone", zoneItems)
	if err != nil {
		return err
	}
	zone := zones[i]

	count, err := p.number("Number of Instances: ", 1, 0)
	if err != nil {
		return err
	}

	var offers []*ec2.ReservedInstancesOffering
	f := ec2.OfferingFilter{InstanceType: instanceType, Zone: zone, ProductDescription: product, Tenancy: tenancy}
	for o, err := range conn.ReservedInstancesOfferings(ctx, f) {
		if err != nil {
			return err
		}
		offers = append(offers, o)
	}
	if len(offers) == 0 {
		fmt.Fprintf(out, "\nNo %s %s offering in %s. Nothing bought.\n", product, instanceType, zone)
		return nil
	}
	fmt.Fprintln(out, "\nThe following Reserved Instances Offerings are available:")
	items := make([]string, len(offers))
	for i, o := range offers {
		items[i] = o.String() + "  " + describe(o)
	}
	i, err = p.menu("Offering", items)
	if err != nil {
		return err
	}
	o := offers[i]

	upfront := o.FixedPrice * float64(count)
	fmt.Fprintf(out, "\nYou have chosen this offering:\n  %s\n  %s in %s\n", o, describe(o), o.Zone)
	fmt.Fprintf(out, "!!! You are about to purchase %d of these offerings for a total of $%.2f upfront, plus $%.4f per hour for %s !!!\n",
		count, upfront, o.HourlyPrice()*float64(count), term(o))
	fmt.Fprint(out, "Are you sure you want to do this? If so, enter YES: ")
	answer, err := p.line()
	if errors.Is(err, errNoInput) {
		answer, err = "", nil
	}
	if err != nil {
		return err
	}
	if answer != "YES" {
		fmt.Fprintln(out, "Nothing bought.")
		return nil
	}
	ri, err := o.Purchase(ctx, count, ec2.PurchaseOptions{Confirm: true, LimitPrice: &upfront})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Bought %d × %s: %s, %s.\n", ri.Count, ri.InstanceType, ri, ri.State)
	return nil
}
