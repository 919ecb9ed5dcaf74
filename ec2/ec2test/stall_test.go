package ec2test_test

import (
	"bufio"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsec2 "github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto/ec2/ec2test"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/sigv2"
)

// stalledDescribe sends a DescribeInstances over a raw connection with a
// tiny receive buffer, reads the start of the answer (so the server is
// writing it) and then stops reading. The connection stays open until the
// test ends.
func stalledDescribe(t *testing.T, srv *ec2test.Server, action string) {
	t.Helper()
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		if err != nil {
			return err
		}
		return serr
	}}
	conn, err := d.DialContext(t.Context(), "tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	const host = "ec2.us-east-1.amazonaws.com"
	c := fake.DefaultCredentials()[0]
	params := url.Values{"Action": {action}, "Version": {"2016-11-15"}}
	sigv2.Sign(params, "POST", host, "/", sigv2.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey}, time.Now())
	body := params.Encode()
	req := "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	if _, err := conn.Write([]byte(req)); err != nil {
		t.Fatal(err)
	}
	status, err := bufio.NewReaderSize(conn, 16).ReadString('\n')
	if err != nil || !strings.Contains(status, " 200 ") {
		t.Fatalf("stalled request: status %q, %v", status, err)
	}
}

// TestStalledReaderDoesNotBlockFamily: a client that sends a request and
// does not read the (large) answer holds up only its own connection. The
// fake builds each answer under its family's lock and writes it after
// unlocking, so other clients' compute and market calls still complete.
func TestStalledReaderDoesNotBlockFamily(t *testing.T) {
	srv := ec2test.Start(t)
	c := cclient(t, srv)
	ctx := t.Context()
	for range 3 {
		if _, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage),
			MinCount: aws.Int32(1000), MaxCount: aws.Int32(1000)}); err != nil {
			t.Fatal(err)
		}
	}
	// The answer must outgrow what the kernel buffers on both sides
	// (Linux's tcp_wmem allows 4 MiB), or the writer would not stall.
	if n := len(described(t, c, &awsec2.DescribeInstancesInput{})); n != 3000 {
		t.Fatalf("%d instances described; want 3000", n)
	}
	stalledDescribe(t, srv, "DescribeInstances")

	done := make(chan error, 1)
	go func() {
		if _, err := c.DescribeVolumes(ctx, &awsec2.DescribeVolumesInput{}); err != nil {
			done <- err
			return
		}
		if _, err := c.RunInstances(ctx, &awsec2.RunInstancesInput{ImageId: aws.String(ec2test.DefaultEBSImage),
			MinCount: aws.Int32(1), MaxCount: aws.Int32(1)}); err != nil {
			done <- err
			return
		}
		_, err := c.DescribeSpotInstanceRequests(ctx, &awsec2.DescribeSpotInstanceRequestsInput{})
		done <- err
	}()
	// Not a timing assertion: the calls take milliseconds; the limit only
	// turns a deadlock into a failure instead of a hung test.
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("compute and market calls blocked behind a client that does not read its answer")
	}
}
