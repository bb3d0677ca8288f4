package command

import (
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

var (
	msgHelpCheckIn      = &i18n.Message{ID: "command.help.checkin", Other: "Answer your latest check-in (great, fine or struggling, with an optional note), or list your check-ins without an answer."}
	msgHelpCheckInNow   = &i18n.Message{ID: "command.help.checkin_now", Other: "Start a check-in round now: both of you are asked how it is going."}
	msgHelpFeedback     = &i18n.Message{ID: "command.help.feedback", Other: "The feedback of a match you may read: yours, what your partner shared, or all of it for coordinators."}
	msgCheckInBadWord   = &i18n.Message{ID: "command.checkin.bad_answer", Other: "Answer with one word: `/mentor checkin great`, `fine` or `struggling` (add --note TEXT for your coordinators)."}
	msgCheckInBadMatch  = &i18n.Message{ID: "command.checkin.bad_match", Other: "--match takes a match id (26 letters and digits), as the Mentorship sidebar shows it."}
	msgCheckInSaved     = &i18n.Message{ID: "command.checkin.saved", Other: "Saved your answer to check-in {{.Round}}: {{.Answer}}."}
	msgCheckInToldCoord = &i18n.Message{ID: "command.checkin.told", Other: "Your coordinators were told you are struggling; they will reach out."}
	msgCheckInStarted   = &i18n.Message{ID: "command.checkin.started", Other: "Started check-in {{.Round}}: both of you are asked how it is going, by direct message."}
	msgCheckInNone      = &i18n.Message{ID: "command.checkin.none", Other: "No check-ins yet for this match. They come at the program's cadence; `/mentor checkin now` starts one."}
	msgCheckInHeader    = &i18n.Message{ID: "command.checkin.header", Other: "#### Check-ins"}
	msgCheckInLine      = &i18n.Message{ID: "command.checkin.line", Other: "- Check-in {{.Round}} ({{.Date}}): {{.Answers}}"}
	msgCheckInAnswerOf  = &i18n.Message{ID: "command.checkin.answer_of", Other: "{{.User}} {{.Answer}}"}
	msgCheckInNoAnswer  = &i18n.Message{ID: "command.checkin.no_answer", Other: "not answered yet"}
	msgCheckInFooter    = &i18n.Message{ID: "command.checkin.footer", Other: "Answer the latest with `/mentor checkin great|fine|struggling [--note TEXT]`."}
	msgFeedbackNone     = &i18n.Message{ID: "command.feedback.none", Other: "There is no feedback on this match that you may read yet."}
	msgFeedbackHeader   = &i18n.Message{ID: "command.feedback.header", Other: "#### Feedback"}
	msgFeedbackSession  = &i18n.Message{ID: "command.feedback.session", Other: "- {{.Rating}}/5 for the session **{{.Title}}** of {{.Date}}, by {{.Author}}{{.Shared}}"}
	msgFeedbackExit     = &i18n.Message{ID: "command.feedback.exit", Other: "- {{.Rating}}/5 at the end of the match, by {{.Author}}{{.Shared}}"}
	msgFeedbackShared   = &i18n.Message{ID: "command.feedback.shared", Other: " (shared with the partner)"}
	msgFeedbackUntitled = &i18n.Message{ID: "command.feedback.untitled", Other: "Mentoring session"}
)

// maxListedRounds bounds the rounds /mentor checkin lists (the latest).
const maxListedRounds = 6

// checkInSubcommands are the check-in and feedback commands. "checkin now"
// comes before "checkin": the first row whose words start the line runs.
func checkInSubcommands() []subcommand {
	return []subcommand{
		{name: "checkin now", usage: "checkin now [--match ID]", help: msgHelpCheckInNow, audience: everyone,
			options: []string{"match"}, run: (*Handler).checkInNow},
		{name: "checkin", usage: "checkin [great|fine|struggling] [--note TEXT] [--match ID]", help: msgHelpCheckIn, audience: everyone,
			options: []string{"note", "match"}, run: (*Handler).checkIn},
		{name: "feedback", usage: "feedback [--match ID]", help: msgHelpFeedback, audience: everyone,
			options: []string{"match"}, run: (*Handler).feedback},
	}
}

func addCheckInAutocomplete(root *model.AutocompleteData) {
	answer := model.NewAutocompleteData("checkin", "[great|fine|struggling] [--note] [--match]", "Answer your latest check-in, or list them")
	answer.AddStaticListArgument("How is it going?", false, []model.AutocompleteListItem{
		{Item: domain.CheckInGreat, HelpText: "It is going great"},
		{Item: domain.CheckInFine, HelpText: "It is going fine"},
		{Item: domain.CheckInStruggling, HelpText: "I am struggling (your coordinators are told)"},
	})
	answer.AddNamedTextArgument("note", "A note for your coordinators", "TEXT", "", false)
	answer.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	root.AddCommand(answer)

	start := model.NewAutocompleteData("checkin", "now", "Start a check-in round now")
	now := model.NewAutocompleteData("now", "[--match ID]", "Ask both of you how it is going, now")
	now.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	start.AddCommand(now)
	root.AddCommand(start)

	feedback := model.NewAutocompleteData("feedback", "[--match ID]", "The feedback of a match you may read")
	feedback.AddNamedTextArgument("match", "Match id, outside the pair's channel", "ID", "", false)
	root.AddCommand(feedback)
}

// checkInMatch is the match a check-in command is about: --match, else the
// pair channel it runs in, else the user's only live match.
func (h *Handler) checkInMatch(c *call) (string, error) {
	if id := c.inv.opt("match"); id != "" {
		if !model.IsValidId(id) {
			return "", argError(msgCheckInBadMatch, nil)
		}
		return id, nil
	}
	m, channelErr := c.svc.Sessions.MatchOfChannel(c.uid, c.args.ChannelId)
	if channelErr == nil {
		return m.ID, nil
	}
	mine, err := c.svc.Matches.Mine(c.uid)
	if err != nil {
		return "", err
	}
	var live []string
	for _, m := range mine {
		if m.Status == domain.MatchActive || m.Status == domain.MatchPaused {
			live = append(live, m.ID)
		}
	}
	if len(live) == 1 {
		return live[0], nil
	}
	return "", channelErr // names the pair channel and --match
}

func (h *Handler) checkIn(c *call) (string, error) {
	matchID, err := h.checkInMatch(c)
	if err != nil {
		return "", err
	}
	word, _ := c.inv.span(c.inv.words)
	word = strings.ToLower(strings.TrimSpace(word))
	note := c.inv.option("note")
	if word == "" && note == nil {
		return h.listCheckIns(c, matchID)
	}
	if word != "" && !domain.Contains(domain.CheckInAnswers, word) {
		return "", argError(msgCheckInBadWord, nil)
	}
	v, err := c.svc.CheckIns.Answer(c.uid, matchID, app.CheckInInput{Answer: word, Note: note})
	if err != nil {
		return "", err
	}
	answer := v.Answers[c.uid].Answer
	text := c.tr.T(c.uid, msgCheckInSaved, map[string]any{"Round": v.Round, "Answer": notify.CheckInAnswerLabel(c.tr, c.uid, answer)})
	if answer == domain.CheckInStruggling {
		text += "\n" + c.tr.T(c.uid, msgCheckInToldCoord, nil)
	}
	return text, nil
}

func (h *Handler) listCheckIns(c *call, matchID string) (string, error) {
	v, err := c.svc.CheckIns.List(c.uid, matchID)
	if err != nil {
		return "", err
	}
	if len(v.Rounds) == 0 {
		return c.tr.T(c.uid, msgCheckInNone, nil), nil
	}
	zone := h.readerZone(c.uid)
	lines := []string{c.tr.T(c.uid, msgCheckInHeader, nil)}
	rounds := v.Rounds[max(0, len(v.Rounds)-maxListedRounds):]
	for _, r := range rounds {
		var answers []string
		for user, a := range r.Answers {
			entry := c.tr.T(c.uid, msgCheckInAnswerOf, map[string]any{"User": h.checkInName(user), "Answer": notify.CheckInAnswerLabel(c.tr, c.uid, a.Answer)})
			if a.Note != "" {
				entry += fmt.Sprintf(" (%q)", a.Note)
			}
			answers = append(answers, entry)
		}
		if len(answers) == 0 {
			answers = []string{c.tr.T(c.uid, msgCheckInNoAnswer, nil)}
		}
		lines = append(lines, c.tr.T(c.uid, msgCheckInLine, map[string]any{"Round": r.Round,
			"Date": r.Due.In(zone).Format("2006-01-02"), "Answers": strings.Join(answers, "; ")}))
	}
	if v.CanAnswer {
		lines = append(lines, "", c.tr.T(c.uid, msgCheckInFooter, nil))
	}
	return strings.Join(lines, "\n"), nil
}

func (h *Handler) checkInNow(c *call) (string, error) {
	matchID, err := h.checkInMatch(c)
	if err != nil {
		return "", err
	}
	n, err := c.svc.CheckIns.StartRound(c.uid, matchID)
	if err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgCheckInStarted, map[string]any{"Round": n}), nil
}

