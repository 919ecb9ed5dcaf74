package ec2test

import (
	"encoding/xml"
	"net/http"
	"slices"

	"github.com/goboto/goboto/internal/fake"
)

// MarketplaceImage is a public AWS Marketplace AMI every region of the fake
// has: an EBS-backed x86_64 appliance owned by MarketplaceAccountID whose
// product code is MarketplaceProductCode. Its codes pass to the root
// volumes of its instances, to snapshots of those volumes and to volumes
// made from the snapshots (EC2 User Guide, "Paid AMIs in the AWS
// Marketplace": the product code is inherited), and such a volume can be
// attached only as an instance's root device.
const (
	MarketplaceImage       = "ami-0f3e1d2c3b4a59687"
	MarketplaceProductCode = "7ayjdk2w4x8rqbm1vs0tpl5ne"
	// MarketplaceAccountID owns the AWS Marketplace's public images
	// (the owner alias "aws-marketplace").
	MarketplaceAccountID = "679593333241"
)

// ProductCode is a product code on an image, and so on what is made from
// it.
type ProductCode struct {
	ID   string
	Type string // "marketplace" or "devpay"
}

func marketplaceImage() Image {
	return Image{ID: MarketplaceImage, Owner: MarketplaceAccountID, Name: "goboto-appliance-1.4.2-x86_64-marketplace",
		Public: true, RootSnapshotID: "snap-0d1e2f3a4b5c6d7e8", RootSize: 10,
		ProductCodes: []ProductCode{{ID: MarketplaceProductCode, Type: "marketplace"}}}
}

// hasMarketplace reports whether codes include an AWS Marketplace code.
func hasMarketplace(codes []ProductCode) bool {
	return slices.ContainsFunc(codes, func(c ProductCode) bool { return c.Type == "marketplace" })
}

type productCodeItem struct {
	ID   string `xml:"productCode"`
	Type string `xml:"type"`
}

// productCodeList is a productCodes element that is written even when
// empty, as the attribute calls answer it.
type productCodeList struct {
	Items []productCodeItem `xml:"item"`
}

// productCodesElem is the productCodes element of an image or instance,
// left out when there are none (encoding/xml writes the parent of an
// a>b path even for an empty slice).
func productCodesElem(codes []ProductCode) *productCodeList {
	if len(codes) == 0 {
		return nil
	}
	return &productCodeList{productCodesXML(codes)}
}

func (l *productCodeList) items() []productCodeItem {
	if l == nil {
		return nil
	}
	return l.Items
}

// productCodesXML renders codes as productCodes items.
func productCodesXML(codes []ProductCode) []productCodeItem {
	var out []productCodeItem
	for _, c := range codes {
		out = append(out, productCodeItem(c))
	}
	return out
}

// productCodeFields answers the product-code and product-code.type
// filters of DescribeImages and DescribeInstances.
func productCodeFields(codes []ProductCode, name string) []string {
	var out []string
	for _, c := range codes {
		if name == "product-code" {
			out = append(out, c.ID)
		} else {
			out = append(out, c.Type)
		}
	}
	return out
}

// checkMarketplaceAttach applies EC2's rule for a volume with AWS
// Marketplace product codes (EC2 API Reference, AttachVolume: such a
// volume "can be attached only to a stopped instance", and EC2 answers an
// attachment anywhere but the root device with OperationNotPermitted,
// "'vol-...' with Marketplace codes may not be attached as a secondary
// device.").
func checkMarketplaceAttach(v *volume, inst *instance, device string) error {
	if !hasMarketplace(v.productCodes) {
		return nil
	}
	if device != inst.rootDeviceName {
		return ec2Error("OperationNotPermitted", "'%s' with Marketplace codes may not be attached as a secondary device.", v.id)
	}
	if inst.state != "stopped" {
		return ec2Error("IncorrectState", "Instance '%s' must be 'stopped' to attach a volume with Marketplace codes.", inst.id)
	}
	return nil
}

type describeVolumeAttributeResponse struct {
	XMLName      xml.Name         `xml:"DescribeVolumeAttributeResponse"`
	Xmlns        string           `xml:"xmlns,attr"`
	RequestID    string           `xml:"requestId"`
	VolumeID     string           `xml:"volumeId"`
	AutoEnableIO *valueItem       `xml:"autoEnableIO"`
	ProductCodes *productCodeList `xml:"productCodes"`
}

// describeVolumeAttribute answers DescribeVolumeAttribute (EC2 API
// Reference): productCodes, the volume's product codes, and autoEnableIO,
// always false (the fake's volumes never have I/O disabled, the only case
// the attribute governs).
func (s *Backend) describeVolumeAttribute(w http.ResponseWriter, r *fake.Request) error {
	for _, name := range []string{"VolumeId", "Attribute"} {
		if r.Params.Get(name) == "" {
			return missing(name)
		}
	}
	vols, err := s.store(r).volumesByID([]string{r.Params.Get("VolumeId")})
	if err != nil {
		return err
	}
	v := vols[0]
	resp := describeVolumeAttributeResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, VolumeID: v.id}
	switch a := r.Params.Get("Attribute"); a {
	case "productCodes":
		resp.ProductCodes = &productCodeList{productCodesXML(v.productCodes)}
	case "autoEnableIO":
		resp.AutoEnableIO = &valueItem{"false"}
	default:
		return invalidValue("Value (" + a + ") for parameter attribute is invalid.")
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}
