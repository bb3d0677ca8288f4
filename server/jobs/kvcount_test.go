package jobs

import (
	"fmt"
	"sync/atomic"

	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/mentorship-mattermost/mentorship/server/store"
)

// countingKV counts the KV calls (and the bytes written) that reach a store.
type countingKV struct {
	store.KV
	gets, sets, deletes, lists, written atomic.Int64
}

func counting(kv store.KV) *countingKV { return &countingKV{KV: kv} }

func (k *countingKV) Get(key string, out any) error {
	k.gets.Add(1)
	return k.KV.Get(key, out)
}

func (k *countingKV) Set(key string, value any, options ...pluginapi.KVSetOption) (bool, error) {
	k.sets.Add(1)
	if b, ok := value.([]byte); ok {
		k.written.Add(int64(len(b)))
	}
	return k.KV.Set(key, value, options...)
}

func (k *countingKV) Delete(key string) error {
	k.deletes.Add(1)
	return k.KV.Delete(key)
}

func (k *countingKV) ListKeys(page, count int, options ...pluginapi.ListKeysOption) ([]string, error) {
	k.lists.Add(1)
	return k.KV.ListKeys(page, count, options...)
}

// kvCalls is a snapshot of the counters.
type kvCalls struct{ Gets, Sets, Deletes, Lists int }

func (c kvCalls) Total() int { return c.Gets + c.Sets + c.Deletes + c.Lists }

func (c kvCalls) String() string {
	return fmt.Sprintf("%d calls (%d Get, %d Set, %d Delete, %d ListKeys)", c.Total(), c.Gets, c.Sets, c.Deletes, c.Lists)
}

func (k *countingKV) calls() kvCalls {
	return kvCalls{int(k.gets.Load()), int(k.sets.Load()), int(k.deletes.Load()), int(k.lists.Load())}
}

// since counts the calls made after the snapshot before.
func (k *countingKV) since(before kvCalls) kvCalls {
	now := k.calls()
	return kvCalls{now.Gets - before.Gets, now.Sets - before.Sets, now.Deletes - before.Deletes, now.Lists - before.Lists}
}
