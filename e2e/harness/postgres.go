// Package harness starts what the end-to-end tests run against: a PostgreSQL
// instance and real Mattermost server nodes, on loopback ports of their own, and
// stops them by process id.
package harness

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"time"
)

// Postgres is a private PostgreSQL instance in a temporary directory.
type Postgres struct {
	Port    int
	DataDir string
	cmd     *exec.Cmd
}

// DSN returns the connection string for database db.
func (p *Postgres) DSN(db string) string {
	return fmt.Sprintf("postgres://mmuser@127.0.0.1:%d/%s?sslmode=disable&connect_timeout=10", p.Port, db)
}

func postgresBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	if len(dirs) == 0 {
		return "", fmt.Errorf("PostgreSQL is not installed: run ./build/install-deps.sh (apt-get install postgresql)")
	}
	return dirs[len(dirs)-1], nil
}

// FreePort asks the kernel for an unused loopback port.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// asPostgresUser makes cmd run as the postgres system user when we are root
// (PostgreSQL refuses to run as root) and chowns dir for it.
func asPostgresUser(cmd *exec.Cmd, dir string) error {
	if os.Getuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root needs the postgres system user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chown(path, uid, gid)
	}); err != nil {
		return err
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	return nil
}

// StartPostgres initializes a cluster under dir and starts it on a free port,
// with a trust-authenticated superuser "mmuser" reachable on 127.0.0.1 only.
func StartPostgres(dir string, logFile *os.File) (*Postgres, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "pgdata")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return nil, err
	}
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "mmuser", "-A", "trust", "-E", "UTF8", "--no-sync")
	initdb.Stdout, initdb.Stderr = logFile, logFile
	if err := asPostgresUser(initdb, dir); err != nil {
		return nil, err
	}
	if err := initdb.Run(); err != nil {
		return nil, fmt.Errorf("initdb failed (see %s): %w", logFile.Name(), err)
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port),
		"-k", data, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=300")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := asPostgresUser(cmd, dir); err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	pg := &Postgres{Port: port, DataDir: data, cmd: cmd}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second); err == nil {
			c.Close()
			time.Sleep(300 * time.Millisecond)
			return pg, nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	pg.Stop()
	return nil, fmt.Errorf("PostgreSQL did not start within 30s (see %s)", logFile.Name())
}

// CreateDatabase creates database name.
func (p *Postgres) CreateDatabase(name string) error {
	bin, err := postgresBin()
	if err != nil {
		return err
	}
	out, err := exec.Command(filepath.Join(bin, "psql"), "-h", "127.0.0.1", "-p", strconv.Itoa(p.Port), "-U", "mmuser",
		"-d", "postgres", "-c", "CREATE DATABASE "+name).CombinedOutput()
	if err != nil {
		return fmt.Errorf("create database %s: %v: %s", name, err, out)
	}
	return nil
}

// Stop ends the server by its process id and waits for it.
func (p *Postgres) Stop() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGINT) // fast shutdown
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}
