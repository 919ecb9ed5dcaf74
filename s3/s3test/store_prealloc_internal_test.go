package s3test

import (
	"bytes"
	"os"
	"runtime"
	"slices"
	"testing"
)

// A blob written with a size hint holds exactly what was written, on disk
// as in memory, whether the hint was right, too big or too small.
func TestBlobSizeHint(t *testing.T) {
	data := bytes.Repeat([]byte("goboto-blob "), 1000) // 12,000 bytes
	for _, tc := range []struct {
		name string
		hint int64
	}{
		{"exact", int64(len(data))},
		{"claimed more", 1 << 20},
		{"claimed less", 100},
		{"none", 0},
		{"over the preallocation bound", maxPrealloc + 1},
	} {
		for _, dir := range []string{"", t.TempDir()} {
			s := store{dir: dir}
			w, err := s.create(tc.hint)
			if err != nil {
				t.Fatal(err)
			}
			for chunk := range slices.Chunk(data, 4096) {
				if _, err := w.Write(chunk); err != nil {
					t.Fatal(err)
				}
			}
			if dir != "" && runtime.GOOS == "linux" && tc.hint > 0 && tc.hint <= maxPrealloc && !w.prealloc {
				t.Errorf("%s: hint %d did not preallocate on Linux", tc.name, tc.hint)
			}
			c, err := w.commit()
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.bytes()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) || c.size != int64(len(data)) {
				t.Errorf("%s (dir %q): read back %d bytes (size %d), want the %d written", tc.name, dir, len(got), c.size, len(data))
			}
			if dir != "" {
				fi, err := os.Stat(c.segs[0].blob.path)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Size() != int64(len(data)) {
					t.Errorf("%s: file is %d bytes, want %d", tc.name, fi.Size(), len(data))
				}
			}
			c.release()
		}
	}
}

// A preallocated blob that is thrown away leaves no file.
func TestBlobAbortPreallocated(t *testing.T) {
	dir := t.TempDir()
	w, err := store{dir: dir}.create(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("partial"))
	w.abort()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 0 {
		t.Errorf("%d files left after abort, want none", len(es))
	}
}

// BenchmarkDiskBlob writes 64 MiB blobs of one 8 MiB part each, 256 KiB a
// write as receive does, with and without the size hint that preallocates
// them. "x-unhinted" is the hinted time over the unhinted one in the same
// run (below 1 is faster); the gain is file-system work and shows as CPU
// time more than wall time, so read it on a quiet machine.
//
//	go test -run XXX -bench DiskBlob ./s3/s3test
func BenchmarkDiskBlob(b *testing.B) {
	const part, total = 8 << 20, 64 << 20
	buf := bytes.Repeat([]byte{7, 1, 9}, copyBufSize/3+1)[:copyBufSize]
	dir := b.TempDir()
	write := func(hint int64) {
		var cs []content
		for range total / part {
			w, err := store{dir: dir}.create(hint)
			if err != nil {
				b.Fatal(err)
			}
			for range part / copyBufSize {
				if _, err := w.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
			c, err := w.commit()
			if err != nil {
				b.Fatal(err)
			}
			cs = append(cs, c)
		}
		b.StopTimer()
		for _, c := range cs {
			c.release()
		}
		b.StartTimer()
	}
	var unhinted float64
	for _, tc := range []struct {
		name string
		hint int64
	}{{"unhinted", 0}, {"hinted", part}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(total)
			for b.Loop() {
				write(tc.hint)
			}
			per := float64(b.Elapsed()) / float64(b.N)
			if tc.hint == 0 {
				unhinted = per
			} else if unhinted > 0 {
				b.ReportMetric(per/unhinted, "x-unhinted")
			}
		})
	}
}
