package command

import "github.com/mattermost/mattermost/server/public/model"

func goalSubcommands() []subcommand { return nil }

func addGoalAutocomplete(_ *model.AutocompleteData) {}
