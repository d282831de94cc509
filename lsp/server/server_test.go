package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
	"github.com/seslint/seslint/rules"
)

// emojiLine is the statement line of badPolicy. Its Sid holds an astral
// character (two UTF-16 units, four bytes) before every finding on the
// line, so a column counted in the wrong unit is off by one or two.
const emojiLine = `    {"Sid": "Send📧Mail", "Effect": "allow", "Principal": {"AWS": "111122223333"}, "Action": "ses:SendEmail", "Action": "ses:SendRawEmail", "Resource": "arn:aws:ses:us-east-1:444455556666:identity/example.com"}`

const badPolicy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + emojiLine + "\n  ]\n}\n"

// Where the findings of badPolicy are, on line 3, in each encoding.
var badPolicyRanges = map[document.Encoding]map[string]protocol.Range{
	document.UTF16: {
		"SES003":       rng(3, 36, 3, 43), // "allow"
		"SES002":       rng(3, 110, 3, 118),
		"SES002 first": rng(3, 83, 3, 91),
	},
	document.UTF8: {
		"SES003":       rng(3, 38, 3, 45),
		"SES002":       rng(3, 112, 3, 120),
		"SES002 first": rng(3, 85, 3, 93),
	},
}

// onlyRules builds engines that run just the named rules, with the
// config's settings, so these tests do not change when rules are added.
func onlyRules(ids ...string) func(*config.Config) (*rules.Engine, error) {
	return func(cfg *config.Config) (*rules.Engine, error) {
		s, err := DefaultSettings(cfg)
		if err != nil {
			return nil, err
		}
		for _, r := range rules.All() {
			if !slices.Contains(ids, r.ID) {
				s.Disable = append(s.Disable, r.ID)
			}
		}
		return rules.New(s)
	}
}

// workspace makes a folder with files and returns its path and URI maker.
func workspace(t *testing.T, files map[string]string) (string, func(string) protocol.DocumentURI) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, func(name string) protocol.DocumentURI { return pathURI(filepath.Join(dir, filepath.FromSlash(name))) }
}

// inEachEncoding runs fn as a subtest once per position encoding, with a
// fresh workspace and a client initialized to negotiate that encoding.
func inEachEncoding(t *testing.T, o Options, fn func(t *testing.T, enc document.Encoding, c *client, uri func(string) protocol.DocumentURI)) {
	for _, enc := range []document.Encoding{document.UTF16, document.UTF8} {
		t.Run(enc.String(), func(t *testing.T) {
			_, uri := workspace(t, nil)
			c := newClient(t, o)
			caps := protocol.ClientCapabilities{}
			if enc == document.UTF8 {
				caps = utf8Caps()
			}
			c.initialize(caps)
			fn(t, enc, c, uri)
		})
	}
}

func utf8Caps() protocol.ClientCapabilities {
	return protocol.ClientCapabilities{General: &protocol.GeneralClientCapabilities{
		PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingUTF8, protocol.PositionEncodingUTF16},
	}}
}

func find(ds []protocol.Diagnostic, code string) *protocol.Diagnostic {
	for i := range ds {
		if string(ds[i].Code) == code {
			return &ds[i]
		}
	}
	return nil
}

