// Package matching is the mentor/mentee matching engine: profile scoring with
// human-readable reasons (score.go, vocabulary.go, timezone.go), an exact
// capacitated assignment solver with an optimality certificate (solver.go,
// solve.go, certificate.go), self-serve suggestions (suggest.go), the JSON
// instance format of the offline tool (instance.go) and the input bounds under
// which all of it is exact in int64 (limits.go, scorelimits.go). It imports
// nothing from Mattermost, so the plugin and cmd/mentorship-match share it
// unchanged.
package matching
