package dialog

import (
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/domain"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// ProfileURL receives the profile form.
const ProfileURL = "/plugins/mentorship/api/v1/dialogs/profile"

var (
	msgProfileTitle      = &i18n.Message{ID: "dialog.profile.title", Other: "Your profile"}
	msgProfileOffered    = &i18n.Message{ID: "dialog.profile.skills_offered", Other: "Skills you offer"}
	msgProfileWanted     = &i18n.Message{ID: "dialog.profile.skills_wanted", Other: "Skills you want"}
	msgProfileInterests  = &i18n.Message{ID: "dialog.profile.interests", Other: "Interests"}
	msgProfileLanguages  = &i18n.Message{ID: "dialog.profile.languages", Other: "Languages"}
	msgProfileTermsHelp  = &i18n.Message{ID: "dialog.profile.terms_help", Other: "Separate them with commas or new lines, e.g. public speaking, Go. At most 20."}
	msgProfileLevel      = &i18n.Message{ID: "dialog.profile.experience_level", Other: "Experience level"}
	msgProfileYears      = &i18n.Message{ID: "dialog.profile.experience_years", Other: "Years of experience"}
	msgProfileHours      = &i18n.Message{ID: "dialog.profile.availability_hours", Other: "Hours per month"}
	msgProfileHoursHelp  = &i18n.Message{ID: "dialog.profile.availability_help", Other: "How many hours a month you can give to mentoring (0 to 160)."}
	msgProfileBio        = &i18n.Message{ID: "dialog.profile.bio", Other: "About you"}
	msgProfileLocation   = &i18n.Message{ID: "dialog.profile.location", Other: "Location"}
	msgProfileDepartment = &i18n.Message{ID: "dialog.profile.department", Other: "Department"}
	msgProfileManager    = &i18n.Message{ID: "dialog.profile.manager", Other: "Your manager"}
	msgProfileManagerHlp = &i18n.Message{ID: "dialog.profile.manager_help", Other: "Programs may avoid pairing people in one reporting line."}
	msgProfileZoneHelp   = &i18n.Message{ID: "dialog.profile.location_help", Other: "Optional. Your time zone comes from your Mattermost settings."}
	msgYearsNumber       = &i18n.Message{ID: "dialog.profile.years_number", Other: "Write a number of years, for example 3 or 2.5."}
	msgProfileSaved      = &i18n.Message{ID: "dialog.profile.saved", Other: "Your profile is saved; your programs match with it from now on."}
	msgProfileTooLong    = &i18n.Message{ID: "dialog.profile.too_long_for_form", Other: "Your profile has more text than a form can show; edit it in the Mentorship sidebar instead."}
)

// experienceLabels name the experience levels in the form.
var experienceLabels = map[string]*i18n.Message{
	domain.LevelJunior:    {ID: "option.level.junior", Other: "Junior"},
	domain.LevelMid:       {ID: "option.level.mid", Other: "Mid-level"},
	domain.LevelSenior:    {ID: "option.level.senior", Other: "Senior"},
	domain.LevelLead:      {ID: "option.level.lead", Other: "Lead"},
	domain.LevelExecutive: {ID: "option.level.executive", Other: "Executive"},
}

// OpenProfile opens the profile form, filled in with the user's profile.
func (d *Dialogs) OpenProfile(triggerID, uid string) error {
	d = d.forReader(uid)
	p, err := d.Svc.Profiles.Get(uid)
	if err != nil {
		return err
	}
	levels := make([]*model.PostActionOptions, 0, len(domain.ExperienceLevels))
	for _, level := range domain.ExperienceLevels {
		levels = append(levels, &model.PostActionOptions{Text: d.Tr.T(uid, experienceLabels[level], nil), Value: level})
	}
	termsHelp := d.Tr.T(uid, msgProfileTermsHelp, nil)
	terms := func(label *i18n.Message, name string, values []string) model.DialogElement {
		return model.DialogElement{DisplayName: d.Tr.T(uid, label, nil), Name: name, Type: "textarea", Optional: true,
			Default: strings.Join(values, ", "), HelpText: termsHelp}
	}
	form := model.Dialog{
		Title:       d.Tr.T(uid, msgProfileTitle, nil),
		SubmitLabel: d.Tr.T(uid, msgSave, nil),
		Elements: []model.DialogElement{
			terms(msgProfileOffered, "skills_offered", p.SkillsOffered),
			terms(msgProfileWanted, "skills_wanted", p.SkillsWanted),
			terms(msgProfileInterests, "interests", p.Interests),
			terms(msgProfileLanguages, "languages", p.Languages),
			{DisplayName: d.Tr.T(uid, msgProfileLevel, nil), Name: "experience_level", Type: "select", Optional: true, Options: levels, Default: p.ExperienceLevel},
			{DisplayName: d.Tr.T(uid, msgProfileYears, nil), Name: "experience_years", Type: "text", SubType: "number", Optional: true, Default: formatNumber(p.ExperienceYears)},
			{DisplayName: d.Tr.T(uid, msgProfileHours, nil), Name: "availability_hours", Type: "text", SubType: "number", Optional: true,
				Default: strconv.Itoa(p.AvailabilityHours), HelpText: d.Tr.T(uid, msgProfileHoursHelp, nil)},
			{DisplayName: d.Tr.T(uid, msgProfileBio, nil), Name: "bio", Type: "textarea", Optional: true, Default: p.Bio, MaxLength: domain.MaxBioRunes},
			{DisplayName: d.Tr.T(uid, msgProfileLocation, nil), Name: "location", Type: "text", Optional: true, Default: p.Location,
				MaxLength: domain.MaxLocationRunes, HelpText: d.Tr.T(uid, msgProfileZoneHelp, nil)},
			{DisplayName: d.Tr.T(uid, msgProfileDepartment, nil), Name: "department", Type: "text", Optional: true, Default: p.Department, MaxLength: domain.MaxDepartmentRunes},
			{DisplayName: d.Tr.T(uid, msgProfileManager, nil), Name: "manager_id", Type: "select", DataSource: "users", Optional: true,
				Default: p.ManagerID, HelpText: d.Tr.T(uid, msgProfileManagerHlp, nil)},
		},
	}
	// The server refuses a form whose prefilled values are over its limits (they
	// count bytes, so long non-Latin text can pass ours and not these).
	if err := form.IsValid(); err != nil {
		d.Log.Error("profile form over the dialog limits", "user_id", uid, "error", err.Error())
		return &app.Error{Kind: app.KindInvalid, Message: msgProfileTooLong}
	}
	return d.Frontend.OpenInteractiveDialog(model.OpenDialogRequest{TriggerId: triggerID, URL: ProfileURL, Dialog: form})
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// splitTerms reads a list typed in a text area: commas and line breaks separate.
func splitTerms(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' || r == ';' })
}

// SubmitProfile saves the profile form. The don't-match list is not in the
// form, so it is kept as it is.
func (d *Dialogs) SubmitProfile(req *model.SubmitDialogRequest) *model.SubmitDialogResponse {
	d = d.forReader(req.UserId)
	uid := req.UserId
	sub := req.Submission
	list := func(key string) *[]string {
		terms := splitTerms(*text(sub, key))
		return &terms
	}
	in := app.ProfileInput{
		SkillsOffered: list("skills_offered"), SkillsWanted: list("skills_wanted"),
		Interests: list("interests"), Languages: list("languages"),
		ExperienceLevel: text(sub, "experience_level"), Bio: text(sub, "bio"),
		Location: text(sub, "location"), Department: text(sub, "department"), ManagerID: text(sub, "manager_id"),
	}
	errs := map[string]string{}
	years, hours := 0.0, 0
	if s := *text(sub, "experience_years"); s != "" {
		var err error
		if years, err = strconv.ParseFloat(s, 64); err != nil {
			errs["experience_years"] = d.Tr.T(uid, msgYearsNumber, nil)
		}
	}
	if s := *text(sub, "availability_hours"); s != "" {
		n, ok := wholeNumber(s)
		if !ok {
			errs["availability_hours"] = d.Tr.T(uid, msgCapacityNumber, nil)
		}
		hours = n
	}
	if len(errs) > 0 {
		return &model.SubmitDialogResponse{Errors: errs}
	}
	in.ExperienceYears, in.AvailabilityHours = &years, &hours
	if _, err := d.Svc.Profiles.Save(uid, in); err != nil {
		return d.errorResponse(uid, err)
	}
	d.tell(uid, req.ChannelId, d.Tr.T(uid, msgProfileSaved, nil))
	return nil
}

// wholeNumber reads a whole number that a number field may send as "12" or "12.0".
func wholeNumber(s string) (int, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}
