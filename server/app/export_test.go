package app

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// renamingDirectory is the test directory with chosen usernames and users it
// no longer finds (deactivated).
type renamingDirectory struct {
	Directory
	names map[string]string
	gone  map[string]bool
}

func (d renamingDirectory) User(id string) (UserInfo, bool) {
	if d.gone[id] {
		return UserInfo{}, false
	}
	u, ok := d.Directory.User(id)
	if name, renamed := d.names[id]; renamed {
		u.Username, u.FullName = name, name+" Full"
	}
	return u, ok
}

// exportWorld is a program with two matches of mentor ana: bob's, active,
// with a weekly series of three meetings (the first held with feedback, the
// second unmarked, the third cancelled), a goal and a check-in round; and
// carl's, completed, with carl's exit survey. Every text people typed starts
// with a formula character, and ana's username is "=ana".
type exportWorld struct {
	*matchWorld
	p       *domain.Program
	bob     *domain.Match
	carl    *domain.Match
	series  *SessionView
	exports *Exports
}

func newExportWorld(t *testing.T) *exportWorld {
	w, bobMatch := sessionWorld(t)
	p, err := w.store.GetProgram(bobMatch.ProgramID)
	require.NoError(t, err)
	x := &exportWorld{matchWorld: w, p: p, bob: bobMatch}

	m, err := w.Matches.Request("carl", p.ID, RequestInput{MentorID: "ana"})
	require.NoError(t, err)
	_, err = w.Matches.Answer("ana", m.ID, true)
	require.NoError(t, err)
	_, err = w.Matches.End("carl", m.ID, EndInput{Outcome: OutcomeCompleted, Reason: "@here we are done"})
	require.NoError(t, err)
	_, err = w.Matches.Survey("carl", m.ID, SurveyInput{Rating: 5, Text: `=HYPERLINK("http://evil.example","click")`})
	require.NoError(t, err)
	// The author shares the answer (the survey form's checkbox).
	x.carl, err = w.store.UpdateMatch(m.ID, func(m *domain.Match) error {
		sv := m.Surveys["carl"]
		sv.Shared = true
		m.Surveys["carl"] = sv
		return nil
	})
	require.NoError(t, err)

	x.series, err = w.Sessions.Schedule("bob", ScheduleInput{MatchID: bobMatch.ID, When: "2026-11-30 15:00", Recurrence: "FREQ=WEEKLY;COUNT=3", Title: "-Weekly sync"})
	require.NoError(t, err)
	third := berlin(t, "2026-12-14 15:00")
	_, err = w.Sessions.Cancel("ana", x.series.ID, third, "")
	require.NoError(t, err)
	w.advance(berlin(t, "2026-12-08 09:00").Sub(w.deps.Now())) // two meetings started
	_, err = w.Sessions.Attend("bob", x.series.ID, x.series.Start, domain.AttendanceAttended)
	require.NoError(t, err)
	_, err = w.Sessions.Attend("ana", x.series.ID, x.series.Start, domain.AttendanceAttended)
	require.NoError(t, err)
	_, err = w.Sessions.Feedback("bob", x.series.ID, FeedbackInput{Occurrence: x.series.Start, Rating: 4, Text: "+1 great session", Shared: true})
	require.NoError(t, err)

	now := w.deps.Now()
	_, err = w.store.UpdateGoals(bobMatch.ID, func(g *domain.MatchGoals) error {
		g.ProgramID = p.ID
		g.Goals = append(g.Goals, &domain.Goal{ID: "goal1", Title: "=1+1 ship a talk", Description: "\tindented", Measure: "\rmeasure",
			Due: "2027-01-31", Status: domain.GoalOnTrack, Progress: 50, CreatedBy: "bob", CreatedAt: now, UpdatedBy: "ana", UpdatedAt: now, ProgressAt: now,
			Milestones: []domain.Milestone{{ID: "m1", Title: "draft", Done: true}, {ID: "m2", Title: "rehearse"}},
			History:    []domain.GoalUpdate{{At: now, By: "ana", Kind: "note", Note: "@bob keep going"}, {At: now, By: "ana", Kind: "progress"}}})
		return nil
	})
	require.NoError(t, err)
	_, err = w.store.UpdateCheckIns(bobMatch.ID, func(c *domain.MatchCheckIns) error {
		c.ProgramID = p.ID
		c.Rounds = append(c.Rounds, &domain.CheckInRound{Round: 1, Due: now.Add(-time.Hour),
			Answers: map[string]domain.CheckInAnswer{"bob": {UserID: "bob", Answer: domain.CheckInStruggling, Note: "-too much work", At: now}}})
		return nil
	})
	require.NoError(t, err)

	w.Health.Changed(bobMatch.ID) // as the goal and check-in services do after a change

	b := w.Exports.base
	b.deps.Directory = renamingDirectory{Directory: w.dir, names: map[string]string{"ana": "=ana"}}
	x.exports = newExports(b)
	return x
}

