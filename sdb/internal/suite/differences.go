package suite

// Differences are the places a backend is known to answer otherwise than
// SimpleDB. Each flag says which answer matches AWS and on what evidence.
// moto 5.2.1 serves five of SimpleDB's ten actions (moto/sdb/responses.py
// has create_domain, delete_domain, list_domains, get_attributes and
// put_attributes), so most flags are moto's.
type Differences struct {
	// CreateEmptiesDomain: CreateDomain of a domain that exists replaces
	// it with an empty one. SimpleDB keeps the domain and its items: the
	// call is idempotent (API Reference, CreateDomain: "CreateDomain is
	// an idempotent operation; running it multiple times using the same
	// domain name will not result in an error response"). moto differs
	// (moto/sdb/models.py, create_domain: self.domains[domain_name] =
	// FakeDomain(name=domain_name)).
	CreateEmptiesDomain bool
	// IgnoresMaxNumberOfDomains: ListDomains answers every domain in one
	// page, with no NextToken, whatever MaxNumberOfDomains says, and takes
	// values outside 1-100. SimpleDB answers at most MaxNumberOfDomains
	// names and a NextToken for the rest (API model, ListDomains: "It
	// returns domain names up to the limit set by MaxNumberOfDomains. A
	// NextToken is returned if there are more than MaxNumberOfDomains
	// domains"; MaxNumberOfDomains: "The range is 1 to 100"). moto
	// differs (models.py, list_domains: "The max_number_of_domains and
	// next_token parameter have not been implemented yet - we simply
	// return all domains").
	IgnoresMaxNumberOfDomains bool
	// NoDomainMetadata: DomainMetadata is not served; moto answers HTTP
	// 500 with an HTML page. SimpleDB answers the domain's counts and
	// sizes, or NoSuchDomain (API model, DomainMetadata: "Returns
	// information about the domain, including when the domain was
	// created, the number of items and attributes in the domain, and the
	// size of the attribute names and values"). moto differs
	// (responses.py has no domain_metadata).
	NoDomainMetadata bool
	// NoDeleteAttributes: DeleteAttributes is not served (HTTP 500).
	// SimpleDB deletes the attributes, values or item named (API model,
	// DeleteAttributes: "Deletes one or more attributes associated with
	// an item. If all attributes of the item are deleted, the item is
	// deleted"). moto differs (responses.py has no delete_attributes).
	NoDeleteAttributes bool
	// NoBatch: BatchPutAttributes and BatchDeleteAttributes are not
	// served (HTTP 500). SimpleDB writes up to 25 items a call (API
	// model, BatchPutAttributes: "the client can perform multiple
	// PutAttribute operation with a single call"; Developer Guide,
	// Limits: at most 25 items in a BatchPutAttributes call).
	// moto differs (responses.py has neither action).
	NoBatch bool
	// NoSelect: Select is not served (HTTP 500). SimpleDB runs the select
	// expression (API model, Select: "The Select operation returns a set
	// of attributes for ItemNames that match the select expression").
	// moto differs (responses.py has no select).
	NoSelect bool
	// ValuesNotSets: a value put twice under one name is stored, and
	// answered, twice. SimpleDB keeps one (API model, PutAttributes:
	// "Attributes are uniquely identified in an item by their name/value
	// combination ... it cannot have two attribute instances where both
	// the Attribute.X.Name and Attribute.X.Value are the same"). moto
	// differs (models.py, FakeItem.put_attributes appends every pair).
	ValuesNotSets bool
	// ReplaceKeepsLastValue: a put that replaces an attribute with
	// several values keeps only the last, since each replacing pair
	// removes the ones put before it in the same call. SimpleDB replaces
	// the stored values with all the new ones (API model, PutAttributes:
	// Replace "causes the new attribute value to replace the existing
	// attribute value(s)"; BatchPutAttributes: "Setting this value to
	// true will cause the new attribute values to replace the existing
	// attribute values"). moto differs (models.py,
	// FakeItem.put_attributes: _remove_attributes(attr["Name"]) before
	// each append).
	ReplaceKeepsLastValue bool
	// IgnoresExpected: PutAttributes writes whatever its Expected.*
	// condition says, and takes conditions SimpleDB refuses as
	// malformed. SimpleDB writes only when the condition holds and
	// answers ConditionalCheckFailed, AttributeDoesNotExist,
	// MultiValuedAttribute, ExistsAndExpectedValue or
	// IncompleteExpectedExpression otherwise (API model, PutAttributes
	// Expected: "The update condition must be satisfied in order for this
	// request to be processed and the attributes to be updated";
	// Developer Guide, "API Error Codes"). moto differs (models.py,
	// put_attributes: "Behaviour for the expected-attribute is not yet
	// implemented").
	IgnoresExpected bool
	// NoLimits: names and values over 1024 bytes, more than 256 pairs in
	// one PutAttributes, more than 256 pairs in an item and domain names
	// over 255 characters are all taken. SimpleDB refuses them (Developer
	// Guide, Limits: item names, attribute names and values of at most
	// 1024 bytes, 256 attribute name-value pairs per item, domain names of
	// 3-255 characters; API Reference, PutAttributes: "256 total attribute
	// name-value pairs per item";
	// API Error Codes: InvalidParameterValue "Value exceeds maximum
	// length of 1024", NumberSubmittedAttributesExceeded,
	// NumberItemAttributesExceeded). moto differs (models.py checks only
	// the domain name, with the pattern ^[a-zA-Z0-9-_.]{3,}$).
	NoLimits bool
	// ServerErrorOnBadRequest: an unknown action, and a CreateDomain or
	// PutAttributes missing a required parameter, are answered HTTP 500
	// with an HTML page. SimpleDB answers InvalidAction and
	// MissingParameter, HTTP 400 (Developer Guide, "API Error Codes":
	// InvalidAction "The action " + actionName + " is not valid for this
	// web service", 400; MissingParameter "The request must contain the
	// parameter " + parameterName, 400). moto differs (its dispatcher
	// raises on an unknown action; models.py runs re.match on a missing
	// DomainName, responses.py iterates a missing Attributes).
	ServerErrorOnBadRequest bool
	// ErrorResponseRoot: error answers are <ErrorResponse><Error>...
	// </Error><RequestId>, the shape of awsQuery services such as SQS.
	// SimpleDB answers in the EC2 shape, <Response><Errors><Error>...
	// </Error></Errors><RequestID> (the Developer Guide's REST error
	// sample, "Making REST Requests"; that page is not in the search
	// corpus this suite was written with, so the evidence checked here is
	// goboto's own record of it, internal/fake/api.go: "SimpleDB answers
	// errors in this shape too", and boto 2's reader,
	// boto/exception.py, which looks for Errors and RequestID). goboto
	// and boto 2 read both shapes, so the difference shows only to
	// clients that parse one. moto differs (moto/core's query error
	// serialiser).
	ErrorResponseRoot bool
	// NoBoxUsage: answers' ResponseMetadata has a RequestId and no
	// BoxUsage. SimpleDB reports the machine time each request used
	// (Developer Guide, "Common Response Elements": BoxUsage "The
	// measure of machine utilization for this request"). moto differs
	// (its query serialiser writes only RequestId).
	NoBoxUsage bool
}

// MotoDifferences are moto 5.2.1's.
func MotoDifferences() Differences {
	return Differences{CreateEmptiesDomain: true, IgnoresMaxNumberOfDomains: true, NoDomainMetadata: true,
		NoDeleteAttributes: true, NoBatch: true, NoSelect: true, ValuesNotSets: true, ReplaceKeepsLastValue: true,
		IgnoresExpected: true, NoLimits: true, ServerErrorOnBadRequest: true, ErrorResponseRoot: true, NoBoxUsage: true}
}
