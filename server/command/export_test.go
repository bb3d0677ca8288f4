package command

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// sentFiles records the exports the bot would DM.
type sentFiles struct {
	to    []string
	files []app.ExportFile
	data  [][]byte
}

func (s *sentFiles) SendExport(userID string, file app.ExportFile, write func(io.Writer) (int, error)) (string, error) {
	var buf bytes.Buffer
	if _, err := write(&buf); err != nil {
		return "", err
	}
	s.to, s.files, s.data = append(s.to, userID), append(s.files, file), append(s.data, buf.Bytes())
	return fmt.Sprintf("post%d", len(s.to)), nil
}

// exportFixture is the command fixture with services that DM exports to sent.
func exportFixture(t *testing.T) (*fixture, *sentFiles) {
	f := newFixture(t)
	sent := &sentFiles{}
	ids := 0
	f.svc = app.NewServices(store.New(&pluginapi.MemoryStore{}), app.Deps{
		Directory: f.dir, Notifier: quietNotifier{}, Exports: sent,
		Settings: func() app.Settings { return app.Settings{} },
		Now:      func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		NewID: func() string {
			ids++
			return fmt.Sprintf("prog%022d", ids)
		},
	})
	f.h.Svc = f.svc
	name, coordinators := "Women in Tech", []string{"coord"}
	_, err := f.svc.Programs.Create("admin", teamID, app.ProgramFields{Name: &name, Coordinators: &coordinators})
	require.NoError(t, err)
	return f, sent
}

func TestExportCommandDMsTheFile(t *testing.T) {
	f, sent := exportFixture(t)
	reply := f.run("coord", "/mentor export Women in Tech members")
	require.Contains(t, reply, "women-in-tech-members-2026-11-26.csv")
	require.Contains(t, reply, "0 rows")
	require.Equal(t, []string{"coord"}, sent.to)
	require.Equal(t, "members", sent.files[0].Table)
	records, err := csv.NewReader(bytes.NewReader(sent.data[0])).ReadAll()
	require.NoError(t, err)
	require.Equal(t, "user_id", records[0][0])

	reply = f.run("coord", "/mentor export women-in-tech MATCHES.csv")
	require.Contains(t, reply, "women-in-tech-matches-2026-11-26.csv", "a handle, any case, .csv allowed")
	require.Len(t, sent.to, 2)
}

func TestExportCommandExplainsWhatIsMissing(t *testing.T) {
	f, sent := exportFixture(t)
	require.Contains(t, f.run("coord", "/mentor export"), "`/mentor export PROGRAM TABLE`")
	reply := f.run("coord", "/mentor export Women in Tech")
	require.Contains(t, reply, "“Tech” is not a table")
	require.Contains(t, reply, "members, matches, sessions, goals, checkins, feedback")
	require.Contains(t, f.run("coord", "/mentor export members"), "Say which program")
	require.Contains(t, f.run("coord", "/mentor export Nowhere members"), "Nowhere")
	require.Empty(t, sent.to)
}

func TestExportCommandIsForCoordinators(t *testing.T) {
	f, sent := exportFixture(t)
	reply := f.run("bob", "/mentor export Women in Tech members")
	require.Contains(t, reply, "Only the coordinators of Women in Tech")
	require.Empty(t, sent.to, "nothing is sent to a member")
	f.run("admin", "/mentor export Women in Tech feedback")
	require.Equal(t, []string{"admin"}, sent.to)
}
