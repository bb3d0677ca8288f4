package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// restCheck reads, through the REST API as each member, the DM channel of a
// sample of members with the bot and counts the reminders of each round's
// session there: the members' own view of "exactly once", next to the SQL
// count of every reminder.
func (b *bench) restCheck(rounds []*round) error {
	n := b.o.sessions
	sample := min(b.o.restSample, n)
	if sample == 0 {
		return nil
	}
	stride := max(1, n/sample)
	var mu sync.Mutex
	bad := make([]string, 0)
	err := parallel("REST check", sample, b.o.workers, func(w, k int) error {
		i := k * stride
		for _, who := range []*person{b.mentees[i], b.mentors[i]} {
			c := client(b.node(w), who.Token)
			ch, _, err := c.CreateDirectChannel(context.Background(), who.ID, b.botID)
			if err != nil {
				return fmt.Errorf("DM channel of %s with the bot: %w", who.Username, err)
			}
			list, _, err := c.GetPostsForChannel(context.Background(), ch.Id, 0, 200, "", false, false)
			if err != nil {
				return fmt.Errorf("posts of %s's DM with the bot: %w", who.Username, err)
			}
			for _, r := range rounds {
				got := 0
				for _, p := range list.Posts {
					key, _ := p.GetProp("mentorship_nudge").(string)
					if strings.HasPrefix(key, r.sessions[i]+"/") && strings.Contains(key, "/remind/") {
						got++
					}
				}
				mu.Lock()
				r.restChecked++
				if got != 1 {
					r.restBad++
					bad = append(bad, fmt.Sprintf("%s: %s sees %d reminders of session %s", r.name, who.Username, got, r.sessions[i]))
				}
				mu.Unlock()
			}
		}
		return nil
	})
	for _, line := range bad[:min(len(bad), 10)] {
		b.rep.note("REST check: %s", line)
	}
	return err
}
