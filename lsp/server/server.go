// Package server is seslint's language server: live diagnostics, hover,
// completion and quick fixes for SES sending-authorization policies in any
// editor that speaks the Language Server Protocol.
//
// It reads and writes the protocol with lsp/jsonrpc, keeps the client's
// text in an lsp/document store, and lints through internal/lint, the same
// driver and engine the command line uses, so an editor shows exactly the
// findings `seslint lint` prints for the same text and config.
//
// Messages are handled one at a time, in order, on the goroutine that calls
// Serve. The only other goroutines are the debounce timers, which lint a
// document after a pause in typing and publish under the server's lock, so a
// stale result is never published over a newer one.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
	"github.com/seslint/seslint/rules"
)

// DefaultDebounce is how long the server waits after a change before it
// lints, so that typing a word costs one lint rather than one per key.
const DefaultDebounce = 50 * time.Millisecond

// Options configure a Server. The zero value is usable.
type Options struct {
	// Debounce is the pause after a change before the document is linted.
	// Zero lints at once, before the next message is read. The client can
	// override it with initializationOptions {"debounce": "100ms"}.
	Debounce time.Duration
	// Log receives the server's log. It must not be the protocol's output.
	Log *slog.Logger
	// Engine builds the rule engine for a config; nil uses DefaultEngine,
	// which reads a config as the command line does.
	Engine func(*config.Config) (*rules.Engine, error)
	// Clock schedules the debounced lints; nil is the real clock. Tests
	// pass a fake one so that nothing depends on timing.
	Clock Clock
	// OnPublish, when set, is called after each publishDiagnostics
	// notification has been written. Tests use it as the signal that a
	// lint finished, instead of sleeping.
	OnPublish func(protocol.PublishDiagnosticsParams)
	// Version is the server version reported at initialize.
	Version string
}

// Lifecycle states.
type state int

const (
	stateNew state = iota
	stateRunning
	stateShutdown
)

// Server is one language server session.
type Server struct {
	opts  Options
	log   *slog.Logger
	clock Clock
	conn  *jsonrpc.Conn

	// Set at initialize and read-only afterwards.
	enc      document.Encoding
	docs     *document.Store
	roots    []string // workspace folders, as file system paths
	pull     bool     // the client pulls diagnostics, so none are pushed
	refresh  bool     // the client accepts workspace/diagnostic/refresh
	watch    bool     // the client watches files for us when asked
	snippets bool     // completion items may be snippets
	debounce time.Duration

	state state // read and written by the Serve goroutine only

	paths pathCache // the file system paths of open documents' URIs

	mu        sync.Mutex // guards what follows, and orders publishing
	timers    map[protocol.DocumentURI]Timer
	published map[protocol.DocumentURI]bool // a publish was sent since open
	results   map[protocol.DocumentURI]*lintResult
	gen       uint64          // bumped when configs reload, to tell stale results
	cfgShown  map[string]bool // config files whose errors were shown since the last reload
	configs   *configCache
	nextID    int64
}

