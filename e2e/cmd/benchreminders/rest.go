package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/mentorship-mattermost/mentorship/e2e/harness"
)

// httpClient keeps enough idle connections for the parallel seeders, so that
// timings do not include new TCP connections.
var httpClient = &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}, Timeout: 5 * time.Minute}

// call sends one plugin REST request as token on node and returns the status
// and the body.
func call(node *harness.Node, token, method, path string, body any) (int, []byte, error) {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, node.URL+"/plugins/"+harness.PluginID+"/api/v1"+path, reader)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, data, err
}

// post is a POST that insists on one status and decodes the answer into out
// (when out is not nil). A failure carries the exact request and answer, so
// that a refusal by the plugin can be reported as it was.
func post(node *harness.Node, token, path string, body any, want int, out any) error {
	method := http.MethodPost
	status, data, err := call(node, token, method, path, body)
	if err != nil {
		return fmt.Errorf("%s %s on %s: %w", method, path, node.Name, err)
	}
	if status != want {
		sent, _ := json.Marshal(body)
		return fmt.Errorf("%s %s on %s with %s: %d %s (want %d)", method, path, node.Name, sent, status, truncate(data), want)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

func truncate(b []byte) string {
	s := string(b)
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}

// client is a Mattermost API client for token on node, over httpClient.
func client(node *harness.Node, token string) *model.Client4 {
	c := model.NewAPIv4Client(node.URL)
	c.HTTPClient = httpClient
	c.SetToken(token)
	return c
}

// parallel runs work(i) for i in [0, n) on workers goroutines (worker w gets
// its number, so that callers can spread load over nodes) and returns the
// first error; it prints progress every step items.
func parallel(label string, n, workers int, work func(worker, i int) error) error {
	var next, done atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	step := int64(max(100, n/10))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := work(w, i); err != nil {
					once.Do(func() { firstErr = fmt.Errorf("%s: %w", label, err) })
					next.Store(int64(n)) // stop handing out work
					return
				}
				if d := done.Add(1); d%step == 0 {
					fmt.Printf("  %s: %d/%d (%.0fs)\n", label, d, n, time.Since(start).Seconds())
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}
