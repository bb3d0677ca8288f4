package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

type insightNudges struct{ sent int }

func (n *insightNudges) Nudge(*domain.Program, *domain.MatchHealth, string, string, string) int {
	n.sent += 2
	return 2
}

type insightDue struct{}

func (insightDue) At(string, string, time.Time, any) error { return nil }

const pairMatchID = "pppppppppppppppppppppppppp"

// newInsightHandler serves a program coordinated by the admin with one
// active pair whose last rating was 1.
func newInsightHandler(t *testing.T) (*Handler, *insightNudges, string) {
	t.Helper()
	kv := &pluginapi.MemoryStore{}
	nudges := &insightNudges{}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	svc := app.NewServices(store.New(kv), app.Deps{
		Directory: directory{}, Notifier: silent{}, Insight: nudges, Scheduler: insightDue{},
		Settings: func() app.Settings { return app.Settings{} },
		Now:      func() time.Time { return now },
		NewID:    func() string { return strings.Repeat("q", 26) },
	})
	p, err := svc.Programs.Create(adminID, teamID, app.ProgramFields{Name: ptrTo("Spring")})
	require.NoError(t, err)
	_, err = store.New(kv).UpdateMatchHealth(p.ID, pairMatchID, func(h *domain.MatchHealth, _ bool) error {
		*h = domain.MatchHealth{MenteeID: memberID, MentorID: adminID, Status: domain.MatchActive, ActivatedAt: now.Add(-time.Hour),
			LastRating: 1}
		return nil
	})
	require.NoError(t, err)
	log := &logger{}
	dialogs := &dialog.Dialogs{Svc: svc, Tr: i18n.English(), Ephemeral: ephemeral{}, BotID: func() string { return "bot" }, Log: log}
	return NewHandler(svc, i18n.English(), log, users{}, dialogs), nudges, p.ID
}

func ptrTo[T any](v T) *T { return &v }

func TestInsightRoutesAnswerCoordinatorsOnly(t *testing.T) {
	h, _, programID := newInsightHandler(t)
	base := "/api/v1/programs/" + programID
	rec, _ := do(h, adminID, http.MethodGet, base+"/insight", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var v app.InsightView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
	require.Equal(t, programID, v.ProgramID)
	require.Equal(t, 1, v.AtRiskTotal)
	require.Equal(t, pairMatchID, v.AtRisk[0].MatchID)

	for _, path := range []string{"/insight", "/at-risk", "/insight-settings"} {
		rec, _ = do(h, memberID, http.MethodGet, base+path, "")
		require.Equal(t, http.StatusForbidden, rec.Code, path)
		rec, _ = do(h, strings.Repeat("o", 26), http.MethodGet, base+path, "")
		require.Equal(t, http.StatusNotFound, rec.Code, path)
	}
	rec, _ = do(h, memberID, http.MethodPost, base+"/at-risk/"+pairMatchID+"/nudge", "")
	require.Equal(t, http.StatusForbidden, rec.Code)
	rec, _ = do(h, memberID, http.MethodPut, base+"/insight-settings", `{"silent_days":3}`)
	require.Equal(t, http.StatusForbidden, rec.Code)
}

func TestInsightRoutesNameTheBadInput(t *testing.T) {
	h, _, programID := newInsightHandler(t)
	base := "/api/v1/programs/" + programID
	for path, field := range map[string]string{
		"/api/v1/programs/nope/insight":           "program_id",
		base + "/at-risk?per_page=101":            "per_page",
		base + "/at-risk?page=-1":                 "page",
		base + "/at-risk/nope/nudge":              "match_id",
		base + "/insight-settings?x=1":            "",
		"/api/v1/programs/nope/insight-settings":  "program_id",
		"/api/v1/programs/nope/at-risk?page=1000": "program_id",
	} {
		method := http.MethodGet
		if strings.HasSuffix(path, "/nudge") {
			method = http.MethodPost
		}
		rec, e := do(h, adminID, method, path, "")
		if field == "" {
			require.Equal(t, http.StatusOK, rec.Code, path)
			continue
		}
		require.Equal(t, http.StatusBadRequest, rec.Code, path)
		require.Equal(t, field, e.Field, path)
	}
	rec, e := do(h, adminID, http.MethodPut, base+"/insight-settings", `{"silent_days":0}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "silent_days", e.Field)
	rec, _ = do(h, adminID, http.MethodPut, base+"/insight-settings", `{"silence":3}`)
	require.Equal(t, http.StatusBadRequest, rec.Code, "unknown fields are refused")
	rec, _ = do(h, adminID, http.MethodPost, base+"/at-risk/"+pairMatchID+"/nudge", `{"note":"hi","urgent":true}`)
	require.Equal(t, http.StatusBadRequest, rec.Code, "unknown fields are refused")
	rec, _ = do(h, adminID, http.MethodPut, base+"/insight-settings", `{"silent_days":3,"digest_day":"fri"}`)
	require.Equal(t, http.StatusOK, rec.Code)
	var s app.InsightSettingsView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &s))
	require.Equal(t, 3, s.SilentDays)
	require.Equal(t, "fri", s.DigestDay)
}

func TestANudgeAnswersItsTimeThenConflicts(t *testing.T) {
	h, nudges, programID := newInsightHandler(t)
	path := "/api/v1/programs/" + programID + "/at-risk/" + pairMatchID + "/nudge"
	rec, _ := do(h, adminID, http.MethodPost, path, "")
	require.Equal(t, http.StatusOK, rec.Code, "the body is optional")
	require.JSONEq(t, `{"nudged_at":"2026-11-26T12:00:00Z"}`, rec.Body.String())
	rec, e := do(h, adminID, http.MethodPost, path, `{"note":"again"}`)
	require.Equal(t, http.StatusConflict, rec.Code)
	require.Contains(t, e.Error, "at most one nudge a day")
	require.Equal(t, 2, nudges.sent)
	rec, _ = do(h, adminID, http.MethodPost, "/api/v1/programs/"+programID+"/at-risk/"+strings.Repeat("z", 26)+"/nudge", "")
	require.Equal(t, http.StatusNotFound, rec.Code)
}
