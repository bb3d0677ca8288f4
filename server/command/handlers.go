package command

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgNoPrograms      = &i18n.Message{ID: "command.programs.none", Other: "This team has no programs yet."}
	msgProgramsHeader  = &i18n.Message{ID: "command.programs.header", Other: "#### Programs of this team"}
	msgNotJoined       = &i18n.Message{ID: "command.programs.not_joined", Other: "not joined: `/mentor join {{.Slug}}`"}
	msgYourPlace       = &i18n.Message{ID: "command.programs.yours", Other: "you: {{.Role}}, {{.Status}}"}
	msgNeedProgram     = &i18n.Message{ID: "command.need_program", Other: "Say which program: `/mentor {{.Command}} PROGRAM`. `/mentor programs` lists them."}
	msgNeedUser        = &i18n.Message{ID: "command.need_user", Other: "Say whose request: `/mentor {{.Command}} PROGRAM @username`."}
	msgNoSuchUser      = &i18n.Message{ID: "command.no_such_user", Other: "There is no user @{{.Username}}."}
	msgJoinNeedsRole   = &i18n.Message{ID: "command.join.needs_role", Other: "Say how you take part: add `--role mentee|mentor|peer|both`, for example `/mentor join {{.Slug}} --role mentee`. (`/mentor join {{.Slug}}` without options opens a form.)"}
	msgNameTwice       = &i18n.Message{ID: "command.create.name_twice", Other: "Give the name once: after `program create` or with --name, not both."}
	msgBadCapacityArg  = &i18n.Message{ID: "command.bad_capacity", Other: "--capacity must be a whole number, for example --capacity 2."}
	msgLeft            = &i18n.Message{ID: "command.left", Other: "You left **{{.Program}}**. You can join again any time with `/mentor join {{.Slug}}`."}
	msgPaused          = &i18n.Message{ID: "command.paused", Other: "Your participation in **{{.Program}}** is paused until you resume (`/mentor resume {{.Slug}}`)."}
	msgPausedUntil     = &i18n.Message{ID: "command.paused_until", Other: "Your participation in **{{.Program}}** is paused until {{.Until}}."}
	msgResumed         = &i18n.Message{ID: "command.resumed", Other: "Welcome back: your participation in **{{.Program}}** is active again."}
	msgArchivedProgram = &i18n.Message{ID: "command.archived", Other: "**{{.Program}}** is archived. Its members and history are kept."}
	msgMembersHeader   = &i18n.Message{ID: "command.members.header", Other: "#### Members of {{.Program}} ({{.Count}})"}
	msgColumnMember    = &i18n.Message{ID: "command.members.column_member", Other: "Member"}
	msgColumnRole      = &i18n.Message{ID: "command.members.column_role", Other: "Role"}
	msgColumnStatus    = &i18n.Message{ID: "command.members.column_status", Other: "Status"}
	msgColumnJoined    = &i18n.Message{ID: "command.members.column_joined", Other: "Joined"}
	msgMembersNone     = &i18n.Message{ID: "command.members.none", Other: "**{{.Program}}** has no members yet."}
	msgMembersNoMatch  = &i18n.Message{ID: "command.members.no_match", Other: "No member of **{{.Program}}** matches “{{.Search}}”."}
	msgMembersPastEnd  = &i18n.Message{ID: "command.members.past_end", Other: "**{{.Program}}** has {{.Pages}} pages of members; ask for a page from 1 to {{.Pages}}."}
	msgMembersPageOf   = &i18n.Message{ID: "command.members.page_of", Other: "Page {{.Page}} of {{.Pages}}. Next: `{{.Command}}`"}
	msgMembersLastPage = &i18n.Message{ID: "command.members.last_page", Other: "Page {{.Page}} of {{.Pages}} (the last)."}
	msgMembersBadPage  = &i18n.Message{ID: "command.bad_page", Other: "--page must be a whole number from 1 up, for example --page 2."}
	msgApproved        = &i18n.Message{ID: "command.approved", Other: "@{{.Username}} is now a member of **{{.Program}}**; I sent them a welcome."}
	msgDeclinedUser    = &i18n.Message{ID: "command.declined", Other: "You declined @{{.Username}}'s request to join **{{.Program}}**."}
)

