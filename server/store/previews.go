package store

import (
	"fmt"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// previewKey holds a program's latest preview summary; its chunks are written
// first under the preview's own id, so a preview is visible only once whole.
func previewKey(programID string) string { return keyPrefix + "preview/" + programID }

func previewChunkKey(programID, previewID, part string, n int) string {
	return fmt.Sprintf("%spreview/%s/%s/%s%d", keyPrefix, programID, previewID, part, n)
}

// SavePreview stores a preview: chunks, then the summary (the commit), with a
// compare-and-set in which replaceable may refuse to replace the current one
// (a publish under way). It returns the preview it replaced, if any.
func (s *Store) SavePreview(rec *domain.PreviewRecord, pairs []domain.PreviewPair, unmatched []domain.UnmatchedMentee,
	replaceable func(current *domain.PreviewRecord) error) (*domain.PreviewRecord, error) {
	for n := 0; n*domain.PreviewChunkSize < len(pairs); n++ {
		chunk := domain.PreviewChunk{Pairs: pairs[n*domain.PreviewChunkSize : min(len(pairs), (n+1)*domain.PreviewChunkSize)]}
		if _, err := s.kv.Set(previewChunkKey(rec.ProgramID, rec.ID, "p", n), chunk); err != nil {
			return nil, err
		}
	}
	for n := 0; n*domain.PreviewChunkSize < len(unmatched); n++ {
		chunk := domain.PreviewChunk{Unmatched: unmatched[n*domain.PreviewChunkSize : min(len(unmatched), (n+1)*domain.PreviewChunkSize)]}
		if _, err := s.kv.Set(previewChunkKey(rec.ProgramID, rec.ID, "u", n), chunk); err != nil {
			return nil, err
		}
	}
	var replaced *domain.PreviewRecord
	_, err := Update(s.kv, previewKey(rec.ProgramID), func(cur *domain.PreviewRecord, exists bool) error {
		replaced = nil
		if exists {
			if err := replaceable(cur); err != nil {
				return err
			}
			old := *cur
			replaced = &old
		}
		*cur = *rec
		return nil
	})
	if err != nil {
		return nil, err
	}
	return replaced, nil
}

// GetPreview returns the program's latest preview summary, or ErrNotFound.
func (s *Store) GetPreview(programID string) (*domain.PreviewRecord, error) {
	rec, found, err := get[domain.PreviewRecord](s.kv, previewKey(programID))
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrNotFound
	}
	return &rec, nil
}

// UpdatePreview changes the summary with compare-and-set.
func (s *Store) UpdatePreview(programID string, mutate func(rec *domain.PreviewRecord) error) (*domain.PreviewRecord, error) {
	rec, err := Update(s.kv, previewKey(programID), func(rec *domain.PreviewRecord, exists bool) error {
		if !exists {
			return ErrNotFound
		}
		return mutate(rec)
	})
	if err != nil {
		return nil, err
	}
	return &rec, nil
}

// PreviewPairs returns chunk n of a preview's pairs (empty past the end).
func (s *Store) PreviewPairs(programID, previewID string, n int) ([]domain.PreviewPair, error) {
	c, _, err := get[domain.PreviewChunk](s.kv, previewChunkKey(programID, previewID, "p", n))
	return c.Pairs, err
}

// PreviewUnmatched returns chunk n of a preview's unmatched mentees.
func (s *Store) PreviewUnmatched(programID, previewID string, n int) ([]domain.UnmatchedMentee, error) {
	c, _, err := get[domain.PreviewChunk](s.kv, previewChunkKey(programID, previewID, "u", n))
	return c.Unmatched, err
}

// DeletePreviewChunks removes the chunks of a preview that is no longer the
// latest; a chunk left behind by a failed delete is never read again.
func (s *Store) DeletePreviewChunks(rec *domain.PreviewRecord) error {
	for n := 0; n*domain.PreviewChunkSize < rec.Matched; n++ {
		if err := s.kv.Delete(previewChunkKey(rec.ProgramID, rec.ID, "p", n)); err != nil {
			return err
		}
	}
	for n := 0; n*domain.PreviewChunkSize < rec.Unmatched; n++ {
		if err := s.kv.Delete(previewChunkKey(rec.ProgramID, rec.ID, "u", n)); err != nil {
			return err
		}
	}
	return nil
}
