package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seslint/seslint/internal/testenv"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/protocol"
)

// These tests drive the built seslint binary with two real, independent
// LSP clients: the npm packages VS Code's language client is built on, and
// Neovim's built-in client. Under scripts/test.sh, which installs both
// (scripts/deps/lsp-node-client.sh and scripts/deps/neovim.sh), a missing
// client fails the test; under plain go test it skips it.

const moduleRoot = "../.."

// buildSeslint builds the command into a temporary folder.
func buildSeslint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "seslint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/seslint")
	cmd.Dir = moduleRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// clientWorkspace makes a folder holding example.com/Send.json = badPolicy.
func clientWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "example.com"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "example.com", "Send.json"), []byte(badPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// steps reads the JSON lines a client script wrote, by step name.
func steps(t *testing.T, out []byte) map[string]json.RawMessage {
	t.Helper()
	got := map[string]json.RawMessage{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var head struct{ Step string }
		if err := json.Unmarshal(sc.Bytes(), &head); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		got[head.Step] = append(json.RawMessage(nil), sc.Bytes()...)
	}
	return got
}

func decodeStep(t *testing.T, all map[string]json.RawMessage, step string, v any) {
	t.Helper()
	raw, ok := all[step]
	if !ok {
		t.Fatalf("the client reported no %q step", step)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

type clientDiag struct {
	Code     string
	Range    protocol.Range
	Severity int
	Source   string
	Href     string
	Related  []protocol.Range
}

func findClientDiag(ds []clientDiag, code string) *clientDiag {
	for i := range ds {
		if ds[i].Code == code {
			return &ds[i]
		}
	}
	return nil
}

func TestNodeClient(t *testing.T) {
	const install = "bash scripts/deps/lsp-node-client.sh"
	node := testenv.LookPath(t, "node", install)
	dir := filepath.Join(moduleRoot, "tools", "lsp-node-client")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "vscode-languageserver-protocol", "package.json")); err != nil {
		testenv.Missing(t, "the npm packages of tools/lsp-node-client", install)
	}
	script, _ := filepath.Abs(filepath.Join(dir, "client.js"))
	bin := buildSeslint(t)
	for _, enc := range []document.Encoding{document.UTF16, document.UTF8} {
		t.Run(enc.String(), func(t *testing.T) {
			ws := clientWorkspace(t)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			var stdout, stderr bytes.Buffer
			cmd := exec.CommandContext(ctx, node, script, bin, ws, enc.String())
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("node client: %v\n%s\n%s", err, stdout.String(), stderr.String())
			}
			all := steps(t, stdout.Bytes())
			want := badPolicyRanges[enc]

			var init struct{ PositionEncoding string }
			decodeStep(t, all, "initialize", &init)
			if init.PositionEncoding != enc.String() {
				t.Errorf("negotiated %q, want %q", init.PositionEncoding, enc)
			}

			var diags struct {
				Version int
				Items   []clientDiag
			}
			decodeStep(t, all, "diagnostics", &diags)
			effect, dup := findClientDiag(diags.Items, "SES003"), findClientDiag(diags.Items, "SES002")
			if effect == nil || dup == nil {
				t.Fatalf("diagnostics after open: %+v", diags.Items)
			}
			if effect.Range != want["SES003"] || effect.Severity != 1 || effect.Source != "seslint" ||
				effect.Href != "https://github.com/seslint/seslint/blob/main/rules/docs/SES003.md" {
				t.Errorf("SES003: %+v, want range %s", effect, rangeString(want["SES003"]))
			}
			if dup.Range != want["SES002"] || len(dup.Related) != 1 || dup.Related[0] != want["SES002 first"] {
				t.Errorf("SES002: %+v", dup)
			}

			var hover struct{ Kind, Value string }
			decodeStep(t, all, "hover", &hover)
			if hover.Kind != "markdown" || !strings.Contains(hover.Value, "**SES003 invalid-structure**") || !strings.Contains(hover.Value, "Why it matters") {
				t.Errorf("hover: %+v", hover)
			}

			var ca struct {
				Actions []struct {
					Title, Kind string
					Edit        protocol.WorkspaceEdit
				}
			}
			decodeStep(t, all, "codeAction", &ca)
			if len(ca.Actions) != 1 || ca.Actions[0].Kind != "quickfix" {
				t.Fatalf("code actions: %+v", ca.Actions)
			}
			for _, edits := range ca.Actions[0].Edit.Changes {
				if len(edits) != 1 || edits[0].Range != want["SES003"] || edits[0].NewText != `"Allow"` {
					t.Errorf("edit: %+v", edits)
				}
			}

			var fixed struct {
				Version int
				Text    string
				Items   []clientDiag
			}
			decodeStep(t, all, "fixed", &fixed)
			if fixed.Version != 2 || findClientDiag(fixed.Items, "SES003") != nil || findClientDiag(fixed.Items, "SES002") == nil ||
				!strings.Contains(fixed.Text, `"Effect": "Allow"`) || strings.Count(fixed.Text, "📧") != 1 {
				t.Errorf("after the fix: %+v", fixed)
			}

			var pull struct {
				Kind  string
				Items []clientDiag
			}
			decodeStep(t, all, "pull", &pull)
			if pull.Kind != "full" || len(pull.Items) != len(fixed.Items) || findClientDiag(pull.Items, "SES002") == nil {
				t.Errorf("pull: %+v, push: %+v", pull, fixed.Items)
			}

			var completion struct {
				Count     int
				SendEmail *protocol.TextEdit
			}
			decodeStep(t, all, "completion", &completion)
			if completion.SendEmail == nil || completion.SendEmail.NewText != "ses:SendEmail" || completion.SendEmail.Range != rng(1, 47, 1, 53) {
				t.Errorf("completion: %+v", completion)
			}

			var reloaded struct {
				Items         []clientDiag
				Registrations []string
			}
			decodeStep(t, all, "reloaded", &reloaded)
			if findClientDiag(reloaded.Items, "SES002") != nil || !slices.Contains(reloaded.Registrations, protocol.MethodDidChangeWatchedFiles) {
				t.Errorf("after the config reload: %+v", reloaded)
			}

			var closed struct{ Items int }
			decodeStep(t, all, "closed", &closed)
			if closed.Items != 0 {
				t.Errorf("close left %d diagnostics", closed.Items)
			}
			var exit struct{ Code int }
			decodeStep(t, all, "exit", &exit)
			if exit.Code != 0 {
				t.Errorf("server exit code %d", exit.Code)
			}
		})
	}
}

