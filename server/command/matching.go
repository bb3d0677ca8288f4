package command

import (
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

var (
	msgHelpSuggest     = &i18n.Message{ID: "command.help.suggest", Other: "Show the mentors you could ask, best first, with the reasons."}
	msgHelpRequest     = &i18n.Message{ID: "command.help.request", Other: "Ask a mentor to mentor you."}
	msgHelpMatches     = &i18n.Message{ID: "command.help.matches", Other: "List your matches, requests and proposals."}
	msgHelpEnd         = &i18n.Message{ID: "command.help.end", Other: "End one of your matches (opens a form without options)."}
	msgHelpPauseMatch  = &i18n.Message{ID: "command.help.pause_match", Other: "Pause one of your matches."}
	msgHelpResumeMatch = &i18n.Message{ID: "command.help.resume_match", Other: "Resume a paused match."}
	msgHelpPreview     = &i18n.Message{ID: "command.help.preview", Other: "Dry run of batch matching: coverage, scores, pairs and who stays unmatched."}
	msgHelpPublish     = &i18n.Message{ID: "command.help.publish", Other: "Send the proposals of the latest preview."}
	msgHelpPair        = &i18n.Message{ID: "command.help.pair", Other: "Propose a mentee and a mentor by hand."}
	msgHelpUnpair      = &i18n.Message{ID: "command.help.unpair", Other: "Cancel a mentee's current match."}
	msgHelpInvite      = &i18n.Message{ID: "command.help.invite", Other: "Add a team member to an invite-only program."}

	msgNeedPeople      = &i18n.Message{ID: "command.match.need_people", Other: "Say who: `/mentor {{.Usage}}`."}
	msgRequestSent     = &i18n.Message{ID: "command.request.sent", Other: "Your request went to {{.Mentor}} in **{{.Program}}**; I will tell you the answer. It expires on {{.When}}."}
	msgMatchesNone     = &i18n.Message{ID: "command.matches.none", Other: "You have no matches yet. `/mentor suggest PROGRAM` shows mentors you could ask."}
	msgMatchesHeader   = &i18n.Message{ID: "command.matches.header", Other: "#### Your matches"}
	msgYourMentor      = &i18n.Message{ID: "command.matches.mentor", Other: "your mentor {{.Partner}}"}
	msgYourMentee      = &i18n.Message{ID: "command.matches.mentee", Other: "your mentee {{.Partner}}"}
	msgWaitingPartner  = &i18n.Message{ID: "command.matches.waiting_partner", Other: "waiting for {{.Partner}} until {{.When}}"}
	msgWaitingYou      = &i18n.Message{ID: "command.matches.waiting_you", Other: "waiting for your answer until {{.When}}: use the buttons of my message or the sidebar"}
	msgNoLiveMatch     = &i18n.Message{ID: "command.match.no_live", Other: "You have no current match in **{{.Program}}**{{.With}}."}
	msgWithPartner     = &i18n.Message{ID: "command.match.with_partner", Other: " with @{{.Username}}"}
	msgWhichMatch      = &i18n.Message{ID: "command.match.which", Other: "You have several matches in **{{.Program}}**; name the partner: `/mentor {{.Command}} {{.Slug}} @username`."}
	msgNeedOutcome     = &i18n.Message{ID: "command.end.need_outcome", Other: "Say how it ended: add `--outcome completed` or `--outcome cancelled`."}
	msgEnded           = &i18n.Message{ID: "command.end.done", Other: "Your match with {{.Partner}} in **{{.Program}}** is {{.Status}}. I sent both of you the feedback form."}
	msgMatchPaused     = &i18n.Message{ID: "command.match.paused", Other: "Your match with {{.Partner}} in **{{.Program}}** is paused; resume it with `/mentor resume-match {{.Slug}}`."}
	msgMatchResumed    = &i18n.Message{ID: "command.match.resumed", Other: "Your match with {{.Partner}} in **{{.Program}}** is active again."}
	msgBadMinScore     = &i18n.Message{ID: "command.preview.bad_min_score", Other: "--min-score must be a whole number, for example --min-score 20."}
	msgBadPageArg      = &i18n.Message{ID: "command.match.bad_page", Other: "--page must be a page number from 1, for example --page 2."}
	msgBadOverride     = &i18n.Message{ID: "command.pair.bad_override", Other: "--override takes no value (or yes / no); \"{{.Value}}\" is neither."}
	msgPaired          = &i18n.Message{ID: "command.pair.done", Other: "I proposed {{.Mentor}} as mentor of {{.Mentee}} in **{{.Program}}**; both are asked to accept."}
	msgPairedOverride  = &i18n.Message{ID: "command.pair.override", Other: "The matching constraints were overridden for this pair, as you confirmed."}
	msgNotInMatch      = &i18n.Message{ID: "command.unpair.none", Other: "@{{.Username}} has no current match in **{{.Program}}**."}
	msgUnpaired        = &i18n.Message{ID: "command.unpair.done", Other: "The match of {{.Mentee}} with {{.Mentor}} in **{{.Program}}** is cancelled; both were told."}
	msgUnpairReason    = &i18n.Message{ID: "command.unpair.reason", Other: "Ended by a coordinator"}
	msgInvited         = &i18n.Message{ID: "command.invite.done", Other: "@{{.Username}} is now in **{{.Program}}** as {{.Role}}; I sent them a welcome."}
	msgPublishStarted  = &i18n.Message{ID: "command.publish.started", Other: "Publishing the preview of **{{.Program}}**: {{.Pairs}} proposals. I will send you a message when it is done."}
	msgPublishDone     = &i18n.Message{ID: "command.publish.done", Other: "The preview of **{{.Program}}** is published: {{.Published}} proposals sent, {{.Skipped}} skipped."}
	msgPublishStale    = &i18n.Message{ID: "command.publish.stale", Other: "Run `/mentor match preview {{.Slug}}` for a fresh preview, check it, then publish again."}
	msgPreviewHeader   = &i18n.Message{ID: "command.preview.header", Other: "#### Matching preview of {{.Program}} ({{.Policy}}, minimum score {{.MinScore}})"}
	msgPreviewStale    = &i18n.Message{ID: "command.preview.stale", Other: "⚠️ Members changed since this preview was computed; run `/mentor match preview {{.Slug}}` again before publishing."}
	msgPreviewCoverage = &i18n.Message{ID: "command.preview.coverage", Other: "**Coverage:** {{.Matched}} of {{.Mentees}} waiting mentees matched ({{.Percent}}%); {{.Mentors}} mentors have free places."}
	msgPreviewScores   = &i18n.Message{ID: "command.preview.scores", Other: "**Scores:** average {{.Average}}, lowest {{.Lowest}}."}
	msgPreviewOptimal  = &i18n.Message{ID: "command.preview.optimal", Other: "The engine verified that no other set of pairs does better."}
	msgColumnMentee    = &i18n.Message{ID: "command.preview.column_mentee", Other: "Mentee"}
	msgColumnMentor    = &i18n.Message{ID: "command.preview.column_mentor", Other: "Mentor"}
	msgColumnScore     = &i18n.Message{ID: "command.preview.column_score", Other: "Score"}
	msgColumnWhy       = &i18n.Message{ID: "command.preview.column_why", Other: "Why"}
	msgPreviewNoPairs  = &i18n.Message{ID: "command.preview.no_pairs", Other: "No pairs on this page."}
	msgUnmatchedHeader = &i18n.Message{ID: "command.preview.unmatched", Other: "**Unmatched, and why:**"}
	msgPreviewPage     = &i18n.Message{ID: "command.preview.page", Other: "Page {{.Page}} of {{.Pages}}."}
	msgPreviewNext     = &i18n.Message{ID: "command.preview.next", Other: "Next: `/mentor match preview {{.Slug}} --page {{.Next}}`."}
	msgPreviewPublish  = &i18n.Message{ID: "command.preview.publish", Other: "Send these proposals with `/mentor match publish {{.Slug}}`."}
	msgPreviewStatus   = &i18n.Message{ID: "command.preview.published", Other: "This preview was published: {{.Published}} proposals sent, {{.Skipped}} skipped."}
	msgPreviewRunning  = &i18n.Message{ID: "command.preview.publishing", Other: "This preview is being published: {{.Published}} proposals sent so far."}
)

var unmatchedLabels = map[string]*i18n.Message{
	app.UnmatchedNoCapacity:   {ID: "command.preview.why.no_capacity", Other: "no mentor has a free place"},
	app.UnmatchedBelowMinimum: {ID: "command.preview.why.below_minimum", Other: "every possible pair scores below the minimum"},
	app.UnmatchedConstraints:  {ID: "command.preview.why.constraints", Other: "every mentor with a free place is excluded by a constraint"},
	app.UnmatchedOutscored:    {ID: "command.preview.why.outscored", Other: "the free places went to pairs that score more in total"},
}

var policyLabels = map[string]*i18n.Message{
	"participation": {ID: "command.preview.policy.participation", Other: "as many pairs as possible"},
	"quality":       {ID: "command.preview.policy.quality", Other: "best pairs first"},
}

const (
	usageRequest = "request PROGRAM @mentor [--message TEXT]"
	usageEnd     = "end PROGRAM [@partner] [--outcome completed|cancelled] [--reason TEXT]"
	usagePair    = "pair PROGRAM @mentee @mentor [--override]"
	usageUnpair  = "unpair PROGRAM @mentee [--reason TEXT]"
	usageInvite  = "invite PROGRAM @user [--role mentee|mentor|both]"
)

// suggestionCount is how many mentors /mentor suggest shows.
const suggestionCount = 5

// matchSubcommands are the matching commands: suggest, request, match, pair, end…
func matchSubcommands() []subcommand {
	return []subcommand{
		{name: "suggest", usage: "suggest PROGRAM", help: msgHelpSuggest, audience: everyone, run: (*Handler).suggest},
		{name: "request", usage: usageRequest, help: msgHelpRequest, audience: everyone, options: []string{"message"}, run: (*Handler).request},
		{name: "matches", usage: "matches", help: msgHelpMatches, audience: everyone, run: (*Handler).myMatches},
		{name: "end", usage: usageEnd, help: msgHelpEnd, audience: everyone, options: []string{"outcome", "reason"}, run: (*Handler).endMatch},
		{name: "pause-match", usage: "pause-match PROGRAM [@partner]", help: msgHelpPauseMatch, audience: everyone, run: (*Handler).pauseMatch},
		{name: "resume-match", usage: "resume-match PROGRAM [@partner]", help: msgHelpResumeMatch, audience: everyone, run: (*Handler).resumeMatch},
		{name: "match preview", usage: "match preview PROGRAM [--policy participation|quality] [--min-score N] [--page N]", help: msgHelpPreview,
			audience: coordinators, options: []string{"policy", "min-score", "page"}, run: (*Handler).preview},
		{name: "match publish", usage: "match publish PROGRAM", help: msgHelpPublish, audience: coordinators, run: (*Handler).publish},
		{name: "pair", usage: usagePair, help: msgHelpPair, audience: coordinators, options: []string{"override"}, flags: []string{"override"}, run: (*Handler).pair},
		{name: "unpair", usage: usageUnpair, help: msgHelpUnpair, audience: coordinators, options: []string{"reason"}, run: (*Handler).unpair},
		{name: "invite", usage: usageInvite, help: msgHelpInvite, audience: coordinators, options: []string{"role"}, run: (*Handler).invite},
	}
}

// name returns @username for a user id, or the id when the lookup fails.
func (h *Handler) name(userID string) string {
	if u, err := h.Users.Get(userID); err == nil && u != nil {
		return "@" + u.Username
	}
	return userID
}

// programAndUsers splits "PROGRAM @a @b": the trailing unquoted @words are
// users, in order; the words before them name the program.
func (inv invocation) programAndUsers() (string, []string, error) {
	words := inv.words
	var users []string
	for n := len(words); n > 1 && !words[n-1].quoted && strings.HasPrefix(words[n-1].text, "@"); n = len(words) {
		users = append([]string{strings.TrimPrefix(words[n-1].text, "@")}, users...)
		words = words[:n-1]
	}
	program, err := inv.value(words)
	return program, users, err
}

// programWithUsers resolves "PROGRAM @user…" with at least minUsers and at most
// maxUsers users; usage is shown when people are missing.
func (h *Handler) programWithUsers(c *call, command, usage string, minUsers, maxUsers int) (*domain.Program, []userRef, error) {
	ref, names, err := c.inv.programAndUsers()
	if err != nil {
		return nil, nil, err
	}
	if ref == "" || strings.HasPrefix(ref, "@") {
		return nil, nil, argError(msgNeedProgram, map[string]any{"Command": command})
	}
	if len(names) < minUsers || len(names) > maxUsers {
		return nil, nil, argError(msgNeedPeople, map[string]any{"Usage": usage})
	}
	p, err := h.findProgram(c, ref, command)
	if err != nil {
		return nil, nil, err
	}
	users := make([]userRef, 0, len(names))
	for _, name := range names {
		u, err := h.Users.GetByUsername(name)
		if err != nil || u == nil {
			return nil, nil, argError(msgNoSuchUser, map[string]any{"Username": name})
		}
		users = append(users, userRef{id: u.Id, username: u.Username})
	}
	return p, users, nil
}

type userRef struct{ id, username string }

func (h *Handler) suggest(c *call) (string, error) {
	p, err := h.programArg(c, "suggest")
	if err != nil {
		return "", err
	}
	found, err := c.svc.Matches.Suggest(c.uid, p.ID, suggestionCount)
	if err != nil {
		return "", err
	}
	// The roster already knows the mentors' usernames: no lookup per mentor.
	known := map[string]string{}
	for _, s := range found {
		if s.Username != "" {
			known[s.MentorID] = "@" + s.Username
		}
	}
	name := func(userID string) string {
		if n, ok := known[userID]; ok {
			return n
		}
		return h.name(userID)
	}
	return notify.SuggestionsText(c.tr, c.uid, p, found, name), nil
}

func (h *Handler) request(c *call) (string, error) {
	p, users, err := h.programWithUsers(c, "request", usageRequest, 1, 1)
	if err != nil {
		return "", err
	}
	in := app.RequestInput{MentorID: users[0].id}
	if message := c.inv.option("message"); message != nil {
		in.Message = *message
	}
	m, err := c.svc.Matches.Request(c.uid, p.ID, in)
	if err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgRequestSent, map[string]any{"Mentor": "@" + users[0].username, "Program": p.Name,
		"When": h.when(c, m)}), nil
}

