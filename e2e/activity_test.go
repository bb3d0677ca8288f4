package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// The chat-activity hook on a real server: who posted when in a pair channel
// reaches the health ledger within a flush (15 s) on each node, the at-risk
// list names the side that stays silent, and the text of the messages is
// never stored.

type riskReasonView struct {
	Code   string `json:"code"`
	Days   int    `json:"days"`
	UserID string `json:"user_id"`
}

type atRiskView struct {
	MatchID  string           `json:"match_id"`
	MentorID string           `json:"mentor_id"`
	MenteeID string           `json:"mentee_id"`
	Reasons  []riskReasonView `json:"reasons"`
}

type insightView struct {
	ProgramID   string       `json:"program_id"`
	AtRisk      []atRiskView `json:"at_risk"`
	AtRiskTotal int          `json:"at_risk_total"`
}

// activityFlushBound is how long a post may take to reach the ledger: one
// flush period (15 s) and room for a busy machine. Only a hung test waits
// this long.
const activityFlushBound = 60 * time.Second

func TestChatActivityMakesTheSilentSideAtRiskAndStoresNoText(t *testing.T) {
	nodes := []*harness.Node{node1(), node2(t)}
	pr := livePair(t, "act", "Europe/Madrid", "America/Lima")
	t.Parallel()
	marker := "zanzibarmarmalade" + strings.ToLower(model.NewId()[:8])

	// Only the mentee writes in the pair channel, through both nodes (a
	// post's hook fires on the node that created it).
	const posts = 6
	for i := 0; i < posts; i++ {
		c := env.Client(user(pr.mentee), nodes[i%2])
		if _, _, err := c.CreatePost(ctx(), &model.Post{ChannelId: pr.match.ChannelID,
			Message: fmt.Sprintf("Hello %d, %s: are you there?", i, marker)}); err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
	}
	// The coordinator writing in another channel does not matter.
	if _, _, err := env.Client(user("admin"), node1()).CreatePost(ctx(), &model.Post{ChannelId: env.Channel.Id,
		Message: "Town square chatter " + marker}); err != nil {
		t.Fatal(err)
	}

	var found atRiskView
	pollUntil(t, "the pair at risk with one_side_silent", activityFlushBound, func() (bool, string) {
		var v insightView
		status := call(t, pr.coord, http.MethodGet, "/programs/"+pr.program.ID+"/insight", nil, &v)
		if status != http.StatusOK {
			return false, fmt.Sprintf("GET insight: status %d", status)
		}
		for _, m := range v.AtRisk {
			if m.MatchID != pr.match.ID {
				continue
			}
			for _, r := range m.Reasons {
				if r.Code == "one_side_silent" {
					found = m
					return true, ""
				}
			}
			return false, fmt.Sprintf("at risk for %+v", m.Reasons)
		}
		return false, fmt.Sprintf("not on the at-risk list (%d entries)", len(v.AtRisk))
	})
	for _, r := range found.Reasons {
		if r.Code == "one_side_silent" && r.UserID != user(pr.mentor).Id {
			t.Fatalf("one_side_silent names %s, want the mentor %s", r.UserID, user(pr.mentor).Id)
		}
	}

	// Both nodes' posts add up in the ledger line, counted by day.
	pollUntil(t, "every post counted", activityFlushBound, func() (bool, string) {
		line, err := ledgerLine(pr.program.ID, pr.match.ID)
		if err != nil {
			return false, err.Error()
		}
		total := 0
		for _, n := range line.Activity[user(pr.mentee).Id].Days {
			total += n
		}
		_, mentorPosted := line.Activity[user(pr.mentor).Id]
		return total == posts && !mentorPosted, fmt.Sprintf("mentee %d posts, mentor listed %v", total, mentorPosted)
	})

	// No KV row holds the text: the marker word is nowhere in the plugin's
	// keys or values.
	count, err := benchseed.Psql(env, "-c", fmt.Sprintf(
		"SELECT count(*) FROM pluginkeyvaluestore WHERE pluginid = '%s' AND (position(convert_to('%s', 'UTF8') in pvalue) > 0 OR pkey LIKE '%%%s%%')",
		harness.PluginID, marker, marker))
	if err != nil {
		t.Fatal(err)
	}
	if count != "0" {
		t.Fatalf("%s KV rows hold the text of a message", count)
	}
	// The same query finds what is stored (so a 0 above means something).
	count, err = benchseed.Psql(env, "-c", fmt.Sprintf(
		"SELECT count(*) FROM pluginkeyvaluestore WHERE pluginid = '%s' AND position(convert_to('%s', 'UTF8') in pvalue) > 0",
		harness.PluginID, `"last_post_at"`))
	if err != nil || count == "0" {
		t.Fatalf("the query finds no activity at all (%s, %v)", count, err)
	}
}

type ledgerLineView struct {
	MatchID  string `json:"match_id"`
	Activity map[string]struct {
		LastPostAt time.Time      `json:"last_post_at"`
		Days       map[string]int `json:"days"`
	} `json:"activity"`
}

// ledgerLine reads a match's line of the health ledger from PostgreSQL
// (v1/health/<program>/p/<page>, the page named by v1/health_at/<match>).
func ledgerLine(programID, matchID string) (ledgerLineView, error) {
	at, err := benchseed.Psql(env, "-c", fmt.Sprintf(
		"SELECT convert_from(pvalue, 'UTF8') FROM pluginkeyvaluestore WHERE pluginid = '%s' AND pkey = 'v1/health_at/%s'", harness.PluginID, matchID))
	if err != nil || at == "" {
		return ledgerLineView{}, fmt.Errorf("no ledger pointer for %s (%v)", matchID, err)
	}
	var ptr struct {
		Page int `json:"page"`
	}
	if err := json.Unmarshal([]byte(at), &ptr); err != nil {
		return ledgerLineView{}, err
	}
	raw, err := benchseed.Psql(env, "-c", fmt.Sprintf(
		"SELECT convert_from(pvalue, 'UTF8') FROM pluginkeyvaluestore WHERE pluginid = '%s' AND pkey = 'v1/health/%s/p/%d'", harness.PluginID, programID, ptr.Page))
	if err != nil {
		return ledgerLineView{}, err
	}
	var page struct {
		Lines []ledgerLineView `json:"lines"`
	}
	if err := json.Unmarshal([]byte(raw), &page); err != nil {
		return ledgerLineView{}, fmt.Errorf("decode the ledger page: %v", err)
	}
	for _, line := range page.Lines {
		if line.MatchID == matchID {
			return line, nil
		}
	}
	return ledgerLineView{}, fmt.Errorf("no line for %s on page %d", matchID, ptr.Page)
}