func programFields(inv invocation) app.ProgramFields {
	return app.ProgramFields{
		Name: inv.option("name"), Description: inv.option("description"), Kind: inv.option("kind"),
		EnrollmentMode: inv.option("enrollment"), MatchingMode: inv.option("matching"),
		CheckInCadence: inv.option("cadence"), StartDate: inv.option("start"), EndDate: inv.option("end"),
	}
}

// programArg resolves the positional words to a program.
func (h *Handler) programArg(c *call, command string) (*domain.Program, error) {
	ref, err := c.inv.rest()
	if err != nil {
		return nil, err
	}
	return h.findProgram(c, ref, command)
}

func (h *Handler) findProgram(c *call, ref, command string) (*domain.Program, error) {
	if ref == "" {
		return nil, argError(msgNeedProgram, map[string]any{"Command": command})
	}
	return c.svc.Programs.Find(c.uid, c.args.TeamId, ref)
}

func (h *Handler) listPrograms(c *call) (string, error) {
	programs, err := c.svc.Programs.List(c.uid, c.args.TeamId, false)
	if err != nil {
		return "", err
	}
	if len(programs) == 0 {
		return c.tr.T(c.uid, msgNoPrograms, nil), nil
	}
	mine, err := c.svc.Enrollments.ByProgram(c.uid)
	if err != nil {
		return "", err
	}
	lines := []string{c.tr.T(c.uid, msgProgramsHeader, nil)}
	for _, p := range programs {
		place := c.tr.T(c.uid, msgNotJoined, map[string]any{"Slug": p.Slug})
		if e, ok := mine[p.ID]; ok && e.Status != domain.StatusLeft && e.Status != domain.StatusDeclined {
			place = c.tr.T(c.uid, msgYourPlace, map[string]any{"Role": c.tr.Role(c.uid, e.Role), "Status": c.tr.Value(c.uid, e.Status)})
		}
		line := fmt.Sprintf("- **%s** (`%s`, %s): %s", p.Name, p.Slug, c.tr.Value(c.uid, p.EnrollmentMode), place)
		if p.Description != "" {
			line += "\n  " + firstLine(p.Description)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func (h *Handler) createProgram(c *call) (string, error) {
	name, err := c.inv.rest()
	if err != nil {
		return "", err
	}
	fields := programFields(c.inv)
	if name != "" {
		if fields.Name != nil {
			return "", argError(msgNameTwice, nil)
		}
		fields.Name = &name
	}
	if fields.Name == nil && len(c.inv.options) == 0 {
		if err := c.svc.Permissions.CanCreateProgram(c.uid, c.args.TeamId); err != nil {
			return "", err
		}
		return "", h.Dialogs.OpenProgram(c.args.TriggerId, c.uid, c.args.TeamId, nil)
	}
	p, err := c.svc.Programs.Create(c.uid, c.args.TeamId, fields)
	if err != nil {
		return "", err
	}
	return dialog.ProgramOutcome(c.tr, c.uid, p, true), nil
}

func (h *Handler) editProgram(c *call) (string, error) {
	p, err := h.programArg(c, "program edit")
	if err != nil {
		return "", err
	}
	if len(c.inv.options) == 0 {
		// Refuse before showing a form that could not be saved.
		if err := c.svc.Permissions.RequireCoordinator(c.uid, p); err != nil {
			return "", err
		}
		return "", h.Dialogs.OpenProgram(c.args.TriggerId, c.uid, p.TeamID, p)
	}
	updated, err := c.svc.Programs.Update(c.uid, p.ID, programFields(c.inv))
	if err != nil {
		return "", err
	}
	return dialog.ProgramOutcome(c.tr, c.uid, updated, false), nil
}

func (h *Handler) archiveProgram(c *call) (string, error) {
	p, err := h.programArg(c, "program archive")
	if err != nil {
		return "", err
	}
	if _, err := c.svc.Programs.Archive(c.uid, p.ID); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgArchivedProgram, map[string]any{"Program": p.Name}), nil
}

func (h *Handler) members(c *call) (string, error) {
	p, err := h.programArg(c, "program members")
	if err != nil {
		return "", err
	}
	query := app.MemberQuery{}
	if search := c.inv.option("search"); search != nil {
		query.Search = strings.TrimSpace(*search)
	}
	page := 1 // people count pages from 1; the service from 0
	if s := c.inv.option("page"); s != nil {
		if page, err = strconv.Atoi(strings.TrimSpace(*s)); err != nil || page < 1 {
			return "", argError(msgMembersBadPage, nil)
		}
	}
	query.Page = page - 1
	res, err := c.svc.Enrollments.MembersPage(c.uid, p.ID, query)
	if err != nil {
		return "", err
	}
	data := map[string]any{"Program": p.Name, "Search": query.Search, "Page": page, "Pages": res.Pages}
	switch {
	case res.Total == 0 && query.Search != "":
		return c.tr.T(c.uid, msgMembersNoMatch, data), nil
	case res.Total == 0:
		return c.tr.T(c.uid, msgMembersNone, data), nil
	case len(res.Members) == 0:
		return c.tr.T(c.uid, msgMembersPastEnd, data), nil
	}
	lines := []string{c.tr.T(c.uid, msgMembersHeader, map[string]any{"Program": p.Name, "Count": res.Total}),
		tableRow(c.tr.T(c.uid, msgColumnMember, nil), c.tr.T(c.uid, msgColumnRole, nil),
			c.tr.T(c.uid, msgColumnStatus, nil), c.tr.T(c.uid, msgColumnJoined, nil)),
		"|---|---|---|---|"}
	zone := h.readerZone(c.uid)
	for _, m := range res.Members {
		name := m.UserID
		if m.Username != "" {
			name = "@" + m.Username
		}
		role := c.tr.Role(c.uid, m.Role)
		if m.Capacity > 0 {
			role += fmt.Sprintf(" (%d)", m.Capacity)
		}
		lines = append(lines, tableRow(name, role, c.tr.Value(c.uid, m.Status), m.JoinedAt.In(zone).Format("2006-01-02")))
	}
	if res.Pages > 1 {
		lines = append(lines, "", membersPageLine(c, p.Slug, query.Search, page, res.Pages))
	}
	return strings.Join(lines, "\n"), nil
}

// membersPageLine says which page this is and how to ask for the next one.
func membersPageLine(c *call, slug, search string, page, pages int) string {
	data := map[string]any{"Page": page, "Pages": pages}
	if page >= pages {
		return c.tr.T(c.uid, msgMembersLastPage, data)
	}
	next := fmt.Sprintf("/mentor program members %s --page %d", slug, page+1)
	if search != "" {
		next += " --search " + search
	}
	data["Command"] = next
	return c.tr.T(c.uid, msgMembersPageOf, data)
}

// tableRow is one Markdown table row; a | inside a cell (a translation could
// have one) would split the cell, so it is escaped.
func tableRow(cells ...string) string {
	for i, cell := range cells {
		cells[i] = strings.ReplaceAll(cell, "|", `\|`)
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

func (h *Handler) join(c *call) (string, error) {
	ref, err := c.inv.rest()
	if err != nil {
		return "", err
	}
	typedOptions := len(c.inv.options) > 0
	if ref == "" && !typedOptions {
		return "", h.Dialogs.OpenJoin(c.args.TriggerId, c.uid, c.args.TeamId, nil)
	}
	p, err := h.findProgram(c, ref, "join")
	if err != nil {
		return "", err
	}
	role := c.inv.option("role")
	if role == nil && p.Kind != domain.KindCircles {
		if typedOptions {
			// A form would lose what was typed (it cannot be prefilled with goals).
			return "", argError(msgJoinNeedsRole, map[string]any{"Slug": p.Slug})
		}
		return "", h.Dialogs.OpenJoin(c.args.TriggerId, c.uid, c.args.TeamId, p)
	}
	in := app.JoinInput{}
	if role != nil {
		in.Role = *role
	}
	if goals := c.inv.option("goals"); goals != nil {
		in.Goals = *goals
	}
	if capacity := c.inv.option("capacity"); capacity != nil {
		if in.Capacity, err = strconv.Atoi(*capacity); err != nil {
			return "", argError(msgBadCapacityArg, nil)
		}
	}
	res, err := c.svc.Enrollments.Join(c.uid, p.ID, in)
	if err != nil {
		return "", err
	}
	return dialog.JoinOutcome(c.tr, c.uid, p, res), nil
}

func (h *Handler) leave(c *call) (string, error) {
	p, err := h.programArg(c, "leave")
	if err != nil {
		return "", err
	}
	if _, err := c.svc.Enrollments.Leave(c.uid, p.ID); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgLeft, map[string]any{"Program": p.Name, "Slug": p.Slug}), nil
}

func (h *Handler) pause(c *call) (string, error) {
	p, err := h.programArg(c, "pause")
	if err != nil {
		return "", err
	}
	until := ""
	if u := c.inv.option("until"); u != nil {
		until = *u
	}
	e, err := c.svc.Enrollments.Pause(c.uid, p.ID, until)
	if err != nil {
		return "", err
	}
	if e.PausedUntil != "" {
		return c.tr.T(c.uid, msgPausedUntil, map[string]any{"Program": p.Name, "Until": e.PausedUntil}), nil
	}
	return c.tr.T(c.uid, msgPaused, map[string]any{"Program": p.Name, "Slug": p.Slug}), nil
}

func (h *Handler) resume(c *call) (string, error) {
	p, err := h.programArg(c, "resume")
	if err != nil {
		return "", err
	}
	if _, err := c.svc.Enrollments.Resume(c.uid, p.ID); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgResumed, map[string]any{"Program": p.Name}), nil
}

func (h *Handler) approve(c *call) (string, error) { return h.decide(c, "approve", true) }
func (h *Handler) decline(c *call) (string, error) { return h.decide(c, "decline", false) }

func (h *Handler) decide(c *call, command string, approve bool) (string, error) {
	ref, username, err := c.inv.restAndUser()
	if err != nil {
		return "", err
	}
	if ref == "" || username == "" {
		// Ask for the program first: "approve @ana" has a user but no program.
		if ref == "" || strings.HasPrefix(ref, "@") {
			return "", argError(msgNeedProgram, map[string]any{"Command": command})
		}
		return "", argError(msgNeedUser, map[string]any{"Command": command})
	}
	p, err := h.findProgram(c, ref, command)
	if err != nil {
		return "", err
	}
	u, err := h.Users.GetByUsername(username)
	if err != nil || u == nil {
		return "", argError(msgNoSuchUser, map[string]any{"Username": username})
	}
	if _, err := c.svc.Enrollments.Decide(c.uid, p.ID, u.Id, approve); err != nil {
		return "", err
	}
	msg := msgDeclinedUser
	if approve {
		msg = msgApproved
	}
	return c.tr.T(c.uid, msg, map[string]any{"Username": u.Username, "Program": p.Name}), nil
}

// readerZone is the user's Mattermost time zone: stored times are UTC and are
// shown in the reader's zone.
func (h *Handler) readerZone(userID string) *time.Location {
	if u, err := h.Users.Get(userID); err == nil && u != nil {
		if loc, err := time.LoadLocation(u.GetPreferredTimezone()); err == nil {
			return loc
		}
	}
	return time.UTC
}
