package notify

import (
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// ActionMatchPath receives every button of a match DM.
const ActionMatchPath = "/plugins/" + PluginID + "/api/v1/actions/match"

// Match button actions (the "action" key of a button's context).
const (
	ActionAccept  = "accept"
	ActionDecline = "decline"
	ActionSurvey  = "survey"  // opens the exit survey
	ActionRematch = "rematch" // shows the mentee new suggestions
	ActionEnd     = "end"     // opens the end form
)

// MatchPosts sends DMs and posts into a pair's channel (pluginapi's
// PostService satisfies it).
type MatchPosts interface {
	Posts
	CreatePost(post *model.Post) error
}

// MatchNotifier implements app.MatchNotifier: every message is rendered in its
// recipient's language and time zone, and each notification refreshes both
// people's open sidebars.
type MatchNotifier struct {
	BotID    func() string
	Posts    MatchPosts
	Frontend Frontend
	Users    Users
	Log      Logger
	Tr       *i18n.Translator
}

var _ app.MatchNotifier = (*MatchNotifier)(nil)

var (
	msgProposalMentee   = &i18n.Message{ID: "match.proposal.mentee", Other: "#### A mentor for you in {{.Program}}: {{.Mentor}}\nYour coordinators propose {{.Mentor}} as your mentor. Do you want to work together?"}
	msgProposalMentor   = &i18n.Message{ID: "match.proposal.mentor", Other: "#### A mentee for you in {{.Program}}: {{.Mentee}}\nYour coordinators propose that you mentor {{.Mentee}}. Do you want to work together?"}
	msgWhy              = &i18n.Message{ID: "match.why", Other: "**Why this pair:**"}
	msgAnswerBy         = &i18n.Message{ID: "match.answer_by", Other: "Please answer by {{.When}}; a private channel for the two of you opens once you both accept."}
	msgRequestMentor    = &i18n.Message{ID: "match.request.mentor", Other: "#### {{.Mentee}} asks you to be their mentor in {{.Program}}"}
	msgRequestMessage   = &i18n.Message{ID: "match.request.message", Other: "**Their message:**"}
	msgRequestAnswerBy  = &i18n.Message{ID: "match.request.answer_by", Other: "The request expires on {{.When}}; if you accept, a private channel for the two of you opens."}
	msgProposalReminder = &i18n.Message{ID: "match.proposal.reminder", Other: "⏰ Reminder: the proposal to pair you with {{.Partner}} in **{{.Program}}** expires on {{.When}}. Answer with the buttons of the proposal, in the Mentorship sidebar, or with `/mentor matches`."}
	msgReminder         = &i18n.Message{ID: "match.request.reminder", Other: "⏰ Reminder: {{.Mentee}}'s request to be mentored by you in **{{.Program}}** expires on {{.When}}. Answer with the buttons of the request, in the Mentorship sidebar, or with `/mentor matches`."}
	msgAccept           = &i18n.Message{ID: "match.button.accept", Other: "Accept"}
	msgDeclineButton    = &i18n.Message{ID: "match.button.decline", Other: "Decline"}
	msgSurveyButton     = &i18n.Message{ID: "match.button.survey", Other: "Give feedback"}
	msgRematchButton    = &i18n.Message{ID: "match.button.rematch", Other: "Match me again"}

	msgOutcomeActive     = &i18n.Message{ID: "match.outcome.active", Other: "✅ {{.Mentee}} and {{.Mentor}} are now a pair in **{{.Program}}**; your channel is open."}
	msgOutcomeYouWait    = &i18n.Message{ID: "match.outcome.you_accepted", Other: "👍 You accepted; waiting for {{.Partner}} to answer."}
	msgOutcomeDeclinedBy = &i18n.Message{ID: "match.outcome.declined_by", Other: "❌ {{.Decider}} declined; {{.Mentee}} and {{.Mentor}} will not be paired in **{{.Program}}**."}
	msgOutcomeYouDecline = &i18n.Message{ID: "match.outcome.you_declined", Other: "❌ You declined; {{.Mentee}} and {{.Mentor}} will not be paired in **{{.Program}}**."}
	msgOutcomeExpired    = &i18n.Message{ID: "match.outcome.expired", Other: "⌛ Nobody answered in time: this request to pair {{.Mentee}} with {{.Mentor}} in **{{.Program}}** expired."}
	msgOutcomeWithdrawn  = &i18n.Message{ID: "match.outcome.withdrawn", Other: "↩️ {{.Mentee}} withdrew the request to be mentored by {{.Mentor}} in **{{.Program}}**."}
	msgOutcomeFull       = &i18n.Message{ID: "match.outcome.full", Other: "🚫 {{.Mentor}} has no free mentee place left in **{{.Program}}**, so this request is closed."}
	msgOutcomeVoid       = &i18n.Message{ID: "match.outcome.void", Other: "🚫 This proposal could not be made: one of you was matched or the mentor filled up in the meantime."}
	msgOutcomeEnded      = &i18n.Message{ID: "match.outcome.ended", Other: "The match of {{.Mentee}} and {{.Mentor}} in **{{.Program}}** is {{.Status}}."}

	msgRefusedDeclined = &i18n.Message{ID: "match.refused.declined", Other: "{{.Mentor}} declined to be your mentor in **{{.Program}}**. It is not about you: mentors decline for time, focus or fit."}
	msgRefusedExpired  = &i18n.Message{ID: "match.refused.expired", Other: "Your request to {{.Mentor}} in **{{.Program}}** expired without an answer."}
	msgRefusedFull     = &i18n.Message{ID: "match.refused.full", Other: "{{.Mentor}} has no free mentee place left in **{{.Program}}**, so your request was closed."}
	msgRefusedOther    = &i18n.Message{ID: "match.refused.other", Other: "Your match with {{.Mentor}} in **{{.Program}}** did not go ahead ({{.Status}})."}

	msgIntroTitle  = &i18n.Message{ID: "match.intro.title", Other: "#### 👋 Welcome, {{.Mentee}} and {{.Mentor}}!"}
	msgIntroBody   = &i18n.Message{ID: "match.intro.body", Other: "{{.Mentor}} mentors {{.Mentee}} in **{{.Program}}**. This channel is yours."}
	msgIntroWhy    = &i18n.Message{ID: "match.intro.why", Other: "**Why you were paired:**"}
	msgIntroGoals  = &i18n.Message{ID: "match.intro.goals", Other: "**{{.Mentee}}'s goals:**"}
	msgIntroPrompt = &i18n.Message{ID: "match.intro.prompt", Other: "**First step:** agree on a first session in the next few days: pick a time that suits you both and say what you want from it. {{.Mentee}}, you could start by sharing what you hope to get out of this."}

	msgEndedCompleted = &i18n.Message{ID: "match.ended.completed", Other: "🎓 Your match with {{.Partner}} in **{{.Program}}** is complete. Thank you!"}
	msgEndedCancelled = &i18n.Message{ID: "match.ended.cancelled", Other: "Your match with {{.Partner}} in **{{.Program}}** was ended by {{.By}}."}
	msgEndedReason    = &i18n.Message{ID: "match.ended.reason", Other: "**Reason:**"}
	msgEndedSurvey    = &i18n.Message{ID: "match.ended.survey", Other: "How did it go? Your answer (a rating from 1 to 5 and a comment) is seen by the program's coordinators, and by your partner only if you choose to share it."}
	msgEndedRematch   = &i18n.Message{ID: "match.ended.rematch", Other: "Ready for a new mentor? Press **Match me again** for suggestions."}

	msgPublished = &i18n.Message{ID: "match.published", Other: "The preview of **{{.Program}}** is published: {{.Published}} proposals were sent; {{.Skipped}} were skipped because someone was matched or a mentor filled up in the meantime."}
)

// reader is one recipient: a translator bound to their language and their time zone.
type reader struct {
	id   string
	tr   *i18n.Translator
	zone *time.Location
}

func (n *MatchNotifier) reader(userID string) reader {
	zone := time.UTC
	if u, err := n.Users.Get(userID); err == nil && u != nil {
		if loc, err := time.LoadLocation(u.GetPreferredTimezone()); err == nil {
			zone = loc
		}
	}
	return reader{id: userID, tr: n.Tr.For(userID), zone: zone}
}

func (r reader) t(m *i18n.Message, data map[string]any) string { return r.tr.T(r.id, m, data) }

// when shows a time in the reader's zone, naming the zone.
func (r reader) when(t time.Time) string {
	return t.In(r.zone).Format("2006-01-02 15:04") + " (" + r.zone.String() + ")"
}

// name returns @username for a user, or the id when the lookup fails.
func (n *MatchNotifier) name(userID string) string {
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}

func (n *MatchNotifier) pair(m *domain.Match) Pair { return pairOf(m.MenteeID, m.MentorID, n.name) }

func pairData(p *domain.Program, pair Pair) map[string]any {
	return map[string]any{"Program": p.Name, "Mentee": pair.Mentee, "Mentor": pair.Mentor}
}

// dm sends post to the user from the bot and returns its id, "" when it failed.
func (n *MatchNotifier) dm(userID string, post *model.Post) string {
	if err := n.Posts.DM(n.BotID(), userID, post); err != nil {
		n.Log.Warn("failed to send a match DM", "user_id", userID, "error", err.Error())
		return ""
	}
	return post.Id
}

// changed refreshes the open sidebars of the given users, once each.
func (n *MatchNotifier) changed(programID string, userIDs ...string) {
	seen := map[string]bool{}
	for _, id := range userIDs {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		n.Frontend.PublishWebSocketEvent(EventChanged, map[string]any{"program_id": programID}, &model.WebsocketBroadcast{UserId: id})
	}
}

// matchButton is a button of a match DM. The context names the match and the
// action only; who may act is decided from the stored match when pressed.
func matchButton(action, label, style, matchID string) *model.PostAction {
	return &model.PostAction{
		Id: action, Name: label, Type: model.PostActionTypeButton, Style: style,
		Integration: &model.PostActionIntegration{
			URL:     ActionMatchPath,
			Context: map[string]any{"match_id": matchID, "action": action},
		},
	}
}

func answerButtons(r reader, matchID string) []*model.PostAction {
	return []*model.PostAction{
		matchButton(ActionAccept, r.t(msgAccept, nil), "good", matchID),
		matchButton(ActionDecline, r.t(msgDeclineButton, nil), "danger", matchID),
	}
}

func withButtons(text string, actions []*model.PostAction, matchID, programID string) *model.Post {
	return &model.Post{Props: model.StringInterface{
		"attachments": []*model.SlackAttachment{{Text: text, Actions: actions}},
		"match_id":    matchID, "program_id": programID,
	}}
}

// Proposal asks one side of a proposal to accept or decline.
func (n *MatchNotifier) Proposal(p *domain.Program, m *domain.Match, to string) string {
	defer n.changed(p.ID, m.MenteeID, m.MentorID)
	r, pair := n.reader(to), n.pair(m)
	data := pairData(p, pair)
	title := msgProposalMentor
	if to == m.MenteeID {
		title = msgProposalMentee
	}
	lines := []string{r.t(title, data), "", r.t(msgWhy, nil)}
	lines = append(lines, ReasonLines(r.tr, to, pair, m.Reasons, 0)...)
	if !m.ExpiresAt.IsZero() {
		lines = append(lines, "", r.t(msgAnswerBy, map[string]any{"When": r.when(m.ExpiresAt)}))
	}
	return n.dm(to, withButtons(strings.Join(lines, "\n"), answerButtons(r, m.ID), m.ID, p.ID))
}

// RequestSent asks the mentor to accept or decline a mentee's request.
func (n *MatchNotifier) RequestSent(p *domain.Program, m *domain.Match) string {
	defer n.changed(p.ID, m.MenteeID, m.MentorID)
	r, pair := n.reader(m.MentorID), n.pair(m)
	lines := []string{r.t(msgRequestMentor, pairData(p, pair)), "", r.t(msgWhy, nil)}
	lines = append(lines, ReasonLines(r.tr, r.id, pair, m.Reasons, 0)...)
	if m.Message != "" {
		lines = append(lines, "", r.t(msgRequestMessage, nil), quote(m.Message))
	}
	if !m.ExpiresAt.IsZero() {
		lines = append(lines, "", r.t(msgRequestAnswerBy, map[string]any{"When": r.when(m.ExpiresAt)}))
	}
	return n.dm(m.MentorID, withButtons(strings.Join(lines, "\n"), answerButtons(r, m.ID), m.ID, p.ID))
}

// RequestReminder reminds the mentor that a request expires soon. It has no
// buttons of its own: m.Posts holds the request's, which Decided keeps current.
func (n *MatchNotifier) RequestReminder(p *domain.Program, m *domain.Match) {
	defer n.changed(p.ID, m.MenteeID, m.MentorID)
	if m.Status == domain.MatchProposed {
		// A proposal waits for both: remind whoever has not said yes.
		for _, who := range []string{m.MenteeID, m.MentorID} {
			if _, yes := m.Accepted[who]; yes {
				continue
			}
			r := n.reader(who)
			n.dm(who, &model.Post{Message: r.t(msgProposalReminder, map[string]any{
				"Program": p.Name, "Partner": n.name(m.Partner(who)), "When": r.when(m.ExpiresAt)})})
		}
		return
	}
	r := n.reader(m.MentorID)
	n.dm(m.MentorID, &model.Post{Message: r.t(msgReminder, map[string]any{
		"Program": p.Name, "Mentee": n.name(m.MenteeID), "When": r.when(m.ExpiresAt)})})
}

// MatchOutcomeText says where a match stands, for the reader of one of its
// DMs: it replaces the DM's buttons once the answer is no longer needed.
func MatchOutcomeText(tr *i18n.Translator, readerID string, p *domain.Program, m *domain.Match, name func(string) string) string {
	pair := pairOf(m.MenteeID, m.MentorID, name)
	data := pairData(p, pair)
	switch m.Status {
	case domain.MatchActive, domain.MatchPaused:
		return tr.T(readerID, msgOutcomeActive, data)
	case domain.MatchProposed, domain.MatchRequested:
		if _, yes := m.Accepted[readerID]; yes {
			data["Partner"] = name(m.Partner(readerID))
			return tr.T(readerID, msgOutcomeYouWait, data)
		}
	case domain.MatchDeclined:
		if m.DecidedBy == readerID {
			return tr.T(readerID, msgOutcomeYouDecline, data)
		}
		data["Decider"] = name(m.DecidedBy)
		return tr.T(readerID, msgOutcomeDeclinedBy, data)
	case domain.MatchExpired:
		return tr.T(readerID, msgOutcomeExpired, data)
	case domain.MatchWithdrawn:
		// The mentee took it back, or the mentor filled up (decided by nobody
		// or by the mentor's last acceptance).
		if m.DecidedBy == m.MenteeID {
			return tr.T(readerID, msgOutcomeWithdrawn, data)
		}
		return tr.T(readerID, msgOutcomeFull, data)
	case domain.MatchVoid:
		return tr.T(readerID, msgOutcomeVoid, data)
	}
	data["Status"] = MatchStatus(tr, readerID, m.Status)
	return tr.T(readerID, msgOutcomeEnded, data)
}

// Decided replaces the buttons of every DM of m.Posts with the outcome, in
// each recipient's language.
func (n *MatchNotifier) Decided(p *domain.Program, m *domain.Match) {
	defer n.changed(p.ID, m.MenteeID, m.MentorID)
	for userID, postID := range m.Posts {
		post, err := n.Posts.GetPost(postID)
		if err != nil {
			n.Log.Warn("failed to read a match DM", "post_id", postID, "error", err.Error())
			continue
		}
		post.Message = MatchOutcomeText(n.Tr.For(userID), userID, p, m, n.name)
		post.DelProp("attachments")
		if err := n.Posts.UpdatePost(post); err != nil {
			n.Log.Warn("failed to update a match DM", "post_id", postID, "error", err.Error())
		}
	}
}

// Refused tells the mentee that a request or proposal ended without a match,
// and offers the next suggestions.
func (n *MatchNotifier) Refused(p *domain.Program, m *domain.Match, next []app.Suggestion) {
	defer n.changed(p.ID, m.MenteeID, m.MentorID)
	r := n.reader(m.MenteeID)
	data := map[string]any{"Program": p.Name, "Mentor": n.name(m.MentorID), "Status": MatchStatus(r.tr, r.id, m.Status)}
	msg := msgRefusedOther
	switch {
	case m.Status == domain.MatchDeclined:
		msg = msgRefusedDeclined
	case m.Status == domain.MatchExpired:
		msg = msgRefusedExpired
	case m.Status == domain.MatchWithdrawn && m.DecidedBy != m.MenteeID:
		msg = msgRefusedFull
	}
	text := r.t(msg, data) + "\n\n" + SuggestionsText(r.tr, r.id, p, next, n.name)
	n.dm(m.MenteeID, &model.Post{Message: text, Props: model.StringInterface{"match_id": m.ID, "program_id": p.ID}})
}

// Introduce posts the introduction into the pair's channel. The channel is
// shared, so the reasons speak of both in the third person; when the two read
// different languages, the introduction follows in the mentor's language too.
func (n *MatchNotifier) Introduce(p *domain.Program, m *domain.Match, menteeGoals string) {
	defer n.changed(p.ID, m.MenteeID, m.MentorID)
	if m.ChannelID == "" {
		n.Log.Warn("no channel to introduce the pair in", "match_id", m.ID)
		return
	}
	pair := n.pair(m)
	mentee, mentor := n.Tr.For(m.MenteeID), n.Tr.For(m.MentorID)
	text := n.introduction(mentee, p, m, pair, menteeGoals)
	if other := n.introduction(mentor, p, m, pair, menteeGoals); other != text {
		text += "\n\n---\n\n" + other
	}
	post := &model.Post{UserId: n.BotID(), ChannelId: m.ChannelID, Message: text,
		Props: model.StringInterface{"match_id": m.ID, "program_id": p.ID}}
	if err := n.Posts.CreatePost(post); err != nil {
		n.Log.Warn("failed to post the introduction", "match_id", m.ID, "channel_id", m.ChannelID, "error", err.Error())
	}
}

func (n *MatchNotifier) introduction(tr *i18n.Translator, p *domain.Program, m *domain.Match, pair Pair, goals string) string {
	data := pairData(p, pair)
	// "" reads as nobody in the pair: the reasons are in the third person.
	lines := []string{tr.T("", msgIntroTitle, data), tr.T("", msgIntroBody, data), "", tr.T("", msgIntroWhy, nil)}
	lines = append(lines, ReasonLines(tr, "", pair, m.Reasons, 0)...)
	if goals = strings.TrimSpace(goals); goals != "" {
		lines = append(lines, "", tr.T("", msgIntroGoals, data), quote(goals))
	}
	return strings.Join(append(lines, "", tr.T("", msgIntroPrompt, data)), "\n")
}

// Ended sends each side the exit survey, and the mentee a "match me again".
func (n *MatchNotifier) Ended(p *domain.Program, m *domain.Match) {
	defer n.changed(p.ID, m.MenteeID, m.MentorID)
	for _, to := range []string{m.MenteeID, m.MentorID} {
		r := n.reader(to)
		data := map[string]any{"Program": p.Name, "Partner": n.name(m.Partner(to)), "By": n.name(m.EndedBy)}
		msg := msgEndedCancelled
		if m.Status == domain.MatchCompleted {
			msg = msgEndedCompleted
		}
		lines := []string{r.t(msg, data)}
		if m.EndReason != "" {
			lines = append(lines, r.t(msgEndedReason, nil), quote(m.EndReason))
		}
		lines = append(lines, "", r.t(msgEndedSurvey, nil))
		actions := []*model.PostAction{matchButton(ActionSurvey, r.t(msgSurveyButton, nil), "primary", m.ID)}
		if to == m.MenteeID {
			lines = append(lines, r.t(msgEndedRematch, nil))
			actions = append(actions, matchButton(ActionRematch, r.t(msgRematchButton, nil), "default", m.ID))
		}
		n.dm(to, withButtons(strings.Join(lines, "\n"), actions, m.ID, p.ID))
	}
}

// Published tells the coordinator who published a preview how it went.
func (n *MatchNotifier) Published(p *domain.Program, coordinatorID string, published, skipped int) {
	defer n.changed(p.ID, coordinatorID)
	r := n.reader(coordinatorID)
	n.dm(coordinatorID, &model.Post{Message: r.t(msgPublished, map[string]any{
		"Program": p.Name, "Published": published, "Skipped": skipped})})
}
