package dialog

import (
	"fmt"
	"strconv"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// MatchingURL receives the matching settings form.
const MatchingURL = "/plugins/mentorship/api/v1/dialogs/matching"

var (
	msgMatchingTitle     = &i18n.Message{ID: "dialog.matching.title", Other: "Matching settings"}
	msgWeightSkill       = &i18n.Message{ID: "dialog.matching.weight_skill", Other: "Weight: skills"}
	msgWeightInterest    = &i18n.Message{ID: "dialog.matching.weight_interest", Other: "Weight: interests"}
	msgWeightGoal        = &i18n.Message{ID: "dialog.matching.weight_goal", Other: "Weight: goals"}
	msgWeightLanguage    = &i18n.Message{ID: "dialog.matching.weight_language", Other: "Weight: language"}
	msgWeightTimeZone    = &i18n.Message{ID: "dialog.matching.weight_time_zone", Other: "Weight: time zone"}
	msgWeightExperience  = &i18n.Message{ID: "dialog.matching.weight_experience", Other: "Weight: experience"}
	msgWeightHelp        = &i18n.Message{ID: "dialog.matching.weight_help", Other: "Points from 0 to 1000."}
	msgMinScore          = &i18n.Message{ID: "dialog.matching.min_score", Other: "Minimum score"}
	msgPolicy            = &i18n.Message{ID: "dialog.matching.policy", Other: "Batch policy"}
	msgExpiry            = &i18n.Message{ID: "dialog.matching.expiry", Other: "Requests expire (hours)"}
	msgReminder          = &i18n.Message{ID: "dialog.matching.reminder", Other: "Reminder before (hours)"}
	msgPairChannel       = &i18n.Message{ID: "dialog.matching.pair_channel", Other: "Pair channel"}
	msgRetention         = &i18n.Message{ID: "dialog.matching.retention", Other: "When a match ends"}
	msgRetentionDays     = &i18n.Message{ID: "dialog.matching.retention_days", Other: "Archive after (days)"}
	msgExcludeLine       = &i18n.Message{ID: "dialog.matching.exclude_reporting_line", Other: "Reporting line"}
	msgExcludeLineText   = &i18n.Message{ID: "dialog.matching.exclude_reporting_line_text", Other: "Never pair a person with their manager or anyone up their chain"}
	msgExcludeDept       = &i18n.Message{ID: "dialog.matching.exclude_same_department", Other: "Departments"}
	msgExcludeDeptText   = &i18n.Message{ID: "dialog.matching.exclude_same_department_text", Other: "Never pair two people of the same department"}
	msgWholeNumber       = &i18n.Message{ID: "dialog.matching.whole_number", Other: "Write a whole number, for example 10."}
	msgOn                = &i18n.Message{ID: "dialog.matching.on", Other: "on"}
	msgOff               = &i18n.Message{ID: "dialog.matching.off", Other: "off"}
	msgRetainAfterDays   = &i18n.Message{ID: "dialog.matching.retain_after_days", Other: "archive the channel after {{.Days}} days"}
	msgMatchingSummary   = &i18n.Message{ID: "outcome.matching_settings", Other: "#### Matching settings of {{.Program}}\n- Weights: skills {{.Skill}}, interests {{.Interest}}, goals {{.Goal}}, language {{.Language}}, time zone {{.TimeZone}}, experience {{.Experience}}\n- Minimum score: {{.MinScore}}; batch policy: {{.Policy}}\n- Requests and proposals expire after {{.Expiry}} hours; the reminder goes {{.Reminder}} hours before\n- Pair channel: {{.Channel}}; when a match ends: {{.Retention}}\n- Never pair within a reporting line: {{.ReportingLine}}; never pair within a department: {{.SameDepartment}}"}
	msgMatchingChangeHow = &i18n.Message{ID: "outcome.matching_settings_change", Other: "Change them with `/mentor program matching {{.Slug}} --skill N --min-score N …`, or without options in a form."}
)

// matchingChoiceLabels name the choices of the matching settings.
var matchingChoiceLabels = map[string]*i18n.Message{
	"participation":           {ID: "option.policy.participation", Other: "as many matches as possible"},
	"quality":                 {ID: "option.policy.quality", Other: "only the best pairs"},
	domain.PairChannelPrivate: {ID: "option.pair_channel.private", Other: "a private channel"},
	domain.PairChannelGroup:   {ID: "option.pair_channel.group", Other: "a group message"},
	domain.RetainArchiveNow:   {ID: "option.retention.archive", Other: "archive the channel at once"},
	domain.RetainArchiveLater: {ID: "option.retention.after_days", Other: "archive the channel after some days"},
	domain.RetainKeep:         {ID: "option.retention.keep", Other: "keep the channel"},
}

func (d *Dialogs) choice(uid, value string) string {
	if m, ok := matchingChoiceLabels[value]; ok {
		return d.Tr.T(uid, m, nil)
	}
	return value
}

func (d *Dialogs) choices(uid string, values []string) []*model.PostActionOptions {
	out := make([]*model.PostActionOptions, 0, len(values))
	for _, v := range values {
		out = append(out, &model.PostActionOptions{Text: d.choice(uid, v), Value: v})
	}
	return out
}

// weightFields are the form's weight fields, named as the service's error fields.
var weightFields = []struct {
	name  string
	label *i18n.Message
	get   func(s domain.MatchingSettings) int
	set   func(w *app.WeightsPatch, v *int)
}{
	{"weights.skill", msgWeightSkill, func(s domain.MatchingSettings) int { return s.Weights.Skill }, func(w *app.WeightsPatch, v *int) { w.Skill = v }},
	{"weights.interest", msgWeightInterest, func(s domain.MatchingSettings) int { return s.Weights.Interest }, func(w *app.WeightsPatch, v *int) { w.Interest = v }},
	{"weights.goal", msgWeightGoal, func(s domain.MatchingSettings) int { return s.Weights.Goal }, func(w *app.WeightsPatch, v *int) { w.Goal = v }},
	{"weights.language", msgWeightLanguage, func(s domain.MatchingSettings) int { return s.Weights.Language }, func(w *app.WeightsPatch, v *int) { w.Language = v }},
	{"weights.time_zone", msgWeightTimeZone, func(s domain.MatchingSettings) int { return s.Weights.TimeZone }, func(w *app.WeightsPatch, v *int) { w.TimeZone = v }},
	{"weights.experience", msgWeightExperience, func(s domain.MatchingSettings) int { return s.Weights.Experience }, func(w *app.WeightsPatch, v *int) { w.Experience = v }},
}

// OpenMatching opens the program's matching settings form, filled in with the
// settings in effect. The caller has checked that uid coordinates the program.
func (d *Dialogs) OpenMatching(triggerID, uid string, p *domain.Program) error {
	d = d.forReader(uid)
	s, err := d.Svc.ProgramMatching.Get(uid, p.ID)
	if err != nil {
		return err
	}
	number := func(label *i18n.Message, name string, value int64, help string) model.DialogElement {
		return model.DialogElement{DisplayName: d.Tr.T(uid, label, nil), Name: name, Type: "text", SubType: "number",
			Default: strconv.FormatInt(value, 10), HelpText: help}
	}
	weightHelp := d.Tr.T(uid, msgWeightHelp, nil)
	var elements []model.DialogElement
	for _, w := range weightFields {
		elements = append(elements, number(w.label, w.name, int64(w.get(s)), weightHelp))
	}
	elements = append(elements,
		number(msgMinScore, "min_score", *s.MinScore, ""),
		model.DialogElement{DisplayName: d.Tr.T(uid, msgPolicy, nil), Name: "policy", Type: "select", Options: d.choices(uid, app.Policies), Default: s.Policy},
		number(msgExpiry, "request_expiry_hours", int64(s.RequestExpiryHours), ""),
		number(msgReminder, "reminder_before_hours", int64(s.ReminderBeforeHours), ""),
		model.DialogElement{DisplayName: d.Tr.T(uid, msgPairChannel, nil), Name: "pair_channel", Type: "select", Options: d.choices(uid, app.PairChannels), Default: s.PairChannel},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgRetention, nil), Name: "retention", Type: "select", Options: d.choices(uid, app.Retentions), Default: s.Retention},
		number(msgRetentionDays, "retention_days", int64(s.RetentionDays), ""),
		model.DialogElement{DisplayName: d.Tr.T(uid, msgExcludeLine, nil), Name: "exclude_reporting_line", Type: "bool", Optional: true,
			Placeholder: d.Tr.T(uid, msgExcludeLineText, nil), Default: strconv.FormatBool(s.ExcludeReportingLine)},
		model.DialogElement{DisplayName: d.Tr.T(uid, msgExcludeDept, nil), Name: "exclude_same_department", Type: "bool", Optional: true,
			Placeholder: d.Tr.T(uid, msgExcludeDeptText, nil), Default: strconv.FormatBool(s.ExcludeSameDepartment)},
	)
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{
		TriggerId: triggerID,
		URL:       MatchingURL,
		Dialog: model.Dialog{
			Title:       d.Tr.T(uid, msgMatchingTitle, nil),
			SubmitLabel: d.Tr.T(uid, msgSave, nil),
			State:       p.ID,
			Elements:    elements,
		},
	})
}