func TestLifecycle(t *testing.T) {
	c := newClient(t, Options{})
	if m := c.call(protocol.MethodHover, protocol.HoverParams{}); errCode(m) != jsonrpc.ServerNotInitialized {
		t.Errorf("request before initialize: got %+v, want ServerNotInitialized", m.Error)
	}
	// A notification before initialize is dropped, not answered.
	c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: "file:///x/p.json", Text: badPolicy}})

	res := c.initialize(protocol.ClientCapabilities{})
	if res.Capabilities.PositionEncoding != protocol.PositionEncodingUTF16 {
		t.Errorf("default encoding: got %q", res.Capabilities.PositionEncoding)
	}
	if s := res.Capabilities.TextDocumentSync; s == nil || s.Change != protocol.SyncIncremental || !s.OpenClose {
		t.Errorf("sync: %+v", s)
	}
	if !res.Capabilities.HoverProvider || res.Capabilities.CompletionProvider == nil || res.Capabilities.CodeActionProvider == nil {
		t.Errorf("capabilities: %+v", res.Capabilities)
	}
	if res.Capabilities.DiagnosticProvider != nil {
		t.Error("a push client was offered pull diagnostics")
	}
	if res.ServerInfo == nil || res.ServerInfo.Name != "seslint" {
		t.Errorf("server info: %+v", res.ServerInfo)
	}
	if _, ok := c.srv.docs.Get("file:///x/p.json"); ok {
		t.Error("a didOpen sent before initialize was kept")
	}
	if m := c.call(protocol.MethodInitialize, protocol.InitializeParams{}); errCode(m) != jsonrpc.InvalidRequest {
		t.Errorf("second initialize: %+v", m.Error)
	}
	for _, method := range []string{"textDocument/definition", "$/unknownRequest"} {
		if m := c.call(method, map[string]int{}); errCode(m) != jsonrpc.MethodNotFound {
			t.Errorf("%s: got %+v, want MethodNotFound", method, m.Error)
		}
	}
	// Unknown notifications and $/cancelRequest are accepted silently.
	c.notify("$/cancelRequest", protocol.CancelParams{ID: json.RawMessage("1")})
	c.notify("$/setTrace", map[string]string{"value": "off"})
	c.notify("custom/unknown", map[string]int{"a": 1})
	if m := c.call(protocol.MethodHover, map[string]any{"textDocument": 5}); errCode(m) != jsonrpc.InvalidParams {
		t.Errorf("hover with bad params: got %+v, want InvalidParams", m.Error)
	}
	if notes := c.drain(); len(notes) != 0 {
		t.Errorf("unexpected notifications: %d, first %s", len(notes), notes[0].Method)
	}

	c.result(protocol.MethodShutdown, nil, nil)
	if m := c.call(protocol.MethodHover, protocol.HoverParams{}); errCode(m) != jsonrpc.InvalidRequest {
		t.Errorf("request after shutdown: %+v", m.Error)
	}
	c.notify(protocol.MethodExit, nil)
	if code := <-c.exit; code != 0 {
		t.Errorf("exit after shutdown: code %d, want 0", code)
	}
	c.exit <- 0
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(protocol.ClientCapabilities{})
	c.notify(protocol.MethodExit, nil)
	if code := <-c.exit; code != 1 {
		t.Errorf("exit without shutdown: code %d, want 1", code)
	}
	c.exit <- 1
}

func TestEndOfInputWithoutExit(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(protocol.ClientCapabilities{})
	c.closeIn()
	if code := <-c.exit; code != 1 {
		t.Errorf("end of input without shutdown: code %d, want 1", code)
	}
	c.exit <- 1
}

func TestNegotiateUTF8(t *testing.T) {
	c := newClient(t, Options{})
	res := c.initialize(utf8Caps())
	if res.Capabilities.PositionEncoding != protocol.PositionEncodingUTF8 {
		t.Errorf("got %q, want utf-8", res.Capabilities.PositionEncoding)
	}
	if c.shutdown() != 0 {
		t.Error("exit code")
	}
}

