//go:build mmserver

// Package tools pins the Mattermost server module that the end-to-end suite builds.
// The build tag keeps `go mod tidy` from resolving enterprise-only imports.
package tools

import _ "github.com/mattermost/mattermost/server/v8/cmd/mattermost"
