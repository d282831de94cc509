package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
)

// lspSession runs `seslint lsp` in process on pipes and speaks to it.
type lspSession struct {
	t      *testing.T
	conn   *jsonrpc.Conn
	in     io.WriteCloser
	msgs   chan *jsonrpc.Message
	code   chan int
	stderr *bytes.Buffer
	nextID int64
}

func startLSP(t *testing.T, dir string, args ...string) *lspSession {
	t.Helper()
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	s := &lspSession{t: t, in: clientOut, msgs: make(chan *jsonrpc.Message, 1000), code: make(chan int, 1), stderr: &bytes.Buffer{}}
	go func() {
		code := Run(append([]string{"lsp"}, args...), Env{Stdin: serverIn, Stdout: serverOut, Stderr: s.stderr, Dir: dir})
		serverOut.Close()
		s.code <- code
	}()
	s.conn = jsonrpc.NewConn(clientIn, clientOut)
	go func() {
		defer close(s.msgs)
		for {
			m, err := s.conn.Read()
			if err != nil {
				if err != io.EOF {
					t.Errorf("standard output holds something that is not protocol: %v", err)
				}
				return
			}
			s.msgs <- m
		}
	}()
	t.Cleanup(func() { clientOut.Close() })
	return s
}

// next returns the next message for which keep is true.
func (s *lspSession) next(keep func(*jsonrpc.Message) bool) *jsonrpc.Message {
	s.t.Helper()
	for {
		select {
		case m, ok := <-s.msgs:
			if !ok {
				s.t.Fatal("the server closed its output")
			}
			if keep(m) {
				return m
			}
		case <-time.After(20 * time.Second):
			s.t.Fatal("no message from the server")
		}
	}
}

func (s *lspSession) call(method string, params, out any) *jsonrpc.Error {
	s.t.Helper()
	s.nextID++
	id := jsonrpc.IntID(s.nextID)
	if err := s.conn.Request(id, method, params); err != nil {
		s.t.Fatal(err)
	}
	m := s.next(func(m *jsonrpc.Message) bool { return m.IsResponse() && string(m.ID) == string(id) })
	if m.Error == nil && out != nil {
		if err := json.Unmarshal(m.Result, out); err != nil {
			s.t.Fatal(err)
		}
	}
	return m.Error
}

func (s *lspSession) notify(method string, params any) {
	s.t.Helper()
	if err := s.conn.Notify(method, params); err != nil {
		s.t.Fatal(err)
	}
}

func (s *lspSession) publish(uri protocol.DocumentURI) protocol.PublishDiagnosticsParams {
	s.t.Helper()
	for {
		m := s.next(func(m *jsonrpc.Message) bool { return m.Method == protocol.MethodPublishDiagnostics })
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			s.t.Fatal(err)
		}
		if p.URI == uri {
			return p
		}
	}
}

func (s *lspSession) exitCode() int {
	s.t.Helper()
	select {
	case c := <-s.code:
		return c
	case <-time.After(20 * time.Second):
		s.t.Fatal("the server did not exit")
	}
	return -1
}

func fileURI(path string) protocol.DocumentURI {
	return protocol.DocumentURI("file://" + filepath.ToSlash(path))
}

