package jobs

import (
	"fmt"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
)

func sameMinute(c *clock, n int) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("r%d", i), Kind: "remind", DueAt: c.Now()}
	}
	return items
}

// BenchmarkSchedule10kSameMinute: 10,000 reminders scheduled into the same
// minute, one Schedule each or ScheduleMany in batches of 100 (KV calls and
// bytes written per item are reported).
func BenchmarkSchedule10kSameMinute(b *testing.B) {
	for _, batch := range []int{1, 100} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			var calls, written int64
			for range b.N {
				b.StopTimer()
				kv, c, r := counting(&pluginapi.MemoryStore{}), start(), &runs{n: map[string]int{}}
				s := newNode(kv, c, r)
				items := sameMinute(c, 10_000)
				b.StartTimer()
				for i := 0; i < len(items); i += batch {
					var err error
					if batch == 1 {
						err = s.Schedule(items[i])
					} else {
						err = s.ScheduleMany(items[i:min(i+batch, len(items))])
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				calls += int64(kv.calls().Total())
				written += kv.written.Load()
			}
			b.ReportMetric(float64(calls)/float64(b.N)/10_000, "kv-calls/item")
			b.ReportMetric(float64(written)/float64(b.N)/10_000/1024, "KB-written/item")
		})
	}
}

// BenchmarkSweep10kDue: 10,000 reminders due in the same minute, swept by one
// node (KV calls per item and per sweep are reported).
func BenchmarkSweep10kDue(b *testing.B) {
	var calls int
	b.StopTimer()
	for range b.N {
		kv, c, r := counting(&pluginapi.MemoryStore{}), start(), &runs{n: map[string]int{}}
		s := newNode(kv, c, r)
		if err := s.ScheduleMany(sameMinute(c, 10_000)); err != nil {
			b.Fatal(err)
		}
		c.Advance(time.Minute)
		before := kv.calls()
		b.StartTimer()
		res, err := s.Sweep()
		b.StopTimer()
		if err != nil || res.Ran != 10_000 {
			b.Fatalf("ran %d: %v", res.Ran, err)
		}
		calls += kv.since(before).Total()
	}
	b.ReportMetric(float64(calls)/float64(b.N)/10_000, "kv-calls/item")
	b.ReportMetric(float64(calls)/float64(b.N), "kv-calls/sweep")
}

// BenchmarkIdleSweepWith100kStored: one sweep a minute with 100,000 items
// stored for later and nothing due (KV calls per sweep are reported).
func BenchmarkIdleSweepWith100kStored(b *testing.B) {
	kv, c, r := counting(&pluginapi.MemoryStore{}), start(), &runs{n: map[string]int{}}
	s := newNode(kv, c, r)
	// Due years ahead, so that a long benchmark's minutes never reach them.
	storeFuture(b, s, c.Now().AddDate(10, 0, 0), 100_000)
	for range 10 {
		c.Advance(time.Minute)
		if _, err := s.Sweep(); err != nil {
			b.Fatal(err)
		}
	}
	before := kv.calls()
	b.ResetTimer()
	for range b.N {
		c.Advance(time.Minute)
		if res, err := s.Sweep(); err != nil || res.Ran != 0 {
			b.Fatalf("ran %d: %v", res.Ran, err)
		}
	}
	b.ReportMetric(float64(kv.since(before).Total())/float64(b.N), "kv-calls/sweep")
}
