package app

import (
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// errNotBuilt marks the parts of the matching flows still being written.
var errNotBuilt = errors.New("not built yet")

// Matches runs the life of a match: self-serve requests, proposals, answers,
// the pair's channel, pause, end and the exit survey.
type Matches struct {
	store    *store.Store
	perms    *Permissions
	programs *Programs
	deps     Deps
}

// Suggest returns the actor's best mentors with free capacity in the program,
// best first (at most limit; 0 means 5). The actor must be an active mentee.
func (s *Matches) Suggest(actorID, programID string, limit int) ([]Suggestion, error) {
	return nil, errNotBuilt
}

// Request sends a mentee's request to a mentor; the mentor accepts or declines.
func (s *Matches) Request(actorID, programID string, in RequestInput) (*domain.Match, error) {
	return nil, errNotBuilt
}

// Answer accepts or declines a proposal or request; only its addressee may
// (both people for a proposal, the mentor for a request). Accepting the last
// missing side makes the match active: the pair's channel and the introduction
// follow.
func (s *Matches) Answer(actorID, matchID string, accept bool) (*domain.Match, error) {
	return nil, errNotBuilt
}

// Withdraw takes back a mentee's open request.
func (s *Matches) Withdraw(actorID, matchID string) (*domain.Match, error) {
	return nil, errNotBuilt
}

// Pause pauses an active match (either side or a coordinator).
func (s *Matches) Pause(actorID, matchID string) (*domain.Match, error) {
	return nil, errNotBuilt
}

// Resume resumes a paused match.
func (s *Matches) Resume(actorID, matchID string) (*domain.Match, error) {
	return nil, errNotBuilt
}

// End completes or cancels a live match (either side or a coordinator): both
// get the exit survey and the channel is kept or archived per the program.
func (s *Matches) End(actorID, matchID string, in EndInput) (*domain.Match, error) {
	return nil, errNotBuilt
}

// Survey records one side's exit survey of an ended match.
func (s *Matches) Survey(actorID, matchID string, in SurveyInput) (*domain.Match, error) {
	return nil, errNotBuilt
}

// Get returns a match to one of its pair or a coordinator of its program.
// Surveys are left out for the pair.
func (s *Matches) Get(actorID, matchID string) (*domain.Match, error) {
	return nil, errNotBuilt
}

// Mine returns the actor's matches in every program of the teams they are in:
// live ones, open requests and proposals to or from them, and recently ended.
func (s *Matches) Mine(actorID string) ([]*domain.Match, error) {
	return nil, errNotBuilt
}

// Pair proposes a mentee and a mentor by hand (coordinators). The engine's
// constraints apply unless override is set.
func (s *Matches) Pair(actorID, programID, menteeID, mentorID string, override bool) (*domain.Match, error) {
	return nil, errNotBuilt
}

// ProgramMatches returns a page of the program's live matches (coordinators).
func (s *Matches) ProgramMatches(actorID, programID string, page int) ([]*domain.Match, int, error) {
	return nil, 0, errNotBuilt
}

// Preview computes a dry run of batch matching for the program (coordinators)
// and keeps it as the program's latest preview; it returns its first page.
func (s *Matches) Preview(actorID, programID string, in PreviewInput) (*Preview, error) {
	return nil, errNotBuilt
}

// LatestPreview returns one page of the program's latest preview, with Stale
// set when the roster changed since.
func (s *Matches) LatestPreview(actorID, programID string, page int) (*Preview, error) {
	return nil, errNotBuilt
}

// Publish turns the preview into proposals. A stale preview is refused with a
// conflict on field "roster_version"; publishing twice or from two nodes never
// double-matches anyone or exceeds a mentor's capacity. It returns at once with
// the preview in PreviewPublishing or PreviewPublished; the coordinator gets a
// DM when it is done.
func (s *Matches) Publish(actorID, programID, previewID string) (*Preview, error) {
	return nil, errNotBuilt
}
