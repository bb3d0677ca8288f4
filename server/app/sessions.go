package app

import (
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

var errNotBuilt = errors.New("not built yet")

// Sessions runs meetings of matches and office-hours bookings: scheduling,
// changes, answers, attendance, feedback, and the nudges around them.
type Sessions struct {
	store    *store.Store
	perms    *Permissions
	programs *Programs
	matches  *Matches
	deps     Deps
	// releaseSlot frees the office-hours slot of a cancelled booking (set by
	// NewServices to OfficeHours.release).
	releaseSlot func(v *domain.Session) error
}

func (s *Sessions) Schedule(actorID string, in ScheduleInput) (*SessionView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) Get(actorID, sessionID string) (*SessionView, error) { return nil, errNotBuilt }
func (s *Sessions) Change(actorID, sessionID string, in ChangeInput) (*SessionView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) Cancel(actorID, sessionID string, occurrence time.Time, reason string) (*SessionView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) Confirm(actorID, sessionID string) (*SessionView, error) { return nil, errNotBuilt }
func (s *Sessions) Propose(actorID, sessionID string, occurrence time.Time, when string) (*SessionView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) TakeProposal(actorID, sessionID string) (*SessionView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) Attend(actorID, sessionID string, occurrence time.Time, status string) (*SessionView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) Feedback(actorID, sessionID string, in FeedbackInput) (*SessionView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) Upcoming(actorID string, from, to time.Time, limit int) ([]OccurrenceView, error) {
	return nil, errNotBuilt
}
func (s *Sessions) OfMatch(actorID, matchID string) ([]*SessionView, error) { return nil, errNotBuilt }
func (s *Sessions) MatchOfChannel(actorID, channelID string) (*domain.Match, error) {
	return nil, errNotBuilt
}
func (s *Sessions) HandleDue(kind, payload string) error { return errNotBuilt }
