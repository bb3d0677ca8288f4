package app

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/mentorship-mattermost/mentorship/server/domain"
)

// The hub's search is bleve (github.com/blevesearch/bleve/v2): an in-memory
// index per hub with the English analyzer (lower case, stop words, stemming,
// so "mentoring" finds "mentor"), ranked by bleve's TF-IDF scoring. A word in
// the title counts most, then a tag, then the description. bleve's memory-only
// index (upsidedown over gtreap) holds no goroutines or files, so a hub that
// is replaced or evicted is simply collected.
const (
	boostTitle       = 3.0
	boostTags        = 2.0
	boostDescription = 1.0
	// maxQueryRunes bounds what is searched for: a search box, not a document.
	maxQueryRunes = 500
)

// searchIndex is one hub's published resources, indexed.
type searchIndex struct {
	idx bleve.Index
	n   int
}

// searchHit is one ranked result.
type searchHit struct {
	ID    string
	Score float64
}

// searchDoc is what is indexed of a resource.
type searchDoc struct {
	Title       string `json:"title"`
	Tags        string `json:"tags"`
	Description string `json:"description"`
}

func searchMapping() mapping.IndexMapping {
	text := mapping.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	text.Store, text.IncludeInAll, text.IncludeTermVectors = false, false, false
	doc := mapping.NewDocumentStaticMapping()
	for _, field := range []string{"title", "tags", "description"} {
		doc.AddFieldMappingsAt(field, text)
	}
	m := mapping.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic, m.IndexDynamic = false, false
	return m
}

func buildSearchIndex(resources []*domain.Resource) (*searchIndex, error) {
	idx, err := bleve.NewMemOnly(searchMapping())
	if err != nil {
		return nil, err
	}
	batch := idx.NewBatch()
	for _, r := range resources {
		doc := searchDoc{Title: r.Title, Tags: strings.Join(r.Tags, " . "), Description: r.Description}
		if err := batch.Index(r.ID, doc); err != nil {
			return nil, err
		}
	}
	if err := idx.Batch(batch); err != nil {
		return nil, err
	}
	return &searchIndex{idx: idx, n: len(resources)}, nil
}

// query ranks the hub's resources against text: any word may match, more
// and rarer words in more important fields rank higher. Words of two or more
// letters that nothing matches exactly may match with one typo.
func (x *searchIndex) query(text string) ([]searchHit, error) {
	text = truncateRunes(strings.TrimSpace(text), maxQueryRunes)
	if text == "" || x.n == 0 {
		return nil, nil
	}
	var parts []query.Query
	for field, boost := range map[string]float64{"title": boostTitle, "tags": boostTags, "description": boostDescription} {
		exact := bleve.NewMatchQuery(text)
		exact.SetField(field)
		exact.SetBoost(boost)
		// A typo costs: fuzzy matches count a quarter of exact ones.
		fuzzy := bleve.NewMatchQuery(text)
		fuzzy.SetField(field)
		fuzzy.SetFuzziness(1)
		fuzzy.SetBoost(boost / 4)
		parts = append(parts, exact, fuzzy)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(parts...), x.n, 0, false)
	res, err := x.idx.Search(req)
	if err != nil {
		return nil, err
	}
	hits := make([]searchHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hits = append(hits, searchHit{ID: h.ID, Score: h.Score})
	}
	return hits, nil
}

func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	return string(runes[:n])
}