// TestLSPSameAsCommandLine lints the AWS documentation examples, the sound
// examples, the Terraform examples and a few broken policies twice, once with `seslint lint
// --format json FILE` and once in an editor session of `seslint lsp`, with
// one config, and requires the same findings at the same places.
func TestLSPSameAsCommandLine(t *testing.T) {
	dir := t.TempDir()
	for _, src := range []string{"../../testdata/awsdocs", "../../testdata/clean"} {
		copyTree(t, src, dir)
	}
	copyTree(t, "../../examples/terraform", filepath.Join(dir, "terraform"))
	files := map[string]string{
		".seslint.yaml": `rules:
  duplicate-key: warning
identities:
  - files: "mapped/*.json"
    identity: example.org
    policy-name: Mapped
ignore:
  - rule: SES003
    file: "broken/Ignored.json"
    reason: kept on purpose for this test
  - rule: SES002
    file: "nowhere/*.json"
    reason: matches nothing, so the command line reports it on the config
`,
		"example.com/Emoji.json": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" +
			`    {"Sid": "Send📧Mail", "Effect": "allow", "Principal": {"AWS": "111122223333"}, "Action": "ses:SendEmail", "Action": "ses:SendRawEmail", "Resource": "arn:aws:ses:us-east-1:444455556666:identity/example.com"}` +
			"\n  ]\n}\n",
		"broken/Ignored.json":  `{"Version": "2012-10-17", "Statement": [{"Effect": "deny", "Principal": "*", "Action": "ses:*", "Resource": "*"}]}`,
		"broken/Syntax.json":   "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\",, }\n",
		"broken/request.json":  `{"Identity": "example.com", "PolicyName": "Bad Name", "Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"📨\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"ses:SendEmails\", \"Resource\": \"*\", \"Condition\": {\"StringEqual\": {\"AWS:SourceAccount\": \"111122223333\"}}}]}"}`,
		"mapped/Policy.json":   `{"Statement": [{"Effect": "Allow", "Principal": {"Service": "cognito-idp.amazonaws.com"}, "Action": ["ses:SendEmail"], "Resource": "arn:aws:ses:us-east-1:111122223333:identity/example.org", "Condition": {"StringLike": {"ses:FromAddress": "x@example.org"}}}]}`,
		"example.com/Big.json": bigPolicy(),
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".tf")) {
			paths = append(paths, p)
		}
		return nil
	})
	if len(paths) < 15 {
		t.Fatalf("only %d policies to compare", len(paths))
	}
	// loadConfig opens the config it finds from Env.Dir by a path relative
	// to Env.Dir, so the process must be there too.
	t.Chdir(dir)

	s := startLSP(t, dir, "--debounce", "0")
	var res protocol.InitializeResult
	root := fileURI(dir)
	if err := s.call(protocol.MethodInitialize, protocol.InitializeParams{RootURI: &root}, &res); err != nil {
		t.Fatal(err)
	}
	s.notify(protocol.MethodInitialized, struct{}{})
	var total int
	for _, p := range paths {
		text, _ := os.ReadFile(p)
		var out, errOut bytes.Buffer
		Run([]string{"lint", "--format", "json", p}, Env{Stdout: &out, Stderr: &errOut, Dir: dir})
		var cli struct {
			Findings []struct {
				ID, Severity, File, Message string
				Start, End                  struct{ Line, UTF16Column int }
				Related                     []struct {
					Start, End struct{ Line, UTF16Column int }
				}
				Suppressed *struct{}
			}
		}
		if err := json.Unmarshal(out.Bytes(), &cli); err != nil {
			t.Fatalf("%s: %v\n%s%s", p, err, out.String(), errOut.String())
		}
		var want []string
		for _, f := range cli.Findings {
			if f.Suppressed != nil || f.File != p {
				continue
			}
			line := fmt.Sprintf("%s %d:%d-%d:%d %s %s", f.ID, f.Start.Line-1, f.Start.UTF16Column-1, f.End.Line-1, f.End.UTF16Column-1, f.Severity, f.Message)
			for _, r := range f.Related {
				line += fmt.Sprintf(" related %d:%d-%d:%d", r.Start.Line-1, r.Start.UTF16Column-1, r.End.Line-1, r.End.UTF16Column-1)
			}
			want = append(want, line)
		}

		uri := fileURI(p)
		lang := "json"
		if strings.HasSuffix(p, ".tf") {
			lang = "terraform"
		}
		s.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: lang, Version: 1, Text: string(text)}})
		pub := s.publish(uri)
		var got []string
		for _, d := range pub.Diagnostics {
			sev := map[protocol.DiagnosticSeverity]string{1: "error", 2: "warning", 3: "note"}[d.Severity]
			line := fmt.Sprintf("%s %d:%d-%d:%d %s %s", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character, sev, d.Message)
			for _, r := range d.RelatedInformation {
				line += fmt.Sprintf(" related %d:%d-%d:%d", r.Location.Range.Start.Line, r.Location.Range.Start.Character, r.Location.Range.End.Line, r.Location.Range.End.Character)
			}
			got = append(got, line)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\nlsp:\n  %s\ncommand line:\n  %s", p, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		total += len(got)
	}
	t.Logf("%d findings in %d files compared", total, len(paths))
	if total < 10 {
		t.Errorf("only %d findings compared", total)
	}
	if err := s.call(protocol.MethodShutdown, nil, nil); err != nil {
		t.Fatal(err)
	}
	s.notify(protocol.MethodExit, nil)
	if code := s.exitCode(); code != 0 {
		t.Errorf("exit code %d after shutdown and exit", code)
	}
}

