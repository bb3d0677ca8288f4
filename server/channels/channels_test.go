package channels

import (
	"net/http"
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// fakeServer keeps Mattermost's rule that a team has one channel per name; a
// create that loses the race gets an error, as the real store's unique index gives.
type fakeServer struct {
	mu       sync.Mutex
	byName   map[string]*model.Channel
	members  map[string][]string
	creates  int
	archived []string
}

func newFakeServer() *fakeServer {
	return &fakeServer{byName: map[string]*model.Channel{}, members: map[string][]string{}}
}

func (f *fakeServer) CreateChannel(c *model.Channel) (*model.Channel, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, taken := f.byName[c.TeamId+"/"+c.Name]; taken {
		return nil, model.NewAppError("CreateChannel", "store.sql_channel.save_channel.exists.app_error", nil, "", http.StatusBadRequest)
	}
	f.creates++
	created := *c
	created.Id = model.NewId()
	f.byName[c.TeamId+"/"+c.Name] = &created
	return &created, nil
}

func (f *fakeServer) GetChannelByName(teamID, name string, _ bool) (*model.Channel, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.byName[teamID+"/"+name]; ok {
		return c, nil
	}
	return nil, model.NewAppError("GetChannelByName", "not_found", nil, "", http.StatusNotFound)
}

func (f *fakeServer) GetChannel(id string) (*model.Channel, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.byName {
		if c.Id == id {
			return c, nil
		}
	}
	return nil, model.NewAppError("GetChannel", "not_found", nil, "", http.StatusNotFound)
}

func (f *fakeServer) AddChannelMember(channelID, userID string) (*model.ChannelMember, *model.AppError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range f.members[channelID] {
		if u == userID {
			return &model.ChannelMember{ChannelId: channelID, UserId: userID}, nil
		}
	}
	f.members[channelID] = append(f.members[channelID], userID)
	return &model.ChannelMember{ChannelId: channelID, UserId: userID}, nil
}

func (f *fakeServer) GetGroupChannel(userIDs []string) (*model.Channel, *model.AppError) {
	return &model.Channel{Id: "gm", Type: model.ChannelTypeGroup}, nil
}

func (f *fakeServer) DeleteChannel(id string) *model.AppError {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.archived = append(f.archived, id)
	for _, c := range f.byName {
		if c.Id == id {
			c.DeleteAt = 1
		}
	}
	return nil
}

func (f *fakeServer) GetUser(id string) (*model.User, *model.AppError) {
	return &model.User{Id: id, Username: id}, nil
}

func TestConcurrentEnsuresMakeOneChannelWithBothPeople(t *testing.T) {
	server := newFakeServer()
	pairs := &Pairs{API: server, BotID: func() string { return "bot" }}
	p := &domain.Program{ID: "p", TeamID: "team", Name: "Women in Tech"}
	m := &domain.Match{ID: "abcdefghijklmnopqrstuvwxyz", MenteeID: "bob", MentorID: "ana"}
	ids := make([]string, 8)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			id, err := pairs.EnsurePairChannel(p, m, domain.PairChannelPrivate)
			require.NoError(t, err)
			ids[i] = id
		}(i)
	}
	wg.Wait()
	require.Equal(t, 1, server.creates)
	for _, id := range ids {
		require.Equal(t, ids[0], id, "every caller gets the one channel")
	}
	require.ElementsMatch(t, []string{"bob", "ana"}, server.members[ids[0]])
	ch := server.byName["team/mentorship-abcdefghijklmnopqrstuvwxyz"]
	require.Equal(t, model.ChannelTypePrivate, ch.Type)
	require.Equal(t, "Women in Tech: bob & ana", ch.DisplayName)

	require.NoError(t, pairs.ArchiveChannel(ids[0]))
	require.NoError(t, pairs.ArchiveChannel(ids[0]), "archiving twice is harmless")
	require.Len(t, server.archived, 1)
}

func TestGroupMessageIsNeverArchived(t *testing.T) {
	server := newFakeServer()
	pairs := &Pairs{API: server, BotID: func() string { return "bot" }}
	id, err := pairs.EnsurePairChannel(&domain.Program{TeamID: "team"}, &domain.Match{ID: "x", MenteeID: "a", MentorID: "b"}, domain.PairChannelGroup)
	require.NoError(t, err)
	require.Equal(t, "gm", id)
	require.Zero(t, server.creates)
}
