package app

import (
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// BackfillSchema4 brings data stored before 0.4.0 into the health ledger and
// the new due work: every match gets its pair-channel pointer and a ledger
// refresh on the due-work scheduler (spread over the sweeps rather than done
// during activation), every active match its check-ins, every live program
// its weekly digest. Each step is idempotent, so a node that dies halfway
// leaves the migration to run again whole.
func (s *Services) BackfillSchema4() error {
	ids, err := s.store.AllMatchIDs()
	if err != nil {
		return err
	}
	now := s.deps.Now().UTC()
	for _, id := range ids {
		m, err := s.store.GetMatch(id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if m.Status == domain.MatchDraft || m.Status == domain.MatchVoid {
			continue
		}
		if m.ChannelID != "" {
			if err := s.store.PutPairChannel(m.ChannelID, m.ProgramID, m.ID); err != nil {
				return err
			}
		}
		if err := s.deps.Scheduler.At("health/backfill/"+m.ID, DueHealthRefresh, now, m.ID); err != nil {
			return err
		}
		if m.Status == domain.MatchActive {
			if err := s.CheckIns.Start(m); err != nil {
				return err
			}
		}
	}
	programs, err := s.store.AllPrograms()
	if err != nil {
		return err
	}
	for _, p := range programs {
		if p.Archived {
			continue
		}
		if err := s.Digests.Ensure(p.ID); err != nil {
			return err
		}
	}
	return nil
}