// TestDiagnostics checks every member of the pushed diagnostics, in both
// encodings, on a line with an emoji before the findings.
func TestDiagnostics(t *testing.T) {
	inEachEncoding(t, Options{Engine: onlyRules("SES002", "SES003")}, func(t *testing.T, enc document.Encoding, c *client, uri func(string) protocol.DocumentURI) {
		u := uri("example.com/Send.json")
		c.open(u, badPolicy)
		p := c.waitPublish(u)
		if p.Version == nil || *p.Version != 1 {
			t.Errorf("version: %v", p.Version)
		}
		want := badPolicyRanges[enc]
		effect := find(p.Diagnostics, "SES003")
		if effect == nil {
			t.Fatalf("no SES003 in\n%s", summary(p.Diagnostics))
		}
		if effect.Range != want["SES003"] {
			t.Errorf("SES003 range: got %s, want %s", rangeString(effect.Range), rangeString(want["SES003"]))
		}
		if effect.Severity != protocol.SeverityError || effect.Source != "seslint" ||
			effect.CodeDescription == nil || effect.CodeDescription.Href != "https://github.com/seslint/seslint/blob/main/rules/docs/SES003.md" ||
			!strings.Contains(effect.Message, `not "allow"`) {
			t.Errorf("SES003: %+v", effect)
		}
		dup := find(p.Diagnostics, "SES002")
		if dup == nil {
			t.Fatalf("no SES002 in\n%s", summary(p.Diagnostics))
		}
		if dup.Range != want["SES002"] {
			t.Errorf("SES002 range: got %s, want %s", rangeString(dup.Range), rangeString(want["SES002"]))
		}
		if len(dup.RelatedInformation) != 1 || dup.RelatedInformation[0].Location.URI != u ||
			dup.RelatedInformation[0].Location.Range != want["SES002 first"] || dup.RelatedInformation[0].Message == "" {
			t.Errorf("SES002 related: %+v", dup.RelatedInformation)
		}

		// Pull gives the same as push.
		var rep protocol.DocumentDiagnosticReport
		c.result(protocol.MethodDiagnostic, protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &rep)
		if rep.Kind != protocol.ReportFull || summary(rep.Items) != summary(p.Diagnostics) {
			t.Errorf("pull: %s\n%s, push:\n%s", rep.Kind, summary(rep.Items), summary(p.Diagnostics))
		}

		c.notify(protocol.MethodDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
		if p := c.waitPublish(u); len(p.Diagnostics) != 0 {
			t.Errorf("close did not clear: %s", summary(p.Diagnostics))
		}
		c.shutdown()
	})
}

// TestIncrementalChanges edits around the emoji and checks the server's
// text matches the client's after each change, and the diagnostics follow.
func TestIncrementalChanges(t *testing.T) {
	inEachEncoding(t, Options{Engine: onlyRules("SES002", "SES003")}, func(t *testing.T, enc document.Encoding, c *client, uri func(string) protocol.DocumentURI) {
		u := uri("p.json")
		d := c.open(u, badPolicy)
		c.waitPublish(u)

		sid := strings.Index(emojiLine, "📧")
		emojiStart := document.PositionOf([]byte(emojiLine), sid, enc).Character
		emojiEnd := document.PositionOf([]byte(emojiLine), sid+len("📧"), enc).Character
		// Replace the emoji by two, then insert text before it: the
		// SES003 range must move by what was inserted, counted in enc.
		d.edit(enc, protocol.TextEdit{Range: rng(3, emojiStart, 3, emojiEnd), NewText: "✉️📨"})
		c.waitPublish(u)
		d.edit(enc, protocol.TextEdit{Range: rng(3, 4, 3, 4), NewText: " "})
		p := c.waitPublish(u)
		got, _ := c.srv.docs.Get(u)
		if string(got.Text) != string(d.text) {
			t.Fatalf("server text differs from client text:\n%s\n%s", got.Text, d.text)
		}
		if *p.Version != d.version {
			t.Errorf("published version %d, want %d", *p.Version, d.version)
		}
		line := strings.Split(string(d.text), "\n")[3]
		i := strings.Index(line, `"allow"`)
		want := protocol.Range{Start: document.PositionOf([]byte(line), i, enc), End: document.PositionOf([]byte(line), i+7, enc)}
		want.Start.Line, want.End.Line = 3, 3
		if e := find(p.Diagnostics, "SES003"); e == nil || e.Range != want {
			t.Errorf("SES003 after edits: got %v, want %s", e, rangeString(want))
		}
		// A change inside the emoji's two UTF-16 units, or past the end,
		// is refused or clamped; the server keeps its text and serves on.
		if enc == document.UTF16 {
			inside := document.PositionOf([]byte(line), strings.Index(line, "📨"), enc).Character + 1
			c.notify(protocol.MethodDidChange, protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: u, Version: d.version + 1},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{{Range: ptr(rng(3, inside, 3, inside)), Text: "x"}},
			})
			c.sync()
			if got, _ := c.srv.docs.Get(u); string(got.Text) != string(d.text) {
				t.Error("a change inside a character was applied")
			}
			var warned bool
			for _, m := range c.drain() {
				warned = warned || m.Method == protocol.MethodShowMessage
			}
			if !warned {
				t.Error("the refused change was not reported to the user")
			}
		}
		d.edit(enc, protocol.TextEdit{Range: rng(99, 0, 120, 5), NewText: "\n"})
		c.waitPublish(u)
		if got, _ := c.srv.docs.Get(u); string(got.Text) != string(d.text) || !strings.HasSuffix(string(got.Text), "}\n\n") {
			t.Errorf("an edit past the end was not clamped to the end: %q", got.Text)
		}
		c.shutdown()
	})
}

