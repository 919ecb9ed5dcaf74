package suite

// S3TestDifferences are the known differences of s3test, goboto's fake.
func S3TestDifferences() Differences {
	return Differences{}
}

// MinIODifferences are the known differences of MinIO, checked against
// the version .ci/run pins (github.com/minio/minio
// v0.0.0-20260212201848-7aac2a2c5b7c).
func MinIODifferences() Differences {
	return Differences{
		RecreateOwnedBucketFails:        true,
		LocationConstraintIgnored:       true,
		IfModifiedSinceBeatsIfNoneMatch: true,
		EmptyCompleteInvalidRequest:     true,
		RejectsOddKeys:                  true,
		NoCORS:                          true,
		LifecycleNoAbortMultipart:       true,
		NoWebsite:                       true,
		NoACLs:                          true,
		PolicyNotValidated:              true,
		OnlyStandardStorage:             true,
		NoDefaultEncryption:             true,
	}
}