// SubmitMatching saves the matching settings form. Only the values that differ
// from the settings in effect are saved, so the program keeps following the
// System Console for everything the coordinator left alone.
func (d *Dialogs) SubmitMatching(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid, programID, sub := req.UserId, req.State, req.Submission
	current, err := d.Svc.ProgramMatching.Get(uid, programID)
	if err != nil {
		return d.errorResponse(uid, err)
	}
	errs := map[string]string{}
	whole := func(name string, now int) *int {
		n, ok := wholeNumber(*text(sub, name))
		switch {
		case !ok:
			errs[name] = d.Tr.T(uid, msgWholeNumber, nil)
			return nil
		case n == now:
			return nil
		}
		return &n
	}
	var in app.MatchingPatch
	weights := &app.WeightsPatch{}
	for _, w := range weightFields {
		w.set(weights, whole(w.name, w.get(current)))
	}
	in.Weights = weights
	if m := whole("min_score", int(*current.MinScore)); m != nil {
		v := int64(*m)
		in.MinScore = &v
	}
	in.RequestExpiryHours = whole("request_expiry_hours", current.RequestExpiryHours)
	in.ReminderBeforeHours = whole("reminder_before_hours", current.ReminderBeforeHours)
	in.RetentionDays = whole("retention_days", current.RetentionDays)
	if len(errs) > 0 {
		return &model.SubmitDialogResponse{Errors: errs}
	}
	changed := func(name, now string) *string {
		if v := text(sub, name); *v != now {
			return v
		}
		return nil
	}
	in.Policy = changed("policy", current.Policy)
	in.PairChannel = changed("pair_channel", current.PairChannel)
	in.Retention = changed("retention", current.Retention)
	toggled := func(name string, now bool) *bool {
		if v := fmt.Sprint(sub[name]) == "true"; v != now {
			return &v
		}
		return nil
	}
	in.ExcludeReportingLine = toggled("exclude_reporting_line", current.ExcludeReportingLine)
	in.ExcludeSameDepartment = toggled("exclude_same_department", current.ExcludeSameDepartment)
	saved, err := d.Svc.ProgramMatching.Update(uid, programID, in)
	if err != nil {
		return d.errorResponse(uid, err)
	}
	p, err := d.Svc.Programs.Get(uid, programID)
	if err != nil {
		return d.errorResponse(uid, err)
	}
	d.tell(uid, req.ChannelId, MatchingOutcome(d.Tr, uid, p, saved))
	return nil
}