func ptr[T any](v T) *T { return &v }

// TestDebounce checks, with a fake clock, that a burst of changes costs one
// lint, of the last version, and nothing is published before the pause.
func TestDebounce(t *testing.T) {
	clock := &fakeClock{}
	_, uri := workspace(t, nil)
	c := newClient(t, Options{Debounce: DefaultDebounce, Clock: clock, Engine: onlyRules("SES003")})
	c.initialize(protocol.ClientCapabilities{})
	u := uri("p.json")
	d := c.open(u, badPolicy)
	if p := c.waitPublish(u); find(p.Diagnostics, "SES003") == nil {
		t.Fatal("open is not debounced: it should publish at once")
	}
	line := strings.Split(badPolicy, "\n")[3]
	i := uint32(document.PositionOf([]byte(line), strings.Index(line, "allow"), document.UTF16).Character)
	d.edit(document.UTF16, protocol.TextEdit{Range: rng(3, i, 3, i+1), NewText: "A"})
	d.edit(document.UTF16, protocol.TextEdit{Range: rng(3, i, 3, i+1), NewText: "x"})
	d.edit(document.UTF16, protocol.TextEdit{Range: rng(3, i, 3, i+1), NewText: "A"})
	if got := c.publications(u); len(got) != 0 {
		t.Fatalf("published before the pause: %d", len(got))
	}
	pending := clock.pending()
	if len(pending) != 1 || pending[0].d != DefaultDebounce {
		t.Fatalf("pending timers: %d", len(pending))
	}
	if n := clock.fire(); n != 1 {
		t.Fatalf("fired %d", n)
	}
	p := c.waitPublish(u)
	if *p.Version != d.version || find(p.Diagnostics, "SES003") != nil {
		t.Errorf("after the pause: version %d, %s", *p.Version, summary(p.Diagnostics))
	}
	// The hook saw the same publications as the wire.
	var hooked []int32
	for len(c.published) > 0 {
		hp := <-c.published
		hooked = append(hooked, *hp.Version)
	}
	if !slices.Equal(hooked, []int32{1, d.version}) {
		t.Errorf("OnPublish saw versions %v", hooked)
	}
	// A change then a close: the pending lint is dropped.
	d.edit(document.UTF16, protocol.TextEdit{Range: rng(3, i, 3, i+1), NewText: "a"})
	c.sync()
	c.notify(protocol.MethodDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	c.sync()
	if n := clock.fire(); n != 0 {
		t.Errorf("a lint was still pending after close: %d", n)
	}
	pubs := c.publications(u)
	if len(pubs) != 1 || len(pubs[0].Diagnostics) != 0 {
		t.Errorf("after close: %+v", pubs)
	}
	c.shutdown()
}

// TestDebounceOption checks initializationOptions.debounce.
func TestDebounceOption(t *testing.T) {
	for raw, want := range map[string]string{`"120ms"`: "120ms", `0`: "0s", `75`: "75ms", `"bad"`: "50ms"} {
		c := newClient(t, Options{Debounce: DefaultDebounce})
		c.initialize(protocol.ClientCapabilities{}, func(p *protocol.InitializeParams) {
			p.InitializationOptions = json.RawMessage(`{"debounce":` + raw + `}`)
		})
		if got := c.srv.debounce.String(); got != want {
			t.Errorf("debounce %s: got %s, want %s", raw, got, want)
		}
		c.shutdown()
	}
}

// TestWhichDocuments checks which documents get diagnostics, with and
// without a config.
func TestWhichDocuments(t *testing.T) {
	notPolicy := `{"name": "x", "version": "1.0.0", "Effect": "allow"}`
	t.Run("no config", func(t *testing.T) {
		_, uri := workspace(t, nil)
		c := newClient(t, Options{Engine: onlyRules("SES001", "SES003")})
		c.initialize(protocol.ClientCapabilities{})
		cases := []struct {
			name, text string
			linted     bool
		}{
			{"policies/p.json", badPolicy, true},
			{"request.json", `{"Identity": "example.com", "PolicyName": "P", "Policy": "{\"Version\": 5}"}`, true},
			{"broken.json", `{"Version": "2012-10-17", "Statement": [`, true}, // not JSON yet: the benefit of the doubt
			{"other.json", notPolicy, false},
			{"package.json", `{"Version": "1", "Statement": []}`, false},
			{"tsconfig.json", `{"Statement": []}`, false},
			{"tsconfig.base.json", `{"Statement": []}`, false},
			{"node_modules/x/p.json", badPolicy, false},
			{"notes.txt", "not JSON at all 📧 {", false},
		}
		for _, tc := range cases {
			u := uri(tc.name)
			lang := "json"
			if strings.HasSuffix(tc.name, ".txt") {
				lang = "plaintext"
			}
			c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: lang, Version: 1, Text: tc.text}})
			pubs := c.publications(u)
			if tc.linted != (len(pubs) == 1) {
				t.Errorf("%s: %d publications, linted %v", tc.name, len(pubs), tc.linted)
			}
			if tc.linted && len(pubs) == 1 && len(pubs[0].Diagnostics) == 0 {
				t.Errorf("%s: linted but clean", tc.name)
			}
		}
		// A document that stops looking like a policy has its diagnostics
		// cleared.
		u := uri("policies/p.json")
		c.notify(protocol.MethodDidChange, protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{URI: u, Version: 2},
			ContentChanges: []protocol.TextDocumentContentChangeEvent{{Text: notPolicy}},
		})
		if pubs := c.publications(u); len(pubs) != 1 || len(pubs[0].Diagnostics) != 0 {
			t.Errorf("after it stopped being a policy: %+v", pubs)
		}
		// An unsaved buffer is linted when it looks like a policy.
		c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: "untitled:Untitled-1", LanguageID: "json", Version: 1, Text: badPolicy}})
		if pubs := c.publications("untitled:Untitled-1"); len(pubs) != 1 || find(pubs[0].Diagnostics, "SES003") == nil {
			t.Errorf("untitled: %+v", pubs)
		}
		c.shutdown()
	})
	t.Run("config with include globs", func(t *testing.T) {
		_, uri := workspace(t, map[string]string{".seslint.yaml": "include:\n  - \"policies/**/*.json\"\n  - \"*.json\"\n"})
		c := newClient(t, Options{Engine: onlyRules("SES001", "SES003")})
		c.initialize(protocol.ClientCapabilities{})
		cases := []struct {
			name, text string
			linted     bool
		}{
			{"policies/a/p.json", badPolicy, true},
			{"policies/other.json", notPolicy, true}, // included: linted even though it is not a policy
			{"elsewhere/p.json", badPolicy, false},   // not included
			{"package.json", notPolicy, false},       // included by *.json, but never
			{"tsconfig.json", notPolicy, false},
		}
		for _, tc := range cases {
			u := uri(tc.name)
			c.open(u, tc.text)
			if pubs := c.publications(u); tc.linted != (len(pubs) == 1) {
				t.Errorf("%s: %d publications, linted %v", tc.name, len(pubs), tc.linted)
			}
		}
		c.shutdown()
	})
}

