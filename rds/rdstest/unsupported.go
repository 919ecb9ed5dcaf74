package rdstest

import (
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// unsupportedTable lists, for each action the fake answers, the parameters of
// RDS's API model that it does not implement and that would change what
// the request means. A request that gives one (with a value other than
// those listed as meaning nothing) is refused before anything changes,
// rather than served as if the parameter were not there: a fake that
// dropped StorageEncrypted would report an unencrypted instance to a
// caller who asked for encryption.
//
// Parameters the fake reads are not listed, nor those that only tune what
// the fake does not model at all and leave the answer's meaning alone.
func unsupportedTable() map[string][]unsupportedParam {
	return map[string][]unsupportedParam{
		"CreateDBInstance": append(instanceUnsupported(),
			unsupportedParam{name: "DBClusterIdentifier"},
			unsupportedParam{name: "CharacterSetName"},
			unsupportedParam{name: "NcharCharacterSetName"},
			unsupportedParam{name: "Timezone"},
			unsupportedParam{name: "PromotionTier"},
			unsupportedParam{name: "MonitoringRoleArn"},
			unsupportedParam{name: "EnablePerformanceInsights", harmless: []string{"false"}},
			unsupportedParam{name: "PerformanceInsightsKMSKeyId"},
			unsupportedParam{name: "PerformanceInsightsRetentionPeriod"},
			unsupportedParam{name: "DatabaseInsightsMode", harmless: []string{"standard"}},
			unsupportedParam{name: "MaxAllocatedStorage"},
			unsupportedParam{name: "StorageEncrypted", harmless: []string{"false"}},
			unsupportedParam{name: "KmsKeyId"},
			unsupportedParam{name: "EnableCloudwatchLogsExports"},
			unsupportedParam{name: "DBSystemId"},
			unsupportedParam{name: "MultiTenant", harmless: []string{"false"}},
			unsupportedParam{name: "MonitoringInterval", harmless: []string{"0"}},
		),
		"RestoreDBInstanceFromDBSnapshot": append(instanceUnsupported(),
			unsupportedParam{name: "DBClusterSnapshotIdentifier"},
			unsupportedParam{name: "EnableCloudwatchLogsExports"},
			unsupportedParam{name: "UseDefaultProcessorFeatures", harmless: []string{"false"}},
			// The fake restores at the snapshot's size (see doc.go).
			unsupportedParam{name: "AllocatedStorage"},
		),
		"ModifyDBInstance": append(instanceUnsupported(),
			unsupportedParam{name: "NewDBInstanceIdentifier"},
			// Moving an instance to another DB subnet group is not modelled.
			unsupportedParam{name: "DBSubnetGroupName"},
			unsupportedParam{name: "DBPortNumber"},
			unsupportedParam{name: "DisableDomain", harmless: []string{"false"}},
			unsupportedParam{name: "PromotionTier"},
			unsupportedParam{name: "MonitoringInterval", harmless: []string{"0"}},
			unsupportedParam{name: "MonitoringRoleArn"},
			unsupportedParam{name: "EnablePerformanceInsights", harmless: []string{"false"}},
			unsupportedParam{name: "PerformanceInsightsKMSKeyId"},
			unsupportedParam{name: "PerformanceInsightsRetentionPeriod"},
			unsupportedParam{name: "DatabaseInsightsMode", harmless: []string{"standard"}},
			unsupportedParam{name: "CloudwatchLogsExportConfiguration"},
			unsupportedParam{name: "UseDefaultProcessorFeatures", harmless: []string{"false"}},
			unsupportedParam{name: "MaxAllocatedStorage"},
			unsupportedParam{name: "CertificateRotationRestart"},
			unsupportedParam{name: "ReplicaMode"},
			unsupportedParam{name: "AutomationMode"},
			unsupportedParam{name: "ResumeFullAutomationModeMinutes"},
			unsupportedParam{name: "AwsBackupRecoveryPointArn"},
			unsupportedParam{name: "RotateMasterUserPassword", harmless: []string{"false"}},
			unsupportedParam{name: "MultiTenant", harmless: []string{"false"}},
		),
		"DeleteDBInstance": {
			// Automated backups always go with the instance here, which is
			// what RDS does by default (true).
			{name: "DeleteAutomatedBackups", harmless: []string{"true"}},
		},
		"CopyDBSnapshot": {
			{name: "KmsKeyId"},
			{name: "PreSignedUrl"},
			{name: "OptionGroupName"},
			{name: "TargetCustomAvailabilityZone"},
			{name: "SnapshotTarget", harmless: []string{"region"}},
			{name: "CopyOptionGroup", harmless: []string{"false"}},
			{name: "SnapshotAvailabilityZone"},
		},
		// RDS API Reference, ListTagsForResource,
		// DescribeOrderableDBInstanceOptions and DescribeDBSubnetGroups,
		// Filters: "This parameter isn't currently supported."
		"ListTagsForResource":                {{name: "Filters"}},
		"DescribeOrderableDBInstanceOptions": {{name: "Filters"}, {name: "AvailabilityZoneGroup"}},
		"DescribeDBSubnetGroups":             {{name: "Filters"}},
	}
}

// instanceUnsupported are the parameters Create, Restore and Modify share
// that the fake does not implement.
func instanceUnsupported() []unsupportedParam {
	return []unsupportedParam{
		{name: "OptionGroupName"},
		{name: "LicenseModel"},
		{name: "TdeCredentialArn"},
		{name: "TdeCredentialPassword"},
		{name: "Domain"},
		{name: "DomainFqdn"},
		{name: "DomainOu"},
		{name: "DomainAuthSecretArn"},
		{name: "DomainDnsIps"},
		{name: "DomainIAMRoleName"},
		{name: "ProcessorFeatures"},
		{name: "EnableCustomerOwnedIp", harmless: []string{"false"}},
		{name: "NetworkType", harmless: []string{"IPV4"}},
		{name: "BackupTarget", harmless: []string{"region"}},
		{name: "CustomIamInstanceProfile"},
		{name: "CACertificateIdentifier"},
		{name: "ManageMasterUserPassword", harmless: []string{"false"}},
		{name: "MasterUserSecretKmsKeyId"},
		{name: "MasterUserAuthenticationType", harmless: []string{"password"}},
		{name: "DedicatedLogVolume", harmless: []string{"false"}},
		{name: "EngineLifecycleSupport"},
		{name: "AdditionalStorageVolumes"},
		{name: "TagSpecifications"},
	}
}

// unsupportedParam is a parameter the fake refuses, and the values that
// ask for what the fake does anyway (compared ignoring case).
type unsupportedParam struct {
	name     string
	harmless []string
}

// refuseUnsupported answers InvalidParameterCombination, a code of AWS's
// common errors for the Query API ("Parameters that must not be used
// together were used together"), for a request that gives a parameter the
// fake does not implement: the fake cannot be combined with it.
func (b *Backend) refuseUnsupported(r *fake.Request) error {
	for _, u := range b.unsupported[r.Operation] {
		for k, vs := range r.Params {
			if k != u.name && !strings.HasPrefix(k, u.name+".") {
				continue
			}
			if k == u.name && len(vs) > 0 && slices.ContainsFunc(u.harmless, func(h string) bool { return strings.EqualFold(h, vs[0]) }) {
				continue
			}
			return invalidCombination("The fake RDS (rdstest) does not implement the parameter %s of %s; it changed nothing.", u.name, r.Operation)
		}
	}
	return nil
}
