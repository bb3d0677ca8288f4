package main

import (
	"context"
	"fmt"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// measureDirectMessages times what each proposal costs Mattermost besides the
// plugin's KV calls: a first direct message to a person (create the DM
// channel, then post in it), done here as the admin through REST for members
// nobody has written to yet. Publishing sends two per proposal (to the mentee
// and to the mentor) from the bot, through the plugin API.
func (w *world) measureDirectMessages(recipients []*member) error {
	admin := w.env.Users["admin"]
	c := model.NewAPIv4Client(w.node.URL)
	c.HTTPClient = httpClient
	c.SetToken(admin.Token)
	ctx := context.Background()
	var samples []time.Duration
	for _, m := range recipients {
		start := time.Now()
		ch, _, err := c.CreateDirectChannel(ctx, admin.Id, m.ID)
		if err != nil {
			return fmt.Errorf("direct channel with %s: %w", m.Username, err)
		}
		if _, _, err := c.CreatePost(ctx, &model.Post{ChannelId: ch.Id,
			Message: "You have a mentoring proposal: **Ana** offers public speaking; 3 h time-zone overlap."}); err != nil {
			return fmt.Errorf("post to %s: %w", m.Username, err)
		}
		samples = append(samples, time.Since(start))
	}
	w.rep.latency("first DM to a person (reference)", samples, 0,
		"admin via REST: POST /channels/direct + POST /posts, to members never written to")
	return nil
}
