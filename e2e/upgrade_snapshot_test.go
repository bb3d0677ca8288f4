package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// The upgrade test records what the previous release's API answers and compares
// it with what the new release answers, record by record and field by field.
// Fields both releases must keep equal are listed; any other field present in
// both that changed, and any field that appeared or disappeared, is reported as
// a difference without failing the test.

type record = map[string]any

// upgradeSnapshot is every answer of the read endpoints, keyed by ids.
type upgradeSnapshot struct {
	programs map[string]record            // program id → GET /programs/{id} as admin
	lists    map[string]map[string]record // username → program id → entry of GET /programs?include_archived=true
	order    map[string][]string          // username → program ids in list order
	members  map[string]map[string]record // program id → user id → entry of GET /programs/{id}/members as admin
	mine     map[string]map[string]record // username → program id → entry of GET /me/programs
}

// Fields the new release must return equal to the previous one. A missing field
// counts as its zero value: the previous release omits empty ones.
var (
	programFields = []string{"id", "team_id", "name", "description", "kind", "enrollment_mode",
		"matching_mode", "check_in_cadence", "coordinators", "start_date", "end_date", "archived",
		"archived_at", "created_by", "created_at"}
	listedProgramFields = append([]string{"can_manage"}, programFields...)
	enrollmentFields    = []string{"program_id", "user_id", "role", "capacity", "goals", "status", "paused_until", "joined_at"}
	memberFields        = append([]string{"username"}, enrollmentFields...)
)

func (u *upgradeEnv) snapshot(t *testing.T, ids map[string]string) *upgradeSnapshot {
	t.Helper()
	s := &upgradeSnapshot{programs: map[string]record{}, lists: map[string]map[string]record{},
		order: map[string][]string{}, members: map[string]map[string]record{}, mine: map[string]map[string]record{}}
	for _, name := range append([]string{"admin"}, upgradeUsers...) {
		var list []record
		u.must(t, http.StatusOK, name, http.MethodGet, "/programs?team_id="+u.env.Team.Id+"&include_archived=true", nil, &list)
		s.lists[name] = byKey(t, list, "id")
		for _, p := range list {
			s.order[name] = append(s.order[name], fmt.Sprint(p["id"]))
		}
		var mine []record
		u.must(t, http.StatusOK, name, http.MethodGet, "/me/programs", nil, &mine)
		s.mine[name] = map[string]record{}
		for _, m := range mine {
			p, _ := m["program"].(record)
			s.mine[name][fmt.Sprint(p["id"])] = m
		}
	}
	for _, id := range ids {
		var p record
		u.must(t, http.StatusOK, "admin", http.MethodGet, "/programs/"+id, nil, &p)
		s.programs[id] = p
		s.members[id] = byKey(t, u.members(t, "admin", id), "user_id")
	}
	return s
}

func byKey(t *testing.T, list []record, key string) map[string]record {
	t.Helper()
	out := make(map[string]record, len(list))
	for _, r := range list {
		k, ok := r[key].(string)
		if !ok || k == "" {
			t.Fatalf("record without %s: %v", key, r)
		}
		if _, dup := out[k]; dup {
			t.Errorf("%s %s listed twice", key, k)
		}
		out[k] = r
	}
	return out
}