func (h *Handler) feedback(c *call) (string, error) {
	matchID, err := h.checkInMatch(c)
	if err != nil {
		return "", err
	}
	v, err := c.svc.Feedback.List(c.uid, matchID)
	if err != nil {
		return "", err
	}
	if len(v.Items) == 0 {
		return c.tr.T(c.uid, msgFeedbackNone, nil), nil
	}
	zone := h.readerZone(c.uid)
	lines := []string{c.tr.T(c.uid, msgFeedbackHeader, nil)}
	for _, it := range v.Items {
		shared := ""
		if it.Shared {
			shared = c.tr.T(c.uid, msgFeedbackShared, nil)
		}
		data := map[string]any{"Rating": it.Rating, "Author": h.checkInName(it.AuthorID), "Shared": shared}
		msg := msgFeedbackExit
		if it.Kind == app.FeedbackSession {
			msg = msgFeedbackSession
			data["Title"] = it.Title
			if it.Title == "" {
				data["Title"] = c.tr.T(c.uid, msgFeedbackUntitled, nil)
			}
			data["Date"] = it.At.In(zone).Format("2006-01-02")
			if it.Occurrence != nil {
				data["Date"] = it.Occurrence.In(zone).Format("2006-01-02")
			}
		}
		lines = append(lines, c.tr.T(c.uid, msg, data))
		if text := strings.TrimSpace(it.Text); text != "" {
			lines = append(lines, "  > "+strings.ReplaceAll(text, "\n", "\n  > "))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// checkInName is a user as @username, the id when they cannot be looked up.
func (h *Handler) checkInName(userID string) string {
	if u, err := h.Users.Get(userID); err == nil && u != nil {
		return "@" + u.Username
	}
	return userID
}