// when shows a match's expiry in the reader's time zone.
func (h *Handler) when(c *call, m *domain.Match) string {
	zone := h.readerZone(c.uid)
	return m.ExpiresAt.In(zone).Format("2006-01-02 15:04") + " (" + zone.String() + ")"
}

func (h *Handler) myMatches(c *call) (string, error) {
	mine, err := c.svc.Matches.Mine(c.uid)
	if err != nil {
		return "", err
	}
	if len(mine) == 0 {
		return c.tr.T(c.uid, msgMatchesNone, nil), nil
	}
	programs := map[string]string{}
	lines := []string{c.tr.T(c.uid, msgMatchesHeader, nil)}
	for _, m := range mine {
		name, seen := programs[m.ProgramID]
		if !seen {
			name = m.ProgramID
			if p, err := c.svc.Programs.Get(c.uid, m.ProgramID); err == nil {
				name = p.Name
			}
			programs[m.ProgramID] = name
		}
		partner := h.name(m.Partner(c.uid))
		who := c.tr.T(c.uid, msgYourMentee, map[string]any{"Partner": partner})
		if m.MenteeID == c.uid {
			who = c.tr.T(c.uid, msgYourMentor, map[string]any{"Partner": partner})
		}
		line := "- **" + name + "**: " + who + " · " + notify.MatchStatus(c.tr, c.uid, m.Status)
		if m.Open() {
			wait := msgWaitingYou
			if _, answered := m.Accepted[c.uid]; answered {
				wait = msgWaitingPartner
			}
			line += " · " + c.tr.T(c.uid, wait, map[string]any{"Partner": partner, "When": h.when(c, m)})
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), nil
}

// ownLiveMatches returns the caller's live matches in the program, with the
// named partner only when one is given.
func (h *Handler) ownLiveMatches(c *call, command string) (*domain.Program, []*domain.Match, error) {
	p, users, err := h.programWithUsers(c, command, command+" PROGRAM [@partner]", 0, 1)
	if err != nil {
		return nil, nil, err
	}
	mine, err := c.svc.Matches.Mine(c.uid)
	if err != nil {
		return nil, nil, err
	}
	var live []*domain.Match
	for _, m := range mine {
		if m.ProgramID == p.ID && m.Live() && (len(users) == 0 || m.Partner(c.uid) == users[0].id) {
			live = append(live, m)
		}
	}
	if len(live) == 0 {
		with := ""
		if len(users) > 0 {
			with = c.tr.T(c.uid, msgWithPartner, map[string]any{"Username": users[0].username})
		}
		return nil, nil, &app.Error{Kind: app.KindNotFound, Message: msgNoLiveMatch, Data: map[string]any{"Program": p.Name, "With": with}}
	}
	return p, live, nil
}

// oneLiveMatch is ownLiveMatches narrowed to exactly one match.
func (h *Handler) oneLiveMatch(c *call, command string) (*domain.Program, *domain.Match, error) {
	p, live, err := h.ownLiveMatches(c, command)
	if err != nil {
		return nil, nil, err
	}
	if len(live) > 1 {
		return nil, nil, argError(msgWhichMatch, map[string]any{"Program": p.Name, "Command": command, "Slug": p.Slug})
	}
	return p, live[0], nil
}

func (h *Handler) endMatch(c *call) (string, error) {
	if len(c.inv.options) == 0 {
		p, live, err := h.ownLiveMatches(c, "end")
		if err != nil {
			return "", err
		}
		choices := make([]dialog.EndChoice, 0, len(live))
		for _, m := range live {
			choices = append(choices, dialog.EndChoice{MatchID: m.ID, Label: h.name(m.Partner(c.uid)) + " · " + p.Name})
		}
		return "", h.Dialogs.OpenEnd(c.args.TriggerId, c.uid, choices)
	}
	p, m, err := h.oneLiveMatch(c, "end")
	if err != nil {
		return "", err
	}
	outcome := c.inv.option("outcome")
	if outcome == nil {
		return "", argError(msgNeedOutcome, nil)
	}
	in := app.EndInput{Outcome: strings.ToLower(strings.TrimSpace(*outcome))}
	if reason := c.inv.option("reason"); reason != nil {
		in.Reason = *reason
	}
	ended, err := c.svc.Matches.End(c.uid, m.ID, in)
	if err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgEnded, map[string]any{"Partner": h.name(m.Partner(c.uid)), "Program": p.Name,
		"Status": notify.MatchStatus(c.tr, c.uid, ended.Status)}), nil
}

