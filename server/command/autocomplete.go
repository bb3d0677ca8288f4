package command

import (
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// programsURL serves the dynamic list of the team's programs (see api package).
const programsURL = "/api/v1/autocomplete/programs"

// Register describes /mentor to Mattermost: the autocomplete tree for every
// subcommand and argument.
func Register() *model.Command {
	return &model.Command{
		Trigger:          Trigger,
		DisplayName:      "Mentorship",
		Description:      "Mentoring programs: join, match, meet and grow.",
		AutoComplete:     true,
		AutoCompleteDesc: "Mentoring programs. Try: help, programs, join",
		AutoCompleteHint: "[command]",
		AutocompleteData: Autocomplete(),
	}
}

func programArgument(cmd *model.AutocompleteData) {
	cmd.AddDynamicListArgument("Program", programsURL, true)
}

func programFieldArguments(cmd *model.AutocompleteData) {
	cmd.AddNamedTextArgument("description", "What the program is about", "TEXT", "", false)
	cmd.AddNamedStaticListArgument("kind", "Kind of program", false, staticList(domain.Kinds))
	cmd.AddNamedStaticListArgument("enrollment", "Who can join", false, staticList(domain.EnrollmentModes))
	cmd.AddNamedStaticListArgument("matching", "How pairs are made", false, staticList(domain.MatchingModes))
	cmd.AddNamedStaticListArgument("cadence", "Check-in cadence", false, staticList(domain.Cadences))
	cmd.AddNamedTextArgument("start", "Start date", "YYYY-MM-DD", `^\d{4}-\d{2}-\d{2}$`, false)
	cmd.AddNamedTextArgument("end", "End date", "YYYY-MM-DD", `^\d{4}-\d{2}-\d{2}$`, false)
}

func staticList(values []string) []model.AutocompleteListItem {
	items := make([]model.AutocompleteListItem, 0, len(values))
	for _, v := range values {
		items = append(items, model.AutocompleteListItem{Item: v})
	}
	return items
}

// Autocomplete builds the tree; each node mirrors a row of the grammar table.
func Autocomplete() *model.AutocompleteData {
	root := model.NewAutocompleteData(Trigger, "[command]", "Mentoring programs")

	root.AddCommand(model.NewAutocompleteData("help", "", "Show what you can do"))
	root.AddCommand(model.NewAutocompleteData("programs", "", "List the programs of this team"))

	join := model.NewAutocompleteData("join", "[program] [--role]", "Join a program")
	join.AddDynamicListArgument("Program", programsURL, false)
	join.AddNamedStaticListArgument("role", "How you take part", false, staticList(domain.Roles))
	join.AddNamedTextArgument("capacity", "Mentors: how many mentees", "N", `^\d+$`, false)
	join.AddNamedTextArgument("goals", "What you want from the program", "TEXT", "", false)
	root.AddCommand(join)

	for _, name := range []string{"leave", "resume"} {
		sub := model.NewAutocompleteData(name, "[program]", name+" a program")
		programArgument(sub)
		root.AddCommand(sub)
	}
	pause := model.NewAutocompleteData("pause", "[program] [--until]", "Pause your participation")
	programArgument(pause)
	pause.AddNamedTextArgument("until", "Resume automatically on", "YYYY-MM-DD", `^\d{4}-\d{2}-\d{2}$`, false)
	root.AddCommand(pause)

	program := model.NewAutocompleteData("program", "[create|edit|archive|members|matching]", "Manage programs")
	create := model.NewAutocompleteData("create", "[name]", "Create a program")
	create.AddTextArgument("Name of the program (quotes optional)", "[name]", "")
	programFieldArguments(create)
	program.AddCommand(create)
	edit := model.NewAutocompleteData("edit", "[program]", "Change a program")
	programArgument(edit)
	edit.AddNamedTextArgument("name", "New name", "NAME", "", false)
	programFieldArguments(edit)
	program.AddCommand(edit)
	archive := model.NewAutocompleteData("archive", "[program]", "Archive a program")
	programArgument(archive)
	program.AddCommand(archive)
	addProfileAutocomplete(root, program)
	program.RoleID = model.SystemUserRoleId
	root.AddCommand(program)

	for _, name := range []string{"approve", "decline"} {
		sub := model.NewAutocompleteData(name, "[program] [@user]", name+" a request to join")
		programArgument(sub)
		sub.AddTextArgument("The member who asked", "[@user]", "")
		root.AddCommand(sub)
	}
	addMatchAutocomplete(root)
	addSessionAutocomplete(root)
	addPrefsAutocomplete(root)
	addOfficeHoursAutocomplete(root)
	addGoalAutocomplete(root)
	addCheckInAutocomplete(root)
	addInsightAutocomplete(root)
	addExportAutocomplete(root)
	addResourceAutocomplete(root)
	return root
}
