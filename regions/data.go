package regions

// The shapes of the generated tables in catalog_gen.go. The generated
// functions return fresh values; the package calls them once, in
// generated, and shares the tables it builds read-only.

type partitionData struct {
	name, description, dnsSuffix, regionRegex string
	regions                                   []regionData
}

type regionData struct {
	name, description string
}

type serviceData struct {
	service, partition string
	endpoint           string   // partition endpoint key of a global service
	regions            []string // sorted
	hosts              []hostData
}

// hostData is a hostname that differs from {service}.{region}.{dnsSuffix}.
type hostData struct {
	region, hostname string
}
