package main

import (
	_ "time/tzdata" // readers' time zones work on servers without zoneinfo

	"github.com/mattermost/mattermost/server/public/plugin"
)

func main() {
	plugin.ClientMain(&Plugin{})
}
