package transfer

import "sync"

// buffers is one transfer's free list of part buffers. The scheduler
// never has more than Concurrency+1 parts out at once, so the list never
// grows past that. It starts from buffers earlier transfers left in the
// pool, and leaves its own there when done (release), so a run of
// transfers (a Sync, say) does not allocate and zero
// (Concurrency+1) × PartSize afresh for each one.
type buffers struct {
	size int64
	free chan []byte
	pool *sync.Pool // *[]byte; nil for none
}

func newBuffers(pool *sync.Pool, size int64, n int) *buffers {
	return &buffers{size: size, free: make(chan []byte, n), pool: pool}
}

func (b *buffers) get() []byte {
	select {
	case buf := <-b.free:
		return buf
	default:
	}
	if b.pool != nil {
		// A pooled buffer much bigger than a part would hold memory the
		// transfer has no use for; it is left to the garbage collector.
		if p, _ := b.pool.Get().(*[]byte); p != nil && int64(cap(*p)) >= b.size && int64(cap(*p)) <= 2*b.size {
			return (*p)[:b.size]
		}
	}
	return make([]byte, b.size)
}

func (b *buffers) put(buf []byte) {
	select {
	case b.free <- buf[:b.size]:
	default:
	}
}

// release hands the free buffers to the pool. Only buffers no goroutine
// of the transfer holds any more may be on the free list then.
func (b *buffers) release() {
	for b.pool != nil {
		select {
		case buf := <-b.free:
			b.pool.Put(&buf)
		default:
			return
		}
	}
}
