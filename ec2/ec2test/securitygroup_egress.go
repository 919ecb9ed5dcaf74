package ec2test

import (
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// AuthorizeSecurityGroupEgress: GroupId (or, as the fake also takes,
// GroupName) and the rules, whose ranges and groups are destinations.
// All rules are added, or none when one exists already
// (InvalidPermission.Duplicate). New groups start with EC2's default
// outbound rule, all traffic to 0.0.0.0/0, which can be revoked like any
// other.
func (s *Backend) authorizeSecurityGroupEgress(w http.ResponseWriter, r *fake.Request) error {
	return s.authorizeRules(w, r, true)
}

// RevokeSecurityGroupEgress: GroupId and the rules. Rules the group does
// not have are listed as unknown; when it has none of them, EC2 answers
// InvalidPermission.NotFound.
func (s *Backend) revokeSecurityGroupEgress(w http.ResponseWriter, r *fake.Request) error {
	return s.revokeRules(w, r, true)
}
