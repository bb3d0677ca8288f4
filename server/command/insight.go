package command

import "github.com/mattermost/mattermost/server/public/model"

func insightSubcommands() []subcommand { return nil }

func addInsightAutocomplete(_ *model.AutocompleteData) {}
