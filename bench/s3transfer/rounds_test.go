//lint:file-ignore SA1019 feature/s3/manager is deprecated, but it is one of the peers measured against.

package s3transfer

import (
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/internal/testutil"
	"github.com/goboto/goboto/s3"
)

// candidate is one way of moving the benchmark's object.
type candidate struct {
	name string
	op   func() error
}

// rounds runs every candidate once per iteration of b.N, in an order
// that rotates from one iteration to the next, so that on a shared
// machine a burst of load falls on all of them alike. It reports each
// candidate's MB/s over the whole run ("<name>-MB/s") and, against the
// baseline named base, the median of the per-round ratios
// ("x-<base>-<name>"): the figure to read when absolute times wander.
// S3TRANSFER_ONLY=name runs that candidate alone (for a CPU profile).
func rounds(b *testing.B, e *env, base string, cands []candidate) {
	size := e.size
	if only := os.Getenv("S3TRANSFER_ONLY"); only != "" {
		cands = slices.DeleteFunc(slices.Clone(cands), func(c candidate) bool { return c.name != only })
		if len(cands) == 0 {
			b.Skipf("S3TRANSFER_ONLY=%s names no candidate here", only)
		}
	}
	for _, c := range cands { // warm the connections and the fake
		if err := c.op(); err != nil {
			b.Fatalf("%s: %v", c.name, err)
		}
	}
	total := make([]time.Duration, len(cands))
	cpu := make([]time.Duration, len(cands))
	dials := make([]int64, len(cands))
	per := make([][]float64, len(cands)) // seconds, by round
	b.ReportAllocs()
	b.ResetTimer()
	for r := range b.N {
		for j := range cands {
			i := (r + j) % len(cands)
			if r%2 == 1 {
				i = len(cands) - 1 - i
			}
			d0, c0, t0 := e.dials.Load(), testutil.CPUTime(), time.Now()
			if err := cands[i].op(); err != nil {
				b.Fatalf("%s: %v", cands[i].name, err)
			}
			d := time.Since(t0)
			cpu[i] += testutil.CPUTime() - c0
			dials[i] += e.dials.Load() - d0
			total[i] += d
			per[i] = append(per[i], d.Seconds())
		}
	}
	b.StopTimer()
	bi := slices.IndexFunc(cands, func(c candidate) bool { return c.name == base })
	for i, c := range cands {
		b.ReportMetric(float64(size)*float64(b.N)/total[i].Seconds()/1e6, c.name+"-MB/s")
		if cpu[i] > 0 {
			b.ReportMetric(cpu[i].Seconds()/(float64(size)*float64(b.N)/(1<<30)), c.name+"-cpu-s/GiB")
		}
		b.ReportMetric(float64(dials[i])/float64(b.N), c.name+"-dials/op")
		if bi < 0 || i == bi {
			continue
		}
		ratios := make([]float64, b.N)
		for r := range b.N {
			ratios[r] = per[i][r] / per[bi][r] // base's throughput over c's
		}
		slices.Sort(ratios)
		b.ReportMetric(ratios[len(ratios)/2], "x-"+base+"-over-"+c.name)
	}
}