// New returns a server with the given options.
func New(o Options) *Server {
	s := &Server{
		opts:      o,
		log:       o.Log,
		clock:     o.Clock,
		debounce:  o.Debounce,
		docs:      document.NewStore(document.UTF16),
		timers:    map[protocol.DocumentURI]Timer{},
		published: map[protocol.DocumentURI]bool{},
		results:   map[protocol.DocumentURI]*lintResult{},
		cfgShown:  map[string]bool{},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clock == nil {
		s.clock = realClock{}
	}
	engine := o.Engine
	if engine == nil {
		engine = DefaultEngine
	}
	s.configs = newConfigCache(engine)
	return s
}

// Serve speaks the protocol on r and w until the client sends exit or closes
// the stream, and returns the process exit code the specification asks for:
// 0 when shutdown came first, 1 otherwise. Nothing but protocol is written
// to w. Input that is not a valid message is answered with an error and
// skipped; the server keeps serving.
func (s *Server) Serve(r io.Reader, w io.Writer) int {
	s.conn = jsonrpc.NewConn(r, w, jsonrpc.WithResync())
	defer s.stopTimers()
	for {
		m, err := s.conn.Read()
		switch {
		case err == nil:
		case errors.As(err, new(*jsonrpc.MessageError)):
			s.log.Warn("invalid message answered and skipped", "error", err)
			continue
		case errors.Is(err, jsonrpc.ErrFraming):
			s.log.Warn("broken frame skipped", "error", err)
			continue
		case err == io.EOF:
			s.log.Info("the client closed the stream")
			return s.exitCode()
		default:
			s.log.Error("cannot read from the client", "error", err)
			return s.exitCode()
		}
		if s.handle(m) {
			return s.exitCode()
		}
	}
}

func (s *Server) exitCode() int {
	if s.state == stateShutdown {
		return 0
	}
	return 1
}

// handle dispatches one message and reports whether the session is over.
func (s *Server) handle(m *jsonrpc.Message) (exit bool) {
	if s.log.Enabled(context.Background(), slog.LevelDebug) {
		// Guarded: the arguments cost allocations even when nothing logs.
		s.log.Debug("message", "method", m.Method, "id", m.ID.String())
	}
	switch {
	case m.IsResponse():
		if m.Error != nil {
			s.log.Warn("the client answered a request with an error", "id", m.ID.String(), "error", m.Error.Message)
		}
		return false
	case m.IsNotification():
		if m.Method == protocol.MethodExit {
			s.log.Info("exit", "after_shutdown", s.state == stateShutdown)
			return true
		}
		s.notification(m)
		return false
	}
	result, rerr := s.request(m)
	var err error
	if rerr != nil {
		err = s.conn.ReplyError(m.ID, rerr)
	} else {
		err = s.conn.Reply(m.ID, result)
	}
	if err != nil {
		s.log.Error("cannot answer", "method", m.Method, "error", err)
	}
	return false
}

// request answers one request, turning a panic into InternalError so that
// one bad input never takes the server down.
func (s *Server) request(m *jsonrpc.Message) (result any, rerr *jsonrpc.Error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic answering a request", "method", m.Method, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			result, rerr = nil, jsonrpc.Errorf(jsonrpc.InternalError, "internal error in %s; see the server log", m.Method)
		}
	}()
	switch {
	case m.Method == protocol.MethodInitialize:
		if s.state != stateNew {
			return nil, jsonrpc.Errorf(jsonrpc.InvalidRequest, "initialize may be sent only once")
		}
		return decodeRequest(m, s.initialize)
	case s.state == stateNew:
		return nil, jsonrpc.Errorf(jsonrpc.ServerNotInitialized, "the server is not initialized yet")
	case s.state == stateShutdown:
		return nil, jsonrpc.Errorf(jsonrpc.InvalidRequest, "the server is shut down; only exit is accepted")
	}
	switch m.Method {
	case protocol.MethodShutdown:
		s.state = stateShutdown
		s.stopTimers()
		s.log.Info("shutdown")
		return nil, nil
	case protocol.MethodHover:
		return decodeRequest(m, s.hover)
	case protocol.MethodCompletion:
		return decodeRequest(m, s.completion)
	case protocol.MethodCodeAction:
		return decodeRequest(m, s.codeAction)
	case protocol.MethodDiagnostic:
		return decodeRequest(m, s.pullDiagnostics)
	}
	// Including "$/" requests, which the specification says to answer so.
	return nil, jsonrpc.Errorf(jsonrpc.MethodNotFound, "method %q is not supported", m.Method)
}

