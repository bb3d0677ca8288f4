package command

// profileSubcommands are /mentor profile and the matching settings commands.
func profileSubcommands() []subcommand { return nil }
