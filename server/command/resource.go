package command

import "github.com/mattermost/mattermost/server/public/model"

func resourceSubcommands() []subcommand { return nil }

func addResourceAutocomplete(_ *model.AutocompleteData) {}
