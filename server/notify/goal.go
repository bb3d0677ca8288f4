package notify

import "github.com/mentorship-mattermost/mentorship/server/app"

// GoalNotifier implements app.GoalNotifier.
type GoalNotifier struct{ Kit }

var _ app.GoalNotifier = (*GoalNotifier)(nil)
