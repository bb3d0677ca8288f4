package notify

import "github.com/mentorship-mattermost/mentorship/server/app"

// ExportNotifier implements app.ExportNotifier.
type ExportNotifier struct{ Kit }

var _ app.ExportNotifier = (*ExportNotifier)(nil)