// TestSuppressedAndReload checks that ignored findings are not shown, and
// that a change to the config is picked up on each of the notifications
// that report one.
func TestSuppressedAndReload(t *testing.T) {
	dir, uri := workspace(t, map[string]string{".seslint.yaml": ""})
	cfgPath := filepath.Join(dir, ".seslint.yaml")
	write := func(text string) {
		if err := os.WriteFile(cfgPath, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(t, Options{Engine: onlyRules("SES002", "SES003")})
	c.initialize(protocol.ClientCapabilities{Workspace: &protocol.WorkspaceClientCapabilities{
		DidChangeWatchedFiles: &protocol.DynamicRegistration{DynamicRegistration: true},
	}})
	u := uri("example.com/Send.json")
	c.open(u, badPolicy)
	if p := c.waitPublish(u); summary(p.Diagnostics) != "SES003 3:36-3:43\nSES002 3:110-3:118\n" {
		t.Fatalf("before:\n%s", summary(p.Diagnostics))
	}
	c.sync()
	c.mu.Lock()
	reg := c.requests
	c.mu.Unlock()
	if len(reg) != 1 || reg[0].Method != protocol.MethodRegisterCapability || !strings.Contains(string(reg[0].Params), `"**/.seslint.yaml"`) {
		t.Errorf("no watcher registered for the config: %+v", reg)
	}

	steps := []struct {
		name   string
		config string
		notify func()
		want   string
	}{
		{"ignore, watched file", "ignore:\n  - rule: SES003\n    file: \"**/Send.json\"\n    sid: \"Send📧Mail\"\n    reason: testing\n",
			func() {
				c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: pathURI(cfgPath), Type: protocol.FileChanged}}})
			}, "SES002 3:110-3:118\n"},
		{"rule off, configuration", "rules:\n  duplicate-key: off\n",
			func() {
				c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{Settings: json.RawMessage(`{}`)})
			}, "SES003 3:36-3:43\n"},
		{"config deleted", "",
			func() {
				os.Remove(cfgPath)
				c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: pathURI(cfgPath), Type: protocol.FileDeleted}}})
			}, "SES003 3:36-3:43\nSES002 3:110-3:118\n"},
	}
	for _, st := range steps {
		write(st.config)
		st.notify()
		if p := c.waitPublish(u); summary(p.Diagnostics) != st.want {
			t.Errorf("%s:\n%s\nwant\n%s", st.name, summary(p.Diagnostics), st.want)
		}
	}

	// A change to another file is not a reason to reload.
	c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri("x.json"), Type: protocol.FileChanged}}})
	if pubs := c.publications(u); len(pubs) != 0 {
		t.Errorf("republished for an unrelated file: %d", len(pubs))
	}

	// A broken config: the user is told, the errors are marked in the
	// config file, and the document is linted with the last good config.
	write("rules:\n  duplicate-key: off\n")
	c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{})
	c.waitPublish(u)
	write("rules:\n  duplicate-key: off\n  no-such-rule: error\n")
	c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{})
	c.sync()
	var shown bool
	var cfgDiags []protocol.Diagnostic
	var docDiags *protocol.PublishDiagnosticsParams
	for _, m := range c.drain() {
		switch m.Method {
		case protocol.MethodShowMessage:
			shown = shown || strings.Contains(string(m.Params), "no-such-rule")
		case protocol.MethodPublishDiagnostics:
			var p protocol.PublishDiagnosticsParams
			json.Unmarshal(m.Params, &p)
			if p.URI == pathURI(cfgPath) {
				cfgDiags = p.Diagnostics
			} else if p.URI == u {
				docDiags = &p
			}
		}
	}
	if !shown {
		t.Error("the broken config was not shown to the user")
	}
	if len(cfgDiags) != 1 || cfgDiags[0].Range.Start.Line != 2 || !strings.Contains(cfgDiags[0].Message, "no-such-rule") {
		t.Errorf("config diagnostics: %+v", cfgDiags)
	}
	if docDiags == nil || summary(docDiags.Diagnostics) != "SES003 3:36-3:43\n" {
		t.Errorf("the document was not linted with the last good config: %+v", docDiags)
	}
	// Fixing the config clears its diagnostics.
	write("")
	c.notify(protocol.MethodDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: pathURI(cfgPath), Type: protocol.FileChanged}}})
	if p := c.waitPublish(pathURI(cfgPath)); len(p.Diagnostics) != 0 {
		t.Errorf("config diagnostics not cleared: %+v", p.Diagnostics)
	}
	c.shutdown()
}

