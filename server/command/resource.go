package command

import (
	"slices"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/dialog"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
	"github.com/mentorship-mattermost/mentorship/server/notify"
)

var (
	msgHelpResources       = &i18n.Message{ID: "command.help.resources", Other: "Browse and search the resources of a program (or of all your programs)."}
	msgHelpRecommended     = &i18n.Message{ID: "command.help.resources_recommended", Other: "Resources picked for you from your profile and your goals."}
	msgHelpResourceAdd     = &i18n.Message{ID: "command.help.resource_add", Other: "Add a resource to a program (opens a form without options); members' additions are suggestions."}
	msgHelpResourceSuggest = &i18n.Message{ID: "command.help.resource_suggest", Other: "Suggest a resource for a program's coordinators to approve."}
	msgHelpResourceEdit    = &i18n.Message{ID: "command.help.resource_edit", Other: "Change a resource (opens a form without options)."}
	msgHelpResourceRemove  = &i18n.Message{ID: "command.help.resource_remove", Other: "Remove a resource."}
	msgHelpResourceShare   = &i18n.Message{ID: "command.help.resource_share", Other: "Share a resource into a channel (this one without a target) or with a person."}
	msgHelpResourcePack    = &i18n.Message{ID: "command.help.resource_pack", Other: "Set a role's onboarding pack: the resources the welcome lists."}
	msgResourcesHeader     = &i18n.Message{ID: "command.resources.header", Other: "#### Resources of {{.Hub}} ({{.Total}})"}
	msgResourcesAllHeader  = &i18n.Message{ID: "command.resources.all_header", Other: "#### Resources of your programs ({{.Total}})"}
	msgResourcesNone       = &i18n.Message{ID: "command.resources.none", Other: "No resources found."}
	msgResourcesMore       = &i18n.Message{ID: "command.resources.more", Other: "…and {{.More}} more: narrow it with --search or --tag, or open the Resources tab of the sidebar."}
	msgRecommendedHeader   = &i18n.Message{ID: "command.resources.recommended_header", Other: "#### Picked for you in **{{.Program}}**, from: {{.Terms}}"}
	msgYourGoals           = &i18n.Message{ID: "command.resources.your_goals", Other: "your open goals ({{.Count}})"}
	msgRecommendedNoTerms  = &i18n.Message{ID: "command.resources.no_terms", Other: "Tell your profile what you want to learn (`/mentor profile`), or set goals with your partner, and I will pick resources for you."}
	msgNeedResourceID      = &i18n.Message{ID: "command.resource.need_id", Other: "Say which resource: `/mentor resource {{.Command}} ID`. `/mentor resources` lists them with their ids."}
	msgNeedResourceTitle   = &i18n.Message{ID: "command.resource.need_title", Other: "Say the program and the title before the options, e.g. `/mentor resource {{.Command}} women-in-tech Negotiation basics --url https://…`. (`/mentor resource {{.Command}}` alone opens a form.)"}
	msgResourceRemoved     = &i18n.Message{ID: "command.resource.removed", Other: "Removed **{{.Title}}**."}
	msgResourceSharedIn    = &i18n.Message{ID: "command.resource.shared_channel", Other: "Shared **{{.Title}}** in ~{{.Channel}}."}
	msgResourceSharedHere  = &i18n.Message{ID: "command.resource.shared_here", Other: "Shared **{{.Title}}** in this channel."}
	msgResourceSharedWith  = &i18n.Message{ID: "command.resource.shared_user", Other: "Sent **{{.Title}}** to @{{.User}}."}
	msgResourceBadTarget   = &i18n.Message{ID: "command.resource.bad_target", Other: "Share with ~channel or @username, e.g. `/mentor resource share ID ~town-square`; without a target it goes into this channel."}
	msgResourceNoChannel   = &i18n.Message{ID: "command.resource.no_channel", Other: "I could not find the channel ~{{.Name}} in this team. Run the command in that channel without a target instead."}
	msgPackUsage           = &i18n.Message{ID: "command.resource.pack_usage", Other: "Say the program, the role and the resource ids: `/mentor resource pack PROGRAM mentor|mentee|peer ID,ID`. No ids empties the pack."}
	msgPackSet             = &i18n.Message{ID: "command.resource.pack_set", Other: "The {{.Role}} onboarding pack of **{{.Program}}** now has {{.Count}} resources; new {{.Role}}s find them in their welcome."}
)

const resourceFieldUsage = "[--url URL | --file FILE_ID] [--tags a,b] [--audience all|mentors|mentees] [--description TEXT]"

var resourceFieldOptions = []string{"url", "file", "tags", "audience", "description"}

