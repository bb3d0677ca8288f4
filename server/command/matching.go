package command

// matchSubcommands are the matching commands: suggest, request, match, pair, end…
func matchSubcommands() []subcommand { return nil }