// TestForcePush checks initializationOptions {"diagnostics": "push"} with a
// client that says it pulls.
func TestForcePush(t *testing.T) {
	_, uri := workspace(t, nil)
	c := newClient(t, Options{Engine: onlyRules("SES003")})
	res := c.initialize(protocol.ClientCapabilities{
		TextDocument: &protocol.TextDocumentClientCapabilities{Diagnostic: &protocol.DiagnosticClientCapabilities{}},
	}, func(p *protocol.InitializeParams) {
		p.InitializationOptions = json.RawMessage(`{"diagnostics": "push"}`)
	})
	if res.Capabilities.DiagnosticProvider != nil {
		t.Error("pull diagnostics offered despite push")
	}
	u := uri("p.json")
	c.open(u, badPolicy)
	if p := c.waitPublish(u); find(p.Diagnostics, "SES003") == nil {
		t.Errorf("pushed: %s", summary(p.Diagnostics))
	}
	c.shutdown()
}

// TestPullMode checks a client that pulls: nothing is pushed, pull answers,
// and a config change asks the client to pull again.
func TestPullMode(t *testing.T) {
	dir, uri := workspace(t, map[string]string{".seslint.yaml": ""})
	c := newClient(t, Options{Engine: onlyRules("SES002", "SES003")})
	res := c.initialize(protocol.ClientCapabilities{
		TextDocument: &protocol.TextDocumentClientCapabilities{Diagnostic: &protocol.DiagnosticClientCapabilities{}},
		Workspace:    &protocol.WorkspaceClientCapabilities{Diagnostics: &protocol.DiagnosticWorkspaceClientCapabilities{RefreshSupport: true}},
	})
	if res.Capabilities.DiagnosticProvider == nil {
		t.Fatal("pull diagnostics not offered to a client that pulls")
	}
	u := uri("p.json")
	c.open(u, badPolicy)
	if pubs := c.publications(u); len(pubs) != 0 {
		t.Errorf("pushed to a pull client: %d", len(pubs))
	}
	var rep protocol.DocumentDiagnosticReport
	c.result(protocol.MethodDiagnostic, protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &rep)
	if summary(rep.Items) != "SES003 3:36-3:43\nSES002 3:110-3:118\n" || rep.ResultID == "" {
		t.Errorf("pull: %+v", rep)
	}
	c.result(protocol.MethodDiagnostic, protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri("closed.json")}}, &rep)
	if rep.Kind != protocol.ReportFull || len(rep.Items) != 0 {
		t.Errorf("pull for an unopened document: %+v", rep)
	}
	os.WriteFile(filepath.Join(dir, ".seslint.yaml"), []byte("rules:\n  SES003: off\n"), 0o644)
	c.notify(protocol.MethodDidChangeConfiguration, protocol.DidChangeConfigurationParams{})
	c.sync()
	c.mu.Lock()
	reqs := slices.Clone(c.requests)
	c.mu.Unlock()
	if len(reqs) != 1 || reqs[0].Method != protocol.MethodWorkspaceDiagnosticRefresh {
		t.Errorf("no refresh asked: %+v", reqs)
	}
	c.result(protocol.MethodDiagnostic, protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &rep)
	if summary(rep.Items) != "SES002 3:110-3:118\n" {
		t.Errorf("pull after reload:\n%s", summary(rep.Items))
	}
	c.shutdown()
}