// compare fails the test for every record or required field that the new
// release lost or changed, and collects the other differences.
func (d *differences) compare(t *testing.T, when string, old, cur *upgradeSnapshot) {
	t.Helper()
	for id, p := range old.programs {
		name := fmt.Sprintf("%s (%v)", id, p["name"])
		d.record(t, when, "GET /programs/{id}", name, p, cur.programs[id], programFields)
		d.records(t, when, "GET /programs/{id}/members", name, old.members[id], cur.members[id], memberFields)
	}
	for user, list := range old.lists {
		const endpoint = "GET /programs?include_archived=true"
		d.records(t, when, endpoint, "as "+user, list, cur.lists[user], listedProgramFields)
		if !slices.Equal(old.order[user], cur.order[user]) {
			d.add(when, endpoint, "(order)", "changed", fmt.Sprintf("as %s: %v → %v", user, old.order[user], cur.order[user]))
		}
	}
	for user, mine := range old.mine {
		const endpoint = "GET /me/programs"
		d.sameKeys(t, when, endpoint, "as "+user, mine, cur.mine[user])
		for id, m := range mine {
			n, ok := cur.mine[user][id]
			if !ok {
				continue
			}
			where := fmt.Sprintf("as %s, program %s", user, id)
			d.record(t, when, endpoint+" .program", where, sub(m, "program"), sub(n, "program"), programFields)
			d.record(t, when, endpoint+" .enrollment", where, sub(m, "enrollment"), sub(n, "enrollment"), enrollmentFields)
			d.record(t, when, endpoint, where, without(m, "program", "enrollment"), without(n, "program", "enrollment"), nil)
		}
	}
}

// records compares two sets of records keyed by id; none may be lost or added.
func (d *differences) records(t *testing.T, when, endpoint, where string, old, cur map[string]record, required []string) {
	t.Helper()
	d.sameKeys(t, when, endpoint, where, old, cur)
	for k, r := range old {
		if n, ok := cur[k]; ok {
			d.record(t, when, endpoint, where+" "+k, r, n, required)
		}
	}
}

func (d *differences) sameKeys(t *testing.T, when, endpoint, where string, old, cur map[string]record) {
	t.Helper()
	for k := range old {
		if _, ok := cur[k]; !ok {
			t.Errorf("%s: %s %s: %s is missing (was %v)", when, endpoint, where, k, old[k])
		}
	}
	for k := range cur {
		if _, ok := old[k]; !ok {
			t.Errorf("%s: %s %s: %s appeared: %v", when, endpoint, where, k, cur[k])
		}
	}
}

// record compares one record: required fields must be equal, the rest is reported.
func (d *differences) record(t *testing.T, when, endpoint, where string, old, cur record, required []string) {
	t.Helper()
	if cur == nil {
		t.Errorf("%s: %s %s: missing (was %v)", when, endpoint, where, old)
		return
	}
	for _, f := range required {
		if !sameValue(f, old[f], cur[f]) {
			t.Errorf("%s: %s %s: %s changed from %s to %s", when, endpoint, where, f, show(old[f]), show(cur[f]))
		}
	}
	keys := map[string]bool{}
	for k := range old {
		keys[k] = true
	}
	for k := range cur {
		keys[k] = true
	}
	for k := range keys {
		ov, inOld := old[k]
		nv, inNew := cur[k]
		switch {
		case !inNew:
			d.add(when, endpoint, k, "is gone", "was "+show(ov))
		case !inOld:
			d.add(when, endpoint, k, "is new", "e.g. "+show(nv))
		case !slices.Contains(required, k) && !sameValue(k, ov, nv):
			d.add(when, endpoint, k, "changed", show(ov)+" → "+show(nv))
		}
	}
}

// differences groups what changed between the releases' answers beyond what
// must stay equal, by check, endpoint, field and kind of change, for the report.
type differences struct {
	groups map[string]*diffGroup
}

type diffGroup struct {
	title    string
	count    int
	examples []string // distinct, at most maxExamples
}

const maxExamples = 4

func (d *differences) add(when, endpoint, field, kind, example string) {
	if d.groups == nil {
		d.groups = map[string]*diffGroup{}
	}
	title := fmt.Sprintf("%s: %s: field %s %s", when, endpoint, field, kind)
	g := d.groups[title]
	if g == nil {
		g = &diffGroup{title: title}
		d.groups[title] = g
	}
	g.count++
	if len(g.examples) < maxExamples && !slices.Contains(g.examples, example) {
		g.examples = append(g.examples, example)
	}
}

