package notify

import "github.com/mentorship-mattermost/mentorship/server/app"

// CheckInNotifier implements app.CheckInNotifier.
type CheckInNotifier struct{ Kit }

var _ app.CheckInNotifier = (*CheckInNotifier)(nil)
