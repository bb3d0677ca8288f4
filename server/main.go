// Package main is the Mentorship plugin's server: main starts the plugin process,
// plugin.go wires the pieces together.
package main

import (
	_ "time/tzdata" // readers' time zones work on servers without zoneinfo

	"github.com/mattermost/mattermost/server/public/plugin"
)

func main() {
	plugin.ClientMain(&Plugin{})
}
