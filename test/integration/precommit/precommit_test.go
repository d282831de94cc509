// Package precommit runs this repository's pre-commit hooks for real: a
// throwaway git repository uses them, a commit of a bad policy is refused
// with the findings shown, and a commit of a good one goes through.
package precommit_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/seslint/seslint/internal/cli"
	"github.com/seslint/seslint/internal/testenv"
)

// root is the repository root, from this package's folder.
func root(t *testing.T) string {
	t.Helper()
	r, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type hook struct {
	ID            string `yaml:"id"`
	Entry         string `yaml:"entry"`
	Language      string `yaml:"language"`
	Files         string `yaml:"files"`
	RequireSerial bool   `yaml:"require_serial"`
}

func hooks(t *testing.T) map[string]hook {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var list []hook
	if err := yaml.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	m := map[string]hook{}
	for _, h := range list {
		m[h.ID] = h
	}
	return m
}

// TestHookDefinitions checks the two hooks and their default files pattern
// (pre-commit applies it with Python's re.search; this pattern uses only
// syntax that Go's regexp reads the same way).
func TestHookDefinitions(t *testing.T) {
	hs := hooks(t)
	want := map[string]string{"seslint": "golang", "seslint-system": "system"}
	if len(hs) != len(want) {
		t.Errorf("hooks %v, want %v", hs, want)
	}
	for id, lang := range want {
		h, ok := hs[id]
		if !ok || h.Language != lang || h.Entry != "seslint" || !h.RequireSerial {
			t.Errorf("hook %s = %+v, want language %s, entry seslint, require_serial", id, h, lang)
		}
	}
	if hs["seslint"].Files != hs["seslint-system"].Files {
		t.Errorf("the two hooks have different files patterns")
	}
	files := regexp.MustCompile(hs["seslint"].Files)
	for path, match := range map[string]bool{
		"policies/example.com/App.json":            true,
		"infra/ses-policies/example.com/App.json":  true,
		"ses_policy/App.json":                      true,
		"Policies/App.JSON":                        true,
		"send-policy.json":                         true,
		"terraform/SendingPolicy.json":             true,
		"policy.json":                              true,
		"package.json":                             false,
		"web/tsconfig.json":                        false,
		"policies/README.md":                       false,
		"mypolicies/App.json":                      false,
		"policy.json.bak":                          false,
		"examples/example.com/PartnerSending.json": false,
	} {
		if files.MatchString(path) != match {
			t.Errorf("files pattern matches %q: %v, want %v", path, !match, match)
		}
	}
}

// env isolates git from the user's configuration, keeps pre-commit's cache
// in the test and builds Go offline from the module cache the test command
// has filled (GOPROXY=off; pre-commit sets its own GOPATH, so GOMODCACHE
// must be named).
func env(t *testing.T, dir string, extra ...string) []string {
	t.Helper()
	gitConfig := filepath.Join(dir, "gitconfig")
	if err := os.WriteFile(gitConfig, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	modCache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	e := append(os.Environ(),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+gitConfig,
		"GIT_AUTHOR_NAME=seslint test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=seslint test", "GIT_COMMITTER_EMAIL=test@example.com",
		"PRE_COMMIT_HOME="+filepath.Join(dir, "pre-commit-cache"),
		"GOFLAGS=-mod=mod", "GOPROXY=off", "GOSUMDB=off", "GOTOOLCHAIN=local",
		"GOMODCACHE="+strings.TrimSpace(string(modCache)),
		"NO_COLOR=1",
	)
	return append(e, extra...)
}

func run(t *testing.T, dir string, env []string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func must(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := run(t, dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// snapshot commits the working tree of this checkout (tracked files as
// they are now, and untracked files that are not ignored) into a fresh git
// repository, so that the hooks are tested with uncommitted work included.
func snapshot(t *testing.T, root, dir string, env []string) (repo, rev string) {
	t.Helper()
	list := must(t, root, env, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	repo = filepath.Join(dir, "seslint")
	for _, p := range strings.Split(strings.TrimRight(list, "\x00"), "\x00") {
		src, dst := filepath.Join(root, p), filepath.Join(repo, p)
		st, err := os.Lstat(src)
		if err != nil {
			continue // deleted in the working tree
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(src)
			if err == nil {
				err = os.Symlink(target, dst)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, st.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	must(t, repo, env, "git", "init", "-q")
	must(t, repo, env, "git", "add", "-A")
	must(t, repo, env, "git", "commit", "-q", "-m", "snapshot of the seslint working tree")
	return repo, strings.TrimSpace(must(t, repo, env, "git", "rev-parse", "HEAD"))
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHooksGuardCommits: for each hook, in a clean repository that uses it,
// a commit of a bad policy is refused and shows seslint's findings; a
// commit of a good policy, with a package.json that the default files
// pattern leaves alone, goes through.
func TestHooksGuardCommits(t *testing.T) {
	const install = "bash scripts/deps/pre-commit.sh"
	testenv.LookPath(t, "pre-commit", install)
	testenv.LookPath(t, "git", "apt-get install git")
	root := root(t)
	bad := read(t, filepath.Join(root, "examples", "mistakes", "hand-edited.json"))
	good := read(t, filepath.Join(root, "examples", "example.com", "PartnerSending.json"))
	const policy = "policies/example.com/PartnerSending.json"

	dir := t.TempDir()
	base := env(t, dir)
	hookRepo, rev := snapshot(t, root, dir, base)

	// seslint-system runs the seslint on PATH: put a fresh build first.
	bin := filepath.Join(dir, "bin")
	must(t, root, base, "go", "build", "-o", filepath.Join(bin, "seslint"), "./cmd/seslint")

	for _, id := range []string{"seslint", "seslint-system"} {
		t.Run(id, func(t *testing.T) {
			dir := t.TempDir()
			e := env(t, dir)
			if id == "seslint-system" {
				e = append(e, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			}
			proj := filepath.Join(dir, "project")
			must(t, dir, e, "git", "init", "-q", proj)
			t.Chdir(proj) // for lintText
			write(t, filepath.Join(proj, ".pre-commit-config.yaml"), []byte("repos:\n  - repo: "+hookRepo+"\n    rev: "+rev+"\n    hooks:\n      - id: "+id+"\n"))
			must(t, proj, e, "pre-commit", "install")

			// A bad policy: the commit is refused and the findings shown.
			write(t, filepath.Join(proj, filepath.FromSlash(policy)), bad)
			want := lintText(t, proj, policy)
			if len(want) == 0 {
				t.Fatal("seslint finds nothing in the bad policy")
			}
			must(t, proj, e, "git", "add", ".pre-commit-config.yaml", policy)
			out, err := run(t, proj, e, "git", "commit", "-m", "bad policy")
			if err == nil {
				t.Fatalf("the commit of a bad policy went through:\n%s", out)
			}
			if !strings.Contains(out, "Failed") || !strings.Contains(out, "hook id: "+id) {
				t.Errorf("the hook %s did not report the failure:\n%s", id, out)
			}
			for _, line := range want {
				if !strings.Contains(out, line) {
					t.Errorf("the refused commit does not show the finding %q:\n%s", line, out)
				}
			}
			if _, err := run(t, proj, e, "git", "rev-parse", "--verify", "-q", "HEAD"); err == nil {
				t.Errorf("a commit was made despite the failing hook")
			}

			// A good policy, and a JSON file that is no policy: it passes.
			write(t, filepath.Join(proj, filepath.FromSlash(policy)), good)
			write(t, filepath.Join(proj, "package.json"), []byte(`{"name": "mailer", "version": "1.0.0"}`+"\n"))
			if lintText(t, proj, "package.json") == nil {
				t.Fatal("seslint finds nothing in package.json, so it cannot show the files pattern at work")
			}
			must(t, proj, e, "git", "add", policy, "package.json")
			out, err = run(t, proj, e, "git", "commit", "-m", "good policy")
			if err != nil {
				t.Fatalf("the commit of a good policy was refused: %v\n%s", err, out)
			}
			if !regexp.MustCompile(`(?m)^seslint\.+Passed$`).MatchString(out) {
				t.Errorf("the hook did not run and pass on the good policy:\n%s", out)
			}
			files := must(t, proj, e, "git", "ls-tree", "-r", "--name-only", "HEAD")
			if !strings.Contains(files, policy) || !strings.Contains(files, "package.json") {
				t.Errorf("the commit lacks its files:\n%s", files)
			}
		})
	}
}

// lintText returns the finding lines of seslint's text output for a file
// of dir, run in-process; the working directory must be dir. They are what
// the hook must show.
func lintText(t *testing.T, dir, file string) []string {
	t.Helper()
	var out bytes.Buffer
	cli.Run([]string{"--color", "never", file}, cli.Env{Stdout: &out, Stderr: &bytes.Buffer{}, Dir: dir, Getenv: func(string) string { return "" }, Stdin: strings.NewReader("")})
	var lines []string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, file+":") {
			lines = append(lines, l)
		}
	}
	return lines
}
