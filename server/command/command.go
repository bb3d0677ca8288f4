// Package command implements /mentor: the grammar, the autocomplete tree and a
// handler per subcommand. Handlers call the app services and answer ephemerally.
package command

import (
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// Trigger is the slash command word.
const Trigger = "mentor"

// Users looks people up (pluginapi's UserService satisfies it).
type Users interface {
	Get(userID string) (*model.User, error)
	GetByUsername(username string) (*model.User, error)
}

// Logger records failures that the user only sees as "something went wrong".
type Logger interface {
	Error(message string, keyValuePairs ...any)
}

// Handler runs /mentor.
type Handler struct {
	Svc     *app.Services
	Tr      *i18n.Translator
	Dialogs *dialog.Dialogs
	Users   Users
	Log     Logger
}

// audience says who sees a subcommand in help and in suggestions.
type audience int

const (
	everyone     audience = iota
	creators              // may create programs in this team
	coordinators          // coordinate a program of this team, or system admin
)

type subcommand struct {
	name     string
	usage    string
	help     *i18n.Message
	audience audience
	options  []string // the --options it takes
	flags    []string // the options among them that need no value ("--override")
	run      func(h *Handler, c *call) (string, error)
}

// call is one execution: who, where, the reader's translator and the words
// after the subcommand.
type call struct {
	args *model.CommandArgs
	uid  string
	// tr is bound to the user's locale once per command: every line of the reply
	// renders without looking the locale up again.
	tr *i18n.Translator
	// svc remembers directory answers for this command only (app.ForRequest).
	svc *app.Services
	inv invocation
}

var (
	msgHelpHeader   = &i18n.Message{ID: "command.help.header", Other: "#### Mentorship: what you can do here"}
	msgHelpFooter   = &i18n.Message{ID: "command.help.footer", Other: "Name a program by its name or its handle, e.g. `women-in-tech`; quotes are optional. An option's value runs to the next option, e.g. `--goals grow into a lead role --role mentee`. Commands without options open a form."}
	msgUnknown      = &i18n.Message{ID: "command.unknown", Other: "`/mentor {{.Typed}}` is not a command. Did you mean `/mentor {{.Closest}}`? Type `/mentor help` to see what you can do."}
	msgInternal     = &i18n.Message{ID: "command.internal", Other: "Something went wrong on the server; it was logged. Try again in a moment."}
	msgHelpHelp     = &i18n.Message{ID: "command.help.help", Other: "Show this list."}
	msgHelpPrograms = &i18n.Message{ID: "command.help.programs", Other: "List the programs of this team and your place in each."}
	msgHelpJoin     = &i18n.Message{ID: "command.help.join", Other: "Join a program (opens a form without options)."}
	msgHelpLeave    = &i18n.Message{ID: "command.help.leave", Other: "Leave a program."}
	msgHelpPause    = &i18n.Message{ID: "command.help.pause", Other: "Pause your participation, until a date or until you resume."}
	msgHelpResume   = &i18n.Message{ID: "command.help.resume", Other: "Resume a paused participation."}
	msgHelpCreate   = &i18n.Message{ID: "command.help.create", Other: "Create a program (opens a form without a name)."}
	msgHelpEdit     = &i18n.Message{ID: "command.help.edit", Other: "Change a program (opens a form without options)."}
	msgHelpArchive  = &i18n.Message{ID: "command.help.archive", Other: "Archive a program; its data is kept."}
	msgHelpMembers  = &i18n.Message{ID: "command.help.members", Other: "List a program's members and requests."}
	msgHelpApprove  = &i18n.Message{ID: "command.help.approve", Other: "Approve a request to join."}
	msgHelpDecline  = &i18n.Message{ID: "command.help.decline", Other: "Decline a request to join."}
)

const programOptions = "[--description TEXT] [--kind one_to_one|circles|office_hours] [--enrollment open|approval|invite] [--matching coordinator|self_serve|automatic] [--cadence none|weekly|biweekly|monthly] [--start YYYY-MM-DD] [--end YYYY-MM-DD]"

var (
	programFieldOptions = []string{"description", "kind", "enrollment", "matching", "cadence", "start", "end"}
	programEditOptions  = append([]string{"name"}, programFieldOptions...)
)

// subcommands is the whole grammar, in help order. It is filled in init because
// help lists the subcommands and so refers to this table.
var subcommands []subcommand

func init() {
	subcommands = []subcommand{
		{name: "help", usage: "help", help: msgHelpHelp, audience: everyone, run: (*Handler).help},
		{name: "programs", usage: "programs", help: msgHelpPrograms, audience: everyone, run: (*Handler).listPrograms},
		{name: "join", usage: "join [PROGRAM] [--role mentee|mentor|peer|both] [--capacity N] [--goals TEXT]", help: msgHelpJoin, audience: everyone,
			options: []string{"role", "capacity", "goals"}, run: (*Handler).join},
		{name: "leave", usage: "leave PROGRAM", help: msgHelpLeave, audience: everyone, run: (*Handler).leave},
		{name: "pause", usage: "pause PROGRAM [--until YYYY-MM-DD]", help: msgHelpPause, audience: everyone,
			options: []string{"until"}, run: (*Handler).pause},
		{name: "resume", usage: "resume PROGRAM", help: msgHelpResume, audience: everyone, run: (*Handler).resume},
		{name: "program create", usage: "program create [NAME] " + programOptions, help: msgHelpCreate, audience: creators,
			options: programEditOptions, run: (*Handler).createProgram},
		{name: "program edit", usage: "program edit PROGRAM [--name NAME] " + programOptions, help: msgHelpEdit, audience: coordinators,
			options: programEditOptions, run: (*Handler).editProgram},
		{name: "program archive", usage: "program archive PROGRAM", help: msgHelpArchive, audience: coordinators, run: (*Handler).archiveProgram},
		{name: "program members", usage: "program members PROGRAM [--page N] [--search TEXT]", help: msgHelpMembers, audience: coordinators,
			options: []string{"page", "search"}, run: (*Handler).members},
		{name: "approve", usage: "approve PROGRAM @USER", help: msgHelpApprove, audience: coordinators, run: (*Handler).approve},
		{name: "decline", usage: "decline PROGRAM @USER", help: msgHelpDecline, audience: coordinators, run: (*Handler).decline},
	}
	subcommands = append(subcommands, profileSubcommands()...)
	subcommands = append(subcommands, matchSubcommands()...)
	subcommands = append(subcommands, sessionSubcommands()...)
	subcommands = append(subcommands, prefsSubcommands()...)
	subcommands = append(subcommands, officeHoursSubcommands()...)
	subcommands = append(subcommands, goalSubcommands()...)
	subcommands = append(subcommands, checkInSubcommands()...)
	subcommands = append(subcommands, insightSubcommands()...)
	subcommands = append(subcommands, exportSubcommands()...)
	subcommands = append(subcommands, resourceSubcommands()...)
}

// Execute runs one /mentor command line and returns the ephemeral reply.
func (h *Handler) Execute(args *model.CommandArgs) *model.CommandResponse {
	c := &call{args: args, uid: args.UserId, tr: h.Tr.For(args.UserId), svc: h.Svc.ForRequest()}
	text, err := h.execute(c)
	if err != nil {
		appErr, isAppErr := app.AsError(err)
		if isAppErr {
			text = c.tr.T(c.uid, appErr.Message, appErr.Data)
		} else {
			h.Log.Error("/mentor failed", "command", args.Command, "error", err.Error())
			text = c.tr.T(c.uid, msgInternal, nil)
		}
	}
	return &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: text}
}