// notification handles one notification. Those that arrive before
// initialize or after shutdown are dropped, as the specification says.
func (s *Server) notification(m *jsonrpc.Message) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic handling a notification", "method", m.Method, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	if s.state != stateRunning {
		s.log.Debug("notification dropped outside a running session", "method", m.Method)
		return
	}
	var err error
	switch m.Method {
	case protocol.MethodInitialized:
		s.initialized()
	case protocol.MethodDidOpen:
		err = decodeNotification(m, s.didOpen)
	case protocol.MethodDidChange:
		err = decodeNotification(m, s.didChange)
	case protocol.MethodDidSave:
		err = decodeNotification(m, s.didSave)
	case protocol.MethodDidClose:
		err = decodeNotification(m, s.didClose)
	case protocol.MethodDidChangeWatchedFiles:
		err = decodeNotification(m, s.didChangeWatchedFiles)
	case protocol.MethodDidChangeConfiguration:
		err = decodeNotification(m, s.didChangeConfiguration)
	default:
		// $/cancelRequest, $/setTrace and anything unknown: requests are
		// answered in order, so there is never one left to cancel.
		s.log.Debug("notification ignored", "method", m.Method)
	}
	if err != nil {
		s.log.Warn("notification with invalid params ignored", "method", m.Method, "error", err)
	}
}

// decodeRequest decodes a request's params into P and calls fn.
func decodeRequest[P any](m *jsonrpc.Message, fn func(P) (any, *jsonrpc.Error)) (any, *jsonrpc.Error) {
	var p P
	if len(m.Params) == 0 {
		return nil, jsonrpc.Errorf(jsonrpc.InvalidParams, "%s needs params", m.Method)
	}
	if err := unmarshal(m.Params, &p); err != nil {
		return nil, jsonrpc.Errorf(jsonrpc.InvalidParams, "invalid params for %s: %v", m.Method, err)
	}
	return fn(p)
}

func decodeNotification[P any](m *jsonrpc.Message, fn func(P)) error {
	var p P
	if len(m.Params) == 0 {
		return fmt.Errorf("no params")
	}
	if err := unmarshal(m.Params, &p); err != nil {
		return err
	}
	fn(p)
	return nil
}

// unmarshal is json.Unmarshal for params, which are valid JSON (jsonrpc
// checked the whole message): a type that decodes itself, such as the
// didChange params of every keystroke, is handed them without encoding/json
// checking them a second time first.
func unmarshal(params json.RawMessage, v any) error {
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(params)
	}
	return json.Unmarshal(params, v)
}

// initOptions are the server's initializationOptions.
type initOptions struct {
	// Debounce is a Go duration ("100ms", "0s") or a number of milliseconds.
	Debounce json.RawMessage `json:"debounce"`
	// Diagnostics "push" makes the server push diagnostics even to a client
	// that says it pulls them (for a client that says so but does not).
	Diagnostics string `json:"diagnostics"`
}

