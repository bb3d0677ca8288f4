package command

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/matching"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// previewReasons is how many reasons a preview row shows.
const previewReasons = 3

// preview runs a dry run (or shows a page of the latest one): --policy or
// --min-score compute a new one; --page alone pages through the latest. Pages
// are numbered from 1 here, as people count; the services count from 0.
func (h *Handler) preview(c *call) (string, error) {
	p, err := h.programArg(c, "match preview")
	if err != nil {
		return "", err
	}
	page := 0
	if v := c.inv.option("page"); v != nil {
		n, err := strconv.Atoi(strings.TrimSpace(*v))
		if err != nil || n < 1 {
			return "", argError(msgBadPageArg, nil)
		}
		page = n - 1
	}
	in := app.PreviewInput{}
	if v := c.inv.option("policy"); v != nil {
		in.Policy = strings.ToLower(strings.TrimSpace(*v))
	}
	if v := c.inv.option("min-score"); v != nil {
		n, err := strconv.ParseInt(strings.TrimSpace(*v), 10, 64)
		if err != nil {
			return "", argError(msgBadMinScore, nil)
		}
		in.MinScore = &n
	}
	var pv *app.Preview
	if c.inv.option("page") == nil || in.Policy != "" || in.MinScore != nil {
		if pv, err = c.svc.Matches.Preview(c.uid, p.ID, in); err != nil {
			return "", err
		}
	}
	if pv == nil || page > 0 {
		if pv, err = c.svc.Matches.LatestPreview(c.uid, p.ID, page); err != nil {
			return "", err
		}
	}
	return h.renderPreview(c, p, pv), nil
}

func (h *Handler) renderPreview(c *call, p *domain.Program, pv *app.Preview) string {
	t := func(m *i18n.Message, data map[string]any) string { return c.tr.T(c.uid, m, data) }
	policy := pv.Policy
	if m, ok := policyLabels[policy]; ok {
		policy = t(m, nil)
	}
	slug := map[string]any{"Slug": p.Slug}
	lines := []string{t(msgPreviewHeader, map[string]any{"Program": p.Name, "Policy": policy, "MinScore": pv.MinScore})}
	if pv.Stale {
		lines = append(lines, t(msgPreviewStale, slug))
	}
	percent := 0
	if pv.Mentees > 0 {
		percent = pv.Matched * 100 / pv.Mentees
	}
	lines = append(lines, t(msgPreviewCoverage, map[string]any{"Matched": pv.Matched, "Mentees": pv.Mentees, "Percent": percent, "Mentors": pv.Mentors}))
	if pv.Matched > 0 {
		scores := t(msgPreviewScores, map[string]any{"Average": fmt.Sprintf("%.1f", pv.Average), "Lowest": pv.Lowest})
		if pv.Optimal {
			scores += " " + t(msgPreviewOptimal, nil)
		}
		lines = append(lines, scores)
	}
	lines = append(lines, "")
	if len(pv.Pairs) == 0 {
		lines = append(lines, t(msgPreviewNoPairs, nil))
	} else {
		lines = append(lines,
			tableRow(t(msgColumnMentee, nil), t(msgColumnMentor, nil), t(msgColumnScore, nil), t(msgColumnWhy, nil)),
			"|---|---|--:|---|")
		for _, pair := range pv.Pairs {
			names := notify.Pair{MenteeID: pair.MenteeID, MentorID: pair.MentorID, Mentee: h.name(pair.MenteeID), Mentor: h.name(pair.MentorID)}
			lines = append(lines, tableRow(names.Mentee, names.Mentor, strconv.FormatInt(pair.Score, 10),
				reasonSummary(c, names, pair.Reasons)))
		}
	}
	if len(pv.Unmatched) > 0 {
		lines = append(lines, "", t(msgUnmatchedHeader, nil))
		for _, u := range pv.Unmatched {
			why := u.Reason
			if m, ok := unmatchedLabels[u.Reason]; ok {
				why = t(m, nil)
			}
			lines = append(lines, "- "+h.name(u.UserID)+": "+why)
		}
	}
	lines = append(lines, "")
	if pv.Pages > 1 {
		pageLine := t(msgPreviewPage, map[string]any{"Page": pv.Page + 1, "Pages": pv.Pages})
		if pv.Page+1 < pv.Pages {
			pageLine += " " + t(msgPreviewNext, map[string]any{"Slug": p.Slug, "Next": pv.Page + 2})
		}
		lines = append(lines, pageLine)
	}
	switch pv.Status {
	case app.PreviewPublished:
		lines = append(lines, t(msgPreviewStatus, map[string]any{"Published": pv.Published, "Skipped": pv.Skipped}))
	case app.PreviewPublishing:
		lines = append(lines, t(msgPreviewRunning, map[string]any{"Published": pv.Published}))
	default:
		if pv.Matched > 0 && !pv.Stale {
			lines = append(lines, t(msgPreviewPublish, slug))
		}
	}
	return strings.Join(lines, "\n")
}

