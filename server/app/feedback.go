package app

import (
	"sort"
	"time"

	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Feedback lists a match's feedback (after sessions, at the end) to those who may see it.
type Feedback struct{ base }

func newFeedback(b base) *Feedback { return &Feedback{base: b} }

// Feedback kinds.
const (
	FeedbackSession = "session" // a rating after one meeting
	FeedbackExit    = "exit"    // the exit survey at the end of the match
)

// FeedbackItem is one piece of feedback as its reader may see it.
type FeedbackItem struct {
	Kind       string     `json:"kind"`
	SessionID  string     `json:"session_id,omitempty"`
	Occurrence *time.Time `json:"occurrence,omitempty"`
	Title      string     `json:"title,omitempty"`
	AuthorID   string     `json:"author_id"`
	Rating     int        `json:"rating"`
	Text       string     `json:"text"`
	Shared     bool       `json:"shared"`
	At         time.Time  `json:"at"`
}

// FeedbackView is a match's feedback, oldest first.
type FeedbackView struct {
	MatchID string         `json:"match_id"`
	Items   []FeedbackItem `json:"items"`
}

// List returns the feedback of a match that the actor may read: coordinators
// (and system admins) everything; one of the pair their own, and what the
// other shared. Anyone else gets not-found.
func (s *Feedback) List(actorID, matchID string) (*FeedbackView, error) {
	m, _, coordinator, err := readable(s.base, actorID, matchID)
	if err != nil {
		return nil, err
	}
	may := func(author string, shared bool) bool { return coordinator || author == actorID || shared }
	out := &FeedbackView{MatchID: m.ID, Items: []FeedbackItem{}}
	ids, err := s.store.MatchSessions(m.ID, time.Time{})
	if err != nil {
		return nil, err
	}
	now := s.deps.Now().UTC()
	for _, id := range ids {
		v, err := s.store.GetSession(id)
		if errors.Is(err, store.ErrNotFound) {
			continue // the index is a superset
		}
		if err != nil {
			return nil, err
		}
		for _, o := range occurrencesOf(v) {
			if o.start.After(now) {
				break // only meetings that began can have feedback
			}
			rec, found, err := s.store.GetOccurrence(v.ID, o.orig)
			if err != nil {
				return nil, err
			}
			if !found {
				continue
			}
			for author, f := range rec.Feedback {
				if !may(author, f.Shared) {
					continue
				}
				orig := o.orig
				out.Items = append(out.Items, FeedbackItem{Kind: FeedbackSession, SessionID: v.ID, Occurrence: &orig, Title: v.Title,
					AuthorID: author, Rating: f.Rating, Text: f.Text, Shared: f.Shared, At: f.At})
			}
		}
	}
	for author, sv := range m.Surveys {
		if may(author, sv.Shared) {
			out.Items = append(out.Items, FeedbackItem{Kind: FeedbackExit, AuthorID: author, Rating: sv.Rating, Text: sv.Text, Shared: sv.Shared, At: sv.At})
		}
	}
	sort.SliceStable(out.Items, func(i, j int) bool {
		if !out.Items[i].At.Equal(out.Items[j].At) {
			return out.Items[i].At.Before(out.Items[j].At)
		}
		return out.Items[i].AuthorID < out.Items[j].AuthorID
	})
	return out, nil
}
