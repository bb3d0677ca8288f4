package e2e

import (
	"context"
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

// A member whose Mattermost language is Spanish gets the bot's welcome and the
// command help in Spanish (assets/i18n/active.es.json), others in English.
func TestWelcomeAndHelpInTheMembersLanguage(t *testing.T) {
	u, err := env.AddUser("lucia", true)
	if err != nil {
		t.Fatal(err)
	}
	admin := env.Client(user("admin"), node1())
	if _, _, err := admin.PatchUser(context.Background(), u.Id, &model.UserPatch{Locale: model.NewPointer("es")}); err != nil {
		t.Fatalf("set locale: %v", err)
	}
	p := createProgram(t, "Programa", nil)
	wantStatus(t, "join", call(t, "lucia", http.MethodPost, "/programs/"+p.ID+"/join", map[string]any{"role": "mentee"}, nil), http.StatusCreated)
	welcome := postsMentioning(botDM(t, "lucia"), p.Name)
	if len(welcome) != 1 {
		t.Fatalf("%d welcome DMs", len(welcome))
	}
	wantContains(t, "Spanish welcome", welcome[0].Message, "¡Te damos la bienvenida a "+p.Name, "**Tu rol:** aprendiz", "**Siguiente paso:**")
	wantContains(t, "Spanish help", command(t, "lucia", "/mentor help"), "Mentoría: lo que puedes hacer aquí")
	wantContains(t, "English help", command(t, "bob", "/mentor help"), "Mentorship: what you can do here")
}
