// Package kvtest has KV stores for tests of crash safety.
package kvtest

import (
	"errors"
	"sync"

	"github.com/mattermost/mattermost/server/public/pluginapi"
)

// ErrNodeDied is what every call of a dead store returns.
var ErrNodeDied = errors.New("node died")

// Dying is an in-memory KV store whose server dies at the N-th call from the
// moment DieAt is called: that call and every later one fail, as when a node
// crashes between two writes. Revive is the retry from a healthy node.
type Dying struct {
	*pluginapi.MemoryStore
	mu    sync.Mutex
	calls int
	dieAt int // 0 = never
}

// NewDying returns a healthy store.
func NewDying() *Dying { return &Dying{MemoryStore: &pluginapi.MemoryStore{}} }

func (kv *Dying) tick() error {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	kv.calls++
	if kv.dieAt > 0 && kv.calls >= kv.dieAt {
		return ErrNodeDied
	}
	return nil
}

// Set fails once the store has died.
func (kv *Dying) Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error) {
	if err := kv.tick(); err != nil {
		return false, err
	}
	return kv.MemoryStore.Set(key, value, options...)
}

// Get fails once the store has died.
func (kv *Dying) Get(key string, out any) error {
	if err := kv.tick(); err != nil {
		return err
	}
	return kv.MemoryStore.Get(key, out)
}

// ListKeys fails once the store has died.
func (kv *Dying) ListKeys(page, count int, options ...pluginapi.ListKeysOption) ([]string, error) {
	if err := kv.tick(); err != nil {
		return nil, err
	}
	return kv.MemoryStore.ListKeys(page, count, options...)
}

// Delete fails once the store has died.
func (kv *Dying) Delete(key string) error {
	if err := kv.tick(); err != nil {
		return err
	}
	return kv.MemoryStore.Delete(key)
}

// Calls counts the calls made since the store was made or revived.
func (kv *Dying) Calls() int {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	return kv.calls
}

// DieAt makes the n-th call from now, and every later one, fail.
func (kv *Dying) DieAt(n int) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	kv.dieAt = kv.calls + n
}

// Revive makes every call succeed again.
func (kv *Dying) Revive() {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	kv.dieAt, kv.calls = 0, 0
}
