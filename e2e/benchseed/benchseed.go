// Package benchseed copies a population of members in SQL for the scale
// benchmarks (cmd/benchmatching, cmd/benchreminders).
package benchseed

import (
	"crypto/rand"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// An unlicensed server creates at most 250 active users through the API
// (docs/real-server.md § 3a), so the population is copied in SQL from one
// user made through the API: their users, teammembers, channelmembers
// (town-square, so that they can run slash commands there) and sessions rows,
// with new ids, usernames, emails, time zones and session tokens. Each copy is
// column-agnostic (SELECT * of the template plus UPDATE of the few columns that
// differ), so a server upgrade that adds columns does not break it.

// Psql runs SQL (or a script file with -f) against the test database.
func Psql(env *harness.Env, args ...string) (string, error) {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/psql")
	if len(bins) == 0 {
		return "", fmt.Errorf("psql not found under /usr/lib/postgresql")
	}
	base := []string{"-h", "127.0.0.1", "-p", strconv.Itoa(env.PG.Port), "-U", "mmuser", "-d", "mattermost_e2e",
		"-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t"}
	out, err := exec.Command(bins[len(bins)-1], append(base, args...)...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("psql %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// NewID returns a Mattermost-style id: 26 lowercase letters and digits.
func NewID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 26)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// CloneUsers copies template (an API-made user, member of the team and
// town-square, with a session) once per member (UTC when Zone is empty), giving each its id, username,
// time zone and a session token of its own (filled into members).
func CloneUsers(env *harness.Env, template *harness.User, members []*Account, dir string) error {
	// The files hold session tokens (of a throwaway database): gone after use.
	csvPath, scriptPath := filepath.Join(dir, "seed-users.csv"), filepath.Join(dir, "seed-users.sql")
	defer os.Remove(csvPath)
	defer os.Remove(scriptPath)
	f, err := os.Create(csvPath)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	for _, m := range members {
		m.ID, m.Token = NewID(), NewID()
		zone := m.Zone
		if zone == "" {
			zone = "UTC"
		}
		if err := w.Write([]string{m.ID, m.Username, m.Token, NewID(), zone}); err != nil {
			return err
		}
	}
	w.Flush()
	if err := f.Close(); err != nil {
		return err
	}
	script := fmt.Sprintf(`
CREATE TEMP TABLE seed (s_id text, s_username text, s_token text, s_session text, s_zone text);
\copy seed FROM '%s' CSV
CREATE TEMP TABLE nu AS SELECT u.*, s.* FROM users u CROSS JOIN seed s WHERE u.id = '%[2]s';
UPDATE nu SET id = s_id, username = s_username, email = s_username || '@example.test',
  firstname = initcap(s_username), lastname = 'Seeded', nickname = '',
  timezone = jsonb_build_object('automaticTimezone', s_zone, 'manualTimezone', '', 'useAutomaticTimezone', 'true');
ALTER TABLE nu DROP COLUMN s_id, DROP COLUMN s_username, DROP COLUMN s_token, DROP COLUMN s_session, DROP COLUMN s_zone;
INSERT INTO users SELECT * FROM nu;

CREATE TEMP TABLE ntm AS SELECT t.*, s.s_id FROM teammembers t CROSS JOIN seed s WHERE t.userid = '%[2]s';
UPDATE ntm SET userid = s_id;
ALTER TABLE ntm DROP COLUMN s_id;
INSERT INTO teammembers SELECT * FROM ntm;

CREATE TEMP TABLE ncm AS SELECT c.*, s.s_id FROM channelmembers c CROSS JOIN seed s
  WHERE c.userid = '%[2]s' AND c.channelid = '%[3]s';
UPDATE ncm SET userid = s_id;
ALTER TABLE ncm DROP COLUMN s_id;
INSERT INTO channelmembers SELECT * FROM ncm;

CREATE TEMP TABLE nse AS SELECT x.*, s.s_id, s.s_token, s.s_session FROM sessions x CROSS JOIN seed s
  WHERE x.token = '%[4]s';
UPDATE nse SET id = s_session, token = s_token, userid = s_id;
ALTER TABLE nse DROP COLUMN s_id, DROP COLUMN s_token, DROP COLUMN s_session;
INSERT INTO sessions SELECT * FROM nse;
`, csvPath, template.Id, env.Channel.Id, template.Token)
	if err := os.WriteFile(scriptPath, []byte(script), 0o644); err != nil {
		return err
	}
	if _, err := Psql(env, "-f", scriptPath); err != nil {
		return err
	}
	got, err := Psql(env, "-c", "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.userid WHERE u.lastname = 'Seeded'")
	if err != nil {
		return err
	}
	if got != strconv.Itoa(len(members)) {
		return fmt.Errorf("seeded %s users with sessions, want %d", got, len(members))
	}
	return nil
}

// Account is one seeded member: the caller names it (and may give a time
// zone); CloneUsers fills in the id and a session token of its own.
type Account struct {
	ID, Username, Token, Zone string
}
