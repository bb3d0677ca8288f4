package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// floorResult is the server's own rate of posting direct messages.
type floorResult struct {
	posts   int
	clients int
	took    time.Duration
	p50     time.Duration
	p95     time.Duration
}

func (f floorResult) rate() float64 { return float64(f.posts) / f.took.Seconds() }

// measureFloor times what a reminder costs Mattermost itself: one post in an
// existing direct-message channel. The admin writes one DM to each of
// o.floorDMs members (their DM channels with the admin, made first and not
// timed, so the bot's channels and counts are untouched) with o.floorClients
// parallel clients spread over both nodes, as the two nodes' sweeps post.
func (b *bench) measureFloor() (floorResult, error) {
	ctx := context.Background()
	n := min(b.o.floorDMs, 2*b.o.sessions)
	people := append(append([]*person{}, b.mentees...), b.mentors...)[:n]
	channels := make([]string, n)
	err := parallel("floor channels", n, b.o.floorClients, func(w, i int) error {
		ch, _, err := client(b.node(w), b.admin.Token).CreateDirectChannel(ctx, b.admin.Id, people[i].ID)
		if err != nil {
			return fmt.Errorf("direct channel with %s: %w", people[i].Username, err)
		}
		channels[i] = ch.Id
		return nil
	})
	if err != nil {
		return floorResult{}, err
	}
	samples := make([]time.Duration, n)
	start := time.Now()
	err = parallel("floor posts", n, b.o.floorClients, func(w, i int) error {
		began := time.Now()
		_, _, err := client(b.node(w), b.admin.Token).CreatePost(ctx, &model.Post{ChannelId: channels[i],
			Message: "Reminder: **Benchmark meeting** with @someone starts in 5 minutes (12:00–12:30 UTC), in your pair's channel."})
		samples[i] = time.Since(began)
		if err != nil {
			return fmt.Errorf("DM to %s: %w", people[i].Username, err)
		}
		return nil
	})
	took := time.Since(start)
	if err != nil {
		return floorResult{}, err
	}
	slices.Sort(samples)
	return floorResult{posts: n, clients: b.o.floorClients, took: took,
		p50: samples[n/2], p95: samples[min(n-1, n*95/100)]}, nil
}
