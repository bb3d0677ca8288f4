package notify

import "github.com/mentorship-mattermost/mentorship/server/app"

// DigestNotifier implements app.DigestNotifier.
type DigestNotifier struct{ Kit }

var _ app.DigestNotifier = (*DigestNotifier)(nil)
