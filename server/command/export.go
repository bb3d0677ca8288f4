package command

import (
	"slices"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var (
	msgHelpExport      = &i18n.Message{ID: "command.help.export", Other: "Get one of a program's tables as a CSV file, in a direct message from the bot: members, matches, sessions, goals, checkins or feedback."}
	msgExportUsage     = &i18n.Message{ID: "command.export.usage", Other: "Say which program and which table: `/mentor export PROGRAM TABLE`, where TABLE is one of {{.Tables}}."}
	msgExportNeedTable = &i18n.Message{ID: "command.export.need_table", Other: "“{{.Typed}}” is not a table. Say which program and which table: `/mentor export PROGRAM TABLE`, where TABLE is one of {{.Tables}}."}
	msgExportSent      = &i18n.Message{ID: "command.export.sent", Other: "The bot sent you **{{.File}}** ({{.Rows}} rows of {{.Table}} in {{.Program}}): find it in your direct messages with the Mentorship bot."}
)

const usageExport = "export PROGRAM members|matches|sessions|goals|checkins|feedback"

// exportSubcommands are the export commands.
func exportSubcommands() []subcommand {
	return []subcommand{
		{name: "export", usage: usageExport, help: msgHelpExport, audience: coordinators, run: (*Handler).export},
	}
}

// addExportAutocomplete adds "export [program] [table]".
func addExportAutocomplete(root *model.AutocompleteData) {
	export := model.NewAutocompleteData("export", "[program] [table]", "Get a program's table as a CSV file")
	programArgument(export)
	export.AddStaticListArgument("Table", true, staticList(app.ExportTables))
	root.AddCommand(export)
}

// export reads "PROGRAM TABLE": the last word is the table (with or without
// .csv), the words before it the program.
func (h *Handler) export(c *call) (string, error) {
	tables := strings.Join(app.ExportTables, ", ")
	words := c.inv.words
	if len(words) == 0 {
		return "", argError(msgExportUsage, map[string]any{"Tables": tables})
	}
	last := words[len(words)-1]
	table := strings.TrimSuffix(strings.ToLower(last.text), ".csv")
	if last.quoted || !slices.Contains(app.ExportTables, table) {
		return "", argError(msgExportNeedTable, map[string]any{"Typed": last.text, "Tables": tables})
	}
	ref, err := c.inv.value(words[:len(words)-1])
	if err != nil {
		return "", err
	}
	p, err := h.findProgram(c, ref, "export")
	if err != nil {
		return "", err
	}
	sent, err := c.svc.Exports.Send(c.uid, p.ID, table)
	if err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgExportSent, map[string]any{"File": sent.FileName, "Rows": sent.Rows, "Table": table, "Program": p.Name}), nil
}
