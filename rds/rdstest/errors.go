package rdstest

import (
	"fmt"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// RDS error codes the fake answers with. Each one's HTTP status is the one
// RDS's API model gives it.
const (
	CodeInvalidParameterValue         = "InvalidParameterValue"
	CodeInvalidParameterCombination   = "InvalidParameterCombination"
	CodeMissingParameter              = "MissingParameter"
	CodeDBInstanceNotFound            = "DBInstanceNotFound"
	CodeDBInstanceAlreadyExists       = "DBInstanceAlreadyExists"
	CodeInvalidDBInstanceState        = "InvalidDBInstanceState"
	CodeDBSnapshotNotFound            = "DBSnapshotNotFound"
	CodeDBSnapshotAlreadyExists       = "DBSnapshotAlreadyExists"
	CodeInvalidDBSnapshotState        = "InvalidDBSnapshotState"
	CodeSharedSnapshotQuotaExceeded   = "SharedSnapshotQuotaExceeded"
	CodeDBSecurityGroupNotFound       = "DBSecurityGroupNotFound"
	CodeDBSecurityGroupAlreadyExists  = "DBSecurityGroupAlreadyExists"
	CodeInvalidDBSecurityGroupState   = "InvalidDBSecurityGroupState"
	CodeAuthorizationAlreadyExists    = "AuthorizationAlreadyExists"
	CodeAuthorizationNotFound         = "AuthorizationNotFound"
	CodeDBParameterGroupNotFound      = "DBParameterGroupNotFound"
	CodeDBParameterGroupAlreadyExists = "DBParameterGroupAlreadyExists"
	CodeInvalidDBParameterGroupState  = "InvalidDBParameterGroupState"
	CodeDBClusterNotFound             = "DBClusterNotFoundFault"

	CodeDBSubnetGroupNotFound              = "DBSubnetGroupNotFoundFault"
	CodeDBSubnetGroupAlreadyExists         = "DBSubnetGroupAlreadyExists"
	CodeDBSubnetGroupDoesNotCoverEnoughAZs = "DBSubnetGroupDoesNotCoverEnoughAZs"
	CodeDBSubnetGroupQuotaExceeded         = "DBSubnetGroupQuotaExceeded"
	CodeDBSubnetQuotaExceeded              = "DBSubnetQuotaExceededFault"
	CodeInvalidSubnet                      = "InvalidSubnet"
	CodeSubnetAlreadyInUse                 = "SubnetAlreadyInUse"
	CodeInvalidDBSubnetGroupState          = "InvalidDBSubnetGroupStateFault"
)

// rdsError returns a client-side (Sender) error with code and status.
func rdsError(status int, code, format string, args ...any) *fake.Error {
	return &fake.Error{Status: status, Code: code, Sender: true, Message: fmt.Sprintf(format, args...)}
}

func invalidValue(format string, args ...any) *fake.Error {
	return rdsError(http.StatusBadRequest, CodeInvalidParameterValue, format, args...)
}

func invalidCombination(format string, args ...any) *fake.Error {
	return rdsError(http.StatusBadRequest, CodeInvalidParameterCombination, format, args...)
}

func missing(name string) *fake.Error {
	return rdsError(http.StatusBadRequest, CodeMissingParameter, "The request must contain the parameter %s", name)
}

func notFound(code, format string, args ...any) *fake.Error {
	return rdsError(http.StatusNotFound, code, format, args...)
}

func badState(code, format string, args ...any) *fake.Error {
	return rdsError(http.StatusBadRequest, code, format, args...)
}

func alreadyExists(code, format string, args ...any) *fake.Error {
	return rdsError(http.StatusBadRequest, code, format, args...)
}
