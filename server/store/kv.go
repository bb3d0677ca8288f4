// Package store is the plugin's KV repository: every key lives in keys.go, every
// read-modify-write goes through the compare-and-set helper in cas.go.
//
// # Changes that write more than one key
//
// A Mattermost server may run several nodes, and a node may die between any two
// writes. The KV store has no transactions, so every action that writes several
// keys follows one pattern, which makes any prefix of its writes harmless and lets
// a retry (or the next read) finish the job:
//
//  1. Every fact has exactly one authoritative key. A program lives in its team's
//     catalog (name, handle, archived, coordinators and all other fields, so a
//     rename or an archive is one compare-and-set that checks handle uniqueness
//     in the same write); an enrollment lives in its user's memberships document.
//  2. Indexes and pointers are supersets, written BEFORE the authoritative write
//     and never trusted alone: a reader follows an index entry to the
//     authoritative key and skips the entry when the record is not there. A
//     dangling entry (the node died after the index write) is invisible and
//     blocks nothing; the retry writes the record and the entry is already there.
//     Pointers are idempotent (the same value every time).
//  3. The authoritative write is the commit point, a compare-and-set. Before it,
//     nothing happened as far as readers can tell; after it, the action happened.
//  4. Side effects that must happen once after a commit (a welcome DM, a request
//     to the coordinators) are recorded IN the committed record as a pending
//     announcement. The sender claims it with a compare-and-set that clears it
//     and sends only if its claim won; a retry of the action, or any node, finds
//     an unclaimed announcement and sends it. A node that dies between claim and
//     send loses that one message rather than sending it twice.
//
// Nothing in this package undoes a partial write: there is nothing to undo.
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
	// roster caches decoded roster pages on this node (roster.go); it is checked
	// against the stored head on every read, so it never holds state that
	// another node needs.
	roster *rosterCache
}

// New returns a repository over kv.
func New(kv KV) *Store {
	return &Store{kv: kv, roster: &rosterCache{}}
}
