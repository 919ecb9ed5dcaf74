package sqstest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// digest returns a hash of every account's and region's queues, their
// attributes and messages (bodies, attributes, visibility, receipts,
// receive counts, FIFO groups and sequence numbers, dead-letter sources),
// FIFO deduplication, purge and deletion times, policies, redrive, SSE
// and tags, and message move tasks. Equal digests mean no
// request changed anything a later request could see; the model-driven
// test compares them.
func (b *Backend) digest() string {
	h := sha256.New()
	b.regions.Each(func(account, name string, reg *region) {
		reg.mu.Lock()
		defer reg.mu.Unlock()
		for _, qn := range sortedKeys(reg.queues) {
			q := reg.queues[qn]
			fmt.Fprintf(h, "queue %q %q %q %v %d %d %d\n", account, name, qn, q.attrs, q.created.UnixNano(), q.modified.UnixNano(), q.lastPurge.UnixNano())
			fmt.Fprintf(h, " fifo %t %t %d\n", q.fifo, q.contentDedup, q.seq)
			s := q.settings
			fmt.Fprintf(h, " settings %q %q %q %q %d %t %q %q %v\n", s.policy, s.redrive.String(), s.redriveAllow.String(),
				s.kmsKey, s.kmsReuse, s.sseSQS, s.dedupScope, s.throughput, s.tags)
			for _, id := range sortedKeys(q.dedup) {
				d := q.dedup[id]
				fmt.Fprintf(h, " dedup %q %d %q %q\n", id, d.at.UnixNano(), d.id, d.seq)
			}
			for _, m := range q.messages {
				fmt.Fprintf(h, "  %q %q %v %q %d %d %q %d %q %q %q\n", m.id, m.body, m.attrs, m.sender, m.sent.UnixNano(),
					m.visibleAt.UnixNano(), m.receipt, m.receives, m.group, m.dedupID, m.seq)
				fmt.Fprintf(h, "   %d %q\n", m.enqueued.UnixNano(), m.dlqSource)
			}
		}
		for _, t := range reg.tasks {
			fmt.Fprintf(h, "task %q %q %q %d %d %d %d %q %q %d\n", t.id, t.source, t.dest, t.rate, t.started.UnixNano(),
				t.toMove, t.moved, t.status, t.failure, t.cancelled.UnixNano())
		}
		for _, qn := range sortedKeys(reg.deleted) {
			fmt.Fprintf(h, "deleted %q %q %q %d\n", account, name, qn, reg.deleted[qn].UnixNano())
		}
	})
	return hex.EncodeToString(h.Sum(nil))
}
