package app

import (
	"fmt"
	"sync"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// sessionNotes records every session DM, and can find nudges by key the way
// the real notifier searches the DM channel.
type sessionNotes struct {
	mu        sync.Mutex
	invites   []string // "session/to/change"
	files     map[string][]byte
	proposed  []string
	reminders []string // "session/to/key"
	followUps []string
	digests   []string             // "to/n"
	posts     map[string]time.Time // nudge key + "|" + to → when sent
	changed   int
	failNext  bool // the next nudge DM fails
	ids       int
	now       func() time.Time
}

func (n *sessionNotes) post(to, key string) string {
	n.ids++
	if n.posts == nil {
		n.posts = map[string]time.Time{}
	}
	n.posts[key+"|"+to] = n.now()
	return fmt.Sprintf("post%d", n.ids)
}

func (n *sessionNotes) Invite(p *domain.Program, v *domain.Session, to string, ics []byte, key string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.invites = append(n.invites, v.ID+"/"+to+"/"+v.LastChange)
	if n.files == nil {
		n.files = map[string][]byte{}
	}
	n.files[v.ID+"/"+to] = ics
	return n.post(to, key)
}

func (n *sessionNotes) Proposed(p *domain.Program, v *domain.Session, to, key string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.proposed = append(n.proposed, v.ID+"/"+to)
	return n.post(to, key)
}

func (n *sessionNotes) Reminder(p *domain.Program, v *domain.Session, occurrence, start time.Time, to, key string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.failNext {
		n.failNext = false
		return ""
	}
	n.reminders = append(n.reminders, v.ID+"/"+to+"/"+key)
	return n.post(to, key)
}

func (n *sessionNotes) FollowUp(p *domain.Program, v *domain.Session, occurrence time.Time, to, key string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.followUps = append(n.followUps, v.ID+"/"+to+"/"+key)
	return n.post(to, key)
}

func (n *sessionNotes) Digest(to string, nudges []Nudge, key string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.digests = append(n.digests, fmt.Sprintf("%s/%d", to, len(nudges)))
	return n.post(to, key)
}

func (n *sessionNotes) FindNudge(to, key string, since time.Time) (string, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if at, ok := n.posts[key+"|"+to]; ok && !at.Before(since) {
		return "found", nil
	}
	return "", nil
}

func (n *sessionNotes) Changed(programID string, userIDs ...string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.changed++
}