func (s *Server) initialize(p protocol.InitializeParams) (any, *jsonrpc.Error) {
	caps := p.Capabilities
	var offered []protocol.PositionEncodingKind
	if caps.General != nil {
		offered = caps.General.PositionEncodings
	}
	s.enc = document.Negotiate(offered)
	s.docs = document.NewStore(s.enc)
	if td := caps.TextDocument; td != nil {
		s.pull = td.Diagnostic != nil
		if c := td.Completion; c != nil && c.CompletionItem != nil {
			s.snippets = c.CompletionItem.SnippetSupport
		}
	}
	if ws := caps.Workspace; ws != nil {
		s.watch = ws.DidChangeWatchedFiles != nil && ws.DidChangeWatchedFiles.DynamicRegistration
		s.refresh = ws.Diagnostics != nil && ws.Diagnostics.RefreshSupport
	}
	for _, f := range p.WorkspaceFolders {
		if path, ok := uriPath(protocol.DocumentURI(f.URI)); ok {
			s.roots = append(s.roots, path)
		}
	}
	if len(s.roots) == 0 && p.RootURI != nil {
		if path, ok := uriPath(*p.RootURI); ok {
			s.roots = append(s.roots, path)
		}
	}
	if len(p.InitializationOptions) > 0 {
		var opts initOptions
		if err := json.Unmarshal(p.InitializationOptions, &opts); err != nil {
			s.log.Warn("initializationOptions ignored", "error", err)
		} else if len(opts.Debounce) > 0 {
			if d, err := parseDebounce(opts.Debounce); err != nil {
				s.log.Warn("initializationOptions.debounce ignored", "error", err)
			} else {
				s.debounce = d
			}
		}
		switch opts.Diagnostics {
		case "":
		case "push":
			s.pull = false
		default:
			s.log.Warn(`initializationOptions.diagnostics ignored: the one value is "push"`, "value", opts.Diagnostics)
		}
	}
	client := "unknown"
	if p.ClientInfo != nil {
		client = p.ClientInfo.Name + " " + p.ClientInfo.Version
	}
	s.log.Info("initialize", "client", client, "encoding", s.enc.String(), "pull", s.pull, "debounce", s.debounce.String(), "roots", s.roots)
	s.state = stateRunning

	caps2 := protocol.ServerCapabilities{
		PositionEncoding: s.enc.Kind(),
		TextDocumentSync: &protocol.TextDocumentSyncOptions{
			OpenClose: true, Change: protocol.SyncIncremental, Save: &protocol.SaveOptions{},
		},
		HoverProvider:      true,
		CompletionProvider: &protocol.CompletionOptions{TriggerCharacters: []string{`"`, ":"}},
		CodeActionProvider: &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix}},
	}
	if s.pull {
		caps2.DiagnosticProvider = &protocol.DiagnosticOptions{Identifier: "seslint"}
	}
	version := s.opts.Version
	if version == "" {
		version = "dev"
	}
	return protocol.InitializeResult{Capabilities: caps2, ServerInfo: &protocol.ServerInfo{Name: "seslint", Version: version}}, nil
}

func parseDebounce(raw json.RawMessage) (time.Duration, error) {
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		d, err := time.ParseDuration(text)
		if err != nil || d < 0 {
			return 0, fmt.Errorf("%q is not a duration such as \"50ms\"", text)
		}
		return d, nil
	}
	var ms float64
	if err := json.Unmarshal(raw, &ms); err != nil || ms < 0 {
		return 0, fmt.Errorf("%s is not a duration or a number of milliseconds", raw)
	}
	return time.Duration(ms * float64(time.Millisecond)), nil
}

// initialized asks the client to report changes to config files, when it
// can watch files for the server.
func (s *Server) initialized() {
	if !s.watch {
		return
	}
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:     "seslint-config-watcher",
		Method: protocol.MethodDidChangeWatchedFiles,
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{
			Watchers: []protocol.FileSystemWatcher{{GlobPattern: "**/" + config.FileName}},
		},
	}}}
	s.sendRequest(protocol.MethodRegisterCapability, params)
}

// sendRequest sends a request to the client. Its answer is only logged.
func (s *Server) sendRequest(method string, params any) {
	s.mu.Lock()
	s.nextID++
	id := jsonrpc.StringID("seslint-" + strconv.FormatInt(s.nextID, 10))
	s.mu.Unlock()
	if err := s.conn.Request(id, method, params); err != nil {
		s.log.Error("cannot send a request", "method", method, "error", err)
	}
}

// notify sends a notification, logging a failure.
func (s *Server) notify(method string, params any) {
	if err := s.conn.Notify(method, params); err != nil {
		s.log.Error("cannot notify", "method", method, "error", err)
	}
}

// showMessage tells the user something went wrong that they can act on.
func (s *Server) showMessage(typ protocol.MessageType, format string, args ...any) {
	s.notify(protocol.MethodShowMessage, protocol.ShowMessageParams{Type: typ, Message: fmt.Sprintf(format, args...)})
}
