package main

import (
	"fmt"
	"strconv"

	"github.com/mentorship-mattermost/mentorship/e2e/benchseed"
	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// countedPosts sums the posts the plugin counted in the program's health
// ledger (every line's activity: every person, every day), read from
// PostgreSQL with its JSON functions.
func countedPosts(env *harness.Env, programID string) (int64, error) {
	out, err := benchseed.Psql(env, "-c", fmt.Sprintf(`
SELECT coalesce(sum(d.value::bigint), 0)
FROM pluginkeyvaluestore kv,
     jsonb_array_elements(convert_from(kv.pvalue, 'UTF8')::jsonb -> 'lines') line,
     jsonb_each(coalesce(line -> 'activity', '{}'::jsonb)) a,
     jsonb_each_text(coalesce(a.value -> 'days', '{}'::jsonb)) d
WHERE kv.pluginid = '%s' AND kv.pkey LIKE 'v1/health/%s/p/%%'`, harness.PluginID, programID))
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(out, 10, 64)
}
