package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pkg/errors"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"
	pluginI18n "github.com/mattermost/mattermost/server/public/pluginapi/i18n"

	"github.com/mentorship-mattermost/mentorship/server/api"
	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/channels"
	"github.com/mentorship-mattermost/mentorship/server/command"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/jobs"
	"github.com/mentorship-mattermost/mentorship/server/notify"
	"github.com/mentorship-mattermost/mentorship/server/store"
)

// Plugin wires the pieces together; it holds no domain state.
type Plugin struct {
	plugin.MattermostPlugin

	configLock sync.RWMutex
	config     *configuration

	client   *pluginapi.Client
	botID    string
	api      *api.Handler
	commands *command.Handler
	// sweeper runs the due-work sweep (one node at a time, cluster.Schedule);
	// sweepEvery is the interval it was scheduled with.
	sweepLock  sync.Mutex
	sweeper    *cluster.Job
	sweepEvery time.Duration
	due        *jobs.Scheduler
	// activity collects chat metadata from MessageHasBeenPosted on this node
	// and flushes it every activityFlushEvery (activity.go).
	activity     *app.Activity
	activityStop chan struct{}
	activityDone chan struct{}
}

// OnActivate runs on every node when the plugin starts.
func (p *Plugin) OnActivate() error {
	p.client = pluginapi.NewClient(p.API, p.Driver)
	if err := p.ensureBot(); err != nil {
		return err
	}

	bundle, err := pluginI18n.InitBundle(p.API, "assets/i18n")
	if err != nil {
		return errors.Wrap(err, "load translations")
	}
	tr := i18n.New(bundle.Bundle, p.userLocale)

	st := store.New(&p.client.KV)

	botID := func() string { return p.botID }
	packs := &onboardingPacks{p: p}
	notifier := &notify.Notifier{
		BotID: botID, Posts: &p.client.Post, Frontend: &p.client.Frontend, Users: &p.client.User,
		Log: &p.client.Log, Tr: tr, Resources: packs,
	}
	kit := notify.Kit{
		BotID: botID, Posts: &p.client.Post, Files: &p.client.File, Channels: &p.client.Channel,
		Frontend: &p.client.Frontend, Users: &p.client.User, Log: &p.client.Log, Tr: tr,
	}
	p.due = jobs.New(&p.client.KV, time.Now)
	services := app.NewServices(st, app.Deps{
		Directory: &directory{api: p.API},
		Notifier:  notifier,
		Matches: &notify.MatchNotifier{
			BotID: botID, Posts: &p.client.Post, Frontend: &p.client.Frontend, Users: &p.client.User,
			Log: &p.client.Log, Tr: tr,
		},
		Sessions: &notify.SessionNotifier{
			BotID: botID, Posts: &p.client.Post, Files: &p.client.File, Channels: &p.client.Channel,
			Frontend: &p.client.Frontend, Users: &p.client.User, Log: &p.client.Log, Tr: tr,
		},
		Goals:      &notify.GoalNotifier{Kit: kit},
		CheckIns:   &notify.CheckInNotifier{Kit: kit},
		Insight:    &notify.InsightNotifier{Kit: kit},
		Resources:  &notify.ResourceNotifier{Kit: kit},
		Exports:    &notify.ExportNotifier{Kit: kit},
		Digests:    &notify.DigestNotifier{Kit: kit},
		Channels:   &channels.Pairs{API: p.API, BotID: botID},
		ChannelURL: p.channelURL,
		Scheduler:  dueWork{p.due},
		Background: func(work func()) { go work() },
		Settings:   func() app.Settings { return p.getConfiguration().settings() },
		Now:        time.Now,
		NewID:      model.NewId,
	})
	packs.services = services
	if err := p.migrate(st, services); err != nil {
		return err
	}
	for _, kind := range []string{app.DueFinishMatch, app.DueExpireMatch, app.DueRemindMatch, app.DueArchiveMatch, app.DueResumePublish} {
		p.due.Handle(kind, func(item jobs.Item) error {
			var payload string
			if err := json.Unmarshal(item.Payload, &payload); err != nil {
				return errors.Wrapf(err, "decode the payload of %s", item.ID)
			}
			return services.Matches.HandleDue(item.Kind, payload)
		})
	}
	for _, kind := range []string{app.DueFinishSession, app.DueRollSession, app.DueRemindSession, app.DueFollowUp, app.DueDigest} {
		p.due.Handle(kind, func(item jobs.Item) error {
			var payload string
			if err := json.Unmarshal(item.Payload, &payload); err != nil {
				return errors.Wrapf(err, "decode the payload of %s", item.ID)
			}
			return services.Sessions.HandleDue(item.Kind, payload)
		})
	}
	for _, h := range []dueHandler{services.Goals, services.CheckIns, services.Insight, services.Digests, services.Health} {
		for _, kind := range h.DueKinds() {
			p.due.Handle(kind, func(item jobs.Item) error {
				var payload string
				if err := json.Unmarshal(item.Payload, &payload); err != nil {
					return errors.Wrapf(err, "decode the payload of %s", item.ID)
				}
				return h.HandleDue(item.Kind, payload)
			})
		}
	}
	p.activity = services.Activity
	p.startActivityFlush()
	dialogs := &dialog.Dialogs{Svc: services, Tr: tr, Frontend: &p.client.Frontend, Ephemeral: &p.client.Post, BotID: botID, Log: &p.client.Log}
	p.api = api.NewHandler(services, tr, &p.client.Log, &p.client.User, dialogs)
	p.api.ShowFullName = p.showFullName
	p.commands = &command.Handler{Svc: services, Tr: tr, Dialogs: dialogs, Users: &p.client.User, Log: &p.client.Log}

	if err := p.client.SlashCommand.Register(command.Register()); err != nil {
		return errors.Wrap(err, "register /mentor")
	}
	return p.scheduleSweep()
}