func (h *Handler) pauseMatch(c *call) (string, error) {
	p, m, err := h.oneLiveMatch(c, "pause-match")
	if err != nil {
		return "", err
	}
	if _, err := c.svc.Matches.Pause(c.uid, m.ID); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgMatchPaused, map[string]any{"Partner": h.name(m.Partner(c.uid)), "Program": p.Name, "Slug": p.Slug}), nil
}

func (h *Handler) resumeMatch(c *call) (string, error) {
	p, m, err := h.oneLiveMatch(c, "resume-match")
	if err != nil {
		return "", err
	}
	if _, err := c.svc.Matches.Resume(c.uid, m.ID); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgMatchResumed, map[string]any{"Partner": h.name(m.Partner(c.uid)), "Program": p.Name}), nil
}

func (h *Handler) pair(c *call) (string, error) {
	p, users, err := h.programWithUsers(c, "pair", usagePair, 2, 2)
	if err != nil {
		return "", err
	}
	override := false
	if v := c.inv.option("override"); v != nil {
		switch strings.ToLower(strings.TrimSpace(*v)) {
		case "", "yes", "true", "on":
			override = true
		case "no", "false", "off":
		default:
			return "", argError(msgBadOverride, map[string]any{"Value": *v})
		}
	}
	m, err := c.svc.Matches.Pair(c.uid, p.ID, users[0].id, users[1].id, override)
	if err != nil {
		return "", err
	}
	text := c.tr.T(c.uid, msgPaired, map[string]any{"Mentee": "@" + users[0].username, "Mentor": "@" + users[1].username, "Program": p.Name})
	if m.Override {
		text += "\n" + c.tr.T(c.uid, msgPairedOverride, nil)
	}
	return text, nil
}

