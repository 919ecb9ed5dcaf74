package suite

// Differences are the places a backend is known to answer otherwise than
// CloudFront. Each flag says which answer matches AWS and on what
// evidence.
type Differences struct {
	// NoRedeploy: an updated distribution answers, and stays, Deployed.
	// CloudFront answers InProgress until the change has reached every
	// edge location (the model, Distribution, Status: "When the status
	// is Deployed, the distribution's information is fully propagated to
	// all CloudFront edge locations"; API Reference, UpdateDistribution:
	// the answer's Distribution carries the status). moto differs
	// (moto/cloudfront/models.py: a Distribution is a ManagedState that
	// moves from InProgress to Deployed once, on its first read, and an
	// update never moves it back).
	NoRedeploy bool
	// DropsS3OriginConfig: an S3 origin comes back without its
	// S3OriginConfig, so it is neither an S3 nor a custom origin.
	// CloudFront answers the configuration as it was sent (the model,
	// Origin, S3OriginConfig: "Use this type to specify an origin that
	// is an Amazon S3 bucket"; GetDistributionConfig answers the
	// DistributionConfig). moto differs (moto/cloudfront/models.py,
	// Origin keeps it as s3_access_identity, which its serializer does
	// not answer).
	DropsS3OriginConfig bool
	// SparseSummaries: ListDistributions' summaries have no Comment,
	// Origins or behaviours. CloudFront's have them (the model,
	// DistributionSummary: Comment, Origins, DefaultCacheBehavior and
	// CacheBehaviors are required). moto differs (it answers its
	// Distribution objects, whose configuration is one level down).
	SparseSummaries bool
	// DropsKeyComment: a public key's Comment is answered empty.
	// CloudFront keeps it (the model, PublicKeyConfig, Comment). moto
	// differs (moto/cloudfront/models.py, PublicKey sets comment "").
	DropsKeyComment bool
	// AcceptsAnyIfMatch: UpdateDistribution and DeleteDistribution take
	// any If-Match value. CloudFront answers PreconditionFailed for one
	// that is not the current ETag (the model, PreconditionFailed: "The
	// precondition in one or more of the request fields evaluated to
	// false"; UpdateDistribution: "You must copy the ETag field value
	// from the response"). moto differs (moto/cloudfront/models.py,
	// update_distribution and delete_distribution: "The IfMatch-value is
	// ignored - any value is considered valid").
	AcceptsAnyIfMatch bool
	// ETagsNeverChange: a resource keeps the ETag it was created with
	// across updates. CloudFront's ETag is the version of the
	// configuration, new on every change (the model,
	// UpdateDistributionResult, ETag: "The current version of the
	// configuration"; GetDistributionConfigResult, ETag: "The current
	// version of the configuration"). moto differs (moto/cloudfront/
	// models.py sets etag once, in the constructor).
	ETagsNeverChange bool
	// CallerReferenceUpdatable: UpdateDistribution takes a changed
	// CallerReference. CloudFront refuses it with IllegalUpdate (the
	// model, UpdateDistribution: "You can't change the value of
	// CallerReference"; the operation declares IllegalUpdate). moto
	// differs (its update_distribution replaces the whole configuration
	// without comparing).
	CallerReferenceUpdatable bool
	// NoBehaviorQuota: a distribution with 76 cache behaviours is
	// created. CloudFront refuses it with TooManyCacheBehaviors
	// (Developer Guide, "Quotas", "General quotas on distributions":
	// "Cache behaviors per distribution: 75", 25 in earlier versions of
	// the page, so 76 is over either; the model declares
	// TooManyCacheBehaviors for CreateDistribution). moto differs (no
	// quota in moto/cloudfront/models.py).
	NoBehaviorQuota bool
	// DeletesEnabled: DeleteDistribution deletes an enabled distribution.
	// CloudFront refuses with DistributionNotDisabled (the model,
	// DeleteDistribution: "Before you can delete a distribution, you
	// must disable it"; DistributionNotDisabled: "You must disable the
	// distribution before you can delete it"). moto differs
	// (delete_distribution checks only that If-Match is present).
	DeletesEnabled bool
	// InvalidationsDoneAtOnce: an invalidation's status is "COMPLETED",
	// in capitals, from its creation. CloudFront's is InProgress, then
	// "Completed" (the model, Invalidation, Status: "When the
	// invalidation batch is finished, the status is Completed"). moto
	// differs (moto/cloudfront/models.py, Invalidation: status =
	// "COMPLETED").
	InvalidationsDoneAtOnce bool
	// InvalidationReferenceIgnored: CreateInvalidation with a
	// CallerReference already used makes a new invalidation, with the
	// same paths or others. CloudFront answers the first invalidation
	// for the same paths and InvalidationBatchAlreadyExists for others
	// (the model, InvalidationBatch, CallerReference). moto differs (its
	// create_invalidation never looks at the reference).
	InvalidationReferenceIgnored bool
	// ListInvalidationsOfAnything: ListInvalidations of a distribution
	// that does not exist answers an empty list. CloudFront answers
	// NoSuchDistribution (the model declares it for ListInvalidations).
	// moto differs (list_invalidations returns [] for any ID).
	ListInvalidationsOfAnything bool
	// DuplicateNamesAccepted: an OAC, public key or key group can be
	// created with a name the account already uses. CloudFront refuses
	// (the model: OriginAccessControlAlreadyExists, PublicKeyAlreadyExists,
	// and KeyGroupAlreadyExists, "A key group with this name already
	// exists. You must provide a unique name"). moto differs (no check
	// in create_origin_access_control, create_public_key,
	// create_key_group).
	DuplicateNamesAccepted bool
	// OACIfMatchIgnored: UpdateOriginAccessControl takes a missing or
	// wrong If-Match. CloudFront answers InvalidIfMatchVersion and
	// PreconditionFailed (both declared by the model for
	// UpdateOriginAccessControl). moto differs (update_origin_access_
	// control: "The IfMatch-parameter is not yet implemented").
	OACIfMatchIgnored bool
	// DropsOriginAccessControl: a distribution's origin loses the OAC it
	// was created with. CloudFront keeps it (the model, Origin,
	// OriginAccessControlId). moto differs (its Origin keeps no
	// OriginAccessControlId).
	DropsOriginAccessControl bool
	// NoInUseChecks: an OAC a distribution uses and a public key a key
	// group holds are deleted. CloudFront refuses with
	// OriginAccessControlInUse (API Reference, DeleteOriginAccessControl:
	// "You cannot delete an origin access control if it's in use") and
	// PublicKeyInUse (the model, DeletePublicKey). moto differs.
	NoInUseChecks bool
	// MissingIsServerError: GetPublicKey and GetKeyGroup of an unknown
	// ID answer 500. CloudFront answers NoSuchPublicKey and
	// NoSuchResource (the model declares them for GetPublicKey and
	// GetKeyGroup). moto differs (a KeyError in get_public_key and
	// get_key_group).
	MissingIsServerError bool
	// NoKeyQuotas: a key group of six public keys is created, and a
	// distribution trusts five key groups. CloudFront refuses both, with
	// TooManyPublicKeysInKeyGroup and
	// TooManyKeyGroupsAssociatedToDistribution (Developer Guide, "Create
	// key groups": "By default, you can associate up to four key groups
	// with a single distribution, and you can have up to five public
	// keys in a key group"). moto differs (no quota in
	// moto/cloudfront/models.py).
	NoKeyQuotas bool
	// TrustedKeyGroupsNotChecked: a behaviour can trust a key group that
	// does not exist. CloudFront refuses with TrustedKeyGroupDoesNotExist
	// (the model declares it for CreateDistribution and
	// UpdateDistribution: "The specified key group does not exist").
	// moto differs (its TrustedKeyGroups keeps any items).
	TrustedKeyGroupsNotChecked bool
	// NoKeyGroupWrites: UpdateKeyGroup and DeleteKeyGroup answer 500.
	// CloudFront serves both (the model). moto differs (its responses
	// have neither operation).
	NoKeyGroupWrites bool
	// NoOAI: the origin access identity operations answer 404. CloudFront
	// serves them (the model, CreateCloudFrontOriginAccessIdentity and
	// the rest). moto differs (moto/cloudfront/urls.py has no
	// origin-access-identity route).
	NoOAI bool
	// NoStreaming: the streaming distribution operations answer 404.
	// CloudFront still serves Get and List, and refuses creation with a
	// CloudFront error (the model keeps all seven operations). moto
	// differs (no streaming-distribution route in moto/cloudfront/urls.py).
	NoStreaming bool
	// NoEdge: a viewer request for a distribution's domain is not
	// answered by a CloudFront edge (no X-Amz-Cf-Id, no Via naming
	// CloudFront). moto differs: it has no edge.
	NoEdge bool
}

