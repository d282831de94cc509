package server

import (
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/terraform"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/protocol"
)

func (s *Server) didOpen(p protocol.DidOpenTextDocumentParams) {
	doc := s.docs.Open(p.TextDocument)
	s.log.Debug("open", "uri", doc.URI, "version", doc.Version, "bytes", len(doc.Text))
	// The first diagnostics should not wait for a pause in typing.
	s.publishNow(doc.URI)
}

func (s *Server) didChange(p protocol.DidChangeTextDocumentParams) {
	doc, err := s.docs.Apply(p)
	if err != nil {
		// The client now holds text the server does not. Keep the last good
		// text and say how to get back in step.
		s.log.Warn("change refused", "error", err)
		s.showMessage(protocol.MessageWarning, "seslint could not apply an edit (%v); close and reopen the file to resynchronise", err)
		return
	}
	s.schedule(doc.URI)
}

func (s *Server) didSave(p protocol.DidSaveTextDocumentParams) {
	if isConfigFile(p.TextDocument.URI) {
		s.reloadConfig("config saved")
		return
	}
	if _, ok := s.docs.Get(p.TextDocument.URI); ok {
		s.publishNow(p.TextDocument.URI)
	}
}

func (s *Server) didClose(p protocol.DidCloseTextDocumentParams) {
	uri := p.TextDocument.URI
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.timers[uri]; ok {
		t.Stop()
		delete(s.timers, uri)
	}
	delete(s.results, uri)
	s.docs.Close(uri)
	s.paths.forget(uri)
	if s.published[uri] {
		delete(s.published, uri)
		s.sendDiagnostics(protocol.PublishDiagnosticsParams{URI: uri})
	}
}

func (s *Server) didChangeWatchedFiles(p protocol.DidChangeWatchedFilesParams) {
	for _, c := range p.Changes {
		if isConfigFile(c.URI) {
			s.reloadConfig("config file changed: " + string(c.URI))
			return
		}
	}
}

func (s *Server) didChangeConfiguration(protocol.DidChangeConfigurationParams) {
	s.reloadConfig("configuration changed")
}

// reloadConfig forgets every loaded config and lints every open document
// again with what is on disk now.
func (s *Server) reloadConfig(reason string) {
	s.log.Info("reloading configs", "reason", reason)
	failed := s.configs.Reload()
	s.mu.Lock()
	s.gen++
	clear(s.cfgShown)
	if !s.pull {
		for _, p := range failed {
			s.sendDiagnostics(protocol.PublishDiagnosticsParams{URI: pathURI(p)})
		}
	}
	s.mu.Unlock()
	if s.pull {
		if s.refresh {
			s.sendRequest(protocol.MethodWorkspaceDiagnosticRefresh, nil)
		}
		return
	}
	for _, uri := range s.docs.URIs() {
		s.publishNow(uri)
	}
}

// A unitSource turns the text of an open document into the inputs of one
// lint: the single place that knows file types. internal/lint parses each
// input and builds its units (a policy, the policy inside a
// PutIdentityPolicy request, the policies of a Terraform module).
type unitSource struct {
	name string
	// match reports whether the source reads a document, by its path (or
	// URI, for a document that is not a file) and language ID.
	match func(name, languageID string) bool
	// included reports whether the config has a file of this kind linted.
	included func(cfg *config.Config, path string) bool
	inputs   func(name string, text []byte) []lint.Input
}

// unitSources are tried in order.
var unitSources = []unitSource{
	{name: "json", match: isJSON, included: (*config.Config).Included, inputs: walkedInput},
	{name: "terraform", match: isTerraform, included: (*config.Config).Included, inputs: walkedInput},
}

// walkedInput lints a document as a file found by walking a folder:
// unless the config names include globs, a JSON file that is not a policy
// or a request, or a .tf file that declares no SES policy, is skipped.
func walkedInput(name string, text []byte) []lint.Input {
	return []lint.Input{{Path: name, Text: text, Walked: true}}
}

// isTerraform matches the .tf files of a module on disk: the other files
// of the module are read from it.
func isTerraform(name, _ string) bool {
	return terraform.IsSource(name) && filepath.IsAbs(name)
}

func isJSON(name, languageID string) bool {
	switch languageID {
	case "json", "jsonc":
		return true
	}
	return strings.EqualFold(filepath.Ext(name), ".json")
}

// neverLinted are files that may match a config's include globs but are
// never policies.
var neverLinted = []string{
	"package.json", "package-lock.json", "tsconfig.json",
	"jsconfig.json", "composer.json", "composer.lock",
}

// isNeverLinted compares without regard to case. An ASCII name (all but
// never another) is compared with EqualFold, which for ASCII is the same as
// comparing it lowered, without a lowered copy at every lint.
func isNeverLinted(name string) bool {
	base := filepath.Base(name)
	same := strings.EqualFold
	for i := range len(base) {
		if base[i] >= utf8.RuneSelf {
			base = strings.ToLower(base)
			same = func(a, b string) bool { return a == b }
			break
		}
	}
	for _, n := range neverLinted {
		if same(base, n) {
			return true
		}
	}
	const prefix, suffix = "tsconfig.", ".json"
	return len(base) >= len(prefix) && same(base[:len(prefix)], prefix) &&
		len(base) >= len(suffix) && same(base[len(base)-len(suffix):], suffix)
}

// inputsFor returns what to lint for an open document, or nothing. A file
// is linted when the config includes it (the defaults include every
// **/*.json, and every .tf, outside node_modules, .git and .terraform); a
// document that is not a file (an unsaved buffer) when it looks like a
// policy.
func inputsFor(doc document.Document, path string, cfg *config.Config) []lint.Input {
	name := path
	if name == "" {
		name = string(doc.URI)
	}
	if isNeverLinted(name) {
		return nil
	}
	for _, src := range unitSources {
		if !src.match(name, doc.LanguageID) {
			continue
		}
		if path != "" && !src.included(cfg, path) {
			return nil
		}
		return src.inputs(name, doc.Text)
	}
	return nil
}

// rootFor returns the workspace folder holding path, or else the root of
// the file system: where the default include and exclude globs are
// anchored. (Anchored at the file's own folder, **/node_modules/** could
// never match.)
func (s *Server) rootFor(path string) string {
	if path == "" {
		return ""
	}
	for _, r := range s.roots {
		if rel, err := filepath.Rel(r, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return r
		}
	}
	return filepath.VolumeName(path) + string(filepath.Separator)
}
