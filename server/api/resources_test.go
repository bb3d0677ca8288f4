package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// resourceProgram creates a program coordinated by the admin that the member
// joined as a mentee.
func resourceProgram(t *testing.T, h http.Handler) string {
	t.Helper()
	rec, _ := do(h, adminID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":"Hub"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	var p ProgramView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	rec, _ = do(h, memberID, http.MethodPost, "/api/v1/programs/"+p.ID+"/join", `{"role":"mentee"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	return p.ID
}

func decodeView(t *testing.T, body []byte) app.ResourceView {
	t.Helper()
	var v app.ResourceView
	require.NoError(t, json.Unmarshal(body, &v))
	return v
}

func TestResourceRoutes(t *testing.T) {
	h, _ := newTestHandler(t)
	programID := resourceProgram(t, h)
	hub := "/api/v1/programs/" + programID + "/resources"

	rec, e := do(h, adminID, http.MethodPost, hub, `{"title":"Negotiation","url":"https://example.com/n","tags":["career"],"colour":"red"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code, "unknown fields are refused")
	require.Contains(t, e.Error, "colour")
	rec, e = do(h, adminID, http.MethodPost, hub, `{"title":"Negotiation","url":"ftp://example.com/n"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "url", e.Field)

	rec, _ = do(h, adminID, http.MethodPost, hub, `{"title":"Negotiation","url":"https://example.com/n","tags":["career"]}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	published := decodeView(t, rec.Body.Bytes())
	require.Equal(t, domain.ResourcePublished, published.Status)
	require.True(t, published.CanEdit)

	rec, _ = do(h, memberID, http.MethodPost, hub, `{"title":"My find","url":"https://example.com/f"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	suggested := decodeView(t, rec.Body.Bytes())
	require.Equal(t, domain.ResourceSuggested, suggested.Status)

	rec, _ = do(h, memberID, http.MethodGet, hub+"?q=negotiation", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var list app.ResourceList
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &list))
	require.Equal(t, 1, list.Total)
	require.False(t, list.Items[0].CanEdit)
	rec, e = do(h, memberID, http.MethodGet, hub+"?per_page=0", "")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "per_page", e.Field)
	rec, _ = do(h, memberID, http.MethodGet, hub+"/suggested", "")
	require.Equal(t, http.StatusForbidden, rec.Code)

	open := "/api/v1/resources/" + published.ID + "/open"
	rec, _ = do(h, memberID, http.MethodGet, open, "")
	require.Equal(t, http.StatusFound, rec.Code)
	require.Equal(t, "https://example.com/n", rec.Header().Get("Location"))
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	rec, _ = do(h, memberID, http.MethodGet, "/api/v1/resources/"+published.ID, "")
	require.Equal(t, 1, decodeView(t, rec.Body.Bytes()).Views)
	rec, e = do(h, memberID, http.MethodGet, "/api/v1/resources/nope/open", "")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "resource_id", e.Field)

	rec, _ = do(h, memberID, http.MethodPatch, "/api/v1/resources/"+published.ID, `{"title":"Mine now"}`)
	require.Equal(t, http.StatusForbidden, rec.Code)
	rec, _ = do(h, adminID, http.MethodPatch, "/api/v1/resources/"+published.ID, `{"tags":["career","pay"]}`)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, []string{"career", "pay"}, decodeView(t, rec.Body.Bytes()).Tags)

	rec, _ = do(h, adminID, http.MethodPut, "/api/v1/programs/"+programID+"/onboarding-packs", `{"mentee":["`+published.ID+`"]}`)
	require.Equal(t, http.StatusOK, rec.Code)
	var packs app.OnboardingPacks
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &packs))
	require.Equal(t, []string{published.ID}, packs.Mentee)
	require.Equal(t, []string{}, packs.Mentor)

	rec, _ = do(h, adminID, http.MethodDelete, "/api/v1/resources/"+published.ID, "")
	require.Equal(t, http.StatusNoContent, rec.Code)
	rec, _ = do(h, memberID, http.MethodGet, open, "")
	require.Equal(t, http.StatusNotFound, rec.Code)
}

func pressResource(t *testing.T, h http.Handler, user, resourceID, decision string) model.PostActionIntegrationResponse {
	t.Helper()
	body, err := json.Marshal(model.PostActionIntegrationRequest{UserId: "forged", Context: map[string]any{"resource_id": resourceID, "decision": decision}})
	require.NoError(t, err)
	rec, _ := do(h, user, http.MethodPost, "/api/v1/actions/resource", string(body))
	require.Equal(t, http.StatusOK, rec.Code)
	var resp model.PostActionIntegrationResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	return resp
}

func TestResourceSuggestionButtons(t *testing.T) {
	h, _ := newTestHandler(t)
	programID := resourceProgram(t, h)
	rec, _ := do(h, memberID, http.MethodPost, "/api/v1/programs/"+programID+"/resources", `{"title":"My find","url":"https://example.com/f"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	id := decodeView(t, rec.Body.Bytes()).ID

	resp := pressResource(t, h, memberID, id, "approve")
	require.Nil(t, resp.Update, "the presser comes from the header, not the body: a member may not approve")
	require.NotEmpty(t, resp.EphemeralText)
	resp = pressResource(t, h, adminID, id, "explode")
	require.Contains(t, resp.EphemeralText, "not valid")

	resp = pressResource(t, h, adminID, id, "approve")
	require.NotNil(t, resp.Update)
	require.True(t, strings.HasPrefix(resp.Update.Message, "✅ **My find** was approved by @user-aa"), resp.Update.Message)
	require.Empty(t, resp.Update.Props, "the buttons go")
	again := pressResource(t, h, adminID, id, "approve")
	require.Equal(t, resp.Update.Message, again.Update.Message, "a second press shows the same outcome")
	resp = pressResource(t, h, adminID, id, "reject")
	require.Nil(t, resp.Update)
	require.Contains(t, resp.EphemeralText, "already published")

	rec, _ = do(h, memberID, http.MethodGet, "/api/v1/resources?q=find", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var list app.ResourceList
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &list))
	require.Equal(t, 1, list.Total, "the approved suggestion is published")
}
