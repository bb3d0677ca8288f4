package notify

import (
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// DigestNotifier implements app.DigestNotifier.
type DigestNotifier struct{ Kit }

var _ app.DigestNotifier = (*DigestNotifier)(nil)

// digestTopAtRisk is how many at-risk matches the digest names; the sidebar
// lists them all.
const digestTopAtRisk = 5

var (
	msgDigestWeeklyTitle   = &i18n.Message{ID: "digest.title", Other: "#### 📊 Weekly digest: {{.Program}}"}
	msgDigestMatches       = &i18n.Message{ID: "digest.matches", Other: "- **Matches:** {{.Active}} active, {{.Total}} in all"}
	msgDigestSessions      = &i18n.Message{ID: "digest.sessions", Other: "- **Sessions:** {{.LastWeek}} held last week; {{.Held}} held of {{.Planned}} planned so far"}
	msgDigestAttendance    = &i18n.Message{ID: "digest.attendance", Other: "- **Attendance:** {{.Rate}}"}
	msgDigestGoals         = &i18n.Message{ID: "digest.goals", Other: "- **Goals:** {{.Done}} of {{.Total}} done ({{.Rate}}), {{.AtRisk}} at risk"}
	msgDigestRating        = &i18n.Message{ID: "digest.rating", Other: "- **Average rating:** {{.Average}} / 5 ({{.Count}} ratings)"}
	msgDigestNoRating      = &i18n.Message{ID: "digest.rating.none", Other: "- **Average rating:** no ratings yet"}
	msgDigestCheckIns      = &i18n.Message{ID: "digest.checkins", Other: "- **Check-ins last week:** {{.Great}} great, {{.Fine}} fine, {{.Struggling}} struggling"}
	msgDigestNotMarked     = &i18n.Message{ID: "digest.not_marked", Other: "not marked yet"}
	msgDigestAtRiskTitle   = &i18n.Message{ID: "digest.at_risk", Other: "**At risk: {{.Total}}**"}
	msgDigestAtRiskNone    = &i18n.Message{ID: "digest.at_risk.none", Other: "**At risk:** none 🎉"}
	msgDigestAtRiskLine    = &i18n.Message{ID: "digest.at_risk.line", Other: "- {{.Mentee}} & {{.Mentor}}{{.Channel}}: {{.Reasons}}"}
	msgDigestAtRiskMore    = &i18n.Message{ID: "digest.at_risk.more", Other: "- … and {{.More}} more"}
	msgDigestWeeklyHelp    = &i18n.Message{ID: "digest.help", Other: "Open the Mentorship sidebar (coordinator tab) for the charts, the whole list and a nudge button, or type `/mentor insight {{.Slug}}`. `/mentor insight settings {{.Slug}}` changes the digest's day and time or turns it off."}
	msgDigestNoSession     = &i18n.Message{ID: "digest.reason.no_session", Other: "no session in {{.Days}} days"}
	msgDigestNoFirst       = &i18n.Message{ID: "digest.reason.no_first_meeting", Other: "no first meeting {{.Days}} days after matching"}
	msgDigestStalledGoal   = &i18n.Message{ID: "digest.reason.stalled_goal", Other: "a goal has not moved in {{.Days}} days"}
	msgDigestLowRating     = &i18n.Message{ID: "digest.reason.low_rating", Other: "a low rating ({{.Rating}} / 5)"}
	msgDigestStruggling    = &i18n.Message{ID: "digest.reason.struggling", Other: "{{.User}} answered “struggling”"}
	msgDigestOneSideSilent = &i18n.Message{ID: "digest.reason.one_side_silent", Other: "{{.User}} has not posted in the pair channel for {{.Days}} days"}
)

// Weekly sends one coordinator a program's weekly digest in their language,
// marked with the nudge key so FindNudge can find it after a crash.
func (n *DigestNotifier) Weekly(p *domain.Program, to string, v *app.InsightView, key string) string {
	tr := n.Tr.For(to)
	t := func(m *i18n.Message, data map[string]any) string { return tr.T(to, m, data) }
	lines := []string{
		t(msgDigestWeeklyTitle, map[string]any{"Program": p.Name}),
		t(msgDigestMatches, map[string]any{"Active": v.Matches.Active, "Total": v.Matches.Total}),
		t(msgDigestSessions, map[string]any{"LastWeek": digestLastWeekHeld(v), "Held": v.Sessions.Held, "Planned": v.Sessions.Planned}),
	}
	rate := t(msgDigestNotMarked, nil)
	if v.Sessions.AttendanceRate > 0 || v.Sessions.Held > 0 {
		rate = digestPercent(v.Sessions.AttendanceRate)
	}
	lines = append(lines, t(msgDigestAttendance, map[string]any{"Rate": rate}),
		t(msgDigestGoals, map[string]any{"Done": v.Goals.Done, "Total": v.Goals.Total,
			"Rate": digestPercent(v.Goals.CompletionRate), "AtRisk": v.Goals.AtRisk}))
	if v.Ratings.Count > 0 {
		lines = append(lines, t(msgDigestRating, map[string]any{"Average": fmt.Sprintf("%.1f", v.Ratings.Average), "Count": v.Ratings.Count}))
	} else {
		lines = append(lines, t(msgDigestNoRating, nil))
	}
	week := digestLastWeekCheckIns(v)
	lines = append(lines, t(msgDigestCheckIns, map[string]any{"Great": week.Great, "Fine": week.Fine, "Struggling": week.Struggling}), "")

	total := max(v.AtRiskTotal, len(v.AtRisk))
	if total == 0 {
		lines = append(lines, t(msgDigestAtRiskNone, nil))
	} else {
		lines = append(lines, t(msgDigestAtRiskTitle, map[string]any{"Total": total}))
		for i, m := range v.AtRisk {
			if i == digestTopAtRisk {
				break
			}
			lines = append(lines, t(msgDigestAtRiskLine, map[string]any{
				"Mentee": n.userName(m.MenteeID), "Mentor": n.userName(m.MentorID),
				"Channel": n.channelMention(m.ChannelID), "Reasons": n.reasons(t, m.Reasons),
			}))
		}
		if more := total - min(len(v.AtRisk), digestTopAtRisk); more > 0 {
			lines = append(lines, t(msgDigestAtRiskMore, map[string]any{"More": more}))
		}
	}
	lines = append(lines, "", t(msgDigestWeeklyHelp, map[string]any{"Slug": p.Slug}))

	post := &model.Post{Message: strings.Join(lines, "\n"), Props: model.StringInterface{"program_id": p.ID}}
	post.AddProp(PropNudge, key)
	if err := n.Posts.DM(n.BotID(), to, post); err != nil {
		n.Log.Warn("failed to send the weekly digest", "user_id", to, "program_id", p.ID, "error", err.Error())
		return ""
	}
	return post.Id
}

// reasons renders a match's at-risk reasons in the reader's language.
func (n *DigestNotifier) reasons(t func(*i18n.Message, map[string]any) string, reasons []app.RiskReason) string {
	out := make([]string, 0, len(reasons))
	for _, r := range reasons {
		data := map[string]any{"Days": r.Days, "Rating": r.Rating}
		if r.UserID != "" {
			data["User"] = n.userName(r.UserID)
		}
		var m *i18n.Message
		switch r.Code {
		case app.RiskNoSession:
			m = msgDigestNoSession
		case app.RiskNoFirst:
			m = msgDigestNoFirst
		case app.RiskStalledGoal:
			m = msgDigestStalledGoal
		case app.RiskLowRating:
			m = msgDigestLowRating
		case app.RiskStruggling:
			m = msgDigestStruggling
		case app.RiskOneSideQuiet:
			m = msgDigestOneSideSilent
		default:
			out = append(out, r.Code)
			continue
		}
		out = append(out, t(m, data))
	}
	return strings.Join(out, "; ")
}

// userName is @username, or the id when the lookup fails.
func (n *DigestNotifier) userName(userID string) string {
	if userID == "" {
		return ""
	}
	u, err := n.Users.Get(userID)
	if err != nil || u == nil {
		return userID
	}
	return "@" + u.Username
}

// channelMention is " (~channel)", a link to the pair's channel for a
// coordinator who is in it; "" when it cannot be looked up.
func (n *DigestNotifier) channelMention(channelID string) string {
	if channelID == "" || n.Channels == nil {
		return ""
	}
	ch, err := n.Channels.Get(channelID)
	if err != nil || ch == nil || ch.Name == "" {
		return ""
	}
	return " (~" + ch.Name + ")"
}

func digestPercent(rate float64) string { return fmt.Sprintf("%.0f %%", rate*100) }

// digestLastWeekHeld is the sessions held in the ISO week before the one the
// insight was computed in.
func digestLastWeekHeld(v *app.InsightView) int {
	week := digestPreviousWeek(v.GeneratedAt)
	for _, w := range v.Sessions.PerWeek {
		if w.Week == week {
			return w.Held
		}
	}
	return 0
}

// digestLastWeekCheckIns is the check-in answers of the ISO week before the one
// the insight was computed in.
func digestLastWeekCheckIns(v *app.InsightView) app.CheckInWeek {
	week := digestPreviousWeek(v.GeneratedAt)
	for _, w := range v.CheckIns {
		if w.Week == week {
			return w
		}
	}
	return app.CheckInWeek{}
}

func digestPreviousWeek(at time.Time) string {
	if at.IsZero() {
		at = time.Now()
	}
	y, w := at.UTC().AddDate(0, 0, -7).ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}
