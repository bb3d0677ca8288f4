package app

// Tests of the resource hub's bounds and refusals: refused edits, members'
// suggestions, shares into direct messages, pack ids, reused totals.

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// A refused edit or decision stores nothing, not even an in-flight mark that
// would keep every node's cache of the hub untrusted for an hour.
func TestResourceRefusedEditLeavesTheIndexAsItWas(t *testing.T) {
	h := newHubWorld(t)
	v := h.add("coord", h.p.ID, "Public speaking", domain.AudienceAll)
	tip := h.add("ana", h.p.ID, "Tip", domain.AudienceAll)
	_, _, err := h.Resources.Decide("coord", tip.ID, false)
	require.NoError(t, err)
	indexBytes := func() string {
		var raw []byte
		require.NoError(t, h.kv.Get("v1/resources/"+h.p.ID, &raw))
		return string(raw)
	}
	before := indexBytes()
	require.Contains(t, before, v.ID)

	_, err = h.Resources.Update("coord", v.ID, ResourceInput{URL: ptr("javascript:alert(1)")})
	require.Equal(t, KindInvalid, must(kindOf(t, err)))
	_, _, err = h.Resources.Decide("coord", tip.ID, true)
	require.Equal(t, KindConflict, must(kindOf(t, err)), "approve after reject")
	require.Equal(t, before, indexBytes())
}

func TestResourceMemberSuggestionsAreBounded(t *testing.T) {
	h := newHubWorld(t)
	var first *ResourceView
	for i := range maxOpenSuggestions {
		v := h.add("ana", h.p.ID, "Tip "+string(rune('a'+i)), domain.AudienceAll)
		if first == nil {
			first = v
		}
	}
	_, err := h.Resources.Create("ana", h.p.ID, ResourceInput{Title: ptr("One more"), URL: ptr("https://x.org")})
	require.Equal(t, KindConflict, must(kindOf(t, err)))
	require.Contains(t, err.Error(), "10 suggestions")
	require.Len(t, h.notes.suggested, maxOpenSuggestions, "the refused one asks nobody")

	h.add("bob", h.p.ID, "Another member's", domain.AudienceAll) // the bound is per member
	h.add("coord", h.p.ID, "Coordinators publish freely", domain.AudienceAll)
	_, _, err = h.Resources.Decide("coord", first.ID, false)
	require.NoError(t, err)
	h.add("ana", h.p.ID, "Room again", domain.AudienceAll) // a decided one frees a place
}

// A direct or group message's members cannot be checked as readers, so a
// share goes to each person instead.
func TestResourceIsNotSharedIntoADirectOrGroupMessage(t *testing.T) {
	h := newHubWorld(t)
	own := h.add("coord", h.p.ID, "Own", domain.AudienceAll)
	global := h.add("admin", "", "Global", domain.AudienceAll)
	dm := strings.Repeat("d", 26)
	h.notes.postable[dm] = "" // no team: a DM or group message
	for _, id := range []string{own.ID, global.ID} {
		_, err := h.Resources.Share("bob", id, ShareInput{ChannelID: dm})
		kind, field := kindOf(t, err)
		require.Equal(t, KindInvalid, kind)
		require.Equal(t, "channel_id", field)
		require.Contains(t, err.Error(), "share it with each person")
	}
	require.Empty(t, h.notes.shared)
	_, err := h.Resources.Share("bob", own.ID, ShareInput{UserID: "ana"})
	require.NoError(t, err, "the person, checked as a reader, is the way")
}

func TestOnboardingPackIDsAreValidated(t *testing.T) {
	h := newHubWorld(t)
	a := h.add("coord", h.p.ID, "Handbook", domain.AudienceAll)
	for role, in := range map[string]PacksInput{
		domain.RoleMentor: {Mentor: []string{a.ID, strings.Repeat("x", 5000)}},
		domain.RoleMentee: {Mentee: []string{"../" + a.ID[3:]}},
		domain.RolePeer:   {Peer: []string{strings.ToUpper(a.ID)}},
	} {
		_, err := h.Resources.SetPacks("coord", h.p.ID, in)
		kind, field := kindOf(t, err)
		require.Equal(t, KindInvalid, kind, role)
		require.Equal(t, role, field, role)
		require.Contains(t, err.Error(), "not a resource id", role)
		require.Less(t, len(err.Error()), 300, "a long value is not echoed whole")
	}
	packs, err := h.Resources.Packs("coord", h.p.ID)
	require.NoError(t, err)
	require.Empty(t, packs.Mentor, "nothing was stored")
}

// The insight's totals are reused on a node for a minute, unless either hub
// changed meanwhile.
func TestResourceProgramStatsAreReusedForAMinute(t *testing.T) {
	h := newHubWorld(t)
	clock := h.withClock()
	own := h.add("coord", h.p.ID, "Own", domain.AudienceAll)
	_, err := h.Resources.Open("bob", own.ID, "")
	require.NoError(t, err)
	stats, err := h.Resources.ProgramStats(h.p.ID)
	require.NoError(t, err)
	require.Equal(t, 1, stats.Views)

	_, err = h.Resources.Open("bob", own.ID, "")
	require.NoError(t, err)
	stats.Top[0].Views = 99 // the caller's copy
	stats, err = h.Resources.ProgramStats(h.p.ID)
	require.NoError(t, err)
	require.Equal(t, 1, stats.Views, "reused within the minute")
	require.Equal(t, 1, stats.Top[0].Views)

	*clock = clock.Add(statsFor)
	stats, err = h.Resources.ProgramStats(h.p.ID)
	require.NoError(t, err)
	require.Equal(t, 2, stats.Views, "counted again after it")

	_, err = h.Resources.Open("bob", own.ID, "")
	require.NoError(t, err)
	h.add("admin", "", "Global", domain.AudienceAll) // the global hub changes
	stats, err = h.Resources.ProgramStats(h.p.ID)
	require.NoError(t, err)
	require.Equal(t, 3, stats.Views, "a hub's change is seen at once")
}
