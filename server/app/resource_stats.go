package app

import (
	"cmp"
	"slices"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// topResources is how many resources ProgramStats names.
const topResources = 5

// statsFor is how long a node reuses a program's totals: they cost one read
// per published resource (up to two hubs' worth), and an insight a minute
// behind on view counts is still right. A change to either hub is seen at
// once (the cached totals are of the hubs' versions).
const statsFor = time.Minute

// maxCachedStats bounds the totals one node keeps.
const maxCachedStats = 1024

type cachedStats struct {
	own, global int64 // the hubs' versions the totals are of
	at          time.Time
	stats       ResourceStats
}

// ProgramStats are the view and share counts of the resources a program's
// members see: the program's own published resources (their whole counts)
// and the global ones as used in this program. No permission check: the
// insight asks for its coordinators. One read per resource, at most once a
// minute per program on this node (statsFor).
func (s *Resources) ProgramStats(programID string) (ResourceStats, error) {
	stats := ResourceStats{Top: []ResourceStat{}}
	var hubs []*hub
	for _, scope := range []string{store.ResourceScope(programID), store.GlobalScope} {
		h, err := s.hubOf(scope)
		if err != nil {
			return stats, err
		}
		hubs = append(hubs, h)
	}
	now, c := s.now(), s.deps.search
	c.mu.Lock()
	cached, ok := c.stats[programID]
	c.mu.Unlock()
	if ok && cached.own == hubs[0].version && cached.global == hubs[1].version &&
		!now.Before(cached.at) && now.Sub(cached.at) < statsFor {
		out := cached.stats
		out.Top = slices.Clone(out.Top) // the caller's own, as when counted
		return out, nil
	}
	stats, err := s.countStats(programID, hubs)
	if err != nil {
		return stats, err
	}
	c.mu.Lock()
	if len(c.stats) >= maxCachedStats {
		clear(c.stats) // rare: rebuilt on demand, one program at a time
	}
	kept := stats
	kept.Top = slices.Clone(stats.Top)
	c.stats[programID] = cachedStats{own: hubs[0].version, global: hubs[1].version, at: now, stats: kept}
	c.mu.Unlock()
	return stats, nil
}

// countStats reads the counts of the published resources of the program's hub
// and the global one (hubs, in that order).
func (s *Resources) countStats(programID string, hubs []*hub) (ResourceStats, error) {
	stats := ResourceStats{Top: []ResourceStat{}}
	var all []ResourceStat
	for i, h := range hubs {
		countIn := ""
		if i == 1 { // the global hub: its resources' use in this program
			countIn = programID
		}
		for _, r := range h.records {
			if r.Status != domain.ResourcePublished {
				continue
			}
			c, err := s.store.GetResourceCounts(r.ID, countIn)
			if err != nil {
				return stats, err
			}
			stats.Views += c.Views
			stats.Shares += c.Shares
			if c.Views > 0 || c.Shares > 0 {
				all = append(all, ResourceStat{ID: r.ID, Title: r.Title, Views: c.Views, Shares: c.Shares})
			}
		}
	}
	slices.SortFunc(all, func(a, b ResourceStat) int {
		return cmp.Or(cmp.Compare(b.Views, a.Views), cmp.Compare(b.Shares, a.Shares), cmp.Compare(a.Title, b.Title))
	})
	stats.Top = append(stats.Top, all[:min(topResources, len(all))]...)
	return stats, nil
}
