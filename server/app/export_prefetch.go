package app

import "github.com/mentorship-mattermost/mentorship/server/domain"

// exportWorkers bounds the per-match reads an export has in flight. Each read
// is a round trip to the server (about a millisecond), so reading a few
// matches ahead of the writer makes an export of thousands of matches several
// times faster, while what is held stays a few matches' documents.
const exportWorkers = 8

// exportNameBatch is how many lines' people are looked up at once.
const exportNameBatch = 200

// inOrder runs load for each item, up to exportWorkers at a time and never
// more than that many items ahead of emit, and calls emit with each result in
// the items' order. The first error stops it; loads still running finish
// into buffered channels and are dropped. emit runs on the caller's
// goroutine, so it may use what is not safe for concurrent use (the
// request's directory).
func inOrder[T, R any](items []T, load func(T) (R, error), emit func(int, R) error) error {
	type result struct {
		v   R
		err error
	}
	pending := make(chan chan result, exportWorkers-1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(pending)
		for _, item := range items {
			c := make(chan result, 1)
			select {
			case pending <- c:
			case <-done:
				return
			}
			go func() {
				v, err := load(item)
				c <- result{v, err}
			}()
		}
	}()
	i := 0
	for c := range pending {
		r := <-c
		if r.err != nil {
			return r.err
		}
		if err := emit(i, r.v); err != nil {
			return err
		}
		i++
	}
	return nil
}

// namesAhead looks up, in one batch, the pair of each of the next lines once
// the writer reaches a multiple of exportNameBatch: the rows that follow then
// find their usernames already known.
func (t *exportWriter) namesAhead(lines []*domain.MatchHealth, i int) {
	if i%exportNameBatch != 0 {
		return
	}
	end := min(len(lines), i+exportNameBatch)
	ids := make([]string, 0, 2*(end-i))
	for _, h := range lines[i:end] {
		ids = append(ids, h.MentorID, h.MenteeID)
	}
	t.names.fetch(ids)
}
