package ec2test

import (
	"encoding/xml"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// findImage returns the image id of region that account may see, or
// InvalidAMIID.NotFound.
func (c *computeState) findImage(account, region, id string) (*image, error) {
	if err := checkIDs("InvalidAMIID.Malformed", "ami", id); err != nil {
		return nil, err
	}
	img, ok := c.launchableImage(account, region, id)
	if !ok {
		return nil, ec2Error("InvalidAMIID.NotFound", "The image id '[%s]' does not exist", id)
	}
	return img, nil
}

// ownedImage is findImage for actions only the owner may take.
func (c *computeState) ownedImage(account, region, id string) (*image, error) {
	img, err := c.findImage(account, region, id)
	if err != nil {
		return nil, err
	}
	if img.Owner != account {
		return nil, ec2Error("OperationNotPermitted", "You are not authorized to modify image '%s', which is owned by another account.", id)
	}
	return img, nil
}

// addImage stores a new pending image of r's account and starts its way
// to available, checking that the name is free.
func (s *Backend) addImage(r *fake.Request, img *image) error {
	name := img.Name
	if name == "" {
		return missing("Name")
	}
	if len(name) < 3 || len(name) > 128 {
		return invalidValue("AMI names must be between 3 and 128 characters long")
	}
	images := s.compute.regionImages(r.Region)
	for _, other := range images {
		if other.Owner == r.Account() && other.Name == name {
			return ec2Error("InvalidAMIName.Duplicate", "AMI name %s is already in use by AMI %s", name, other.ID)
		}
	}
	img.ID, img.Owner, img.state, img.created = newID("ami"), r.Account(), "pending", r.Now
	img.Image = withImageDefaults(img.Image)
	images[img.ID] = img
	s.store(r).setTags(img.ID, tagSpecs(r.Params, "image"))
	s.compute.start(func() {
		if img.state == "pending" {
			img.state = "available"
		}
	})
	return nil
}

type imageIDResponse struct {
	XMLName   xml.Name
	Xmlns     string `xml:"xmlns,attr"`
	RequestID string `xml:"requestId"`
	ImageID   string `xml:"imageId"`
}

func writeImageID(w http.ResponseWriter, r *fake.Request, id string) error {
	return fake.WriteXML(w, http.StatusOK, imageIDResponse{XMLName: xml.Name{Local: r.Operation + "Response"},
		Xmlns: responseNamespace(r), RequestID: r.RequestID, ImageID: id})
}

// registerImage answers RegisterImage by either route boto's walkthroughs
// take: an instance-store image from ImageLocation (an S3 manifest path),
// or an EBS-backed image whose root device (RootDeviceName) maps a
// snapshot the caller may restore.
func (s *Backend) registerImage(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	img := &image{Image: Image{Name: p.Get("Name"), Architecture: p.Get("Architecture")},
		description: p.Get("Description"), location: p.Get("ImageLocation"), enaSupport: boolParam(p, "EnaSupport")}
	mappings := structs(p, "BlockDeviceMapping")
	if img.location != "" {
		if !strings.Contains(img.location, "/") {
			return invalidValue("Invalid manifest location: " + img.location)
		}
		img.RootDeviceType, img.RootDeviceName = "instance-store", "/dev/sda1"
	} else {
		img.RootDeviceType = "ebs"
		img.RootDeviceName = p.Get("RootDeviceName")
		if img.RootDeviceName == "" {
			img.RootDeviceName = "/dev/sda1"
		}
	}
	if a := img.Architecture; a != "" && a != "i386" && a != "x86_64" && a != "arm64" {
		return invalidValue("Value (" + a + ") for parameter architecture is invalid.")
	}
	for _, m := range mappings {
		dev := m.Get("DeviceName")
		if dev == "" {
			return missing("BlockDeviceMapping.DeviceName")
		}
		if v := m.Get("VirtualName"); v != "" {
			img.extra = append(img.extra, imageDevice{device: dev, virtualName: v})
			continue
		}
		if m.Has("NoDevice") || !hasPrefix(m, "Ebs.") {
			continue
		}
		d, err := s.ebsDevice(r, m, dev, "")
		if err != nil {
			return err
		}
		if dev == img.RootDeviceName && img.RootDeviceType == "ebs" {
			if d.spec.snapshotID == "" {
				return invalidValue("The root device " + dev + " must map a snapshot")
			}
			img.RootSnapshotID, img.RootSize = d.spec.snapshotID, d.spec.size
			// An image registered from a Marketplace root snapshot keeps
			// its codes, so they cannot be shed by re-registering.
			img.ProductCodes = slices.Clone(d.spec.productCodes)
			// EC2's default for a registered root is delete-on-termination.
			img.rootKeep = m.Has("Ebs.DeleteOnTermination") && !d.deleteOnTermination
			continue
		}
		if d.spec.snapshotID == "" && d.spec.size == 0 {
			return missing("BlockDeviceMapping.Ebs.VolumeSize")
		}
		img.extra = append(img.extra, imageDevice{device: dev, spec: d.spec, deleteOnTermination: d.deleteOnTermination})
	}
	if img.RootDeviceType == "ebs" && img.RootSnapshotID == "" {
		return invalidValue("A block-device mapping for the root device " + img.RootDeviceName +
			" with a snapshot, or an ImageLocation, is required")
	}
	if err := s.addImage(r, img); err != nil {
		return err
	}
	return writeImageID(w, r, img.ID)
}

// createImage answers CreateImage: each EBS volume of the instance is
// snapshotted, and the image maps the root device to its snapshot.
func (s *Backend) createImage(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("InstanceId") == "" {
		return missing("InstanceId")
	}
	st := s.store(r)
	insts, err := st.instancesByID([]string{r.Params.Get("InstanceId")})
	if err != nil {
		return err
	}
	inst := insts[0]
	switch {
	case inst.rootDeviceType != "ebs":
		return invalidValue("The instance '" + inst.id + "' is not an EBS-backed instance.")
	case inst.state != "running" && inst.state != "stopped":
		return incorrectInstanceState(inst, "imaged")
	}
	img := &image{Image: Image{Name: r.Params.Get("Name"), Architecture: inst.architecture,
		RootDeviceName: inst.rootDeviceName}, description: r.Params.Get("Description")}
	if err := s.addImage(r, img); err != nil {
		return err
	}
	for _, v := range st.devices(inst) {
		sn := s.newSnapshot(st, v.id, v.size, v.encrypted, "Created by CreateImage("+inst.id+") for "+img.ID+" from "+v.id, r.Now)
		if v.att.device == inst.rootDeviceName {
			img.RootSnapshotID, img.RootSize, img.rootKeep = sn.id, v.size, !v.att.deleteOnTermination
			// An image of a Marketplace instance keeps its product codes.
			img.ProductCodes, sn.productCodes = slices.Clone(v.productCodes), slices.Clone(v.productCodes)
			continue
		}
		img.extra = append(img.extra, imageDevice{device: v.att.device, deleteOnTermination: v.att.deleteOnTermination,
			spec: volumeSpec{snapshotID: sn.id, size: v.size, volumeType: v.volumeType, iops: v.iops, throughput: v.throughput, encrypted: v.encrypted}})
	}
	return writeImageID(w, r, img.ID)
}

type imageEbs struct {
	SnapshotID          string `xml:"snapshotId,omitempty"`
	VolumeSize          int    `xml:"volumeSize,omitempty"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
	VolumeType          string `xml:"volumeType"`
	Encrypted           bool   `xml:"encrypted"`
}

type imageDeviceItem struct {
	DeviceName  string    `xml:"deviceName"`
	VirtualName string    `xml:"virtualName,omitempty"`
	Ebs         *imageEbs `xml:"ebs"`
}

type imageItem struct {
	ImageID            string            `xml:"imageId"`
	ImageLocation      string            `xml:"imageLocation"`
	ImageState         string            `xml:"imageState"`
	ImageOwnerID       string            `xml:"imageOwnerId"`
	CreationDate       string            `xml:"creationDate"`
	IsPublic           bool              `xml:"isPublic"`
	Architecture       string            `xml:"architecture"`
	ImageType          string            `xml:"imageType"`
	ImageOwnerAlias    string            `xml:"imageOwnerAlias,omitempty"`
	Name               string            `xml:"name"`
	Description        string            `xml:"description,omitempty"`
	RootDeviceType     string            `xml:"rootDeviceType"`
	RootDeviceName     string            `xml:"rootDeviceName"`
	Devices            []imageDeviceItem `xml:"blockDeviceMapping>item"`
	VirtualizationType string            `xml:"virtualizationType"`
	EnaSupport         bool              `xml:"enaSupport,omitempty"`
	Tags               []tagItem         `xml:"tagSet>item"`
	Hypervisor         string            `xml:"hypervisor"`
	PlatformDetails    string            `xml:"platformDetails"`
	UsageOperation     string            `xml:"usageOperation"`
	ProductCodes       *productCodeList  `xml:"productCodes"`
}

// devicesXML renders img's block-device mapping, root first.
func (img *image) devicesXML() []imageDeviceItem {
	var out []imageDeviceItem
	if img.RootDeviceType == "ebs" {
		out = append(out, imageDeviceItem{DeviceName: img.RootDeviceName, Ebs: &imageEbs{SnapshotID: img.RootSnapshotID,
			VolumeSize: img.RootSize, DeleteOnTermination: !img.rootKeep, VolumeType: "gp2"}})
	}
	for _, d := range img.extra {
		if d.virtualName != "" {
			out = append(out, imageDeviceItem{DeviceName: d.device, VirtualName: d.virtualName})
			continue
		}
		out = append(out, imageDeviceItem{DeviceName: d.device, Ebs: &imageEbs{SnapshotID: d.spec.snapshotID, VolumeSize: d.spec.size,
			DeleteOnTermination: d.deleteOnTermination, VolumeType: d.spec.volumeType, Encrypted: d.spec.encrypted}})
	}
	return out
}

func (c *computeState) imageXML(img *image, region string) imageItem {
	it := imageItem{
		ImageID: img.ID, ImageLocation: img.location, ImageState: img.state, ImageOwnerID: img.Owner,
		CreationDate: img.created.UTC().Format(xmlTime), IsPublic: img.Public, Architecture: img.Architecture,
		ImageType: "machine", Name: img.Name, Description: img.description, RootDeviceType: img.RootDeviceType,
		RootDeviceName: img.RootDeviceName, Devices: img.devicesXML(), VirtualizationType: "hvm", EnaSupport: img.enaSupport,
		Tags: tagSet(c.tagsIn(img.Owner, region, img.ID)), Hypervisor: "xen",
		PlatformDetails: "Linux/UNIX", UsageOperation: "RunInstances",
	}
	switch img.Owner {
	case AmazonAccountID:
		it.ImageOwnerAlias = "amazon"
	case MarketplaceAccountID:
		it.ImageOwnerAlias = "aws-marketplace"
	}
	it.ProductCodes = productCodesElem(img.ProductCodes)
	if it.ImageLocation == "" {
		it.ImageLocation = img.Owner + "/" + img.Name
	}
	if img.created.IsZero() {
		it.CreationDate = "2024-01-31T00:00:00.000Z"
	}
	return it
}

type describeImagesResponse struct {
	XMLName   xml.Name    `xml:"DescribeImagesResponse"`
	Xmlns     string      `xml:"xmlns,attr"`
	RequestID string      `xml:"requestId"`
	Images    []imageItem `xml:"imagesSet>item"`
	NextToken string      `xml:"nextToken,omitempty"`
}

// describeImages answers DescribeImages with the images the caller owns
// or may launch: ImageId.N, Owner.N (self, amazon, an account ID),
// ExecutableBy.N (self, all, an account ID), Filter.N and MaxResults
// 5..1000 paging.
func (s *Backend) describeImages(w http.ResponseWriter, r *fake.Request) error {
	fs, err := resourceFilters(r.Params, imageFilterNames()...)
	if err != nil {
		return err
	}
	account := r.Account()
	self := func(id string) string {
		if id == "self" {
			return account
		}
		return id
	}
	ids, owners, execs := list(r.Params, "ImageId"), list(r.Params, "Owner"), list(r.Params, "ExecutableBy")
	if err := checkIDs("InvalidAMIID.Malformed", "ami", ids...); err != nil {
		return err
	}
	images := s.compute.regionImages(r.Region)
	for _, id := range ids {
		if img, ok := images[id]; !ok || !img.launchableBy(account) {
			return ec2Error("InvalidAMIID.NotFound", "The image id '[%s]' does not exist", id)
		}
	}
	var items []imageItem
	for _, id := range slices.Sorted(maps.Keys(images)) {
		img := images[id]
		switch {
		case !img.launchableBy(account):
			continue
		case len(ids) > 0 && !slices.Contains(ids, id):
			continue
		case len(owners) > 0 && !slices.ContainsFunc(owners, func(o string) bool {
			return self(o) == img.Owner || (o == "amazon" && img.Owner == AmazonAccountID)
		}):
			continue
		case len(execs) > 0 && !slices.ContainsFunc(execs, func(u string) bool {
			if u == "all" {
				return img.Public
			}
			return img.launchableBy(self(u))
		}):
			continue
		}
		it := s.compute.imageXML(img, r.Region)
		ok := matchResource(fs, s.compute.tagsIn(img.Owner, r.Region, img.ID), func(name string) []string {
			return imageField(&it, name)
		})
		if ok {
			items = append(items, it)
		}
	}
	items, next, err := page(r.Params, items, 5, 1000)
	if err != nil {
		return err
	}
	return fake.WriteXML(w, http.StatusOK, describeImagesResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, Images: items, NextToken: next})
}

// deregisterImage answers DeregisterImage; the image's snapshots stay.
func (s *Backend) deregisterImage(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("ImageId") == "" {
		return missing("ImageId")
	}
	img, err := s.compute.ownedImage(r.Account(), r.Region, r.Params.Get("ImageId"))
	if err != nil {
		return err
	}
	delete(s.compute.regionImages(r.Region), img.ID)
	s.compute.dropTags(r.Region, img.ID)
	return writeReturn(w, r)
}

// modifyImageAttribute answers ModifyImageAttribute for launchPermission
// (LaunchPermission.Add/Remove.N, or OperationType with UserId.N and
// UserGroup.N) and description (Description.Value, or Attribute with
// Value).
func (s *Backend) modifyImageAttribute(w http.ResponseWriter, r *fake.Request) error {
	p := r.Params
	if p.Get("ImageId") == "" {
		return missing("ImageId")
	}
	img, err := s.compute.ownedImage(r.Account(), r.Region, p.Get("ImageId"))
	if err != nil {
		return err
	}
	if p.Has("Description.Value") || p.Get("Attribute") == "description" {
		img.description = p.Get("Description.Value")
		if p.Get("Attribute") == "description" {
			img.description = p.Get("Value")
		}
		return writeReturn(w, r)
	}
	add, remove, err := permissionChanges(r, "launchPermission")
	if err != nil {
		return err
	}
	applyPermissions(&img.LaunchAccounts, &img.Public, add, remove)
	return writeReturn(w, r)
}

type describeImageAttributeResponse struct {
	XMLName     xml.Name         `xml:"DescribeImageAttributeResponse"`
	Xmlns       string           `xml:"xmlns,attr"`
	RequestID   string           `xml:"requestId"`
	ImageID     string           `xml:"imageId"`
	Permissions *permissionList  `xml:"launchPermission"`
	Description *valueItem       `xml:"description"`
	Devices     *imageDeviceList `xml:"blockDeviceMapping"`
}

type imageDeviceList struct {
	Items []imageDeviceItem `xml:"item"`
}

// describeImageAttribute answers DescribeImageAttribute for
// launchPermission, description and blockDeviceMapping; only the owner
// may ask.
func (s *Backend) describeImageAttribute(w http.ResponseWriter, r *fake.Request) error {
	for _, name := range []string{"ImageId", "Attribute"} {
		if r.Params.Get(name) == "" {
			return missing(name)
		}
	}
	img, err := s.compute.ownedImage(r.Account(), r.Region, r.Params.Get("ImageId"))
	if err != nil {
		return err
	}
	resp := describeImageAttributeResponse{Xmlns: responseNamespace(r), RequestID: r.RequestID, ImageID: img.ID}
	switch a := r.Params.Get("Attribute"); a {
	case "launchPermission":
		resp.Permissions = permissionsXML(img.Public, img.LaunchAccounts)
	case "description":
		resp.Description = &valueItem{img.description}
	case "blockDeviceMapping":
		resp.Devices = &imageDeviceList{img.devicesXML()}
	default:
		return invalidValue("Value (" + a + ") for parameter attribute is invalid.")
	}
	return fake.WriteXML(w, http.StatusOK, resp)
}

// resetImageAttribute answers ResetImageAttribute for launchPermission:
// the image is launchable by its owner only afterwards.
func (s *Backend) resetImageAttribute(w http.ResponseWriter, r *fake.Request) error {
	if r.Params.Get("ImageId") == "" {
		return missing("ImageId")
	}
	img, err := s.compute.ownedImage(r.Account(), r.Region, r.Params.Get("ImageId"))
	if err != nil {
		return err
	}
	if a := r.Params.Get("Attribute"); a != "launchPermission" {
		return invalidValue("Value (" + a + ") for parameter attribute is invalid.")
	}
	img.Public, img.LaunchAccounts = false, nil
	return writeReturn(w, r)
}

// tagsIn returns id's tags in account and region. It uses Lookup, not
// Get: a read must not create a store for an account that has none (the
// default images' owner, Amazon), which would change the state's digest.
// The compute lock must be held.
func (c *computeState) tagsIn(account, region, id string) map[string]string {
	st, ok := c.stores.Lookup(account, region)
	if !ok {
		return nil
	}
	return st.tags[id]
}
