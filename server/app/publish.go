package app

import (
	"sync"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Publish turns the preview into proposals. A stale preview is refused with a
// conflict on field "roster_version"; publishing twice or from two nodes never
// double-matches anyone or exceeds a mentor's capacity (each proposal takes its
// places with compare-and-set, and has the same id on every attempt). It
// returns at once with the preview in PreviewPublishing (the work runs in the
// background, chunk by chunk, with its progress in the preview) or
// PreviewPublished; the coordinator gets a DM when it is done. A publisher that
// dies is taken over by the scheduler once its claim lapses.
func (s *Matches) Publish(actorID, programID, previewID string) (*Preview, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	if p.Archived {
		return nil, conflict("", msgArchivedNoMatches, map[string]any{"Program": p.Name})
	}
	rec, err := s.store.GetPreview(p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound(msgNoPreview, map[string]any{"Program": p.Name, "Slug": p.Slug})
	}
	if err != nil {
		return nil, err
	}
	if previewID != rec.ID {
		return nil, conflict("preview_id", msgPreviewReplaced, map[string]any{"Slug": p.Slug})
	}
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, err
	}
	// The takeover check is scheduled before the claim: a claim whose node dies
	// at once is still finished by another (the check does nothing otherwise).
	if err := s.schedule("publish/"+rec.ID, DueResumePublish, s.now().Add(publishLease), p.ID); err != nil {
		return nil, err
	}
	claimed := false
	rec, err = s.store.UpdatePreview(p.ID, func(cur *domain.PreviewRecord) error {
		claimed = false
		switch {
		case cur.ID != previewID:
			return conflict("preview_id", msgPreviewReplaced, map[string]any{"Slug": p.Slug})
		case cur.Status == PreviewPublished:
			return conflict("", msgAlreadyPublished, nil)
		case cur.Status == PreviewPublishing && s.now().Sub(cur.ClaimedAt) < publishLease:
			return store.ErrUnchanged // another request or node is publishing it
		case cur.Status == PreviewReady && cur.RosterVersion != roster.Version:
			return conflict("roster_version", msgPreviewStale, map[string]any{"Program": p.Name, "Slug": p.Slug})
		}
		cur.Status, cur.ClaimedAt, cur.PublishedBy = PreviewPublishing, s.now(), actorID
		claimed = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	if claimed {
		s.background(func() { _ = s.runPublish(p.ID, rec.ID) })
	}
	return s.LatestPreview(actorID, programID, 0)
}

func (s *Matches) background(work func()) {
	if s.deps.Background != nil {
		s.deps.Background(work)
		return
	}
	work()
}

// resumePublish takes over a publish whose publisher stopped renewing its claim.
func (s *Matches) resumePublish(programID string) error {
	rec, err := s.store.GetPreview(programID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || rec.Status != PreviewPublishing {
		return err
	}
	if s.now().Sub(rec.ClaimedAt) < publishLease {
		// Still being published: look again when the claim could have lapsed.
		return s.schedule("publish/"+rec.ID+"/"+rec.ClaimedAt.Format("150405"), DueResumePublish, rec.ClaimedAt.Add(publishLease), programID)
	}
	return s.runPublish(programID, rec.ID)
}

// runPublish proposes the preview's pairs chunk by chunk from the recorded
// cursor, renewing its claim after each chunk.
func (s *Matches) runPublish(programID, previewID string) error {
	p, err := s.store.GetProgram(programID)
	if err != nil {
		return err
	}
	rec, err := s.store.GetPreview(programID)
	if err != nil || rec.ID != previewID || rec.Status != PreviewPublishing {
		return err
	}
	for chunk := rec.Cursor / domain.PreviewChunkSize; chunk*domain.PreviewChunkSize < rec.Matched; chunk++ {
		pairs, err := s.store.PreviewPairs(programID, previewID, chunk)
		if err != nil {
			return err
		}
		published, skipped, err := s.proposeChunk(p, rec, pairs)
		if err != nil {
			return err
		}
		rec, err = s.store.UpdatePreview(programID, func(cur *domain.PreviewRecord) error {
			if cur.ID != previewID || cur.Cursor > chunk*domain.PreviewChunkSize {
				return store.ErrUnchanged // another publisher did this chunk
			}
			cur.Cursor = (chunk + 1) * domain.PreviewChunkSize
			cur.Published += published
			cur.Skipped += skipped
			cur.ClaimedAt = s.now()
			return nil
		})
		if err != nil {
			return err
		}
	}
	done := false
	rec, err = s.store.UpdatePreview(programID, func(cur *domain.PreviewRecord) error {
		done = false
		if cur.ID != previewID || cur.Status != PreviewPublishing {
			return store.ErrUnchanged
		}
		cur.Status, cur.DoneAt, done = PreviewPublished, s.now(), true
		return nil
	})
	if err != nil {
		return err
	}
	if done && s.deps.Matches != nil {
		s.deps.Matches.Published(p, rec.PublishedBy, rec.Published, rec.Skipped)
		if s.deps.Notifier != nil {
			s.deps.Notifier.Changed(p.ID, rec.PublishedBy)
		}
	}
	return nil
}

// proposeChunk proposes one chunk of pairs, then updates the roster entries of
// everyone it matched page by page (one write per roster page, not per person)
// and sends the proposals.
func (s *Matches) proposeChunk(p *domain.Program, rec *domain.PreviewRecord, pairs []domain.PreviewPair) (published, skipped int, err error) {
	results := make([]*domain.Match, len(pairs))
	errs := make([]error, len(pairs))
	// Proposals are independent: each takes its places with its own
	// compare-and-sets (two for one mentor simply retry), so they are written
	// by several workers at once.
	inParallel(len(pairs), func(i int) {
		pair := pairs[i]
		draft := s.newDraft(p, proposalID(rec.ID, pair.MenteeID), pair.MenteeID, pair.MentorID, domain.OriginBatch, rec.PublishedBy, pair.Score, pair.Reasons)
		results[i], errs[i] = s.createProposal(p, draft)
	})
	var proposed []*domain.Match
	for i, err := range errs {
		var appErr *Error
		switch {
		case errors.As(err, &appErr):
			skipped++ // matched or full meanwhile: the next preview sees them
		case err != nil:
			return 0, 0, err // the chunk is done again by the next attempt
		default:
			published++
			proposed = append(proposed, results[i])
		}
	}
	s.relistLoads(p, proposed)
	inParallel(len(proposed), func(i int) {
		_ = s.finish(proposed[i].ID) // what fails stays owed for the safety net
	})
	return published, skipped, nil
}

// publishWorkers is how many proposals are written, or have their DMs sent,
// at once: each step mostly waits on the server.
const publishWorkers = 8

// inParallel runs work(0..n-1) on publishWorkers goroutines and waits.
func inParallel(n int, work func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(publishWorkers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// relistLoads brings the roster loads of the people of new proposals up to
// date: counted from each person's enrollment (so a repeated publish of a
// chunk counts nothing twice) and written page by page (one compare-and-set
// per roster page, not per person).
func (s *Matches) relistLoads(p *domain.Program, proposed []*domain.Match) {
	byPage := map[int]map[string]func(e *store.RosterEntry){}
	now := s.now()
	people := map[string]bool{} // a mentor with several proposals is read once
	for _, m := range proposed {
		people[m.MenteeID], people[m.MentorID] = true, true
	}
	for userID := range people {
		e := s.enrollmentOf(p.ID, userID)
		if e == nil || !e.Listed {
			continue
		}
		mentorLoad, menteeLoad := len(e.Mentees), len(e.Mentors)
		if byPage[e.RosterPage] == nil {
			byPage[e.RosterPage] = map[string]func(e *store.RosterEntry){}
		}
		byPage[e.RosterPage][userID] = func(entry *store.RosterEntry) {
			entry.MentorLoad, entry.MenteeLoad, entry.UpdatedAt = mentorLoad, menteeLoad, now
		}
	}
	for page, changes := range byPage {
		_ = s.store.AdjustRosterEntries(p.ID, page, changes)
	}
}