// migrate brings stored data up to the current schema: the store's own
// migrations, then schema 4, which puts the health ledger, check-ins and
// digests of existing data on the due-work scheduler.
func (p *Plugin) migrate(st *store.Store, services *app.Services) error {
	lock, err := cluster.NewMutex(p.API, store.MigrationMutexKey())
	if err != nil {
		return errors.Wrap(err, "create migration lock")
	}
	migrations := append(slices.Clone(store.Migrations), store.Migration{
		Version: 4, Name: "health ledger, check-ins and digests",
		Apply: func(*store.Store) error { return services.BackfillSchema4() },
	})
	applied, err := st.Migrate(lock, migrations)
	if err != nil {
		return errors.Wrap(err, "migrate stored data")
	}
	if len(applied) > 0 {
		p.API.LogInfo("Mentorship data migrated", "versions", applied)
	}
	return nil
}

// dueHandler is a service with due work of its own kinds.
type dueHandler interface {
	DueKinds() []string
	HandleDue(kind, payload string) error
}

// OnDeactivate stops this node's sweep; another node's carries on.
func (p *Plugin) OnDeactivate() error {
	p.stopActivityFlush()
	p.sweepLock.Lock()
	defer p.sweepLock.Unlock()
	if p.sweeper != nil {
		return p.sweeper.Close()
	}
	return nil
}

// scheduleSweep runs the due-work sweep every DueWorkSweepSeconds. The cluster
// job lets one node sweep at a time; the scheduler's claims make each item run
// once even if two sweeps met.
func (p *Plugin) scheduleSweep() error {
	p.sweepLock.Lock()
	defer p.sweepLock.Unlock()
	every := p.getConfiguration().sweepInterval()
	if p.sweeper != nil {
		if every == p.sweepEvery {
			return nil
		}
		if err := p.sweeper.Close(); err != nil {
			return errors.Wrap(err, "stop the due-work sweep")
		}
	}
	job, err := cluster.Schedule(p.API, "mentorship-due-sweep", cluster.MakeWaitForInterval(every), p.sweep)
	if err != nil {
		return errors.Wrap(err, "schedule the due-work sweep")
	}
	p.sweeper, p.sweepEvery = job, every
	return nil
}

func (p *Plugin) sweep() {
	res, err := p.due.Sweep()
	if err != nil {
		p.API.LogError("Due-work sweep failed; the next sweep tries again", "error", err.Error())
	}
	if res.Failed > 0 || res.Dropped > 0 {
		p.API.LogWarn("Due work failed", "failed", res.Failed, "dropped", res.Dropped)
	}
}

// dueWork puts app work on the due-work scheduler (app.Scheduler).
type dueWork struct{ s *jobs.Scheduler }

func (d dueWork) At(id, kind string, due time.Time, payload any) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return errors.Wrap(err, "encode due work")
	}
	return d.s.Schedule(jobs.Item{ID: id, Kind: kind, DueAt: due, Payload: data})
}

func (p *Plugin) ensureBot() error {
	botID, err := p.client.Bot.EnsureBot(&model.Bot{
		Username:    "mentorship",
		DisplayName: p.getConfiguration().BotDisplayName,
		Description: "Runs mentoring programs: welcomes, matches, reminders and check-ins.",
	}, pluginapi.ProfileImagePath("assets/bot.png"))
	if err != nil {
		return errors.Wrap(err, "ensure the mentorship bot")
	}
	p.botID = botID
	return nil
}