// MatchingOutcome shows a program's effective matching settings and how to
// change them; the slash command and the form answer with it.
func MatchingOutcome(tr *i18n.Translator, uid string, p *domain.Program, s domain.MatchingSettings) string {
	d := &Dialogs{Tr: tr}
	onOff := func(b bool) string {
		if b {
			return tr.T(uid, msgOn, nil)
		}
		return tr.T(uid, msgOff, nil)
	}
	retention := d.choice(uid, s.Retention)
	if s.Retention == domain.RetainArchiveLater {
		retention = tr.T(uid, msgRetainAfterDays, map[string]any{"Days": s.RetentionDays})
	}
	summary := tr.T(uid, msgMatchingSummary, map[string]any{
		"Program": p.Name, "Skill": s.Weights.Skill, "Interest": s.Weights.Interest, "Goal": s.Weights.Goal,
		"Language": s.Weights.Language, "TimeZone": s.Weights.TimeZone, "Experience": s.Weights.Experience,
		"MinScore": *s.MinScore, "Policy": d.choice(uid, s.Policy),
		"Expiry": s.RequestExpiryHours, "Reminder": s.ReminderBeforeHours,
		"Channel": d.choice(uid, s.PairChannel), "Retention": retention,
		"ReportingLine": onOff(s.ExcludeReportingLine), "SameDepartment": onOff(s.ExcludeSameDepartment),
	})
	return summary + "\n\n" + tr.T(uid, msgMatchingChangeHow, map[string]any{"Slug": p.Slug})
}
