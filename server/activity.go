package main

import (
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
)

// activityFlushEvery is how often a node writes the chat activity it saw into
// the health ledger: the hook itself never writes, so a busy channel costs a
// map update per message and one compare-and-set per match per flush.
const activityFlushEvery = 15 * time.Second

// MessageHasBeenPosted notes who posted when in a channel (never the text),
// for the "one side silent" reason of the at-risk list.
func (p *Plugin) MessageHasBeenPosted(_ *plugin.Context, post *model.Post) {
	if p.activity == nil || post.Type != "" || post.UserId == p.botID || post.GetProp(model.PostPropsFromWebhook) == "true" {
		return
	}
	p.activity.Record(post.ChannelId, post.UserId, post.CreateAt)
}

func (p *Plugin) startActivityFlush() {
	p.activityStop, p.activityDone = make(chan struct{}), make(chan struct{})
	go func(stop, done chan struct{}) {
		defer close(done)
		tick := time.NewTicker(activityFlushEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				p.flushActivity()
			}
		}
	}(p.activityStop, p.activityDone)
}

// stopActivityFlush stops the ticker and writes what is still buffered, so a
// plugin restart loses nothing it saw.
func (p *Plugin) stopActivityFlush() {
	if p.activityStop == nil {
		return
	}
	close(p.activityStop)
	<-p.activityDone
	p.activityStop = nil
	p.flushActivity()
}

func (p *Plugin) flushActivity() {
	if err := p.activity.Flush(); err != nil {
		p.API.LogWarn("Failed to write chat activity", "error", err.Error())
	}
}