// channelURL links to a channel for calendars: the site URL, the team and the
// channel's name; "" when any is unknown.
func (p *Plugin) channelURL(channelID string) string {
	site := siteURL(p.API.GetConfig())
	ch, appErr := p.API.GetChannel(channelID)
	if site == "" || appErr != nil {
		return ""
	}
	team, appErr := p.API.GetTeam(ch.TeamId)
	if appErr != nil {
		return ""
	}
	return site + "/" + team.Name + "/channels/" + ch.Name
}

func siteURL(cfg *model.Config) string {
	if cfg == nil || cfg.ServiceSettings.SiteURL == nil {
		return ""
	}
	return strings.TrimRight(*cfg.ServiceSettings.SiteURL, "/")
}

// showFullName follows the server's privacy setting: full names only when
// System Console → Users and Teams → Show Full Name allows them.
func (p *Plugin) showFullName() bool {
	cfg := p.API.GetConfig()
	return cfg != nil && cfg.PrivacySettings.ShowFullName != nil && *cfg.PrivacySettings.ShowFullName
}

func (p *Plugin) userLocale(userID string) string {
	if userID == "" {
		return "en" // an anonymous request: nobody to ask about
	}
	if u, appErr := p.API.GetUser(userID); appErr == nil && u.Locale != "" {
		return u.Locale
	}
	return "en"
}

// ExecuteCommand runs /mentor.
func (p *Plugin) ExecuteCommand(_ *plugin.Context, args *model.CommandArgs) (*model.CommandResponse, *model.AppError) {
	return p.commands.Execute(args), nil
}

// ServeHTTP serves the REST API.
func (p *Plugin) ServeHTTP(_ *plugin.Context, w http.ResponseWriter, r *http.Request) {
	p.api.ServeHTTP(w, r)
}

// directory answers app.Directory from the Mattermost API.
type directory struct {
	api plugin.API
}

func (d *directory) IsSystemAdmin(userID string) bool {
	return d.api.HasPermissionTo(userID, model.PermissionManageSystem)
}

func (d *directory) TeamExists(teamID string) bool {
	team, appErr := d.api.GetTeam(teamID)
	return appErr == nil && team != nil && team.DeleteAt == 0
}

func (d *directory) IsTeamMember(userID, teamID string) bool {
	if userID == "" || teamID == "" {
		return false
	}
	member, appErr := d.api.GetTeamMember(teamID, userID)
	return appErr == nil && member != nil && member.DeleteAt == 0
}

func (d *directory) User(userID string) (app.UserInfo, bool) {
	u, appErr := d.api.GetUser(userID)
	if appErr != nil || u == nil || u.DeleteAt != 0 {
		return app.UserInfo{}, false
	}
	return userInfo(u), true
}

// Users looks many users up at once, 100 per call (app.UserBatch): an export
// of 10,000 members makes 100 calls instead of 10,000. Deactivated users and
// a failed call's users are left out.
func (d *directory) Users(userIDs []string) map[string]app.UserInfo {
	out := make(map[string]app.UserInfo, len(userIDs))
	for start := 0; start < len(userIDs); start += 100 {
		users, appErr := d.api.GetUsersByIds(userIDs[start:min(len(userIDs), start+100)])
		if appErr != nil {
			continue
		}
		for _, u := range users {
			if u != nil && u.DeleteAt == 0 {
				out[u.Id] = userInfo(u)
			}
		}
	}
	return out
}

// TeamsOf lists the teams a user belongs to (the resource hub's global
// resources are for every team with programs).
func (d *directory) TeamsOf(userID string) ([]string, bool) {
	teams, appErr := d.api.GetTeamsForUser(userID)
	if appErr != nil {
		return nil, false
	}
	ids := make([]string, 0, len(teams))
	for _, t := range teams {
		if t.DeleteAt == 0 {
			ids = append(ids, t.Id)
		}
	}
	return ids, true
}

func userInfo(u *model.User) app.UserInfo {
	zone := u.Timezone["automaticTimezone"]
	if u.Timezone["useAutomaticTimezone"] != "true" || zone == "" {
		if manual := u.Timezone["manualTimezone"]; manual != "" {
			zone = manual
		}
	}
	return app.UserInfo{Username: u.Username, FullName: strings.TrimSpace(u.GetFullName()), TimeZone: zone, Locale: u.Locale}
}
