// Package cloudfronttest is an in-process fake of Amazon CloudFront's
// control plane (API 2020-05-31) for tests. It speaks rest-xml as
// aws-sdk-go-v2, boto3 and the aws CLI send it, checks SigV4 signatures
// for the service "cloudfront" in us-east-1 (the only region CloudFront
// is signed for in the aws partition; any other scope is
// SignatureDoesNotMatch), keeps resources per account, and answers
// errors as CloudFront does: <ErrorResponse> with the model's codes.
//
// Every operation of the API model is recognised by its method and path.
// Those the fake does not serve are refused with the model's
// UnsupportedOperation, changing nothing; a path the model does not have
// is NoSuchResource.
package cloudfronttest