func reasonSummary(c *call, names notify.Pair, reasons []matching.Reason) string {
	return notify.ReasonSummary(c.tr, c.uid, names, reasons, previewReasons)
}

// publish sends the proposals of the program's latest preview. A stale preview
// is refused by the service; the reply says how to get a fresh one.
func (h *Handler) publish(c *call) (string, error) {
	p, err := h.programArg(c, "match publish")
	if err != nil {
		return "", err
	}
	latest, err := c.svc.Matches.LatestPreview(c.uid, p.ID, 0)
	if err != nil {
		return "", err
	}
	pv, err := c.svc.Matches.Publish(c.uid, p.ID, latest.ID)
	if err != nil {
		if appErr, ok := app.AsError(err); ok && appErr.Field == "roster_version" {
			return c.tr.T(c.uid, appErr.Message, appErr.Data) + "\n" + c.tr.T(c.uid, msgPublishStale, map[string]any{"Slug": p.Slug}), nil
		}
		return "", err
	}
	if pv.Status == app.PreviewPublished {
		return c.tr.T(c.uid, msgPublishDone, map[string]any{"Program": p.Name, "Published": pv.Published, "Skipped": pv.Skipped}), nil
	}
	return c.tr.T(c.uid, msgPublishStarted, map[string]any{"Program": p.Name, "Pairs": pv.Matched}), nil
}

// addMatchAutocomplete adds the matching commands to the autocomplete root.
func addMatchAutocomplete(root *model.AutocompleteData) {
	for _, cmd := range matchAutocomplete() {
		root.AddCommand(cmd)
	}
}

// matchAutocomplete is the autocomplete tree of the matching commands.
func matchAutocomplete() []*model.AutocompleteData {
	user := func(cmd *model.AutocompleteData, help, hint string) { cmd.AddTextArgument(help, hint, "") }

	suggest := model.NewAutocompleteData("suggest", "[program]", "Mentors you could ask")
	programArgument(suggest)

	request := model.NewAutocompleteData("request", "[program] [@mentor]", "Ask a mentor to mentor you")
	programArgument(request)
	user(request, "The mentor you ask", "[@mentor]")
	request.AddNamedTextArgument("message", "A note for the mentor", "TEXT", "", false)

	matches := model.NewAutocompleteData("matches", "", "Your matches, requests and proposals")

	end := model.NewAutocompleteData("end", "[program] [@partner]", "End one of your matches")
	programArgument(end)
	user(end, "Your partner, when you have several matches", "[@partner]")
	end.AddNamedStaticListArgument("outcome", "How it ended", false, staticList([]string{app.OutcomeCompleted, app.OutcomeCancelled}))
	end.AddNamedTextArgument("reason", "Why it ends", "TEXT", "", false)

	out := []*model.AutocompleteData{suggest, request, matches, end}
	for _, name := range []string{"pause-match", "resume-match"} {
		sub := model.NewAutocompleteData(name, "[program] [@partner]", name+" one of your matches")
		programArgument(sub)
		user(sub, "Your partner, when you have several matches", "[@partner]")
		out = append(out, sub)
	}

	match := model.NewAutocompleteData("match", "[preview|publish]", "Batch matching (coordinators)")
	preview := model.NewAutocompleteData("preview", "[program]", "Dry run: coverage, scores, pairs, unmatched")
	programArgument(preview)
	preview.AddNamedStaticListArgument("policy", "What to optimize", false, staticList([]string{string(matching.Participation), string(matching.Quality)}))
	preview.AddNamedTextArgument("min-score", "Lowest score a pair may have", "N", `^-?\d+$`, false)
	preview.AddNamedTextArgument("page", "Page of the preview", "N", `^\d+$`, false)
	match.AddCommand(preview)
	publish := model.NewAutocompleteData("publish", "[program]", "Send the proposals of the latest preview")
	programArgument(publish)
	match.AddCommand(publish)
	match.RoleID = model.SystemUserRoleId

	pair := model.NewAutocompleteData("pair", "[program] [@mentee] [@mentor]", "Propose a pair by hand (coordinators)")
	programArgument(pair)
	user(pair, "The mentee", "[@mentee]")
	user(pair, "The mentor", "[@mentor]")
	pair.AddNamedTextArgument("override", "Pair them despite a matching constraint", "", "", false)

	unpair := model.NewAutocompleteData("unpair", "[program] [@mentee]", "Cancel a mentee's match (coordinators)")
	programArgument(unpair)
	user(unpair, "The mentee", "[@mentee]")
	unpair.AddNamedTextArgument("reason", "Why", "TEXT", "", false)

	invite := model.NewAutocompleteData("invite", "[program] [@user]", "Add a member to an invite-only program (coordinators)")
	programArgument(invite)
	user(invite, "The team member", "[@user]")
	invite.AddNamedStaticListArgument("role", "How they take part", false, staticList([]string{domain.RoleMentee, domain.RoleMentor, domain.RoleBoth}))

	return append(out, match, pair, unpair, invite)
}
