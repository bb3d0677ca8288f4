package store

import (
	"strings"
	"sync"

	"github.com/pkg/errors"
)

// Migration moves stored data from schema Version-1 to Version. Apply must be
// idempotent: a node that dies half way leaves the version unrecorded, and the
// next activation runs the migration again over what is already converted.
type Migration struct {
	Version int
	Name    string
	Apply   func(s *Store) error
}

// Migrations is the ordered list the plugin runs at activation.
var Migrations = []Migration{
	// Version 1 is the first layout: nothing to convert, but the version record
	// marks the store as ours.
	{Version: 1, Name: "initial layout", Apply: func(*Store) error { return nil }},
	{Version: 2, Name: "team catalogs and per-user memberships", Apply: migrateToCatalogs},
	{Version: 3, Name: "paged program rosters", Apply: migrateToRosters},
}

// SchemaVersion returns the stored schema version (0 for a fresh store).
func (s *Store) SchemaVersion() (int, error) {
	v, _, err := get[int](s.kv, schemaVersionKey)
	return v, err
}

// Migrate runs the pending migrations in order under lock, a cluster-wide mutex in
// production, and reads the version only after taking it, so that two servers
// starting together run each migration once. It returns the versions it applied.
func (s *Store) Migrate(lock sync.Locker, migrations []Migration) ([]int, error) {
	lock.Lock()
	defer lock.Unlock()

	current, err := s.SchemaVersion()
	if err != nil {
		return nil, err
	}
	var applied []int
	for _, m := range migrations {
		if m.Version <= current {
			continue
		}
		if err := m.Apply(s); err != nil {
			return applied, errors.Wrapf(err, "migration %d (%s)", m.Version, m.Name)
		}
		if _, err := s.kv.Set(schemaVersionKey, m.Version); err != nil {
			return applied, errors.Wrapf(err, "record schema version %d", m.Version)
		}
		current = m.Version
		applied = append(applied, m.Version)
	}
	return applied, nil
}

// keysWithPrefix lists every key that starts with prefix. It pages through the
// unfiltered key list until a short page: a filtered page can come back short
// while later pages still match.
func (s *Store) keysWithPrefix(prefix string) ([]string, error) {
	const pageSize = 1000
	var out []string
	for page := 0; ; page++ {
		keys, err := s.kv.ListKeys(page, pageSize)
		if err != nil {
			return nil, errors.Wrap(err, "list keys")
		}
		for _, k := range keys {
			if strings.HasPrefix(k, prefix) {
				out = append(out, k)
			}
		}
		if len(keys) < pageSize {
			return out, nil
		}
	}
}
