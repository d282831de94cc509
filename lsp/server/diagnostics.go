package server

import (
	"strconv"
	"sync"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
	"github.com/seslint/seslint/rules"
)

// lintResult is the outcome of linting one version of a document.
type lintResult struct {
	version int32
	gen     uint64
	text    []byte // the text that was linted; spans index into it
	path    string // the path the document was linted as, or ""
	// linted is false when the document is not one seslint lints (not
	// included by the config, not JSON, or not a policy).
	linted bool
	// findings are the document's own findings, suppressed ones left out:
	// an ignore in .seslint.yaml hides a finding in the editor as it does
	// in the command line's text output.
	findings []finding.Finding
}

// result returns the lint result of the document's current version,
// linting it unless the last result still holds.
func (s *Server) result(doc document.Document) *lintResult {
	s.mu.Lock()
	r, gen := s.results[doc.URI], s.gen
	s.mu.Unlock()
	if r != nil && r.version == doc.Version && r.gen == gen && sameText(r.text, doc.Text) {
		return r
	}
	r = s.lint(doc, gen)
	s.mu.Lock()
	if cur, ok := s.docs.Get(doc.URI); ok && cur.Version == doc.Version && r.gen == s.gen {
		s.results[doc.URI] = r
	}
	s.mu.Unlock()
	return r
}

// sameText reports whether two snapshots are the same text. Documents are
// never changed in place, so the same backing array means the same text.
func sameText(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// lint runs internal/lint on a document, exactly as the command line would
// on the same file with the same config.
func (s *Server) lint(doc document.Document, gen uint64) *lintResult {
	r := &lintResult{version: doc.Version, gen: gen, text: doc.Text}
	path, _ := s.paths.get(doc.URI)
	cfg, engine, cfgPath, err := s.configs.For(path, s.rootFor(path))
	if err != nil {
		s.showConfigError(cfgPath, err)
	}
	inputs := inputsFor(doc, path, cfg)
	if len(inputs) == 0 {
		return r
	}
	r.path = inputs[0].Path
	res := lint.Lint(inputs, lint.Options{Config: cfg, Engine: engine, Jobs: 1})
	for _, f := range res.Files {
		if f.Path == r.path {
			r.linted = true
		}
	}
	// Filtered in place: res is ours alone.
	r.findings = res.Findings[:0]
	for _, f := range res.Findings {
		// Findings on other files (an unused ignore in the config) belong
		// to a whole run of the command line, not to this document.
		if f.File == r.path && f.Suppressed == nil {
			r.findings = append(r.findings, f)
		}
	}
	if len(r.findings) == 0 {
		r.findings = nil
	}
	return r
}

// showConfigError tells the user, once per reload, that a config file did
// not load, and (when diagnostics are pushed) marks the errors in the file.
func (s *Server) showConfigError(cfgPath string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfgShown[cfgPath] {
		return
	}
	s.cfgShown[cfgPath] = true
	s.log.Warn("config did not load", "path", cfgPath, "error", err)
	s.showMessage(protocol.MessageError, "seslint: %s is not valid; linting with the last good config or the defaults: %v", cfgPath, err)
	if !s.pull {
		s.sendDiagnostics(protocol.PublishDiagnosticsParams{URI: pathURI(cfgPath), Diagnostics: configDiagnostics(err)})
	}
}

// diagnostics converts a result's findings into diagnostics, with ranges in
// the negotiated encoding.
func (s *Server) diagnostics(uri protocol.DocumentURI, r *lintResult) []protocol.Diagnostic {
	if len(r.findings) == 0 {
		return []protocol.Diagnostic{}
	}
	out := make([]protocol.Diagnostic, 0, len(r.findings))
	// One allocation for every diagnostic's link rather than one each.
	links := make([]protocol.CodeDescription, len(r.findings))
	x := document.NewIndex(r.text, s.enc)
	for i := range r.findings {
		out = append(out, diagnostic(uri, x, &r.findings[i], &links[i]))
	}
	return out
}

// diagnostic converts a finding; link is where its CodeDescription goes.
func diagnostic(uri protocol.DocumentURI, x *document.Index, f *finding.Finding, link *protocol.CodeDescription) protocol.Diagnostic {
	d := protocol.Diagnostic{
		Range:    x.Range(f.Span.Start, f.Span.End),
		Severity: severity(f.Severity),
		Code:     protocol.IntegerOrString(f.RuleID),
		Source:   "seslint",
		Message:  f.Message,
	}
	if href, ok := helpURI(f.RuleID); ok {
		link.Href = href
		d.CodeDescription = link
	}
	for _, rel := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: uri, Range: x.Range(rel.Span.Start, rel.Span.End)},
			Message:  rel.Message,
		})
	}
	return d
}

