package s3test

import (
	"encoding/xml"
	"net/http"
	"slices"
)

// xsiNamespace is the XML Schema instance namespace of Grantee's xsi:type.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// Group grantee URIs.
const (
	allUsers           = "http://acs.amazonaws.com/groups/global/AllUsers"
	authenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	logDelivery        = "http://acs.amazonaws.com/groups/s3/LogDelivery"
)

// accessPolicy is an AccessControlPolicy document, read and written.
type accessPolicy struct {
	XMLName xml.Name `xml:"AccessControlPolicy"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Owner   aclOwner `xml:"Owner"`
	Grants  []grant  `xml:"AccessControlList>Grant"`
}

type aclOwner struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName,omitempty"` // read, never answered
}

type grant struct {
	Grantee    grantee `xml:"Grantee"`
	Permission string  `xml:"Permission"`
}

// grantee reads xsi:type into InType and writes it from Type, since
// encoding/xml matches the attribute by namespace URL on the way in and
// writes the prefix literally on the way out.
type grantee struct {
	XSI          string `xml:"xmlns:xsi,attr,omitempty"`
	Type         string `xml:"xsi:type,attr,omitempty"`
	InType       string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr,omitempty"`
	ID           string `xml:"ID,omitempty"`
	DisplayName  string `xml:"DisplayName,omitempty"`
	EmailAddress string `xml:"EmailAddress,omitempty"`
	URI          string `xml:"URI,omitempty"`
}

var permissions = []string{"FULL_CONTROL", "WRITE", "WRITE_ACP", "READ", "READ_ACP"}

// check validates the grants of a policy sent by a client.
func (p *accessPolicy) check() error {
	for i := range p.Grants {
		g := &p.Grants[i]
		if !slices.Contains(permissions, g.Permission) {
			return errMalformedACL()
		}
		e := &g.Grantee
		e.XSI, e.Type = "", ""
		switch e.InType {
		case "CanonicalUser":
			if e.ID == "" {
				return errMalformedACL()
			}
		case "AmazonCustomerByEmail":
			if e.EmailAddress == "" {
				return errMalformedACL()
			}
		case "Group":
			if e.URI != allUsers && e.URI != authenticatedUsers && e.URI != logDelivery {
				return errInvalidArgument("Invalid group uri", "uri", e.URI)
			}
		default:
			return errMalformedACL()
		}
	}
	return nil
}

// ownerOnly reports whether p grants nothing beyond the owner's own
// access, the only ACL a bucket with BucketOwnerEnforced accepts.
func (p *accessPolicy) ownerOnly(owner string) bool {
	for _, g := range p.Grants {
		if g.Grantee.InType != "CanonicalUser" || g.Grantee.ID != ownerID(owner) || g.Permission != "FULL_CONTROL" {
			return false
		}
	}
	return true
}

// public reports whether p grants anything to AllUsers or
// AuthenticatedUsers.
func (p *accessPolicy) public() bool {
	for _, g := range p.Grants {
		if g.Grantee.URI == allUsers || g.Grantee.URI == authenticatedUsers {
			return true
		}
	}
	return false
}

// cannedPolicy expands a canned ACL for a bucket or object of owner. The
// fake's objects always belong to the bucket owner, so the bucket-owner-*
// ACLs are the same as private.
func cannedPolicy(name, owner string) (*accessPolicy, error) {
	user := func(perm string) grant {
		return grant{Grantee: grantee{InType: "CanonicalUser", ID: ownerID(owner)}, Permission: perm}
	}
	group := func(uri, perm string) grant {
		return grant{Grantee: grantee{InType: "Group", URI: uri}, Permission: perm}
	}
	p := &accessPolicy{Grants: []grant{user("FULL_CONTROL")}}
	switch name {
	case "private", "bucket-owner-read", "bucket-owner-full-control", "aws-exec-read":
	case "public-read":
		p.Grants = append(p.Grants, group(allUsers, "READ"))
	case "public-read-write":
		p.Grants = append(p.Grants, group(allUsers, "READ"), group(allUsers, "WRITE"))
	case "authenticated-read":
		p.Grants = append(p.Grants, group(authenticatedUsers, "READ"))
	case "log-delivery-write":
		p.Grants = append(p.Grants, group(logDelivery, "WRITE"), group(logDelivery, "READ_ACP"))
	default:
		return nil, errInvalidArgument("", "x-amz-acl", name)
	}
	return p, nil
}

func errMalformedACL() error {
	return s3err(http.StatusBadRequest, "MalformedACLError",
		"The XML you provided was not well-formed or did not validate against our published schema")
}
