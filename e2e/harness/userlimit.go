package harness

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// An unlicensed server refuses to create a user once 250 active users exist
// (docs/real-server.md § 3a); the whole suite, run against one server, makes
// more than that. Past the limit a user is copied in SQL from an ordinary test
// user instead: the same row with a new id, username and email, and the same
// password hash (every test user has Password). Existing users log in and
// use the server normally past the limit, so the copy is a user like any other.

// userLimitReached reports whether the API refused a user for the limit.
func userLimitReached(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "ERROR_SAFETY_LIMITS_EXCEEDED") || strings.Contains(err.Error(), "user_limits"))
}

// copyUserInSQL inserts a user named name, copied from an ordinary user.
func (e *Env) copyUserInSQL(c *model.Client4, name string) (*model.User, error) {
	var template *User
	for _, u := range e.Users {
		if u.Roles == model.SystemUserRoleId && u.DeleteAt == 0 {
			template = u
			break
		}
	}
	if template == nil {
		return nil, fmt.Errorf("copy user %s: no ordinary user to copy", name)
	}
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	id := model.NewId()
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	script := fmt.Sprintf(`CREATE TEMP TABLE nu AS SELECT * FROM users WHERE id = %s;
UPDATE nu SET id = %s, username = %s, email = %s, firstname = %s, lastname = 'Tester', nickname = '',
  createat = (extract(epoch from now()) * 1000)::bigint, updateat = (extract(epoch from now()) * 1000)::bigint;
INSERT INTO users SELECT * FROM nu;`, quote(template.Id), quote(id), quote(name), quote(name+"@example.test"), quote(name))
	out, err := exec.Command(filepath.Join(bin, "psql"), "-h", "127.0.0.1", "-p", strconv.Itoa(e.PG.Port), "-U", "mmuser",
		"-d", "mattermost_e2e", "-v", "ON_ERROR_STOP=1", "-X", "-q", "-c", script).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("copy user %s: %v: %s", name, err, out)
	}
	u, _, err := c.GetUser(context.Background(), id, "")
	if err != nil {
		return nil, fmt.Errorf("read copied user %s: %w", name, err)
	}
	return u, nil
}