func bigPolicy() string {
	var stmts []string
	for i := range 30 {
		stmts = append(stmts, fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Principal": {"AWS": "1111222233%02d"}, "Action": "ses:SendEmail", "Resource": "*"}`, i, i))
	}
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ",\n") + "]}"
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".tf")) {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		os.MkdirAll(filepath.Dir(out), 0o755)
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLSPCommand checks the flags, and that a session full of broken
// input writes nothing but protocol and ends with the specified exit codes.
func TestLSPCommand(t *testing.T) {
	for _, args := range [][]string{{"--nope"}, {"file.json"}, {"--debounce", "-1s"}, {"--debounce", "soon"}} {
		var out, errOut bytes.Buffer
		if code := Run(append([]string{"lsp"}, args...), Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}); code != ExitUsage || out.Len() != 0 {
			t.Errorf("lsp %v: exit %d, stdout %q", args, code, out.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := Run([]string{"lsp", "--log-file", filepath.Join(t.TempDir(), "no", "such", "dir", "log")}, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}); code != ExitFailure {
		t.Errorf("unwritable --log-file: exit %d", code)
	}

	// A whole session in one go: broken frames among good ones, then
	// shutdown and exit. Standard output must read back as frames only.
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	input := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		"Content-Length: zero\r\n\r\n{}" +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`) +
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/x/p.json","languageId":"json","version":1,"text":"{\"Statement\": [{\"Effect\": \"allow\", \"Sid\": \"📧\"}]}"}}}`) +
		"Content-Length: 3\r\n\r\n{]}" +
		frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/x/p.json"},"position":{"line":0,"character":30}}}`) +
		frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	logFile := filepath.Join(t.TempDir(), "lsp.log")
	out.Reset()
	errOut.Reset()
	code := Run([]string{"lsp", "--stdio", "--debounce", "0", "--log-file", logFile, "--verbose"}, Env{Stdin: strings.NewReader(input), Stdout: &out, Stderr: &errOut})
	if code != 0 {
		t.Errorf("exit code %d after shutdown and exit", code)
	}
	c := jsonrpc.NewConn(bytes.NewReader(out.Bytes()), io.Discard)
	var ids []string
	var published bool
	for {
		m, err := c.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("standard output is not only protocol: %v\n%q", err, out.String())
		}
		if m.IsResponse() {
			ids = append(ids, string(m.ID))
		}
		published = published || m.Method == protocol.MethodPublishDiagnostics
	}
	if !slices.Equal(ids, []string{"1", "null", "null", "2", "3"}) || !published {
		t.Errorf("responses %v, published %v", ids, published)
	}
	if errOut.Len() != 0 {
		t.Errorf("logged to standard error despite --log-file: %q", errOut.String())
	}
	if log, _ := os.ReadFile(logFile); !bytes.Contains(log, []byte("method=textDocument/hover")) {
		t.Errorf("--verbose did not log messages:\n%s", log)
	}

	// The end of input without exit: code 1.
	out.Reset()
	if code := Run([]string{"lsp"}, Env{Stdin: strings.NewReader(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)), Stdout: &out, Stderr: &errOut}); code != 1 {
		t.Errorf("end of input without shutdown: exit %d", code)
	}
}
