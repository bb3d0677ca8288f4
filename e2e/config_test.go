package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// setPluginConfig saves the plugin's System Console settings through node1.
func setPluginConfig(t *testing.T, settings map[string]any) {
	t.Helper()
	admin := env.Client(user("admin"), node1())
	cfg, _, err := admin.GetConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cfg.PluginSettings.Plugins["mentorship"] = settings
	if _, _, err := admin.UpdateConfig(context.Background(), cfg); err != nil {
		t.Fatalf("save config: %v", err)
	}
}

func TestSystemConsoleSettingsAreValidatedAndApplied(t *testing.T) {
	t.Cleanup(func() {
		setPluginConfig(t, map[string]any{"programcreators": "admins", "botdisplayname": "Mentorship"})
	})
	body := func(name string) map[string]any { return map[string]any{"team_id": env.Team.Id, "name": name} }

	setPluginConfig(t, map[string]any{"programcreators": "members", "botdisplayname": "Mentoring Bot"})
	var p program
	wantStatus(t, "member creates when allowed", call(t, "ana", http.MethodPost, "/programs", body("Member made 1"), &p), http.StatusCreated)
	if len(p.Coordinators) != 1 || p.Coordinators[0] != user("ana").Id {
		t.Fatalf("the creating member should coordinate: %+v", p)
	}
	wantContains(t, "help for a member who may create", command(t, "bob", "/mentor help"), "/mentor program create")

	// A bad value is refused and the last good setting (members may create) stays.
	setPluginConfig(t, map[string]any{"programcreators": "everyone", "botdisplayname": "Mentoring Bot"})
	wantStatus(t, "member creates under an invalid setting", call(t, "ana", http.MethodPost, "/programs", body("Member made 2"), nil), http.StatusCreated)

	// Back to admins only: members are refused again.
	setPluginConfig(t, map[string]any{"programcreators": "admins", "botdisplayname": "Mentoring Bot"})
	wantStatus(t, "member creates when not allowed", call(t, "ana", http.MethodPost, "/programs", body("Member made 3"), nil), http.StatusForbidden)

	// The bot's display name follows the setting.
	admin := env.Client(user("admin"), node1())
	deadline := time.Now().Add(10 * time.Second)
	for {
		bot, _, err := admin.GetUserByUsername(context.Background(), "mentorship", "")
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := admin.GetBot(context.Background(), bot.Id, "")
		if err != nil {
			t.Fatal(err)
		}
		if b.DisplayName == "Mentoring Bot" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot display name is %q", b.DisplayName)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