func (d *differences) report(t *testing.T, path string) {
	t.Helper()
	lines := make([]string, 0, len(d.groups))
	for _, g := range d.groups {
		lines = append(lines, fmt.Sprintf("%s (%d records): %s", g.title, g.count, strings.Join(g.examples, "; ")))
	}
	sort.Strings(lines)
	text := strings.Join(lines, "\n")
	if len(lines) == 0 {
		text = "no differences: every field of the previous release reads back unchanged"
	}
	t.Logf("API differences between the releases beyond the required fields:\n%s", text)
	if err := os.WriteFile(path, []byte(text+"\n"), 0o644); err != nil {
		t.Errorf("write %s: %v", path, err)
	}
}

// sameValue compares two JSON values: a missing value equals its zero value,
// times compare as instants, coordinator lists as sets (their order carries no
// meaning).
func sameValue(field string, a, b any) bool {
	a, b = zeroToNil(a), zeroToNil(b)
	if as, ok := a.(string); ok {
		if bs, ok := b.(string); ok {
			ta, errA := time.Parse(time.RFC3339Nano, as)
			tb, errB := time.Parse(time.RFC3339Nano, bs)
			if errA == nil && errB == nil {
				return ta.Equal(tb)
			}
		}
	}
	if field == "coordinators" {
		a, b = sortedList(a), sortedList(b)
	}
	return reflect.DeepEqual(a, b)
}

func zeroToNil(v any) any {
	switch x := v.(type) {
	case string:
		if x == "" || x == "0001-01-01T00:00:00Z" {
			return nil
		}
	case float64:
		if x == 0 {
			return nil
		}
	case bool:
		if !x {
			return nil
		}
	case []any:
		if len(x) == 0 {
			return nil
		}
	}
	return v
}

func sortedList(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = fmt.Sprint(x)
	}
	sort.Strings(out)
	return out
}

func sub(r record, key string) record {
	m, _ := r[key].(record)
	return m
}

func without(r record, keys ...string) record {
	out := record{}
	for k, v := range r {
		if !slices.Contains(keys, k) {
			out[k] = v
		}
	}
	return out
}

func show(v any) string {
	if v == nil {
		return "(none)"
	}
	data, _ := json.Marshal(v)
	return string(data)
}

// jsonUnmarshal decodes with numbers as float64, the same for both releases.
func jsonUnmarshal(data []byte, out any) error {
	return json.NewDecoder(bytes.NewReader(data)).Decode(out)
}

// jsonRecode converts a decoded value into out's type.
// members reads every member of a program as name. The previous release
// answers a plain list of everyone; this one answers pages, {members, page,
// pages, total}, without those who left or were declined unless asked by status.
func (u *upgradeEnv) members(t *testing.T, name, id string) []record {
	t.Helper()
	all := []record{}
	for _, filter := range []string{"", "&status=left", "&status=declined"} {
		for page := 0; ; page++ {
			var raw any
			u.must(t, http.StatusOK, name, http.MethodGet, fmt.Sprintf("/programs/%s/members?page=%d%s", id, page, filter), nil, &raw)
			list, isList := raw.([]any)
			if isList { // the previous release: everyone at once
				if err := jsonRecode(list, &all); err != nil {
					t.Fatal(err)
				}
				return all
			}
			var p struct {
				Members []record `json:"members"`
				Pages   int      `json:"pages"`
			}
			if err := jsonRecode(raw, &p); err != nil {
				t.Fatalf("members of %s as %s: %v in %v", id, name, err, raw)
			}
			all = append(all, p.Members...)
			if page+1 >= p.Pages {
				break
			}
		}
	}
	return all
}

// memberList is members decoded as enrollments.
func (u *upgradeEnv) memberList(t *testing.T, name, id string) []enrollment {
	t.Helper()
	var out []enrollment
	if err := jsonRecode(u.members(t, name, id), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonRecode(v, out any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}