// resourceSubcommands are the resource hub commands; "resources recommended"
// comes before "resources" (the first row whose words start the line runs).
func resourceSubcommands() []subcommand {
	return []subcommand{
		{name: "resources recommended", usage: "resources recommended PROGRAM", help: msgHelpRecommended, audience: everyone,
			run: (*Handler).recommendedResources},
		{name: "resources", usage: "resources [PROGRAM] [--search WORDS] [--tag T]", help: msgHelpResources, audience: everyone,
			options: []string{"search", "tag"}, run: (*Handler).listResources},
		{name: "resource add", usage: "resource add PROGRAM TITLE " + resourceFieldUsage, help: msgHelpResourceAdd, audience: everyone,
			options: resourceFieldOptions, run: addResource("add")},
		{name: "resource suggest", usage: "resource suggest PROGRAM TITLE " + resourceFieldUsage, help: msgHelpResourceSuggest, audience: everyone,
			options: resourceFieldOptions, run: addResource("suggest")},
		{name: "resource edit", usage: "resource edit ID [--title T] " + resourceFieldUsage, help: msgHelpResourceEdit, audience: coordinators,
			options: append([]string{"title"}, resourceFieldOptions...), run: (*Handler).editResource},
		{name: "resource remove", usage: "resource remove ID", help: msgHelpResourceRemove, audience: coordinators, run: (*Handler).removeResource},
		{name: "resource share", usage: "resource share ID [~channel | @user] [--note TEXT]", help: msgHelpResourceShare, audience: everyone,
			options: []string{"note"}, run: (*Handler).shareResource},
		{name: "resource pack", usage: "resource pack PROGRAM mentor|mentee|peer ID[,ID…]", help: msgHelpResourcePack, audience: coordinators,
			run: (*Handler).packResources},
	}
}

// resourceInput reads the field options that were given.
func resourceInput(inv invocation) app.ResourceInput {
	in := app.ResourceInput{Title: inv.option("title"), URL: inv.option("url"), FileID: inv.option("file"),
		Description: inv.option("description"), Audience: inv.option("audience")}
	if t := inv.option("tags"); t != nil {
		tags := dialog.SplitList(*t)
		in.Tags = &tags
	}
	return in
}

// resourceLines renders resources as a list, with links that count views.
func resourceLines(c *call, items []*app.ResourceView) []string {
	lines := make([]string, 0, len(items))
	for _, v := range items {
		line := "- **[" + strings.NewReplacer("[", "(", "]", ")").Replace(v.Title) + "](" + v.OpenURL + ")**"
		if len(v.Tags) > 0 {
			line += " · `" + strings.Join(v.Tags, "` `") + "`"
		}
		if v.Audience != domain.AudienceAll {
			line += " · " + notify.AudienceText(c.tr, c.uid, v.Audience)
		}
		lines = append(lines, line+" · id `"+v.ID+"`")
	}
	return lines
}

// commandListSize is how many resources a command lists.
const commandListSize = 20

func (h *Handler) listResources(c *call) (string, error) {
	ref, err := c.inv.rest()
	if err != nil {
		return "", err
	}
	q := app.ResourceQuery{Q: c.inv.opt("search"), Tag: c.inv.opt("tag"), PerPage: commandListSize}
	var list *app.ResourceList
	header := ""
	if ref == "" {
		if list, err = c.svc.Resources.Search(c.uid, q); err != nil {
			return "", err
		}
		header = c.tr.T(c.uid, msgResourcesAllHeader, map[string]any{"Total": list.Total})
	} else {
		p, err := h.findProgram(c, ref, "resources")
		if err != nil {
			return "", err
		}
		if list, err = c.svc.Resources.List(c.uid, p.ID, q); err != nil {
			return "", err
		}
		header = c.tr.T(c.uid, msgResourcesHeader, map[string]any{"Hub": "**" + p.Name + "**", "Total": list.Total})
	}
	if list.Total == 0 {
		return c.tr.T(c.uid, msgResourcesNone, nil), nil
	}
	lines := append([]string{header}, resourceLines(c, list.Items)...)
	if more := list.Total - len(list.Items); more > 0 {
		lines = append(lines, c.tr.T(c.uid, msgResourcesMore, map[string]any{"More": more}))
	}
	return strings.Join(lines, "\n"), nil
}