// CloudFrontTestDifferences are the known differences of cloudfronttest,
// goboto's fake: none since it stopped answering a repeated
// CallerReference with the first distribution (the flag
// ReplaysCallerReference is gone; the evidence is on
// testCallerReference).
func CloudFrontTestDifferences() Differences {
	return Differences{}
}

// MotoDifferences are the known differences of moto 5.2.1.
func MotoDifferences() Differences {
	return Differences{
		NoRedeploy:                   true,
		DropsS3OriginConfig:          true,
		SparseSummaries:              true,
		DropsKeyComment:              true,
		AcceptsAnyIfMatch:            true,
		ETagsNeverChange:             true,
		CallerReferenceUpdatable:     true,
		NoBehaviorQuota:              true,
		DeletesEnabled:               true,
		InvalidationsDoneAtOnce:      true,
		InvalidationReferenceIgnored: true,
		ListInvalidationsOfAnything:  true,
		DuplicateNamesAccepted:       true,
		OACIfMatchIgnored:            true,
		DropsOriginAccessControl:     true,
		NoInUseChecks:                true,
		MissingIsServerError:         true,
		NoKeyQuotas:                  true,
		NoKeyGroupWrites:             true,
		TrustedKeyGroupsNotChecked:   true,
		NoOAI:                        true,
		NoStreaming:                  true,
		NoEdge:                       true,
	}
}
