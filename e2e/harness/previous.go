package harness

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"

	"github.com/mattermost/mattermost/server/public/model"
)

// Upgrades: install one bundle over another on a running node, the way an admin
// does it in the System Console (upload with force, then enable), and read back
// which version the server actually runs.

// InstallBundle uploads the bundle at path through node's API (replacing any
// installed version), enables the plugin and waits until it serves.
func (e *Env) InstallBundle(node *Node, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open bundle %s: %w", path, err)
	}
	defer f.Close()
	ac := e.Client(e.Users["admin"], node)
	if _, _, err := ac.UploadPluginForced(context.Background(), f); err != nil {
		return fmt.Errorf("upload plugin %s: %w", path, err)
	}
	return e.EnablePlugin(node)
}

// DisablePlugin disables the plugin through node's API; the server stops its
// process before answering.
func (e *Env) DisablePlugin(node *Node) error {
	ac := e.Client(e.Users["admin"], node)
	if _, err := ac.DisablePlugin(context.Background(), PluginID); err != nil {
		return fmt.Errorf("disable plugin on %s: %w", node.Name, err)
	}
	return nil
}

// ActivePluginVersion is the version of the plugin node reports as active, or
// an error when it is not active there.
func (e *Env) ActivePluginVersion(node *Node) (string, error) {
	ac := e.Client(e.Users["admin"], node)
	plugins, _, err := ac.GetPlugins(context.Background())
	if err != nil {
		return "", fmt.Errorf("list plugins on %s: %w", node.Name, err)
	}
	for _, p := range plugins.Active {
		if p.Id == PluginID {
			return p.Version, nil
		}
	}
	return "", fmt.Errorf("plugin %s is not active on %s", PluginID, node.Name)
}

// BundleVersion reads the version from the manifest inside a bundle, so a test
// can tell which of two bundles the server is running.
func BundleVersion(bundle string) (string, error) {
	f, err := os.Open(bundle)
	if err != nil {
		return "", err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", bundle, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return "", fmt.Errorf("%s has no plugin.json", bundle)
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", bundle, err)
		}
		if path.Base(h.Name) != "plugin.json" || path.Dir(path.Clean(h.Name)) != PluginID {
			continue
		}
		var m model.Manifest
		if err := json.NewDecoder(tr).Decode(&m); err != nil {
			return "", fmt.Errorf("%s: plugin.json: %w", bundle, err)
		}
		return m.Version, nil
	}
}