func (h *Handler) recommendedResources(c *call) (string, error) {
	p, err := h.programArg(c, "resources recommended")
	if err != nil {
		return "", err
	}
	rec, err := c.svc.Resources.Recommended(c.uid, p.ID)
	if err != nil {
		return "", err
	}
	if len(rec.BasedOn) == 0 && rec.Goals == 0 {
		return c.tr.T(c.uid, msgRecommendedNoTerms, nil), nil
	}
	if len(rec.Items) == 0 {
		return c.tr.T(c.uid, msgResourcesNone, nil), nil
	}
	from := rec.BasedOn
	if rec.Goals > 0 {
		from = append(from, c.tr.T(c.uid, msgYourGoals, map[string]any{"Count": rec.Goals}))
	}
	lines := []string{c.tr.T(c.uid, msgRecommendedHeader, map[string]any{"Program": p.Name, "Terms": strings.Join(from, ", ")})}
	return strings.Join(append(lines, resourceLines(c, rec.Items)...), "\n"), nil
}

// addResource serves "resource add" and "resource suggest": the same call,
// whose outcome (published or suggested) the service decides by role.
func addResource(command string) func(*Handler, *call) (string, error) {
	return func(h *Handler, c *call) (string, error) {
		if len(c.inv.words) == 0 && len(c.inv.options) == 0 {
			return "", h.Dialogs.OpenResource(c.args.TriggerId, c.uid, c.args.TeamId, "", "")
		}
		p, err := h.findProgram(c, c.inv.words[0].text, "resource "+command)
		if err != nil {
			return "", err
		}
		title, _ := c.inv.span(c.inv.words[1:])
		if title == "" {
			if len(c.inv.options) > 0 { // a form would lose what was typed
				return "", argError(msgNeedResourceTitle, map[string]any{"Command": command})
			}
			return "", h.Dialogs.OpenResource(c.args.TriggerId, c.uid, c.args.TeamId, p.ID, "")
		}
		in := resourceInput(c.inv)
		in.Title = &title
		v, err := c.svc.Resources.Create(c.uid, p.ID, in)
		if err != nil {
			return "", err
		}
		return dialog.ResourceOutcome(c.tr, c.uid, v, dialog.HubName(c.tr, c.uid, p), true), nil
	}
}

// resourceRef reads the resource id that starts the words.
func resourceRef(c *call, command string) (string, error) {
	if len(c.inv.words) == 0 || !model.IsValidId(c.inv.words[0].text) {
		return "", argError(msgNeedResourceID, map[string]any{"Command": command})
	}
	return c.inv.words[0].text, nil
}

func (h *Handler) editResource(c *call) (string, error) {
	id, err := resourceRef(c, "edit")
	if err != nil {
		return "", err
	}
	if len(c.inv.options) == 0 {
		return "", h.Dialogs.OpenResource(c.args.TriggerId, c.uid, c.args.TeamId, "", id)
	}
	v, err := c.svc.Resources.Update(c.uid, id, resourceInput(c.inv))
	if err != nil {
		return "", err
	}
	return dialog.ResourceOutcome(c.tr, c.uid, v, "", false), nil
}

func (h *Handler) removeResource(c *call) (string, error) {
	id, err := resourceRef(c, "remove")
	if err != nil {
		return "", err
	}
	v, err := c.svc.Resources.Get(c.uid, id)
	if err != nil {
		return "", err
	}
	if err := c.svc.Resources.Delete(c.uid, id); err != nil {
		return "", err
	}
	return c.tr.T(c.uid, msgResourceRemoved, map[string]any{"Title": v.Title}), nil
}

// shareResource shares into ~channel (a channel named in the command, which
// Mattermost resolves for public channels of the team), with @user, or into
// the channel the command was typed in.
func (h *Handler) shareResource(c *call) (string, error) {
	id, err := resourceRef(c, "share")
	if err != nil {
		return "", err
	}
	in := app.ShareInput{Note: c.inv.opt("note")}
	target := ""
	if len(c.inv.words) == 2 {
		target = c.inv.words[1].text
	} else if len(c.inv.words) > 2 {
		return "", argError(msgResourceBadTarget, nil)
	}
	var done *i18n.Message
	data := map[string]any{}
	switch {
	case target == "":
		in.ChannelID, done = c.args.ChannelId, msgResourceSharedHere
	case strings.HasPrefix(target, "~"):
		name := strings.TrimPrefix(target, "~")
		channelID, ok := c.args.ChannelMentions[name]
		if !ok {
			return "", argError(msgResourceNoChannel, map[string]any{"Name": name})
		}
		in.ChannelID, done, data["Channel"] = channelID, msgResourceSharedIn, name
	case strings.HasPrefix(target, "@"):
		name := strings.TrimPrefix(target, "@")
		u, err := h.Users.GetByUsername(name)
		if err != nil || u == nil {
			return "", argError(msgNoSuchUser, map[string]any{"Username": name})
		}
		in.UserID, done, data["User"] = u.Id, msgResourceSharedWith, u.Username
	default:
		return "", argError(msgResourceBadTarget, nil)
	}
	v, err := c.svc.Resources.Share(c.uid, id, in)
	if err != nil {
		return "", err
	}
	data["Title"] = v.Title
	return c.tr.T(c.uid, done, data), nil
}

