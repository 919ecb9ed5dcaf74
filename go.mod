module github.com/goboto/goboto

go 1.26.0

require (
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/aws/smithy-go v1.28.9
	github.com/google/go-cmp v0.7.0
)
