package harness

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ServerModule and ServerVersion pin the Mattermost server the tests build
// (server 11.4, January 2026); see e2e/go.mod.
const (
	ServerModule  = "github.com/mattermost/mattermost/server/v8"
	ServerVersion = "v8.0.0-20260113162330-9e1d4c2072c0"
)

// e2eModuleDir is the directory of the e2e module (where go.mod pins the server).
func e2eModuleDir() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if !strings.HasSuffix(mod, "e2e/go.mod") {
		return "", fmt.Errorf("run from the e2e module (go env GOMOD = %q)", mod)
	}
	return filepath.Dir(mod), nil
}

func cacheDir() string {
	if d := os.Getenv("MENTORSHIP_E2E_CACHE"); d != "" {
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "mentorship-e2e")
}

// BuildServer returns the path of the Mattermost server binary, building it from
// the Go module proxy the first time (about 2-3 minutes) and reusing it after.
func BuildServer(log io.Writer) (string, error) {
	bin := filepath.Join(cacheDir(), "mattermost-"+ServerVersion)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	dir, err := e2eModuleDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(cacheDir(), 0o755); err != nil {
		return "", err
	}
	fmt.Fprintf(log, "building the Mattermost server %s (first run only)...\n", ServerVersion)
	// Several test runs may build at once: each writes its own file and the
	// rename makes whichever finishes first the cached binary.
	tmp := fmt.Sprintf("%s.tmp-%d", bin, os.Getpid())
	defer os.Remove(tmp)
	cmd := exec.Command("go", "build", "-o", tmp, ServerModule+"/cmd/mattermost")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GONOSUMDB=github.com/mattermost", "GOFLAGS=-mod=mod")
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build the Mattermost server: %w", err)
	}
	return bin, os.Rename(tmp, bin)
}

// serverModuleDir holds i18n/, templates/ and fonts/ that a node needs.
func serverModuleDir() (string, error) {
	dir, err := e2eModuleDir()
	if err != nil {
		return "", err
	}
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", ServerModule)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GONOSUMDB=github.com/mattermost", "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("locate %s: %w", ServerModule, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Node is one running Mattermost server process.
type Node struct {
	Name    string
	URL     string
	Dir     string
	LogPath string
	cmd     *exec.Cmd
}

// NodeConfig says how to start a node.
type NodeConfig struct {
	Name      string
	Binary    string
	DSN       string
	FilesDir  string // shared by all nodes
	ClientDir string // files served as the web client (root.html, host.js, ...)
	WorkDir   string // per node
	LogDir    string
	ExtraEnv  []string // MM_* overrides
}

// StartNode starts a server and waits until it answers its ping.
func StartNode(cfg NodeConfig) (*Node, error) {
	moduleDir, err := serverModuleDir()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.WorkDir, 0o755); err != nil {
		return nil, err
	}
	for _, d := range []string{"i18n", "templates", "fonts"} {
		link := filepath.Join(cfg.WorkDir, d)
		if _, err := os.Lstat(link); err != nil {
			if err := os.Symlink(filepath.Join(moduleDir, d), link); err != nil {
				return nil, err
			}
		}
	}
	client := filepath.Join(cfg.WorkDir, "client")
	if err := copyDir(cfg.ClientDir, client); err != nil {
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	logPath := filepath.Join(cfg.LogDir, cfg.Name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(cfg.Binary, "server")
	cmd.Dir = cfg.WorkDir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(),
		"MM_SQLSETTINGS_DRIVERNAME=postgres",
		"MM_SQLSETTINGS_DATASOURCE="+cfg.DSN,
		"MM_CONFIG="+cfg.DSN,
		"MM_SERVICESETTINGS_SITEURL="+url,
		fmt.Sprintf("MM_SERVICESETTINGS_LISTENADDRESS=127.0.0.1:%d", port),
		"MM_SERVICESETTINGS_ENABLELOCALMODE=false",
		"MM_SERVICESETTINGS_ENABLESECURITYFIXALERT=false",
		"MM_PLUGINSETTINGS_ENABLE=true",
		"MM_PLUGINSETTINGS_ENABLEUPLOADS=true",
		"MM_PLUGINSETTINGS_ENABLEMARKETPLACE=false",
		"MM_PLUGINSETTINGS_AUTOMATICPREPACKAGEDPLUGINS=false",
		"MM_FILESETTINGS_DIRECTORY="+cfg.FilesDir+"/",
		"MM_PLUGINSETTINGS_DIRECTORY="+filepath.Join(cfg.WorkDir, "plugins"),
		"MM_PLUGINSETTINGS_CLIENTDIRECTORY="+filepath.Join(client, "plugins"),
		"MM_LOGSETTINGS_CONSOLELEVEL=INFO",
		"MM_LOGSETTINGS_ENABLEFILE=false",
		"MM_LOGSETTINGS_ENABLEDIAGNOSTICS=false",
		"MM_EMAILSETTINGS_SENDEMAILNOTIFICATIONS=false",
		"MM_TEAMSETTINGS_ENABLEOPENSERVER=true",
		// Matching tests put more people in one team than the default 50.
		"MM_TEAMSETTINGS_MAXUSERSPERTEAM=2000",
		// The 10,000-member benchmarks open a pair channel per match, more than
		// the default 2,000 channels a team may have.
		"MM_TEAMSETTINGS_MAXCHANNELSPERTEAM=20000",
		"MM_SERVICESETTINGS_ENABLEBOTACCOUNTCREATION=true",
		"MM_RATELIMITSETTINGS_ENABLE=false",
	)
	cmd.Env = append(cmd.Env, cfg.ExtraEnv...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	n := &Node{Name: cfg.Name, URL: url, Dir: cfg.WorkDir, LogPath: logPath, cmd: cmd}
	if err := n.waitReady(90 * time.Second); err != nil {
		n.Stop()
		return nil, err
	}
	return n, nil
}

func (n *Node) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if n.cmd.ProcessState != nil {
			break
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, n.URL+"/api/v4/system/ping", nil)
		resp, err := http.DefaultClient.Do(req)
		cancel()
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), `"status":"OK"`) {
				return nil
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	return fmt.Errorf("node %s did not answer /api/v4/system/ping within %s (log: %s)", n.Name, timeout, n.LogPath)
}

// Stop ends the node (and the plugin processes it started) by process group id.
func (n *Node) Stop() {
	if n.cmd == nil || n.cmd.Process == nil {
		return
	}
	pgid := n.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = n.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
	}
}

func copyDir(src, dst string) error {
	return filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
