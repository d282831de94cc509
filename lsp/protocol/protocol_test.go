package protocol

import (
	"bytes"
	"encoding/json"
	"testing"
)

// compact removes insignificant space so expected JSON can be written legibly.
func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("bad expected JSON: %v", err)
	}
	return b.String()
}

// TestMarshalSpecNames writes fully populated values and compares them with
// JSON spelled as in the specification, so a wrong tag cannot slip through.
func TestMarshalSpecNames(t *testing.T) {
	version := int32(4)
	rng := Range{Start: Position{Line: 1, Character: 2}, End: Position{Line: 1, Character: 19}}
	diag := Diagnostic{
		Range:           rng,
		Severity:        SeverityWarning,
		Code:            "SES401",
		CodeDescription: &CodeDescription{Href: "https://seslint.dev/rules/SES401"},
		Source:          "seslint",
		Message:         `action "ses:SendEmails" does not exist; did you mean "ses:SendEmail"?`,
		Tags:            []DiagnosticTag{TagDeprecated},
		RelatedInformation: []DiagnosticRelatedInformation{{
			Location: Location{URI: "file:///p.json", Range: rng},
			Message:  "first defined here",
		}},
		Data: json.RawMessage(`{"fix":"ses:SendEmail"}`),
	}
	const diagJSON = `{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":19}},
		"severity":2,"code":"SES401","codeDescription":{"href":"https://seslint.dev/rules/SES401"},
		"source":"seslint","message":"action \"ses:SendEmails\" does not exist; did you mean \"ses:SendEmail\"?",
		"tags":[2],
		"relatedInformation":[{"location":{"uri":"file:///p.json","range":{"start":{"line":1,"character":2},"end":{"line":1,"character":19}}},"message":"first defined here"}],
		"data":{"fix":"ses:SendEmail"}}`

	tests := []struct {
		name  string
		value any
		want  string
	}{
		{"initialize result", InitializeResult{
			Capabilities: ServerCapabilities{
				PositionEncoding:   PositionEncodingUTF8,
				TextDocumentSync:   &TextDocumentSyncOptions{OpenClose: true, Change: SyncIncremental, Save: &SaveOptions{IncludeText: true}},
				HoverProvider:      true,
				CompletionProvider: &CompletionOptions{TriggerCharacters: []string{`"`, ":"}},
				CodeActionProvider: &CodeActionOptions{CodeActionKinds: []CodeActionKind{QuickFix}},
				DiagnosticProvider: &DiagnosticOptions{Identifier: "seslint"},
			},
			ServerInfo: &ServerInfo{Name: "seslint", Version: "0.1.0"},
		}, `{"capabilities":{"positionEncoding":"utf-8",
			"textDocumentSync":{"openClose":true,"change":2,"save":{"includeText":true}},
			"hoverProvider":true,"completionProvider":{"triggerCharacters":["\"",":"]},
			"codeActionProvider":{"codeActionKinds":["quickfix"]},
			"diagnosticProvider":{"identifier":"seslint","interFileDependencies":false,"workspaceDiagnostics":false}},
			"serverInfo":{"name":"seslint","version":"0.1.0"}}`},
		{"publish diagnostics", PublishDiagnosticsParams{URI: "file:///p.json", Version: &version, Diagnostics: []Diagnostic{diag}},
			`{"uri":"file:///p.json","version":4,"diagnostics":[` + diagJSON + `]}`},
		{"publish no diagnostics clears", PublishDiagnosticsParams{URI: "file:///p.json"},
			`{"uri":"file:///p.json","diagnostics":[]}`},
		{"pointer to publish params", &PublishDiagnosticsParams{URI: "file:///p.json"},
			`{"uri":"file:///p.json","diagnostics":[]}`},
		{"empty document report", DocumentDiagnosticReport{},
			`{"kind":"full","items":[]}`},
		{"document report", DocumentDiagnosticReport{ResultID: "7", Items: []Diagnostic{diag}},
			`{"kind":"full","resultId":"7","items":[` + diagJSON + `]}`},
		{"hover", Hover{Contents: MarkupContent{Kind: Markdown, Value: "**ses:SendEmail**"}, Range: &rng},
			`{"contents":{"kind":"markdown","value":"**ses:SendEmail**"},"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":19}}}`},
		{"completion list", CompletionList{Items: []CompletionItem{{
			Label: "ses:SendEmail", Kind: CompletionItemKindValue, Detail: "action",
			Documentation: &MarkupContent{Kind: PlainText, Value: "Sends an email."},
			SortText:      "a", FilterText: "SendEmail", InsertText: "ses:SendEmail", InsertTextFormat: InsertTextPlain,
			TextEdit: &TextEdit{Range: rng, NewText: `"ses:SendEmail"`},
		}}}, `{"isIncomplete":false,"items":[{"label":"ses:SendEmail","kind":12,"detail":"action",
			"documentation":{"kind":"plaintext","value":"Sends an email."},"sortText":"a","filterText":"SendEmail",
			"insertText":"ses:SendEmail","insertTextFormat":1,
			"textEdit":{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":19}},"newText":"\"ses:SendEmail\""}}]}`},
		{"empty completion list", CompletionList{IsIncomplete: true}, `{"isIncomplete":true,"items":[]}`},
		{"code action", CodeAction{
			Title: `replace with "ses:SendEmail"`, Kind: QuickFix, Diagnostics: []Diagnostic{diag}, IsPreferred: true,
			Edit: &WorkspaceEdit{Changes: map[DocumentURI][]TextEdit{
				"file:///b.json": {{Range: rng, NewText: "b"}},
				"file:///a.json": {{Range: rng, NewText: "a"}},
			}},
		}, `{"title":"replace with \"ses:SendEmail\"","kind":"quickfix","diagnostics":[` + diagJSON + `],"isPreferred":true,
			"edit":{"changes":{
				"file:///a.json":[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":19}},"newText":"a"}],
				"file:///b.json":[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":19}},"newText":"b"}]}}}`},
		{"log message", LogMessageParams{Type: MessageLog, Message: "m"}, `{"type":4,"message":"m"}`},
		{"show message", ShowMessageParams{Type: MessageError, Message: "m"}, `{"type":1,"message":"m"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if want := compact(t, tt.want); string(got) != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestDecodeClientMessages decodes parameters as clients send them.
func TestDecodeClientMessages(t *testing.T) {
	t.Run("initialize", func(t *testing.T) {
		const in = `{"processId":null,"clientInfo":{"name":"Visual Studio Code","version":"1.106.0"},"locale":"en",
			"rootUri":"file:///w","initializationOptions":{"failLevel":"warning"},
			"capabilities":{
				"workspace":{"workspaceFolders":true,"configuration":true,"didChangeWatchedFiles":{"dynamicRegistration":true}},
				"textDocument":{"hover":{"contentFormat":["markdown","plaintext"]},
					"completion":{"completionItem":{"snippetSupport":true,"documentationFormat":["markdown"]}},
					"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix"]}},"isPreferredSupport":true},
					"publishDiagnostics":{"relatedInformation":true,"versionSupport":true,"codeDescriptionSupport":true,"dataSupport":true},
					"diagnostic":{"dynamicRegistration":true,"relatedDocumentSupport":false},
					"somethingNew":{}},
				"general":{"positionEncodings":["utf-8","utf-16"]}},
			"trace":"off","workspaceFolders":[{"uri":"file:///w","name":"w"}]}`
		var p InitializeParams
		if err := json.Unmarshal([]byte(in), &p); err != nil {
			t.Fatal(err)
		}
		switch {
		case p.ProcessID != nil:
			t.Error("processId: null decoded as a number")
		case p.RootURI == nil || *p.RootURI != "file:///w":
			t.Errorf("rootUri: %v", p.RootURI)
		case string(p.InitializationOptions) != `{"failLevel":"warning"}`:
			t.Errorf("initializationOptions: %s", p.InitializationOptions)
		case p.Capabilities.General == nil || len(p.Capabilities.General.PositionEncodings) != 2 ||
			p.Capabilities.General.PositionEncodings[0] != PositionEncodingUTF8:
			t.Errorf("positionEncodings: %+v", p.Capabilities.General)
		case p.Capabilities.TextDocument.Diagnostic == nil:
			t.Error("pull diagnostics support lost")
		case !p.Capabilities.TextDocument.PublishDiagnostics.CodeDescriptionSupport:
			t.Error("codeDescriptionSupport lost")
		case p.Capabilities.TextDocument.CodeAction.CodeActionLiteralSupport == nil:
			t.Error("codeActionLiteralSupport lost")
		case len(p.WorkspaceFolders) != 1 || p.WorkspaceFolders[0].Name != "w":
			t.Errorf("workspaceFolders: %+v", p.WorkspaceFolders)
		case p.ClientInfo == nil || p.ClientInfo.Name != "Visual Studio Code":
			t.Errorf("clientInfo: %+v", p.ClientInfo)
		}
	})

	t.Run("didChange with and without range", func(t *testing.T) {
		const in = `{"textDocument":{"uri":"file:///p.json","version":3},"contentChanges":[
			{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":3}},"rangeLength":2,"text":"📧"},
			{"text":"{}"}]}`
		var p DidChangeTextDocumentParams
		if err := json.Unmarshal([]byte(in), &p); err != nil {
			t.Fatal(err)
		}
		if p.TextDocument.Version != 3 || len(p.ContentChanges) != 2 {
			t.Fatalf("%+v", p)
		}
		if c := p.ContentChanges[0]; c.Range == nil || c.Range.End.Character != 3 || c.Text != "📧" {
			t.Errorf("incremental change: %+v", c)
		}
		if c := p.ContentChanges[1]; c.Range != nil || c.Text != "{}" {
			t.Errorf("full change: %+v", c)
		}
	})

	t.Run("code action with foreign integer codes", func(t *testing.T) {
		const in = `{"textDocument":{"uri":"file:///p.json"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},
			"context":{"diagnostics":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"code":519,"message":"json"},
				{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"code":"SES401","message":"ours","data":[1]}],
				"only":["quickfix"],"triggerKind":1}}`
		var p CodeActionParams
		if err := json.Unmarshal([]byte(in), &p); err != nil {
			t.Fatal(err)
		}
		d := p.Context.Diagnostics
		if len(d) != 2 || d[0].Code != "519" || d[1].Code != "SES401" || string(d[1].Data) != "[1]" {
			t.Errorf("diagnostics: %+v", d)
		}
		if len(p.Context.Only) != 1 || p.Context.Only[0] != QuickFix || p.Context.TriggerKind != CodeActionInvoked {
			t.Errorf("context: %+v", p.Context)
		}
	})

	t.Run("a code that is neither integer nor string", func(t *testing.T) {
		var d Diagnostic
		if err := json.Unmarshal([]byte(`{"code":1.5,"message":"m"}`), &d); err == nil {
			t.Errorf("code 1.5 decoded as %q", d.Code)
		}
	})

	t.Run("position requests", func(t *testing.T) {
		const in = `{"textDocument":{"uri":"file:///p.json"},"position":{"line":4,"character":17},"context":{"triggerKind":2,"triggerCharacter":"\""}}`
		var c CompletionParams
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			t.Fatal(err)
		}
		if c.TextDocument.URI != "file:///p.json" || c.Position != (Position{Line: 4, Character: 17}) ||
			c.Context == nil || c.Context.TriggerKind != CompletionTriggerCharacter || c.Context.TriggerCharacter != `"` {
			t.Errorf("completion params: %+v", c)
		}
		var h HoverParams
		if err := json.Unmarshal([]byte(in), &h); err != nil || h.Position.Character != 17 {
			t.Errorf("hover params: %+v, %v", h, err)
		}
	})

	t.Run("notifications", func(t *testing.T) {
		var open DidOpenTextDocumentParams
		if err := json.Unmarshal([]byte(`{"textDocument":{"uri":"file:///p.json","languageId":"json","version":1,"text":"{\"Sid\": \"Allow📧Send\"}"}}`), &open); err != nil ||
			open.TextDocument.LanguageID != "json" || open.TextDocument.Text != `{"Sid": "Allow📧Send"}` {
			t.Errorf("didOpen: %+v, %v", open, err)
		}
		var save DidSaveTextDocumentParams
		if err := json.Unmarshal([]byte(`{"textDocument":{"uri":"file:///p.json"},"text":""}`), &save); err != nil || save.Text == nil {
			t.Errorf("didSave: an empty text must differ from no text: %+v, %v", save, err)
		}
		var files DidChangeWatchedFilesParams
		if err := json.Unmarshal([]byte(`{"changes":[{"uri":"file:///w/.seslint.yaml","type":2}]}`), &files); err != nil ||
			len(files.Changes) != 1 || files.Changes[0].Type != FileChanged {
			t.Errorf("didChangeWatchedFiles: %+v, %v", files, err)
		}
		var cfg DidChangeConfigurationParams
		if err := json.Unmarshal([]byte(`{"settings":{"seslint":{"failLevel":"error"}}}`), &cfg); err != nil ||
			string(cfg.Settings) != `{"seslint":{"failLevel":"error"}}` {
			t.Errorf("didChangeConfiguration: %+v, %v", cfg, err)
		}
		var pull DocumentDiagnosticParams
		if err := json.Unmarshal([]byte(`{"textDocument":{"uri":"file:///p.json"},"identifier":"seslint","previousResultId":"6"}`), &pull); err != nil ||
			pull.Identifier != "seslint" || pull.PreviousResultID != "6" {
			t.Errorf("diagnostic params: %+v, %v", pull, err)
		}
		var cancel CancelParams
		if err := json.Unmarshal([]byte(`{"id":"r7"}`), &cancel); err != nil || string(cancel.ID) != `"r7"` {
			t.Errorf("cancel params: %+v, %v", cancel, err)
		}
	})
}