// BenchmarkDownloads times goboto's Download, manager's and
// transfermanager's of one object in interleaved rounds:
// "x-goboto-over-manager" is the median of goboto's throughput over
// manager's, round by round. goboto uploads the object, with its default
// full-object CRC32C, which goboto's Download checks and the others do
// not (manager sends ranged GETs, which carry no checksum;
// transfermanager's part GETs of a FULL_OBJECT checksum get none either).
// S3TRANSFER_DOWNLOADS=composite has transfermanager upload it instead
// (COMPOSITE CRC32 of 8 MiB parts): goboto and transfermanager then both
// check every part, manager still nothing. S3TRANSFER_DOWNLOADS=unchecked
// has goboto upload it with no checksum, so that none of the three has
// anything to check and only the engines differ. S3TRANSFER_DOWNLOADS=stream
// times goboto's DownloadStream rather than Download.
//
//	S3TRANSFER_STORE=mem S3TRANSFER_SIZE=268435456 go test -run XXX -bench Downloads -benchtime 10x
func BenchmarkDownloads(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	size := e.size
	opts := []s3.TransferOption{s3.PartSize(partSize), s3.Concurrency(concurrency)}
	k := e.conn.Bucket(bucketName).Key("obj-dl")
	if strings.Contains(os.Getenv("S3TRANSFER_DOWNLOADS"), "composite") {
		// The object transfermanager uploads by default: COMPOSITE CRC32
		// of 8 MiB parts, which goboto and transfermanager both check
		// part by part (GetObject partNumber, checksum mode).
		tm := transfermanager.New(e.raw, func(o *transfermanager.Options) { o.PartSizeBytes = partSize })
		if _, err := tm.UploadObject(ctx, &transfermanager.UploadObjectInput{Bucket: aws.String(bucketName),
			Key: aws.String("obj-dl"), Body: streamOnly{newSource(e.block, size)}}); err != nil {
			b.Fatal(err)
		}
	} else {
		up := opts
		if strings.Contains(os.Getenv("S3TRANSFER_DOWNLOADS"), "unchecked") {
			// No checksum at all: nobody has anything to verify, so the
			// three do the same work and the engines alone are compared.
			up = append(slices.Clone(opts), s3.WithChecksum(s3.ChecksumNone))
		}
		if err := k.Upload(ctx, streamOnly{newSource(e.block, size)}, up...); err != nil {
			b.Fatal(err)
		}
	}
	down := manager.NewDownloader(e.raw, func(d *manager.Downloader) { d.PartSize, d.Concurrency = partSize, concurrency })
	tm := transfermanager.New(e.raw, func(o *transfermanager.Options) {
		o.PartSizeBytes, o.Concurrency = partSize, concurrency
	})
	in := &awss3.GetObjectInput{Bucket: aws.String(bucketName), Key: aws.String("obj-dl")}
	var stream bool
	if strings.Contains(os.Getenv("S3TRANSFER_DOWNLOADS"), "stream") {
		stream = true
	}
	cands := []candidate{
		{"goboto", func() error {
			if stream {
				_, err := k.DownloadStream(ctx, io.Discard, opts...)
				return err
			}
			_, err := k.Download(ctx, discardAt{}, opts...)
			return err
		}},
		{"manager", func() error { _, err := down.Download(ctx, discardAt{}, in); return err }},
		{"transfermanager", func() error {
			_, err := tm.DownloadObject(ctx, &transfermanager.DownloadObjectInput{Bucket: in.Bucket, Key: in.Key,
				WriterAt: discardAt{}})
			return err
		}},
	}
	rounds(b, e, "goboto", cands)
}

// BenchmarkUploads times goboto's Upload, manager's and
// transfermanager's of a stream, and the two loopback baselines of
// BenchmarkTransfer (8 parts at once to a handler that discards them,
// one PUT to a handler that writes a file), in interleaved rounds; also
// loopback-parallel-256k, whose handler discards through a 256 KiB buffer
// instead of io.Discard's 8 KiB, the tighter limit:
// "x-goboto-over-loopback-parallel" is the median of goboto's
// throughput over the discarding baseline's, round by round.
//
//	S3TRANSFER_STORE=mem S3TRANSFER_SIZE=268435456 go test -run XXX -bench Uploads -benchtime 10x
func BenchmarkUploads(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	size := e.size
	f, err := os.CreateTemp(e.dir, "loopback-")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sink := loopbackServer(e.dir, f, 0)
	defer sink.Close()
	opts := []s3.TransferOption{s3.PartSize(partSize), s3.Concurrency(concurrency)}
	k := e.conn.Bucket(bucketName).Key("obj-up")
	up := manager.NewUploader(e.raw, func(u *manager.Uploader) { u.PartSize, u.Concurrency = partSize, concurrency })
	tm := transfermanager.New(e.raw, func(o *transfermanager.Options) {
		o.PartSizeBytes, o.Concurrency = partSize, concurrency
	})
	stream := func() io.Reader { return streamOnly{newSource(e.block, size)} }
	cands := []candidate{
		{"goboto", func() error { return k.Upload(ctx, stream(), opts...) }},
		{"loopback-parallel", func() error {
			return inParts(size, func(off, n int64) error { return e.loopbackPut(sink.URL, off, n) })
		}},
		{"loopback-parallel-256k", func() error {
			return inParts(size, func(off, n int64) error { return e.loopbackPut(sink.URL+"/big", off, n) })
		}},
		{"put-file", func() error { return e.loopbackPut(sink.URL+"/file", 0, size) }},
		{"manager", func() error {
			_, err := up.Upload(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucketName), Key: aws.String("obj-up-manager"),
				Body: stream()})
			return err
		}},
		{"transfermanager", func() error {
			_, err := tm.UploadObject(ctx, &transfermanager.UploadObjectInput{Bucket: aws.String(bucketName),
				Key: aws.String("obj-up-tm"), Body: stream()})
			return err
		}},
	}
	rounds(b, e, "goboto", cands)
}
