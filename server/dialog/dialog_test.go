package dialog

import (
	"testing"

	"github.com/pkg/errors"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

type recordingLog struct{ lines []string }

func (l *recordingLog) Error(msg string, kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		msg += " " + kv[i].(string) + "=" + kv[i+1].(string)
	}
	l.lines = append(l.lines, msg)
}

func TestStoreFailuresAreLoggedAndNotShownRaw(t *testing.T) {
	log := &recordingLog{}
	d := &Dialogs{Tr: i18n.English(), Log: log}
	resp := d.errorResponse("u1", errors.New("write v1/catalog/t1: pq: connection refused"))
	require.NotContains(t, resp.Error, "pq:")
	require.Contains(t, resp.Error, "nothing was saved")
	require.Len(t, log.lines, 1)
	require.Contains(t, log.lines[0], "connection refused")
}