// packResources reads "PROGRAM ROLE ID,ID": the role is the last word that
// names one, the program the words before it, the ids the words after.
func (h *Handler) packResources(c *call) (string, error) {
	words := c.inv.words
	at := slices.IndexFunc(words, func(t token) bool { return slices.Contains(app.PackRoles, strings.ToLower(t.text)) })
	if at < 1 {
		return "", argError(msgPackUsage, nil)
	}
	for i := len(words) - 1; i > at; i-- { // the last role word wins: a program may be named "mentor"
		if slices.Contains(app.PackRoles, strings.ToLower(words[i].text)) {
			at = i
			break
		}
	}
	ref, _ := c.inv.span(words[:at])
	p, err := h.findProgram(c, ref, "resource pack")
	if err != nil {
		return "", err
	}
	role := strings.ToLower(words[at].text)
	idsText, _ := c.inv.span(words[at+1:])
	ids := dialog.SplitList(strings.ReplaceAll(idsText, " ", ","))
	packs, err := c.svc.Resources.SetPack(c.uid, p.ID, role, ids)
	if err != nil {
		return "", err
	}
	count := map[string]int{domain.RoleMentor: len(packs.Mentor), domain.RoleMentee: len(packs.Mentee), domain.RolePeer: len(packs.Peer)}[role]
	return c.tr.T(c.uid, msgPackSet, map[string]any{"Role": i18n.Role(role), "Program": p.Name, "Count": count}), nil
}

// addResourceAutocomplete adds the resource commands. "resources" has two
// nodes (arguments, and the "recommended" subcommand), as "session" does.
func addResourceAutocomplete(root *model.AutocompleteData) {
	list := model.NewAutocompleteData("resources", "[program] [--search] [--tag]", "Browse and search resources")
	list.AddDynamicListArgument("Program (empty: all your programs)", programsURL, false)
	list.AddNamedTextArgument("search", "Words to search for", "WORDS", "", false)
	list.AddNamedTextArgument("tag", "Only resources with this tag", "TAG", "", false)
	root.AddCommand(list)
	more := model.NewAutocompleteData("resources", "recommended", "Resources picked for you")
	recommended := model.NewAutocompleteData("recommended", "[program]", "Resources picked for you from your profile and goals")
	programArgument(recommended)
	more.AddCommand(recommended)
	root.AddCommand(more)

	resource := model.NewAutocompleteData("resource", "add|suggest|edit|remove|share|pack", "Manage and share resources")
	for _, name := range []string{"add", "suggest"} {
		add := model.NewAutocompleteData(name, "[program] [title] [--url]", "Add or suggest a resource (a form without arguments)")
		add.AddTextArgument("Program handle, then the title", "[program] [title]", "")
		resourceFieldArguments(add)
		resource.AddCommand(add)
	}
	edit := model.NewAutocompleteData("edit", "[id] [--options]", "Change a resource (a form without options)")
	edit.AddTextArgument("Resource id, from /mentor resources", "[id]", "")
	edit.AddNamedTextArgument("title", "New title", "TEXT", "", false)
	resourceFieldArguments(edit)
	resource.AddCommand(edit)
	remove := model.NewAutocompleteData("remove", "[id]", "Remove a resource")
	remove.AddTextArgument("Resource id, from /mentor resources", "[id]", "")
	resource.AddCommand(remove)
	share := model.NewAutocompleteData("share", "[id] [~channel | @user] [--note]", "Share a resource")
	share.AddTextArgument("Resource id, then ~channel or @user (empty: this channel)", "[id] [~channel | @user]", "")
	share.AddNamedTextArgument("note", "A few words to go with it", "TEXT", "", false)
	resource.AddCommand(share)
	pack := model.NewAutocompleteData("pack", "[program] [role] [ids]", "Set a role's onboarding pack")
	pack.AddTextArgument("Program handle, mentor|mentee|peer, then resource ids separated by commas", "[program] [role] [ids]", "")
	resource.AddCommand(pack)
	root.AddCommand(resource)
}

func resourceFieldArguments(cmd *model.AutocompleteData) {
	cmd.AddNamedTextArgument("url", "Link (https://…)", "URL", "", false)
	cmd.AddNamedTextArgument("file", "A Mattermost file id instead of a link", "FILE_ID", "", false)
	cmd.AddNamedTextArgument("tags", "Tags, separated by commas", "a,b", "", false)
	cmd.AddNamedStaticListArgument("audience", "Who it is for", false, staticList(domain.Audiences))
	cmd.AddNamedTextArgument("description", "What it is about", "TEXT", "", false)
}
