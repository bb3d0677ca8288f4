package notify

import "github.com/mentorship-mattermost/mentorship/server/app"

// ResourceNotifier implements app.ResourceNotifier.
type ResourceNotifier struct{ Kit }

var _ app.ResourceNotifier = (*ResourceNotifier)(nil)