// table exports a table as coord and reads it back with encoding/csv: the
// header row and each row by column name.
func (x *exportWorld) table(name string) ([]string, []map[string]string) {
	x.t.Helper()
	var buf bytes.Buffer
	require.NoError(x.t, x.exports.Write("coord", x.p.ID, name, &buf))
	records, err := csv.NewReader(&buf).ReadAll()
	require.NoError(x.t, err)
	require.NotEmpty(x.t, records)
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, col := range records[0] {
			row[col] = rec[i]
		}
		rows = append(rows, row)
	}
	return records[0], rows
}

func TestExportMembers(t *testing.T) {
	x := newExportWorld(t)
	header, rows := x.table(ExportMembers)
	require.Equal(t, membersHeader, header)
	require.Len(t, rows, 3)
	byUser := map[string]map[string]string{}
	for _, r := range rows {
		byUser[r["user_id"]] = r
	}
	ana := byUser["ana"]
	require.Equal(t, "'=ana", ana["username"], "a username is neutralized like any cell")
	require.Equal(t, "'=ana Full", ana["full_name"])
	require.Equal(t, domain.RoleMentor, ana["role"])
	require.Equal(t, "2", ana["capacity"])
	require.Equal(t, "go", ana["skills_offered"])
	require.Equal(t, "go", byUser["bob"]["skills_wanted"])
	require.Equal(t, "2026-11-26T12:00:00Z", ana["joined_at"], "RFC 3339 in UTC")
}

func TestExportMatches(t *testing.T) {
	x := newExportWorld(t)
	header, rows := x.table(ExportMatches)
	require.Equal(t, matchesHeader, header)
	require.Len(t, rows, 2)
	byID := map[string]map[string]string{rows[0]["match_id"]: rows[0], rows[1]["match_id"]: rows[1]}
	bob, carl := byID[x.bob.ID], byID[x.carl.ID]
	require.Equal(t, domain.MatchActive, bob["status"])
	require.Equal(t, "ana", bob["mentor_id"])
	require.Equal(t, "'=ana", bob["mentor_username"])
	require.Equal(t, "bob", bob["mentee_username"])
	require.Equal(t, domain.MatchCompleted, carl["status"])
	require.Equal(t, "'@here we are done", carl["end_reason"])
	require.Equal(t, "5.00", carl["average_rating"])
	require.Equal(t, "1", carl["ratings"])
	require.Equal(t, "1", bob["goals"])
	require.Equal(t, "1", bob["sessions_held"])
	require.Equal(t, stampOf(x.carl.EndedAt), carl["ended_at"])
}

func TestExportSessionsOneRowPerMeeting(t *testing.T) {
	x := newExportWorld(t)
	header, rows := x.table(ExportSessions)
	require.Equal(t, sessionsHeader, header)
	require.Len(t, rows, 3)
	first, second, third := rows[0], rows[1], rows[2]
	require.Equal(t, meetingHeld, first["state"])
	require.Equal(t, x.series.ID, first["session_id"])
	require.Equal(t, x.bob.ID, first["match_id"])
	require.Equal(t, "2026-11-30T14:00:00Z", first["start"])
	require.Equal(t, "2026-11-30T14:00:00Z", first["occurrence"])
	require.Equal(t, domain.AttendanceAttended, first["mentor_attendance"])
	require.Equal(t, domain.AttendanceAttended, first["mentee_attendance"])
	require.Equal(t, "'-Weekly sync", first["title"])
	require.Equal(t, "true", first["recurring"])
	require.Equal(t, meetingUnmarked, second["state"])
	require.Empty(t, second["mentor_attendance"])
	require.Equal(t, meetingCancelled, third["state"])
	require.Equal(t, "2026-12-14T14:00:00Z", third["start"])
}

func TestExportGoals(t *testing.T) {
	x := newExportWorld(t)
	header, rows := x.table(ExportGoals)
	require.Equal(t, goalsHeader, header)
	require.Len(t, rows, 1)
	g := rows[0]
	require.Equal(t, "'=1+1 ship a talk", g["title"])
	require.Equal(t, "'\tindented", g["description"])
	require.Equal(t, "'\rmeasure", g["measure"])
	require.Equal(t, "2", g["milestones"])
	require.Equal(t, "1", g["milestones_done"])
	require.Equal(t, "50", g["progress"])
	require.Equal(t, "'@bob keep going", g["last_note"])
	require.Equal(t, "'=ana", g["updated_by_username"])
}

func TestExportCheckInsOneRowPerSideAndRound(t *testing.T) {
	x := newExportWorld(t)
	header, rows := x.table(ExportCheckIns)
	require.Equal(t, checkInsHeader, header)
	require.Len(t, rows, 2, "the mentor was asked too and did not answer")
	require.Equal(t, domain.RoleMentor, rows[0]["side"])
	require.Empty(t, rows[0]["answer"])
	require.Equal(t, "bob", rows[1]["user_id"])
	require.Equal(t, domain.CheckInStruggling, rows[1]["answer"])
	require.Equal(t, "'-too much work", rows[1]["note"])
	require.Equal(t, "1", rows[1]["round"])
}

