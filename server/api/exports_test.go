package api

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

func exportProgram(t *testing.T, h http.Handler) *domain.Program {
	t.Helper()
	rec, _ := do(h, adminID, http.MethodPost, "/api/v1/programs", `{"team_id":"`+teamID+`","name":"Export Me"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var p domain.Program
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	return &p
}

func TestExportServesCSVAsAnAttachment(t *testing.T) {
	h, _ := newTestHandler(t)
	p := exportProgram(t, h)
	rec, _ := do(h, adminID, http.MethodGet, "/api/v1/programs/"+p.ID+"/export/members.csv", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "text/csv; charset=utf-8", rec.Header().Get("Content-Type"))
	require.Regexp(t, `^attachment; filename=export-me-members-\d{4}-\d{2}-\d{2}\.csv$`, rec.Header().Get("Content-Disposition"))
	require.Equal(t, "private, no-store", rec.Header().Get("Cache-Control"))
	records, err := csv.NewReader(rec.Body).ReadAll()
	require.NoError(t, err)
	require.Len(t, records, 1, "the header row of a program without members")
	require.Equal(t, "user_id", records[0][0])
}

func TestExportRefusalsAreJSON(t *testing.T) {
	h, _ := newTestHandler(t)
	p := exportProgram(t, h)
	path := "/api/v1/programs/" + p.ID + "/export/"
	for _, c := range []struct {
		user, table string
		status      int
		field       string
	}{
		{memberID, "members", http.StatusForbidden, ""},
		{strings.Repeat("z", 26), "members", http.StatusNotFound, ""}, // not in the team
		{adminID, "salaries", http.StatusBadRequest, "table"},
	} {
		rec, e := do(h, c.user, http.MethodGet, path+c.table+".csv", "")
		require.Equal(t, c.status, rec.Code, "%s %s: %s", c.user, c.table, rec.Body.String())
		require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
		require.Empty(t, rec.Header().Get("Content-Disposition"))
		require.Equal(t, c.field, e.Field)
		require.NotEmpty(t, e.Error)
	}
	rec, e := do(h, adminID, http.MethodGet, "/api/v1/programs/not-an-id/export/members.csv", "")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "program_id", e.Field)
	rec, _ = do(h, adminID, http.MethodPost, path+"members.csv", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
}

// The headers go out with the first bytes, once.
func TestCSVResponseStartsOnTheFirstWrite(t *testing.T) {
	rec := httptest.NewRecorder()
	out := &csvResponse{w: rec, fileName: "a.csv"}
	require.False(t, out.started)
	_, err := out.Write([]byte("a,b\n"))
	require.NoError(t, err)
	_, err = out.Write([]byte("1,2\n"))
	require.NoError(t, err)
	out.start()
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "a,b\n1,2\n", rec.Body.String())
	require.Equal(t, "attachment; filename=a.csv", rec.Header().Get("Content-Disposition"))
}
