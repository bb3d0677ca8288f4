package matching

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Instance is a matching problem read from JSON, in one of two forms:
//
// Explicit: mentee ids, mentors with capacities and an integer score matrix
// (null = forbidden):
//
//	{"mentees": ["e0", "e1"], "mentors": [{"id": "m0", "capacity": 2}],
//	 "scores": [[12], [null]], "policy": "participation", "min_score": 0}
//
// Profiles: mentee and mentor profiles scored by the engine:
//
//	{"mentees": [{"id": "e0", "skills_wanted": ["public speaking"], "time_zone": "Europe/Madrid"}],
//	 "mentors": [{"id": "m0", "name": "Ana", "capacity": 2, "skills_offered": ["public-speaking"]}],
//	 "weights": {...}, "synonyms": {"public speaking": ["presenting"]},
//	 "constraints": {"forbidden": [["e0", "m3"]], "exclude_reporting_line": true},
//	 "date": "2026-11-26", "policy": "quality", "min_score": 40}
type Instance struct {
	MenteeIDs []string
	MentorIDs []string
	Capacity  []int
	Policy    Policy
	MinScore  int64
	// Exactly one of these is set.
	Scores [][]*int64
	Scorer *Scorer
}

// wireInstance is the JSON of both forms.
type wireInstance struct {
	Mentees     json.RawMessage     `json:"mentees"`
	Mentors     json.RawMessage     `json:"mentors"`
	Scores      json.RawMessage     `json:"scores"`
	Policy      *string             `json:"policy"`
	MinScore    *int64              `json:"min_score"`
	Weights     *Weights            `json:"weights"`
	Synonyms    map[string][]string `json:"synonyms"`
	Constraints *Constraints        `json:"constraints"`
	Date        string              `json:"date"`
}

type wireMentor struct {
	ID       string `json:"id"`
	Capacity *int   `json:"capacity"`
}

// ReadInstance decodes and validates an instance. Every error names the problem
// and where it is.
func ReadInstance(r io.Reader) (*Instance, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read input: %w", err)
	}
	var w wireInstance
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return nil, jsonError(data, err)
	}
	if dec.More() {
		return nil, errors.New("input has extra data after the instance object")
	}
	in := &Instance{Policy: Participation}
	if w.Policy != nil {
		in.Policy = Policy(*w.Policy)
		if in.Policy != Participation && in.Policy != Quality {
			return nil, fmt.Errorf("unknown policy %q: use \"participation\" or \"quality\"", *w.Policy)
		}
	}
	if w.MinScore != nil {
		in.MinScore = *w.MinScore
	}
	if len(w.Mentees) == 0 || len(w.Mentors) == 0 {
		return nil, errors.New(`the instance needs "mentees" and "mentors" arrays`)
	}
	if len(w.Scores) > 0 && !bytes.Equal(bytes.TrimSpace(w.Scores), []byte("null")) {
		if w.Weights != nil || w.Synonyms != nil || w.Constraints != nil || w.Date != "" {
			return nil, errors.New(`an instance with "scores" takes no "weights", "synonyms", "constraints" or "date": those are for profile instances`)
		}
		return in, in.readExplicit(w)
	}
	return in, in.readProfiles(w)
}

func (in *Instance) readExplicit(w wireInstance) error {
	if err := json.Unmarshal(w.Mentees, &in.MenteeIDs); err != nil {
		return fmt.Errorf(`"mentees" must be an array of id strings in an instance with "scores": %v`, err)
	}
	if err := checkCapacities(w.Mentors); err != nil {
		return err
	}
	var mentors []wireMentor
	if err := strictUnmarshal(w.Mentors, &mentors); err != nil {
		return fmt.Errorf(`"mentors" must be an array of {"id", "capacity"}: %v`, err)
	}
	if err := checkSize(len(in.MenteeIDs), len(mentors)); err != nil {
		return err
	}
	for _, m := range mentors {
		c := 1
		if m.Capacity != nil {
			c = *m.Capacity
		}
		in.MentorIDs = append(in.MentorIDs, m.ID)
		in.Capacity = append(in.Capacity, c)
	}
	if err := uniqueIDs("mentee", in.MenteeIDs); err != nil {
		return err
	}
	if err := uniqueIDs("mentor", in.MentorIDs); err != nil {
		return err
	}
	if err := json.Unmarshal(w.Scores, &in.Scores); err != nil {
		return fmt.Errorf(`"scores" must be an array of rows of integers or null: %v`, err)
	}
	if len(in.Scores) != len(in.MenteeIDs) {
		return fmt.Errorf(`"scores" has %d rows but there are %d mentees: one row per mentee`, len(in.Scores), len(in.MenteeIDs))
	}
	for i, row := range in.Scores {
		if len(row) != len(in.MentorIDs) {
			return fmt.Errorf(`"scores" row %d (mentee %q) has %d entries but there are %d mentors: the matrix must be rectangular`,
				i, in.MenteeIDs[i], len(row), len(in.MentorIDs))
		}
		for j, s := range row {
			if s != nil && (*s > MaxScore || *s < -MaxScore) {
				return fmt.Errorf(`"scores" entry for mentee %q and mentor %q is %d, outside the accepted range ±%d: scale the scores down`,
					in.MenteeIDs[i], in.MentorIDs[j], *s, MaxScore)
			}
		}
	}
	return nil
}

