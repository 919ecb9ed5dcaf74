// Package autoscale is goboto's Amazon EC2 Auto Scaling connection, in
// the style boto users know from boto.ec2.autoscale: a connection per
// region and group handles that know their connection and do no I/O
// until a method asks. It wraps aws-sdk-go-v2's AutoScaling client,
// reachable through Conn.Client for what goboto does not wrap;
// WithClientOptions passes aws-sdk-go-v2's per-client options to it.
//
// Every method that calls AutoScaling takes a context first and names
// the action in its doc comment. Input AutoScaling would refuse is a
// *goboto.ValidationError before anything is sent.
package autoscale
