package ec2test

import (
	"slices"
	"time"
)

// Public AMIs every region of the fake has unless AddImage replaces them.
// Their IDs are the same in every region, unlike EC2's.
const (
	// DefaultEBSImage is an EBS-backed 64-bit HVM image owned by Amazon.
	DefaultEBSImage = "ami-0b5eea76982371e91"
	// DefaultInstanceStoreImage is an instance-store-backed image owned by
	// Amazon.
	DefaultInstanceStoreImage = "ami-0a1b2c3d4e5f60718"
)

// AmazonAccountID owns the default public images and their snapshots.
const AmazonAccountID = "137112412989"

// Image is an AMI that RunInstances can launch.
type Image struct {
	ID             string // ami- ID
	Owner          string // account ID; AmazonAccountID for public ones
	Name           string
	Public         bool     // launchable by every account
	LaunchAccounts []string // other accounts allowed to launch it
	Architecture   string   // "x86_64" when empty
	RootDeviceType string   // "ebs" or "instance-store"; "ebs" when empty
	RootDeviceName string   // "/dev/xvda" when empty
	RootSnapshotID string   // EBS images: the root volume's snapshot
	RootSize       int      // EBS images: root volume GiB; 8 when zero
	// ProductCodes are the image's AWS Marketplace (or DevPay) codes,
	// which pass to its instances' root volumes (productcode.go).
	ProductCodes []ProductCode
}

// image is an Image the fake holds, with what RegisterImage and
// CreateImage add.
type image struct {
	Image
	description, location string
	state                 string // pending, available
	enaSupport            bool   // RegisterImage's EnaSupport
	created               time.Time
	extra                 []imageDevice // mappings besides the root
	// rootKeep is set when the root volume outlives its instance: the
	// image was registered with the root's DeleteOnTermination false, or
	// made from an instance whose root volume was.
	rootKeep bool
}

// imageDevice is one non-root entry of an image's block-device mapping.
type imageDevice struct {
	device, virtualName string
	spec                volumeSpec
	deleteOnTermination bool
}

func withImageDefaults(img Image) Image {
	if img.Architecture == "" {
		img.Architecture = "x86_64"
	}
	if img.RootDeviceType == "" {
		img.RootDeviceType = "ebs"
	}
	if img.RootDeviceName == "" {
		img.RootDeviceName = "/dev/xvda"
	}
	if img.RootDeviceType == "ebs" && img.RootSize == 0 {
		img.RootSize = 8
	}
	img.LaunchAccounts = slices.Clone(img.LaunchAccounts)
	img.ProductCodes = slices.Clone(img.ProductCodes)
	return img
}

func defaultImages() []Image {
	return []Image{
		{ID: DefaultEBSImage, Owner: AmazonAccountID, Name: "amzn2-ami-hvm-2.0.20240131.0-x86_64-gp2", Public: true,
			RootSnapshotID: "snap-0c8e2b3f1a9d4e567", RootSize: 8},
		{ID: DefaultInstanceStoreImage, Owner: AmazonAccountID, Name: "amzn-ami-pv-2014.09.0.x86_64-s3", Public: true,
			RootDeviceType: "instance-store", RootDeviceName: "/dev/sda1"},
		marketplaceImage(),
	}
}

// AddImage adds img to region's images (after the default public ones),
// replacing any image with the same ID. Empty fields get defaults.
func (s *Backend) AddImage(region string, img Image) {
	s.compute.mu.Lock()
	defer s.compute.mu.Unlock()
	s.compute.regionImages(region)[img.ID] = &image{Image: withImageDefaults(img), state: "available"}
}

// regionImages returns region's images, seeding the defaults on first use.
// The compute lock must be held.
func (c *computeState) regionImages(region string) map[string]*image {
	m, ok := c.images[region]
	if !ok {
		m = map[string]*image{}
		for _, img := range defaultImages() {
			m[img.ID] = &image{Image: withImageDefaults(img), state: "available"}
		}
		c.images[region] = m
	}
	return m
}

// launchableBy reports whether account may see and launch img.
func (img *image) launchableBy(account string) bool {
	return img.Public || img.Owner == account || slices.Contains(img.LaunchAccounts, account)
}

// launchableImage returns the image id in region if account may launch it.
func (c *computeState) launchableImage(account, region, id string) (*image, bool) {
	img, ok := c.regionImages(region)[id]
	if !ok || !img.launchableBy(account) {
		return nil, false
	}
	return img, true
}