// checkCapacities reads each mentor's capacity as a plain JSON number and
// refuses negative, fractional and too large ones by mentor id, before the
// typed decoding (which would only say that a number does not fit an int).
// A mentors array of the wrong shape is left to the typed decoding to report.
func checkCapacities(mentors json.RawMessage) error {
	var loose []struct {
		ID       json.RawMessage `json:"id"`
		Capacity json.Number     `json:"capacity"`
	}
	if json.Unmarshal(mentors, &loose) != nil {
		return nil
	}
	for j, m := range loose {
		if m.Capacity == "" {
			continue
		}
		name := fmt.Sprintf("mentor %s (index %d)", m.ID, j)
		c, err := strconv.ParseInt(m.Capacity.String(), 10, 64)
		if err != nil {
			if f, ferr := strconv.ParseFloat(m.Capacity.String(), 64); ferr == nil && math.Abs(f) <= MaxCapacity {
				return fmt.Errorf("%s has capacity %s: write a whole number from 0 to %d", name, m.Capacity, MaxCapacity)
			}
			c = math.MaxInt64 // too large in magnitude for an int64
			if strings.HasPrefix(m.Capacity.String(), "-") {
				c = math.MinInt64
			}
		}
		switch {
		case c < 0:
			return fmt.Errorf("%s has negative capacity %s", name, m.Capacity)
		case c > MaxCapacity:
			return fmt.Errorf("%s has capacity %s, above the limit of %d (no mentor can take more mentees than an instance holds)", name, m.Capacity, MaxCapacity)
		}
	}
	return nil
}

func (in *Instance) readProfiles(w wireInstance) error {
	var mentees, mentors []Profile
	if err := strictUnmarshal(w.Mentees, &mentees); err != nil {
		return fmt.Errorf(`"mentees" must be an array of profiles (or of ids, with a "scores" matrix): %v`, err)
	}
	if err := checkCapacities(w.Mentors); err != nil {
		return err
	}
	if err := strictUnmarshal(w.Mentors, &mentors); err != nil {
		return fmt.Errorf(`"mentors" must be an array of profiles: %v`, err)
	}
	if err := checkSize(len(mentees), len(mentors)); err != nil {
		return err
	}
	for _, p := range mentees {
		in.MenteeIDs = append(in.MenteeIDs, p.ID)
	}
	for _, p := range mentors {
		in.MentorIDs = append(in.MentorIDs, p.ID)
		in.Capacity = append(in.Capacity, p.Capacity)
	}
	if err := uniqueIDs("mentee", in.MenteeIDs); err != nil {
		return err
	}
	if err := uniqueIDs("mentor", in.MentorIDs); err != nil {
		return err
	}
	weights := DefaultWeights
	if w.Weights != nil {
		weights = *w.Weights
	}
	var constraints Constraints
	if w.Constraints != nil {
		constraints = *w.Constraints
	}
	date := time.Now().UTC()
	if w.Date != "" {
		d, err := time.Parse(time.DateOnly, w.Date)
		if err != nil {
			return fmt.Errorf(`"date" %q is not a date; write it as YYYY-MM-DD`, w.Date)
		}
		date = d
	}
	scorer, err := NewScorer(mentees, mentors, weights, constraints, NewVocabulary(w.Synonyms), date)
	if err != nil {
		return err
	}
	in.Scorer = scorer
	return nil
}

// Problem returns the assignment problem of the instance.
func (in *Instance) Problem() Problem {
	if in.Scorer != nil {
		return in.Scorer.Problem(in.Policy, in.MinScore)
	}
	scores := in.Scores
	return Problem{
		Mentees: len(in.MenteeIDs), Capacity: in.Capacity, Policy: in.Policy, MinScore: in.MinScore,
		Score: func(i, j int) (int64, bool) {
			if s := scores[i][j]; s != nil {
				return *s, true
			}
			return 0, false
		},
	}
}

func checkSize(mentees, mentors int) error {
	if mentees > MaxInstancePeople || mentors > MaxInstancePeople {
		return fmt.Errorf("at most %d mentees and %d mentors per instance: split the program", MaxInstancePeople, MaxInstancePeople)
	}
	return nil
}

func uniqueIDs(role string, ids []string) error {
	seen := make(map[string]int, len(ids))
	for i, id := range ids {
		if strings.TrimSpace(id) == "" {
			return fmt.Errorf("%s at index %d has an empty id", role, i)
		}
		if first, ok := seen[id]; ok {
			return fmt.Errorf("%s id %q appears twice (indexes %d and %d)", role, id, first, i)
		}
		seen[id] = i
	}
	return nil
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// jsonError says where malformed JSON went wrong, as line and column.
func jsonError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &typeErr):
		offset = typeErr.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("input is not valid JSON: it ends before the instance object is complete")
	}
	if offset < 0 {
		return fmt.Errorf("input is not a valid instance: %v", err)
	}
	line, col := 1, 1
	for _, b := range data[:min(int(offset), len(data))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Errorf("input is not valid JSON at line %d, column %d: %v", line, col, err)
}
