package store

import (
	"encoding/json"
	"math/rand/v2"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"
)

// ErrUnchanged is returned by a mutate function to end an Update without writing.
var ErrUnchanged = errors.New("unchanged")

// ErrContention is returned when a key kept changing under every attempt.
var ErrContention = errors.New("the record is being changed by many requests at once; try again")

// maxAttempts bounds the compare-and-set loop. Under heavy contention each attempt
// sleeps a little longer (with jitter) so that competing writers spread out.
const maxAttempts = 64

// Update is the one read-modify-write primitive. It reads key, decodes it into a
// T (the zero value and exists=false when absent), lets mutate change it, and writes
// the result with a compare-and-set against the exact bytes it read, retrying from
// a fresh read when another writer got there first. If mutate returns ErrUnchanged
// nothing is written and the current value is returned; any other error aborts.
func Update[T any](kv KV, key string, mutate func(value *T, exists bool) error) (T, error) {
	for attempt := 0; attempt < maxAttempts; attempt++ {
		var raw []byte
		if err := kv.Get(key, &raw); err != nil {
			var zero T
			return zero, errors.Wrapf(err, "read %s", key)
		}
		var value T
		exists := len(raw) > 0
		if exists {
			if err := json.Unmarshal(raw, &value); err != nil {
				var zero T
				return zero, errors.Wrapf(err, "decode %s", key)
			}
		}
		if err := mutate(&value, exists); err != nil {
			if errors.Is(err, ErrUnchanged) {
				return value, nil
			}
			var zero T
			return zero, err
		}
		next, err := json.Marshal(value)
		if err != nil {
			var zero T
			return zero, errors.Wrapf(err, "encode %s", key)
		}
		// SetAtomic(nil) means "only if still absent"; otherwise compare with raw.
		var old any
		if exists {
			old = raw
		}
		saved, err := kv.Set(key, next, pluginapi.SetAtomic(old))
		if err != nil {
			var zero T
			return zero, errors.Wrapf(err, "write %s", key)
		}
		if saved {
			return value, nil
		}
		backoff(attempt)
	}
	var zero T
	return zero, ErrContention
}

func backoff(attempt int) {
	limit := time.Duration(min(attempt+1, 10)) * 5 * time.Millisecond
	time.Sleep(limit/2 + rand.N(limit/2+1))
}

// get decodes key into out and reports whether it existed.
func get[T any](kv KV, key string) (T, bool, error) {
	var raw []byte
	var value T
	if err := kv.Get(key, &raw); err != nil {
		return value, false, errors.Wrapf(err, "read %s", key)
	}
	if len(raw) == 0 {
		return value, false, nil
	}
	if err := json.Unmarshal(raw, &value); err != nil {
		return value, false, errors.Wrapf(err, "decode %s", key)
	}
	return value, true, nil
}