func TestNeovimClient(t *testing.T) {
	nvim := testenv.LookPath(t, "nvim", "bash scripts/deps/neovim.sh")
	script, _ := filepath.Abs(filepath.Join("testdata", "nvim_client.lua"))
	bin := buildSeslint(t)
	ws := clientWorkspace(t)
	outPath := filepath.Join(t.TempDir(), "out.jsonl")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = ws
	cmd.Env = append(os.Environ(), "SESLINT="+bin, "WORKSPACE="+ws, "OUT="+outPath, "XDG_STATE_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	combined, err := cmd.CombinedOutput()
	out, _ := os.ReadFile(outPath)
	if err != nil {
		t.Fatalf("nvim: %v\n%s\n%s", err, combined, out)
	}
	all := steps(t, out)
	var start struct{ Nvim string }
	decodeStep(t, all, "start", &start)
	t.Logf("Neovim %s", start.Nvim)

	var diags struct {
		Encoding string
		Items    []clientDiag
		Buffer   struct {
			Lnum   int    `json:"lnum"`
			Col    int    `json:"col"`
			EndCol int    `json:"end_col"`
			Source string `json:"source"`
		}
	}
	decodeStep(t, all, "diagnostics", &diags)
	enc := document.UTF16
	if diags.Encoding == "utf-8" {
		enc = document.UTF8
	}
	want := badPolicyRanges[enc]
	effect := findClientDiag(diags.Items, "SES003")
	if effect == nil || effect.Range != want["SES003"] {
		t.Fatalf("SES003 in %s: %+v, want %s", diags.Encoding, effect, rangeString(want["SES003"]))
	}
	// Neovim's own conversion to byte columns lands on "allow".
	line := strings.Split(badPolicy, "\n")[3]
	if i := strings.Index(line, `"allow"`); diags.Buffer.Lnum != 3 || diags.Buffer.Col != i || diags.Buffer.EndCol != i+len(`"allow"`) || diags.Buffer.Source != "seslint" {
		t.Errorf("SES003 in the buffer: %+v, want line 3 bytes %d-%d", diags.Buffer, i, i+7)
	}
	if dup := findClientDiag(diags.Items, "SES002"); dup == nil || dup.Range != want["SES002"] {
		t.Errorf("SES002: %+v", dup)
	}

	var hover struct{ Kind, Value string }
	decodeStep(t, all, "hover", &hover)
	if !strings.Contains(hover.Value, "**SES003 invalid-structure**") {
		t.Errorf("hover: %+v", hover)
	}
	var ca struct {
		Title, Kind string
		Edit        protocol.WorkspaceEdit
	}
	decodeStep(t, all, "codeAction", &ca)
	if ca.Kind != "quickfix" || !strings.HasPrefix(ca.Title, `Change to "Allow"`) {
		t.Errorf("code action: %+v", ca)
	}
	var fixed struct {
		Line      string
		Remaining []string
	}
	decodeStep(t, all, "fixed", &fixed)
	if !strings.Contains(fixed.Line, `"Effect": "Allow"`) || slices.Contains(fixed.Remaining, "SES003") || !slices.Contains(fixed.Remaining, "SES002") {
		t.Errorf("after the fix: %+v", fixed)
	}
	var exit struct{ Code int }
	decodeStep(t, all, "exit", &exit)
	if exit.Code != 0 {
		t.Errorf("server exit code %d", exit.Code)
	}
}
