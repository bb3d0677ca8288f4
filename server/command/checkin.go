package command

import "github.com/mattermost/mattermost/server/public/model"

func checkInSubcommands() []subcommand { return nil }

func addCheckInAutocomplete(_ *model.AutocompleteData) {}
