// Package store is the plugin's KV repository: every key lives in keys.go, every
// read-modify-write goes through the compare-and-set helpers in cas.go.
package store

import (
	"github.com/mattermost/mattermost/server/public/pluginapi"
)

// KV is the narrow slice of the plugin KV store that the repository needs. Both
// *pluginapi.KVService (production) and *pluginapi.MemoryStore (tests) satisfy it,
// so store tests run against real compare-and-set semantics.
type KV interface {
	Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error)
	Get(key string, out any) error
	Delete(key string) error
	ListKeys(page, count int, options ...pluginapi.ListKeysOption) ([]string, error)
}

// Store is the repository over one KV store.
type Store struct {
	kv KV
}

// New returns a repository over kv.
func New(kv KV) *Store {
	return &Store{kv: kv}
}
