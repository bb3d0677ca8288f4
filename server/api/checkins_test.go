package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

// The check-in note form the button opens is the dialog package's.
var _ CheckInDialogs = (*dialog.Dialogs)(nil)

func pressCheckIn(t *testing.T, h *Handler, user string, context map[string]any) model.PostActionIntegrationResponse {
	t.Helper()
	body, err := json.Marshal(model.PostActionIntegrationRequest{UserId: "someone-else", TriggerId: "trigger", Context: context})
	require.NoError(t, err)
	rec, _ := do(h, user, http.MethodPost, "/api/v1/actions/checkin", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var resp model.PostActionIntegrationResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	return resp
}

func checkInsOf(t *testing.T, h *Handler, user, matchID string) app.CheckInsView {
	t.Helper()
	rec, e := do(h, user, http.MethodGet, "/api/v1/matches/"+matchID+"/checkins", "")
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	return decodeAs[app.CheckInsView](t, rec)
}

func TestCheckInRoundButtonsAndPrivacyOverREST(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	path := "/api/v1/matches/" + m.ID + "/checkins"

	rec, e := do(f.h, menteeID, http.MethodPost, path, `{"answer":"great"}`)
	require.Equal(t, http.StatusConflict, rec.Code, "no round yet: %s", e.Error)
	rec, _ = do(f.h, memberID, http.MethodPost, path+"/round", "")
	require.Equal(t, http.StatusNotFound, rec.Code, "not their match")
	rec, e = do(f.h, menteeID, http.MethodPost, path+"/round", "")
	require.Equal(t, http.StatusCreated, rec.Code, e.Error)
	require.Equal(t, RoundBody{Round: 1}, decodeAs[RoundBody](t, rec))
	rec, _ = do(f.h, adminID, http.MethodPost, path+"/round", "{}")
	require.Equal(t, http.StatusConflict, rec.Code, "a minute has not passed")

	// A stranger's press changes nothing; the mentor's is stored and the
	// post shows it, keeping its nudge key.
	ctx := map[string]any{"match_id": m.ID, "round": "1", "answer": domain.CheckInStruggling, "nudge": "prompt/x"}
	resp := pressCheckIn(t, f.h, memberID, ctx)
	require.Nil(t, resp.Update)
	require.NotEmpty(t, resp.EphemeralText)
	resp = pressCheckIn(t, f.h, mentorID, ctx)
	require.Empty(t, resp.EphemeralText)
	require.NotNil(t, resp.Update)
	require.Equal(t, "prompt/x", resp.Update.GetProp(notify.PropNudge))
	att := resp.Update.Attachments()
	require.Len(t, att, 1)
	require.Contains(t, att[0].Text, "Struggling")
	require.Len(t, att[0].Actions, 4, "the three answers and Add a note")

	rec, e = do(f.h, menteeID, http.MethodPost, path, `{"answer":"fine","note":"good talk"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)

	mine := checkInsOf(t, f.h, menteeID, m.ID)
	require.Len(t, mine.Rounds, 1)
	require.Equal(t, map[string]domain.CheckInAnswer{menteeID: mine.Rounds[0].Answers[menteeID]}, mine.Rounds[0].Answers, "the mentee sees only their own")
	require.Equal(t, "good talk", mine.Rounds[0].Answers[menteeID].Note)
	theirs := checkInsOf(t, f.h, mentorID, m.ID)
	require.NotContains(t, theirs.Rounds[0].Answers, menteeID)
	all := checkInsOf(t, f.h, adminID, m.ID)
	require.Len(t, all.Rounds[0].Answers, 2, "the coordinator sees both")
	rec, _ = do(f.h, memberID, http.MethodGet, path, "")
	require.Equal(t, http.StatusNotFound, rec.Code)

	// The note button opens the form; submitting it keeps the answer.
	resp = pressCheckIn(t, f.h, mentorID, map[string]any{"match_id": m.ID, "round": "1", "answer": notify.CheckInNote})
	require.Empty(t, resp.EphemeralText)
	opened := f.mm.opened[len(f.mm.opened)-1]
	require.Equal(t, dialog.CheckInNoteURL, opened.URL)
	require.Equal(t, domain.CheckInStruggling, opened.Dialog.Elements[0].Default)
	out := submit(t, f.h, mentorID, "/api/v1/dialogs/checkin-note", model.SubmitDialogRequest{State: opened.Dialog.State,
		Submission: map[string]any{"answer": domain.CheckInStruggling, "note": "no time to meet"}})
	require.Empty(t, out.Error)
	require.Empty(t, out.Errors)
	got := checkInsOf(t, f.h, mentorID, m.ID).Rounds[0].Answers[mentorID]
	require.Equal(t, domain.CheckInStruggling, got.Answer)
	require.Equal(t, "no time to meet", got.Note)
	out = submit(t, f.h, mentorID, "/api/v1/dialogs/checkin-note", model.SubmitDialogRequest{State: "nonsense",
		Submission: map[string]any{"answer": "fine"}})
	require.NotEmpty(t, out.Error)
}

func TestCheckInInputIsCheckedBeforeAnythingChanges(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	path := "/api/v1/matches/" + m.ID + "/checkins"
	rec, _ := do(f.h, menteeID, http.MethodPost, path+"/round", "")
	require.Equal(t, http.StatusCreated, rec.Code)
	for body, field := range map[string]string{
		`{"answer":"meh"}`:            "answer",
		`{"answer":"fine","round":9}`: "round",
		`{"answer":"fine","mood":1}`:  "",
	} {
		rec, e := do(f.h, menteeID, http.MethodPost, path, body)
		require.Equal(t, http.StatusBadRequest, rec.Code, body)
		require.Equal(t, field, e.Field, body)
	}
	rec, e := do(f.h, adminID, http.MethodPost, path, `{"answer":"fine"}`)
	require.Equal(t, http.StatusForbidden, rec.Code, "coordinators read: %s", e.Error)
	rec, e = do(f.h, menteeID, http.MethodGet, "/api/v1/matches/not-an-id/checkins", "")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "match_id", e.Field)
	resp := pressCheckIn(t, f.h, menteeID, map[string]any{"match_id": m.ID, "answer": "fine"})
	require.Nil(t, resp.Update, "a button without a round")
	require.NotEmpty(t, resp.EphemeralText)
	require.Empty(t, checkInsOf(t, f.h, menteeID, m.ID).Rounds[0].Answers)
}

func TestFeedbackOverRESTIsFilteredByReader(t *testing.T) {
	f := newSessionHandler(t)
	_, m := f.activePair(t)
	rec, e := do(f.h, menteeID, http.MethodPost, "/api/v1/matches/"+m.ID+"/end", `{"outcome":"completed"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	rec, e = do(f.h, menteeID, http.MethodPost, "/api/v1/matches/"+m.ID+"/survey", `{"rating":4,"text":"kept private"}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)
	rec, e = do(f.h, mentorID, http.MethodPost, "/api/v1/matches/"+m.ID+"/survey", `{"rating":5,"text":"shared","shared":true}`)
	require.Equal(t, http.StatusOK, rec.Code, e.Error)

	read := func(user string) []string {
		rec, e := do(f.h, user, http.MethodGet, "/api/v1/matches/"+m.ID+"/feedback", "")
		require.Equal(t, http.StatusOK, rec.Code, e.Error)
		var out []string
		for _, it := range decodeAs[app.FeedbackView](t, rec).Items {
			out = append(out, it.Kind+"/"+it.AuthorID+"/"+it.Text)
		}
		return out
	}
	require.ElementsMatch(t, []string{"exit/" + menteeID + "/kept private", "exit/" + mentorID + "/shared"}, read(menteeID))
	require.ElementsMatch(t, []string{"exit/" + mentorID + "/shared"}, read(mentorID), "the mentee's survey was not shared")
	require.Len(t, read(adminID), 2)
	rec, _ = do(f.h, memberID, http.MethodGet, "/api/v1/matches/"+m.ID+"/feedback", "")
	require.Equal(t, http.StatusNotFound, rec.Code)
}
