package app

import (
	"io"
	"slices"
	"strings"

	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// The tables a program exports, in the order they are offered.
const (
	ExportMembers  = "members"
	ExportMatches  = "matches"
	ExportSessions = "sessions"
	ExportGoals    = "goals"
	ExportCheckIns = "checkins"
	ExportFeedback = "feedback"
)

// ExportTables lists every table a program exports.
var ExportTables = []string{ExportMembers, ExportMatches, ExportSessions, ExportGoals, ExportCheckIns, ExportFeedback}

var msgBadExportTable = &i18n.Message{ID: "app.export.bad_table",
	Other: "There is no table \"{{.Table}}\" to export. Choose one of: {{.Tables}}."}

// Exports writes a program's tables as CSV for its coordinators: one row per
// member, match, meeting, goal, check-in answer or piece of feedback. A table
// is written as it is read, match by match, so the memory it takes does not
// grow with the program beyond the indexes the insight reads anyway (the
// roster and the health ledger).
type Exports struct{ base }

func newExports(b base) *Exports { return &Exports{base: b} }

// ExportNotifier delivers an export as a file in a DM from the bot. Unlike the
// other notifiers it reports failure: the file is what the person asked for.
type ExportNotifier interface {
	// SendExport uploads what write produces as file.FileName into the bot's
	// DM with the user and posts it there with a line saying what it is; it
	// returns the post's id. Nothing is posted when write or the upload fails.
	SendExport(userID string, file ExportFile, write func(w io.Writer) (rows int, err error)) (postID string, err error)
}

// ExportFile says what an export is: which table of which program, and the
// file name it is offered under.
type ExportFile struct {
	ProgramID   string
	ProgramName string
	Table       string
	// FileName is "<program handle>-<table>-<YYYY-MM-DD>.csv" (UTC date).
	FileName string
}

// Export is one table of one program, checked and ready to be written.
type Export struct {
	ExportFile
	s       *Exports
	program *domain.Program
}

// ExportSent is what the bot posted for /mentor export.
type ExportSent struct {
	ExportFile
	PostID string
	Rows   int
}

// Open checks that the actor may export the table and names the file; nothing
// is read yet. Someone who cannot see the program gets not found, a member of
// it forbidden, an unknown table invalid with the list of tables.
func (s *Exports) Open(actorID, programID, table string) (*Export, error) {
	p, err := s.programs.Get(actorID, programID)
	if err != nil {
		return nil, err
	}
	if err := s.perms.RequireCoordinator(actorID, p); err != nil {
		return nil, err
	}
	if !slices.Contains(ExportTables, table) {
		return nil, invalid("table", msgBadExportTable, map[string]any{"Table": table, "Tables": strings.Join(ExportTables, ", ")})
	}
	name := p.Slug + "-" + table + "-" + s.deps.Now().UTC().Format("2006-01-02") + ".csv"
	return &Export{ExportFile: ExportFile{ProgramID: p.ID, ProgramName: p.Name, Table: table, FileName: name}, s: s, program: p}, nil
}

// Write writes the table as CSV to w (see Open for who may).
func (s *Exports) Write(actorID, programID, table string, w io.Writer) error {
	e, err := s.Open(actorID, programID, table)
	if err != nil {
		return err
	}
	_, err = e.Write(w)
	return err
}

// Send has the bot DM the table to the actor as a .csv file.
func (s *Exports) Send(actorID, programID, table string) (*ExportSent, error) {
	e, err := s.Open(actorID, programID, table)
	if err != nil {
		return nil, err
	}
	out := &ExportSent{ExportFile: e.ExportFile}
	out.PostID, err = s.deps.Exports.SendExport(actorID, e.ExportFile, func(w io.Writer) (int, error) {
		rows, err := e.Write(w)
		out.Rows = rows
		return rows, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Write writes the header row and then every row of the table to w as it is
// read, and returns how many rows (besides the header) it wrote. A failure
// after the first rows leaves w with what was written so far.
func (e *Export) Write(w io.Writer) (int, error) {
	sheet := newExportSheet(w)
	t := &exportWriter{s: e.s, program: e.program, sheet: sheet, now: e.s.deps.Now().UTC()}
	var err error
	switch e.Table {
	case ExportMembers:
		err = t.members()
	case ExportMatches:
		err = t.matches()
	case ExportSessions:
		err = t.sessions()
	case ExportGoals:
		err = t.goals()
	case ExportCheckIns:
		err = t.checkIns()
	case ExportFeedback:
		err = t.feedback()
	}
	if err != nil {
		return sheet.rows, err
	}
	return sheet.rows, sheet.close()
}
