package command

import "github.com/mattermost/mattermost/server/public/model"

func exportSubcommands() []subcommand { return nil }

func addExportAutocomplete(_ *model.AutocompleteData) {}
