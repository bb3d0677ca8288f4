package app

import (
	"strings"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// MaxShareNote bounds the note that goes with a share.
const MaxShareNote = 1000

var (
	msgShareTarget      = &i18n.Message{ID: "app.resource.share_target", Other: "Share into a channel or with a person: give one of channel_id and user_id."}
	msgShareNote        = &i18n.Message{ID: "app.resource.share_note", Other: "The note may be at most {{.Max}} characters."}
	msgShareUnpublished = &i18n.Message{ID: "app.resource.share_unpublished", Other: "Only published resources can be shared; **{{.Title}}** is not published (a suggestion waiting for approval, or rejected)."}
	msgShareNoChannel   = &i18n.Message{ID: "app.resource.share_no_channel", Other: "There is no channel {{.ID}} that you can post in."}
	msgShareOtherTeam   = &i18n.Message{ID: "app.resource.share_other_team", Other: "That channel is in another team than {{.Program}}; share its resources in the program's team."}
	msgShareNoTeam      = &i18n.Message{ID: "app.resource.share_direct_channel", Other: "A resource cannot be shared into a direct or group message, whose members may not be able to read it; share it with each person instead (user_id, or @user)."}
	msgShareNoUser      = &i18n.Message{ID: "app.resource.share_no_user", Other: "There is no user {{.ID}}."}
	msgShareCannotRead  = &i18n.Message{ID: "app.resource.share_cannot_read", Other: "@{{.User}} is not a reader of this resource (it is for the members of its program and audience), so they could not open it."}
	msgShareFailed      = &i18n.Message{ID: "app.resource.share_failed", Other: "The resource could not be posted there; nothing was shared. Try again in a moment."}
)

// ShareInput says where to share a resource: a channel or a person, with an
// optional note. ProgramID is the program the sharer is in, for counting a
// global resource's use in that program.
type ShareInput struct {
	ChannelID string `json:"channel_id"`
	UserID    string `json:"user_id"`
	Note      string `json:"note"`
	ProgramID string `json:"program_id"`
}

// Share posts a published resource's card into a channel the actor may post
// in, or sends it to a person who may read it, and counts the share.
func (s *Resources) Share(actorID, id string, in ShareInput) (*ResourceView, error) {
	in.ChannelID, in.UserID, in.Note = strings.TrimSpace(in.ChannelID), strings.TrimSpace(in.UserID), strings.TrimSpace(in.Note)
	if (in.ChannelID == "") == (in.UserID == "") {
		return nil, invalid("channel_id", msgShareTarget, nil)
	}
	if utf8.RuneCountInString(in.Note) > MaxShareNote {
		return nil, invalid("note", msgShareNote, map[string]any{"Max": MaxShareNote})
	}
	if in.ProgramID != "" && !model.IsValidId(in.ProgramID) {
		in.ProgramID = ""
	}
	r, rd, err := s.readableIn(actorID, id, in.ProgramID)
	if err != nil {
		return nil, err
	}
	if r.Status != domain.ResourcePublished {
		return nil, conflict("", msgShareUnpublished, map[string]any{"Title": r.Title})
	}
	if s.deps.Resources == nil {
		return nil, conflict("", msgShareFailed, nil)
	}
	open := s.view(r, false, rd.countIn).OpenURL
	if in.ChannelID != "" {
		if err := s.shareToChannel(actorID, r, in, open); err != nil {
			return nil, err
		}
	} else {
		if err := s.shareToUser(actorID, r, in, open); err != nil {
			return nil, err
		}
	}
	// The card is posted: a count that cannot be written now must not make
	// the sharer try again and post it twice.
	_ = s.store.CountResource(r.ID, countIn(r, rd), 0, 1)
	return s.withCounts(s.view(r, rd.manage, rd.countIn)), nil
}

func (s *Resources) shareToChannel(actorID string, r *domain.Resource, in ShareInput, open string) error {
	if !model.IsValidId(in.ChannelID) {
		return notFound(msgShareNoChannel, map[string]any{"ID": in.ChannelID})
	}
	teamID, canPost, found := s.deps.Resources.Channel(actorID, in.ChannelID)
	if !found || !canPost {
		return notFound(msgShareNoChannel, map[string]any{"ID": in.ChannelID})
	}
	if teamID == "" {
		// A direct or group message: its members are not listed through
		// ResourceNotifier, so it cannot be checked that each of them may
		// read the resource (as shareToUser checks); a share to the person
		// is checked.
		return invalid("channel_id", msgShareNoTeam, nil)
	}
	if r.ProgramID != "" {
		p, err := s.store.GetProgram(r.ProgramID)
		if err != nil {
			return err
		}
		if p.TeamID != teamID {
			return invalid("channel_id", msgShareOtherTeam, map[string]any{"Program": p.Name})
		}
	}
	if err := s.deps.Resources.ShareToChannel(r, in.ChannelID, actorID, in.Note, open); err != nil {
		return conflict("", msgShareFailed, nil)
	}
	return nil
}

// shareToUser refuses a person who could not open the resource: a program's
// resources are for its members, and a share must not hand them out.
func (s *Resources) shareToUser(actorID string, r *domain.Resource, in ShareInput, open string) error {
	u, found := s.deps.Directory.User(in.UserID)
	if !found {
		return notFound(msgShareNoUser, map[string]any{"ID": in.UserID})
	}
	// The recipient's own view of the resource decides, without the sharer's
	// program context: they read it through the programs they are in.
	if _, _, err := s.readableIn(in.UserID, r.ID, ""); err != nil {
		if appErr, ok := AsError(err); ok && appErr.Kind == KindNotFound {
			return invalid("user_id", msgShareCannotRead, map[string]any{"User": u.Username})
		}
		return err
	}
	if err := s.deps.Resources.ShareToUser(r, in.UserID, actorID, in.Note, open); err != nil {
		return conflict("", msgShareFailed, nil)
	}
	return nil
}

// Open returns where a resource leads (its link, or the Mattermost file) and
// counts a view of a published resource. programID, when the reader came from
// a program's list, counts a global resource's view in that program too.
func (s *Resources) Open(actorID, id, programID string) (string, error) {
	if programID != "" && !model.IsValidId(programID) {
		programID = ""
	}
	r, rd, err := s.readableIn(actorID, id, programID)
	if err != nil {
		return "", err
	}
	if r.Status != domain.ResourcePublished {
		// Suggestions are read in the sidebar, not opened: an open is a view.
		return "", notFound(msgResourceMissing, map[string]any{"ID": id})
	}
	// A count that cannot be written must not keep the reader from the
	// resource.
	_ = s.store.CountResource(r.ID, countIn(r, rd), 1, 0)
	if r.FileID != "" {
		return siteURL(s.deps.Settings) + "/api/v4/files/" + r.FileID, nil
	}
	return r.URL, nil
}

// countIn is the program a global resource's use counts in too ("" for a
// program's own resource, whose counts are all its program's).
func countIn(r *domain.Resource, rd *resourceReader) string {
	if r.ProgramID != "" {
		return ""
	}
	return rd.countIn
}
