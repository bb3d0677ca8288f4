package notify

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/mentorship-mattermost/mentorship/server/app"
	"github.com/mentorship-mattermost/mentorship/server/i18n"
)

// exportMM is the Mattermost side of an export: DM channels, uploads, posts.
type exportMM struct {
	KitPosts
	uploads   map[string][]byte // file name → content
	uploadErr error
	failFirst bool // the upload fails before reading anything
	posts     []*model.Post
}

func (m *exportMM) GetDirect(a, b string) (*model.Channel, error) {
	return &model.Channel{Id: "dm-" + a + "-" + b, Type: model.ChannelTypeDirect}, nil
}
func (m *exportMM) Get(id string) (*model.Channel, error) { return &model.Channel{Id: id}, nil }

func (m *exportMM) Upload(content io.Reader, fileName, channelID string) (*model.FileInfo, error) {
	if m.failFirst {
		return nil, m.uploadErr
	}
	data, err := io.ReadAll(content) // as pluginapi's FileService does
	if err != nil {
		return nil, err
	}
	if m.uploadErr != nil {
		return nil, m.uploadErr
	}
	m.uploads[fileName] = data
	return &model.FileInfo{Id: "file-" + fileName, ChannelId: channelID}, nil
}

func (m *exportMM) CreatePost(p *model.Post) error {
	p.Id = fmt.Sprintf("post%d", len(m.posts)+1)
	m.posts = append(m.posts, p)
	return nil
}

func (m *exportMM) Warn(string, ...any) {}

func newExportNotifier() (*ExportNotifier, *exportMM) {
	mm := &exportMM{uploads: map[string][]byte{}}
	return &ExportNotifier{Kit: Kit{BotID: func() string { return "bot" }, Posts: mm, Files: mm, Channels: mm, Log: mm, Tr: i18n.English()}}, mm
}

var exportFile = app.ExportFile{ProgramID: "p1", ProgramName: "Women in Tech", Table: "goals", FileName: "women-in-tech-goals-2026-11-26.csv"}

func TestAnExportIsUploadedIntoTheBotsDMAndPosted(t *testing.T) {
	n, mm := newExportNotifier()
	postID, err := n.SendExport("coord", exportFile, func(w io.Writer) (int, error) {
		// More than a pipe holds at once, in many writes.
		for i := 0; i < 1000; i++ {
			if _, err := fmt.Fprintf(w, "row%d,%s\n", i, strings.Repeat("x", 100)); err != nil {
				return i, err
			}
		}
		return 1000, nil
	})
	require.NoError(t, err)
	require.Equal(t, "post1", postID)
	data := mm.uploads[exportFile.FileName]
	require.Len(t, strings.Split(strings.TrimSpace(string(data)), "\n"), 1000)
	post := mm.posts[0]
	require.Equal(t, "dm-bot-coord", post.ChannelId)
	require.Equal(t, "bot", post.UserId)
	require.Equal(t, []string{"file-" + exportFile.FileName}, []string(post.FileIds))
	require.Contains(t, post.Message, "**goals** table of **Women in Tech** (1000 rows")
}

func TestAFailedExportPostsNothing(t *testing.T) {
	n, mm := newExportNotifier()
	_, err := n.SendExport("coord", exportFile, func(w io.Writer) (int, error) {
		_, _ = io.WriteString(w, "user_id\n")
		return 0, errors.New("the store went away")
	})
	require.ErrorContains(t, err, "the store went away")
	require.Empty(t, mm.uploads, "half a file is not stored")
	require.Empty(t, mm.posts)

	mm.uploadErr = errors.New("file too large")
	_, err = n.SendExport("coord", exportFile, func(w io.Writer) (int, error) {
		_, err := io.WriteString(w, "user_id\n")
		return 0, err
	})
	require.ErrorContains(t, err, "file too large")
	require.Empty(t, mm.posts)

	// An upload that gives up before reading does not leave the writer
	// blocked on the pipe.
	mm.failFirst, mm.uploadErr = true, errors.New("no permission")
	_, err = n.SendExport("coord", exportFile, func(w io.Writer) (int, error) {
		_, err := io.WriteString(w, strings.Repeat("x", 1<<20))
		return 0, err
	})
	require.ErrorContains(t, err, "no permission")
	require.Empty(t, mm.posts)
}
