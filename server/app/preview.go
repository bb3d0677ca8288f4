package app

import (
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Preview computes a dry run of batch matching for the program (coordinators):
// the active mentees without a mentor against the active mentors with free
// capacity, solved exactly by the engine, and keeps it as the program's latest
// preview; it returns its first page.
func (s *Matches) Preview(actorID, programID string, in PreviewInput) (*Preview, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	pl, err := s.pool(p)
	if err != nil {
		return nil, err
	}
	policy, minScore := pl.settings.Policy, *pl.settings.MinScore
	if in.Policy != "" {
		policy = in.Policy
	}
	if in.MinScore != nil {
		minScore = *in.MinScore
	}
	if policy != string(matching.Participation) && policy != string(matching.Quality) {
		return nil, invalid("policy", msgBadPolicy, map[string]any{"Value": policy})
	}
	if minScore < -MaxMinScore || minScore > MaxMinScore {
		return nil, invalid("min_score", msgBadMinScore, nil)
	}
	if p.Archived {
		return nil, conflict("", msgArchivedNoMatches, map[string]any{"Program": p.Name})
	}
	rec, pairs, unmatched, err := s.solve(pl, policy, minScore)
	if err != nil {
		return nil, err
	}
	rec.ID, rec.CreatedBy = s.deps.NewID(), actorID
	previous, err := s.store.SavePreview(rec, pairs, unmatched, func(current *domain.PreviewRecord) error {
		if current.Status == PreviewPublishing && s.now().Sub(current.ClaimedAt) < publishLease {
			return conflict("", msgPublishingNow, map[string]any{"Program": p.Name})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if previous != nil {
		_ = s.store.DeletePreviewChunks(previous) // unreadable once replaced; only space
	}
	return s.previewPage(rec, pl.roster.Version, 0, pairs, unmatched), nil
}

// solve runs the engine over the pool and explains the result.
func (s *Matches) solve(pl *pool, policy string, minScore int64) (*domain.PreviewRecord, []domain.PreviewPair, []domain.UnmatchedMentee, error) {
	var mentees, mentors []*store.RosterEntry
	for _, e := range pl.roster.Entries {
		if waitingMentee(e) {
			mentees = append(mentees, e)
		}
		if freeMentor(e) {
			mentors = append(mentors, e)
		}
	}
	rec := &domain.PreviewRecord{
		ProgramID: pl.program.ID, RosterVersion: pl.roster.Version, Policy: policy, MinScore: minScore,
		CreatedAt: s.now(), Status: PreviewReady, Mentees: len(mentees), Mentors: len(mentors), Optimal: true,
	}
	pairs := []domain.PreviewPair{}
	unmatched := []domain.UnmatchedMentee{}
	if len(mentees) == 0 {
		return rec, pairs, unmatched, nil
	}
	sc, err := pl.scorer(mentees, mentors)
	if err != nil {
		return nil, nil, nil, err
	}
	problem := sc.Problem(matching.Policy(policy), minScore)
	res, err := matching.Solve(problem, matching.Options{})
	if err != nil {
		return nil, nil, nil, err
	}
	rec.Optimal = matching.Verify(problem, res) == nil
	used := make([]int, len(mentors))
	for i, j := range res.Mentor {
		if j < 0 {
			continue
		}
		used[j]++
		_, _, reasons := sc.Explain(i, j)
		pairs = append(pairs, domain.PreviewPair{MenteeID: mentees[i].UserID, MentorID: mentors[j].UserID, Score: res.Score[i], Reasons: reasons})
		if rec.Matched == 0 || res.Score[i] < rec.Lowest {
			rec.Lowest = res.Score[i]
		}
		rec.Matched++
	}
	rec.Total = res.Total
	for i, j := range res.Mentor {
		if j < 0 {
			unmatched = append(unmatched, domain.UnmatchedMentee{UserID: mentees[i].UserID, Reason: whyUnmatched(sc, problem, used, i)})
		}
	}
	rec.Unmatched = len(unmatched)
	return rec, pairs, unmatched, nil
}

// whyUnmatched tells a coordinator why the optimum leaves mentee i without a
// mentor: nobody has room, every mentor is excluded by a rule, every allowed
// pair is below the minimum, or the mentors with room went to pairs that raise
// the total more.
func whyUnmatched(sc *matching.Scorer, problem matching.Problem, used []int, i int) string {
	if len(problem.Capacity) == 0 {
		return UnmatchedNoCapacity
	}
	allowed, good, goodWithRoom := false, false, false
	for j := range problem.Capacity {
		score, ok := sc.Score(i, j)
		if !ok {
			continue
		}
		allowed = true
		if problem.Policy == matching.Quality && score < problem.MinScore {
			continue
		}
		good = true
		if used[j] < problem.Capacity[j] {
			goodWithRoom = true
		}
	}
	switch {
	case !allowed:
		return UnmatchedConstraints
	case !good:
		return UnmatchedBelowMinimum
	case goodWithRoom:
		return UnmatchedOutscored
	}
	return UnmatchedNoCapacity
}

// previewPage is the API view of one page of a preview.
func (s *Matches) previewPage(rec *domain.PreviewRecord, rosterVersion int64, page int, pairs []domain.PreviewPair, unmatched []domain.UnmatchedMentee) *Preview {
	out := &Preview{
		ID: rec.ID, ProgramID: rec.ProgramID, RosterVersion: rec.RosterVersion, Policy: rec.Policy, MinScore: rec.MinScore,
		CreatedBy: rec.CreatedBy, CreatedAt: rec.CreatedAt, Status: rec.Status,
		Stale:   rec.Status == PreviewReady && rosterVersion != rec.RosterVersion,
		Mentees: rec.Mentees, Mentors: rec.Mentors, Matched: rec.Matched, Total: rec.Total, Lowest: rec.Lowest,
		Optimal: rec.Optimal, Page: page, Published: rec.Published, Skipped: rec.Skipped,
		Pairs: []PreviewPair{}, Unmatched: []UnmatchedMentee{},
	}
	if rec.Matched > 0 {
		out.Average = float64(rec.Total) / float64(rec.Matched)
	}
	out.Pages = max((rec.Matched+PreviewPageSize-1)/PreviewPageSize, (rec.Unmatched+PreviewPageSize-1)/PreviewPageSize, 1)
	from := page * PreviewPageSize
	if from < len(pairs) {
		out.Pairs = pairs[from:min(len(pairs), from+PreviewPageSize)]
	}
	if from < len(unmatched) {
		out.Unmatched = unmatched[from:min(len(unmatched), from+PreviewPageSize)]
	}
	return out
}

// LatestPreview returns one page of the program's latest preview, with Stale
// set when the roster changed since.
func (s *Matches) LatestPreview(actorID, programID string, page int) (*Preview, error) {
	p, err := s.coordinated(actorID, programID)
	if err != nil {
		return nil, err
	}
	if page < 0 || page > 100000 {
		return nil, invalid("page", msgBadPage, map[string]any{"Value": page})
	}
	rec, err := s.store.GetPreview(p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound(msgNoPreview, map[string]any{"Program": p.Name, "Slug": p.Slug})
	}
	if err != nil {
		return nil, err
	}
	roster, err := s.store.ReadRoster(p.ID)
	if err != nil {
		return nil, err
	}
	// The chunk of a page holds exactly that page (PreviewPageSize = PreviewChunkSize).
	pairs, err := s.store.PreviewPairs(p.ID, rec.ID, page)
	if err != nil {
		return nil, err
	}
	unmatched, err := s.store.PreviewUnmatched(p.ID, rec.ID, page)
	if err != nil {
		return nil, err
	}
	out := s.previewPage(rec, roster.Version, 0, pairs, unmatched)
	out.Page = page
	return out, nil
}
