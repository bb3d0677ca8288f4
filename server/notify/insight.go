package notify

import "github.com/mentorship-mattermost/mentorship/server/app"

// InsightNotifier implements app.InsightNotifier.
type InsightNotifier struct{ Kit }

var _ app.InsightNotifier = (*InsightNotifier)(nil)
