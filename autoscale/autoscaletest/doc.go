// Package autoscaletest is an in-process fake of Amazon EC2 Auto Scaling
// for tests: an HTTP server speaking AutoScaling's Query protocol (API
// version 2011-01-01), checking SigV4 signatures, with groups that
// launch and terminate real instances in an EC2 fake (ec2/ec2test). In
// fakes/localcloud it shares the EC2 fake's state and runs the scaling
// policies CloudWatch alarms name; standalone it brings its own EC2
// backend.
package autoscaletest
