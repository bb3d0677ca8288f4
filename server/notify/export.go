package notify

import (
	"io"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/pkg/errors"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

var msgExportFile = &i18n.Message{ID: "export.notify.file",
	Other: "Here is the **{{.Table}}** table of **{{.Program}}** ({{.Rows}} rows, times in UTC). Values that begin with =, +, -, @, a tab or a line break start with a ' so that spreadsheets show them instead of running them as formulas."}

// ExportNotifier implements app.ExportNotifier.
type ExportNotifier struct{ Kit }

var _ app.ExportNotifier = (*ExportNotifier)(nil)

// SendExport uploads the file into the bot's DM with the user and posts it
// there. The file goes from write to the upload through a pipe; the plugin
// API takes an upload as one byte slice, so the file is held in memory once,
// on its way to the server, and never as rows.
func (n *ExportNotifier) SendExport(userID string, file app.ExportFile, write func(w io.Writer) (int, error)) (string, error) {
	ch, err := n.Channels.GetDirect(n.BotID(), userID)
	if err != nil {
		return "", errors.Wrap(err, "open the DM channel for an export")
	}
	if ch == nil {
		return "", errors.New("open the DM channel for an export: no channel")
	}
	r, w := io.Pipe()
	rows := 0
	written := make(chan error, 1)
	go func() {
		var err error
		rows, err = write(w)
		// The upload reads to the end: an error here makes it fail instead
		// of storing half a file.
		_ = w.CloseWithError(err)
		written <- err
	}()
	info, uploadErr := n.Files.Upload(r, file.FileName, ch.Id)
	// Unblock the writer when the upload stopped reading early.
	_ = r.CloseWithError(io.ErrClosedPipe)
	writeErr := <-written
	switch {
	case writeErr != nil && !errors.Is(writeErr, io.ErrClosedPipe):
		return "", errors.Wrap(writeErr, "write the export")
	case uploadErr != nil:
		return "", errors.Wrap(uploadErr, "upload the export")
	case writeErr != nil:
		return "", errors.Wrap(writeErr, "write the export")
	}
	if info == nil {
		return "", errors.New("upload the export: no file info")
	}
	post := &model.Post{
		UserId: n.BotID(), ChannelId: ch.Id, FileIds: []string{info.Id},
		Message: n.Tr.T(userID, msgExportFile, map[string]any{"Table": file.Table, "Program": file.ProgramName, "Rows": rows}),
	}
	if err := n.Posts.CreatePost(post); err != nil {
		return "", errors.Wrap(err, "post the export")
	}
	return post.Id, nil
}