func (h *Handler) execute(c *call) (string, error) {
	inv, err := parse(c.args.Command)
	if err != nil {
		return "", err
	}
	inv.shift(1) // the trigger itself
	if len(inv.words) == 0 && len(inv.options) == 0 {
		return h.help(c)
	}
	for _, sc := range subcommands {
		if !inv.startsWith(strings.Fields(sc.name)) {
			continue
		}
		inv.shift(len(strings.Fields(sc.name)))
		if err := inv.check(sc.options, sc.flags); err != nil {
			return "", err
		}
		c.inv = inv
		return sc.run(h, c)
	}
	var typed string
	if len(inv.words) > 0 {
		typed = inv.words[0].text
		if strings.EqualFold(typed, "program") && len(inv.words) > 1 {
			typed += " " + inv.words[1].text
		}
	} else { // only options, as in "/mentor --help"
		typed = inv.line[inv.options[0].marker.start:inv.options[0].marker.end]
	}
	return c.tr.T(c.uid, msgUnknown, map[string]any{"Typed": typed, "Closest": h.closest(c, typed)}), nil
}

// closest is the visible subcommand nearest to what was typed.
func (h *Handler) closest(c *call, typed string) string {
	best, bestDistance := "help", -1
	for _, sc := range h.visible(c) {
		d := levenshtein.ComputeDistance(strings.ToLower(typed), sc.name)
		if bestDistance < 0 || d < bestDistance {
			best, bestDistance = sc.name, d
		}
	}
	return best
}

// visible returns the subcommands this user may run in this team. A system
// admin may do everything, so the team's programs are read only for others.
func (h *Handler) visible(c *call) []subcommand {
	coordinates := c.svc.Permissions.IsAdmin(c.uid)
	canCreate := coordinates
	if !coordinates {
		canCreate = c.svc.Permissions.CanCreateProgram(c.uid, c.args.TeamId) == nil
		if programs, err := c.svc.Programs.List(c.uid, c.args.TeamId, true); err == nil {
			for _, p := range programs {
				if p.IsCoordinator(c.uid) {
					coordinates = true
					break
				}
			}
		}
	}
	var out []subcommand
	for _, sc := range subcommands {
		if sc.audience == everyone || (sc.audience == creators && canCreate) || (sc.audience == coordinators && coordinates) {
			out = append(out, sc)
		}
	}
	return out
}

func (h *Handler) help(c *call) (string, error) {
	lines := []string{c.tr.T(c.uid, msgHelpHeader, nil)}
	for _, sc := range h.visible(c) {
		lines = append(lines, "- `/mentor "+sc.usage+"`: "+c.tr.T(c.uid, sc.help, nil))
	}
	lines = append(lines, "", c.tr.T(c.uid, msgHelpFooter, nil))
	return strings.Join(lines, "\n"), nil
}
