package store

import (
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"
	"github.com/stretchr/testify/require"
)

type counter struct {
	N int `json:"n"`
}

func TestUpdateLosesNoIncrementUnderConcurrency(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	const writers, perWriter = 16, 25
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				_, err := Update(kv, "v1/counter", func(c *counter, _ bool) error {
					c.N++
					return nil
				})
				require.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	got, ok, err := get[counter](kv, "v1/counter")
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, writers*perWriter, got.N)
}

func TestUpdateUnchangedWritesNothing(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	v, err := Update(kv, "v1/x", func(c *counter, exists bool) error {
		require.False(t, exists)
		return ErrUnchanged
	})
	require.NoError(t, err)
	require.Equal(t, 0, v.N)
	_, ok, err := get[counter](kv, "v1/x")
	require.NoError(t, err)
	require.False(t, ok, "an unchanged update must not create the key")
}

func TestUpdateMutateErrorAbortsWithoutWrite(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	_, err := kv.Set("v1/x", counter{N: 1})
	require.NoError(t, err)
	boom := errors.New("boom")
	_, err = Update(kv, "v1/x", func(c *counter, _ bool) error {
		c.N = 99
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, _, _ := get[counter](kv, "v1/x")
	require.Equal(t, 1, got.N)
}

// A writer that sneaks in between the read and the write must make the CAS fail
// and the update retry from the new value.
func TestUpdateComparesAgainstTheBytesItRead(t *testing.T) {
	kv := &pluginapi.MemoryStore{}
	_, err := kv.Set("v1/x", counter{N: 1})
	require.NoError(t, err)
	calls := 0
	_, err = Update(kv, "v1/x", func(c *counter, _ bool) error {
		calls++
		if calls == 1 {
			_, setErr := kv.Set("v1/x", counter{N: 10})
			require.NoError(t, setErr)
		}
		c.N++
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, 2, calls)
	got, _, _ := get[counter](kv, "v1/x")
	require.Equal(t, 11, got.N)
}