func TestExportFeedbackFromSessionsAndExitSurveys(t *testing.T) {
	x := newExportWorld(t)
	header, rows := x.table(ExportFeedback)
	require.Equal(t, feedbackHeader, header)
	require.Len(t, rows, 2)
	byKind := map[string]map[string]string{rows[0]["kind"]: rows[0], rows[1]["kind"]: rows[1]}
	session, exit := byKind[feedbackSession], byKind[feedbackExit]
	require.Equal(t, "'+1 great session", session["text"])
	require.Equal(t, "4", session["rating"])
	require.Equal(t, "true", session["shared"])
	require.Equal(t, x.series.ID, session["session_id"])
	require.Equal(t, "2026-11-30T14:00:00Z", session["occurrence"])
	require.Equal(t, domain.RoleMentee, session["side"])
	require.Equal(t, `'=HYPERLINK("http://evil.example","click")`, exit["text"])
	require.Equal(t, "carl", exit["author_username"])
	require.Equal(t, x.carl.ID, exit["match_id"])
	require.Equal(t, "true", exit["shared"])
	require.Empty(t, exit["session_id"])
}

// No cell of any table, once read back, starts with a character a
// spreadsheet would take for a formula.
func TestExportNoCellStartsAFormula(t *testing.T) {
	x := newExportWorld(t)
	for _, table := range ExportTables {
		_, rows := x.table(table)
		require.NotEmpty(t, rows, table)
		for _, row := range rows {
			for col, cell := range row {
				if cell != "" {
					require.NotContains(t, "=+-@\t\r", cell[:1], "%s.%s = %q", table, col, cell)
				}
			}
		}
	}
}

func TestNeutralizeCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=SUM(A1)", "'=SUM(A1)"}, {"+1", "'+1"}, {"-1", "'-1"}, {"@cmd", "'@cmd"}, {"\tx", "'\tx"}, {"\rx", "'\rx"},
		{"", ""}, {"a=b", "a=b"}, {"'=x", "'=x"}, {" =x", " =x"}, {"ana", "ana"},
	} {
		require.Equal(t, c.want, neutralizeCell(c.in), "%q", c.in)
	}
}

func TestExportIsForCoordinatorsAndAdminsOnly(t *testing.T) {
	x := newExportWorld(t)
	x.dir.members["other-coord/team"] = true
	_, err := x.Programs.Create("admin", "team", ProgramFields{Name: ptr("Other"), Coordinators: &[]string{"other-coord"}})
	require.NoError(t, err)
	for user, want := range map[string]Kind{
		"bob":         KindForbidden, // a member of the program
		"ana":         KindForbidden,
		"other-coord": KindForbidden, // coordinates another program only
		"stranger":    KindNotFound,  // not in the team: cannot see the program
	} {
		var buf bytes.Buffer
		err := x.exports.Write(user, x.p.ID, ExportMembers, &buf)
		requireKind(t, err, want)
		require.Zero(t, buf.Len(), "%s got no byte", user)
	}
	var buf bytes.Buffer
	require.NoError(t, x.exports.Write("admin", x.p.ID, ExportFeedback, &buf))
	require.Contains(t, buf.String(), "HYPERLINK", "an admin reads every program")
	_, err = x.exports.Open("coord", "nosuchprogram000000000000a", ExportMembers)
	requireKind(t, err, KindNotFound)
}

func TestExportUnknownTableListsTheTables(t *testing.T) {
	x := newExportWorld(t)
	var buf bytes.Buffer
	err := x.exports.Write("coord", x.p.ID, "salaries", &buf)
	kind, field := kindOf(t, err)
	require.Equal(t, KindInvalid, kind)
	require.Equal(t, "table", field)
	require.Contains(t, err.Error(), `"salaries"`)
	for _, table := range ExportTables {
		require.Contains(t, err.Error(), table)
	}
	require.Zero(t, buf.Len())
}

func TestExportFileName(t *testing.T) {
	x := newExportWorld(t)
	e, err := x.exports.Open("coord", x.p.ID, ExportGoals)
	require.NoError(t, err)
	require.Equal(t, x.p.Slug+"-goals-2026-12-08.csv", e.FileName)
}

// A user the directory no longer finds keeps the name the roster last saw.
func TestExportNamesFallBackToTheRoster(t *testing.T) {
	roster := &store.Roster{Entries: []*store.RosterEntry{{UserID: "gone", Username: "old-name", Name: "Old Name"}}}
	names := newExportNames(renamingDirectory{Directory: &fakeDirectory{}, gone: map[string]bool{"gone": true}}, roster)
	require.Equal(t, "old-name", names.username("gone"))
	require.Equal(t, "live", names.username("live"))
	require.Empty(t, names.username(""))
}

func stampOf(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// csvText is a table's text, for tests that look at bytes.
func csvText(t *testing.T, x *exportWorld, table string) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, x.exports.Write("coord", x.p.ID, table, &buf))
	return buf.String()
}

func TestExportQuotesCellsTheStandardWay(t *testing.T) {
	x := newExportWorld(t)
	text := csvText(t, x, ExportFeedback)
	require.Contains(t, text, `"'=HYPERLINK(""http://evil.example"",""click"")"`, "quotes doubled inside a quoted cell")
	require.True(t, strings.HasPrefix(text, strings.Join(feedbackHeader, ",")+"\n"))
}