func severity(s finding.Severity) protocol.DiagnosticSeverity {
	switch s {
	case finding.Error:
		return protocol.SeverityError
	case finding.Warning:
		return protocol.SeverityWarning
	}
	return protocol.SeverityInformation
}

// helpURIs maps each rule's ID to its documentation, built once: looking
// a rule up scans the registry, and each HelpURI call builds a string.
var helpURIs = sync.OnceValue(func() map[string]protocol.URI {
	m := make(map[string]protocol.URI, len(rules.All()))
	for _, r := range rules.All() {
		m[r.ID] = protocol.URI(r.HelpURI())
	}
	return m
})

// helpURI returns the documentation of the rule a finding names.
func helpURI(ruleID string) (protocol.URI, bool) {
	if u, ok := helpURIs()[ruleID]; ok {
		return u, true
	}
	if rule, ok := rules.Lookup(ruleID); ok { // not by its exact ID
		return protocol.URI(rule.HelpURI()), true
	}
	return "", false
}

// schedule lints a document after the debounce pause, replacing a lint
// already scheduled for it. With no pause it lints at once.
func (s *Server) schedule(uri protocol.DocumentURI) {
	if s.pull {
		return // the client asks when it wants them
	}
	if s.debounce <= 0 {
		s.publishNow(uri)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.timers[uri]; ok {
		t.Stop()
	}
	p := new(pendingTimer)
	p.Timer = s.clock.AfterFunc(s.debounce, func() {
		s.mu.Lock()
		if s.timers[uri] == p {
			delete(s.timers, uri)
		}
		s.mu.Unlock()
		s.publishNow(uri)
	})
	s.timers[uri] = p
}

// pendingTimer gives each scheduled lint an identity of its own.
type pendingTimer struct{ Timer }

func (s *Server) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for uri, t := range s.timers {
		t.Stop()
		delete(s.timers, uri)
	}
}

// publishNow lints the document as it is and publishes the diagnostics,
// unless it changed, closed or the configs reloaded meanwhile: a newer lint
// is then on its way, and publishing this one could overwrite it.
func (s *Server) publishNow(uri protocol.DocumentURI) {
	if s.pull {
		return
	}
	doc, ok := s.docs.Get(uri)
	if !ok {
		return
	}
	r := s.result(doc)
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.docs.Get(uri)
	if !ok || cur.Version != doc.Version || !sameText(cur.Text, doc.Text) || r.gen != s.gen {
		return
	}
	if !r.linted {
		// Clear what an earlier version left (it looked like a policy then).
		if s.published[uri] {
			delete(s.published, uri)
			v := doc.Version
			s.sendDiagnostics(protocol.PublishDiagnosticsParams{URI: uri, Version: &v})
		}
		return
	}
	s.published[uri] = true
	v := doc.Version
	s.sendDiagnostics(protocol.PublishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: s.diagnostics(uri, r)})
}

// sendDiagnostics writes a publishDiagnostics notification. Callers hold
// s.mu, which keeps publications in the order their lints were checked.
func (s *Server) sendDiagnostics(p protocol.PublishDiagnosticsParams) {
	s.notify(protocol.MethodPublishDiagnostics, p)
	if s.opts.OnPublish != nil {
		s.opts.OnPublish(p)
	}
}

// pullDiagnostics answers textDocument/diagnostic. A document that is not
// open, or not linted, has no diagnostics.
func (s *Server) pullDiagnostics(p protocol.DocumentDiagnosticParams) (any, *jsonrpc.Error) {
	doc, ok := s.docs.Get(p.TextDocument.URI)
	if !ok {
		return protocol.DocumentDiagnosticReport{}, nil
	}
	r := s.result(doc)
	return protocol.DocumentDiagnosticReport{
		ResultID: strconv.FormatUint(r.gen, 10) + "." + strconv.FormatInt(int64(r.version), 10),
		Items:    s.diagnostics(doc.URI, r),
	}, nil
}
