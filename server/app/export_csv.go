package app

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// exportSheet writes CSV rows with the standard writer (RFC 4180 quoting), every
// cell neutralized against formula injection. encoding/csv buffers 4 KiB and
// passes each full buffer on, so rows reach the reader while the table is
// still being read.
type exportSheet struct {
	w    *csv.Writer
	rows int // rows written after the header
}

func newExportSheet(w io.Writer) *exportSheet { return &exportSheet{w: csv.NewWriter(w)} }

// header writes the header row (once, first).
func (s *exportSheet) header(names ...string) error {
	return s.w.Write(names)
}

// row writes one row; an error is the writer's (the reader went away).
func (s *exportSheet) row(cells ...string) error {
	for i, c := range cells {
		cells[i] = neutralizeCell(c)
	}
	s.rows++
	return s.w.Write(cells)
}

func (s *exportSheet) close() error {
	s.w.Flush()
	return s.w.Error()
}

// neutralizeCell keeps a spreadsheet from reading a cell as a formula: a value
// that begins with = + - @ (or a tab or carriage return, which some
// spreadsheets skip before looking for one) gets a leading single quote, which
// spreadsheets show as text and do not evaluate (OWASP's CSV injection advice).
// The quote is visible to other readers: the value is then "'" + the original.
func neutralizeCell(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + cell
	}
	return cell
}

// csvTime is a time as RFC 3339 in UTC, "" when zero.
func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func csvInt(n int) string { return strconv.Itoa(n) }

func csvBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// csvList joins the values of a list cell.
func csvList(values []string) string { return strings.Join(values, "; ") }

// UserBatch is a Directory that also looks many users up in one call; an
// export asks for the people of a couple of hundred rows at a time instead
// of one round trip to the server per person. Users it does not return are
// not found (deleted, deactivated or unknown).
type UserBatch interface {
	Users(userIDs []string) map[string]UserInfo
}

// exportNames puts a username next to every user id. Each user is asked of
// the directory once per export (in batches when it is a UserBatch); someone
// it no longer finds (deactivated) keeps the name the program's roster last
// saw, so a row is never nameless only because its author left.
type exportNames struct {
	dir    Directory
	roster map[string]*store.RosterEntry
	seen   map[string]UserInfo
}

func newExportNames(dir Directory, roster *store.Roster) *exportNames {
	n := &exportNames{dir: dir, roster: map[string]*store.RosterEntry{}, seen: map[string]UserInfo{}}
	if roster != nil {
		for _, e := range roster.Entries {
			n.roster[e.UserID] = e
		}
	}
	return n
}

// fetch looks up in one batch the users not looked up yet (nothing when the
// directory cannot batch: user then asks one at a time).
func (n *exportNames) fetch(ids []string) {
	batch, ok := n.dir.(UserBatch)
	if !ok {
		return
	}
	var missing []string
	asked := map[string]bool{}
	for _, id := range ids {
		if _, seen := n.seen[id]; !seen && id != "" && !asked[id] {
			asked[id] = true
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return
	}
	found := batch.Users(missing)
	for _, id := range missing {
		u, ok := found[id]
		if !ok {
			u = n.fromRoster(id)
		}
		n.seen[id] = u
	}
}

func (n *exportNames) fromRoster(id string) UserInfo {
	if e := n.roster[id]; e != nil {
		return UserInfo{Username: e.Username, FullName: e.Name}
	}
	return UserInfo{}
}

func (n *exportNames) user(id string) UserInfo {
	if id == "" {
		return UserInfo{}
	}
	if u, ok := n.seen[id]; ok {
		return u
	}
	u, found := n.dir.User(id)
	if !found {
		u = n.fromRoster(id)
	}
	n.seen[id] = u
	return u
}

func (n *exportNames) username(id string) string { return n.user(id).Username }
