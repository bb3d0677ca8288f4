package app

import (
	"cmp"
	"slices"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// topResources is how many resources ProgramStats names.
const topResources = 5

// ProgramStats are the view and share counts of the resources a program's
// members see: the program's own published resources (their whole counts)
// and the global ones as used in this program. No permission check: the
// insight asks for its coordinators. One read per resource.
func (s *Resources) ProgramStats(programID string) (ResourceStats, error) {
	stats := ResourceStats{Top: []ResourceStat{}}
	var all []ResourceStat
	for _, scope := range []string{store.ResourceScope(programID), store.GlobalScope} {
		h, err := s.hubOf(scope)
		if err != nil {
			return stats, err
		}
		countIn := ""
		if scope == store.GlobalScope {
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