// TestTerraform lints an open .tf file of a module on disk, and leaves
// alone one that declares no SES policy.
func TestTerraform(t *testing.T) {
	mainTF := `resource "aws_ses_identity_policy" "p" {
  identity = "example.com"
  name     = "Send"
  policy   = <<EOF
{"Version": "2012-10-17", "Statement": [{"Sid": "📧", "Effect": "allow", "Principal": {"AWS": "111122223333"}, "Action": "ses:SendEmail", "Resource": "*"}]}
EOF
}
`
	_, uri := workspace(t, map[string]string{"infra/main.tf": mainTF, "infra/other.tf": `variable "x" {}`})
	c := newClient(t, Options{Engine: onlyRules("SES003")})
	c.initialize(protocol.ClientCapabilities{})
	u := uri("infra/main.tf")
	c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: "terraform", Version: 1, Text: mainTF}})
	p := c.waitPublish(u)
	line := strings.Split(mainTF, "\n")[4]
	i := strings.Index(line, `"allow"`)
	want := protocol.Range{Start: document.PositionOf([]byte(line), i, document.UTF16), End: document.PositionOf([]byte(line), i+7, document.UTF16)}
	want.Start.Line, want.End.Line = 4, 4
	if e := find(p.Diagnostics, "SES003"); e == nil || e.Range != want {
		t.Errorf("SES003 in main.tf: %+v, want %s", p.Diagnostics, rangeString(want))
	}
	o := uri("infra/other.tf")
	c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: o, LanguageID: "terraform", Version: 1, Text: `variable "x" {}`}})
	if pubs := c.publications(o); len(pubs) != 0 {
		t.Errorf("a .tf without a policy got diagnostics: %+v", pubs)
	}
	c.shutdown()
}