func (h *Handler) unpair(c *call) (string, error) {
	p, users, err := h.programWithUsers(c, "unpair", usageUnpair, 1, 1)
	if err != nil {
		return "", err
	}
	mentee := users[0]
	m, err := h.liveMatchOf(c, p, mentee)
	if err != nil {
		return "", err
	}
	in := app.EndInput{Outcome: app.OutcomeCancelled, Reason: c.tr.T(c.uid, msgUnpairReason, nil)}
	if reason := c.inv.option("reason"); reason != nil {
		in.Reason = *reason
	}
	if _, err := c.svc.Matches.End(c.uid, m.ID, in); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgUnpaired, map[string]any{"Mentee": "@" + mentee.username, "Mentor": h.name(m.MentorID), "Program": p.Name}), nil
}

// liveMatchOf finds the mentee's live match in the program from their
// enrollment, found on the member pages by username (coordinators only).
func (h *Handler) liveMatchOf(c *call, p *domain.Program, mentee userRef) (*domain.Match, error) {
	for page := 0; ; page++ {
		members, err := c.svc.Enrollments.MembersPage(c.uid, p.ID, app.MemberQuery{Page: page, Search: mentee.username})
		if err != nil {
			return nil, err
		}
		for _, row := range members.Members {
			if row.Enrollment == nil || row.UserID != mentee.id {
				continue
			}
			for _, ref := range row.Mentors {
				if m, err := c.svc.Matches.Get(c.uid, ref.ID); err == nil && m.Live() && m.MenteeID == mentee.id {
					return m, nil
				}
			}
			return nil, &app.Error{Kind: app.KindNotFound, Message: msgNotInMatch, Data: map[string]any{"Username": mentee.username, "Program": p.Name}}
		}
		if page+1 >= members.Pages {
			return nil, &app.Error{Kind: app.KindNotFound, Message: msgNotInMatch, Data: map[string]any{"Username": mentee.username, "Program": p.Name}}
		}
	}
}

func (h *Handler) invite(c *call) (string, error) {
	p, users, err := h.programWithUsers(c, "invite", usageInvite, 1, 1)
	if err != nil {
		return "", err
	}
	role := ""
	if r := c.inv.option("role"); r != nil {
		role = *r
	}
	e, err := c.svc.Enrollments.Invite(c.uid, p.ID, users[0].id, role)
	if err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgInvited, map[string]any{"Username": users[0].username, "Program": p.Name, "Role": i18n.Role(e.Role)}), nil
}
