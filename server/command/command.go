// Package command implements /mentor: the grammar, the autocomplete tree and a
// handler per subcommand. Handlers call the app services and answer ephemerally.
package command

import (
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/pkg/errors"

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
	run      func(h *Handler, c *call) (string, error)
}

// call is one execution: who, where, and the words after the subcommand.
type call struct {
	args   *model.CommandArgs
	uid    string
	tokens []string
}

var (
	msgHelpHeader   = &i18n.Message{ID: "command.help.header", Other: "#### Mentorship: what you can do here"}
	msgHelpFooter   = &i18n.Message{ID: "command.help.footer", Other: "A program can be named by its name in quotes or its handle, e.g. `women-in-tech`. Commands without options open a form."}
	msgUnknown      = &i18n.Message{ID: "command.unknown", Other: "`/mentor {{.Typed}}` is not a command. Did you mean `/mentor {{.Closest}}`? Type `/mentor help` to see what you can do."}
	msgInternal     = &i18n.Message{ID: "command.internal", Other: "Something went wrong on the server; it was logged. Try again in a moment."}
	msgHelpHelp     = &i18n.Message{ID: "command.help.help", Other: "Show this list."}
	msgHelpPrograms = &i18n.Message{ID: "command.help.programs", Other: "List the programs of this team and your place in each."}
	msgHelpJoin     = &i18n.Message{ID: "command.help.join", Other: "Join a program (opens a form without a role)."}
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

// subcommands is the whole grammar, in help order. It is filled in init because
// help lists the subcommands and so refers to this table.
var subcommands []subcommand

func init() {
	subcommands = []subcommand{
		{"help", "help", msgHelpHelp, everyone, (*Handler).help},
		{"programs", "programs", msgHelpPrograms, everyone, (*Handler).listPrograms},
		{"join", "join [PROGRAM] [--role mentee|mentor|peer|both] [--capacity N] [--goals TEXT]", msgHelpJoin, everyone, (*Handler).join},
		{"leave", "leave PROGRAM", msgHelpLeave, everyone, (*Handler).leave},
		{"pause", "pause PROGRAM [--until YYYY-MM-DD]", msgHelpPause, everyone, (*Handler).pause},
		{"resume", "resume PROGRAM", msgHelpResume, everyone, (*Handler).resume},
		{"program create", "program create [NAME] " + programOptions, msgHelpCreate, creators, (*Handler).createProgram},
		{"program edit", "program edit PROGRAM [--name NAME] " + programOptions, msgHelpEdit, coordinators, (*Handler).editProgram},
		{"program archive", "program archive PROGRAM", msgHelpArchive, coordinators, (*Handler).archiveProgram},
		{"program members", "program members PROGRAM", msgHelpMembers, coordinators, (*Handler).members},
		{"approve", "approve PROGRAM @USER", msgHelpApprove, coordinators, (*Handler).approve},
		{"decline", "decline PROGRAM @USER", msgHelpDecline, coordinators, (*Handler).decline},
	}
}

// Execute runs one /mentor command line and returns the ephemeral reply.
func (h *Handler) Execute(args *model.CommandArgs) *model.CommandResponse {
	text, err := h.execute(args)
	if err != nil {
		var appErr *app.Error
		if errors.As(err, &appErr) {
			text = h.Tr.T(args.UserId, appErr.Message, appErr.Data)
		} else {
			h.Log.Error("/mentor failed", "command", args.Command, "error", err.Error())
			text = h.Tr.T(args.UserId, msgInternal, nil)
		}
	}
	return &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: text}
}

func (h *Handler) execute(args *model.CommandArgs) (string, error) {
	tokens, err := split(args.Command)
	if err != nil {
		return "", err
	}
	if len(tokens) > 0 {
		tokens = tokens[1:] // the trigger itself
	}
	c := &call{args: args, uid: args.UserId}
	if len(tokens) == 0 {
		return h.help(c)
	}
	for _, sc := range subcommands {
		words := strings.Fields(sc.name)
		if len(tokens) >= len(words) && strings.EqualFold(strings.Join(tokens[:len(words)], " "), sc.name) {
			c.tokens = tokens[len(words):]
			return sc.run(h, c)
		}
	}
	typed := tokens[0]
	if strings.EqualFold(typed, "program") && len(tokens) > 1 {
		typed += " " + tokens[1]
	}
	return h.Tr.T(c.uid, msgUnknown, map[string]any{"Typed": typed, "Closest": h.closest(c, typed)}), nil
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

// visible returns the subcommands this user may run in this team.
func (h *Handler) visible(c *call) []subcommand {
	canCreate := h.Svc.Permissions.CanCreateProgram(c.uid, c.args.TeamId) == nil
	coordinates := h.Svc.Permissions.IsAdmin(c.uid)
	if !coordinates {
		if programs, err := h.Svc.Programs.List(c.uid, c.args.TeamId, true); err == nil {
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
	lines := []string{h.Tr.T(c.uid, msgHelpHeader, nil)}
	for _, sc := range h.visible(c) {
		lines = append(lines, "- `/mentor "+sc.usage+"`: "+h.Tr.T(c.uid, sc.help, nil))
	}
	lines = append(lines, "", h.Tr.T(c.uid, msgHelpFooter, nil))
	return strings.Join(lines, "\n"), nil
}
