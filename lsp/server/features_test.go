package server

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
)

// at returns the position of the n-th (from 0) occurrence of sub in text,
// plus extra bytes, in enc.
func at(t *testing.T, text, sub string, n, extra int, enc document.Encoding) protocol.Position {
	t.Helper()
	i := -1
	for range n + 1 {
		j := strings.Index(text[i+1:], sub)
		if j < 0 {
			t.Fatalf("%q not found %d times", sub, n+1)
		}
		i += 1 + j
	}
	return document.PositionOf([]byte(text), i+extra, enc)
}

const hoverPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "Send📧",
    "Effect": "allow",
    "Principal": {"AWS": "111122223333", "Service": "cognito-idp.amazonaws.com"},
    "Action": ["ses:SendEmail", "ses:Send*"],
    "Resource": "arn:aws:ses:us-east-1:444455556666:identity/example.com",
    "Condition": {"StringEqualsIfExists": {"ses:FromAddress": "a@example.com", "AWS:SourceAccount": "111122223333"}}
  }]
}
`

func hoverText(t *testing.T, c *client, uri protocol.DocumentURI, pos protocol.Position) (string, *protocol.Range) {
	t.Helper()
	m := c.call(protocol.MethodHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: pos,
	}})
	if m.Error != nil {
		t.Fatalf("hover at %v: %v", pos, m.Error)
	}
	if string(m.Result) == "null" {
		return "", nil
	}
	var h protocol.Hover
	if err := json.Unmarshal(m.Result, &h); err != nil {
		t.Fatal(err)
	}
	if h.Contents.Kind != protocol.Markdown {
		t.Errorf("hover kind %q", h.Contents.Kind)
	}
	return h.Contents.Value, h.Range
}

func TestHover(t *testing.T) {
	inEachEncoding(t, Options{Engine: onlyRules("SES003")}, func(t *testing.T, enc document.Encoding, c *client, uri func(string) protocol.DocumentURI) {
		u := uri("p.json")
		c.open(u, hoverPolicy)
		c.waitPublish(u)
		tests := []struct {
			name      string
			pos       protocol.Position
			want      []string
			wantRange string // the token under the cursor, "" to skip
		}{
			{"finding", at(t, hoverPolicy, `"allow"`, 0, 3, enc), []string{"**SES003 invalid-structure** (error)", "## Why it matters", "SES003.md"}, `"allow"`},
			{"action", at(t, hoverPolicy, "ses:SendEmail", 0, 4, enc), []string{"**ses:SendEmail**", "access level Write", "identity policy can grant it", "`ses:FromAddress`"}, `"ses:SendEmail"`},
			{"wildcard action", at(t, hoverPolicy, "ses:Send*", 0, 8, enc), []string{"matches", "`ses:SendRawEmail`"}, `"ses:Send*"`},
			{"operator", at(t, hoverPolicy, "StringEqualsIfExists", 0, 0, enc), []string{"**StringEqualsIfExists**", "Compares strings", "`IfExists`"}, `"StringEqualsIfExists"`},
			{"condition key", at(t, hoverPolicy, "ses:FromAddress", 0, 2, enc), []string{"**ses:FromAddress**", "type String", "`ses:SendEmail`"}, `"ses:FromAddress"`},
			{"wrong-case key", at(t, hoverPolicy, "AWS:SourceAccount", 0, 5, enc), []string{"aws:SourceAccount", "Write it as `aws:SourceAccount`"}, ""},
			{"principal type", at(t, hoverPolicy, `"AWS"`, 0, 1, enc), []string{"**AWS**", "account"}, `"AWS"`},
			{"service principal key", at(t, hoverPolicy, `"Service"`, 0, 1, enc), []string{"**Service**", "`cognito-idp.amazonaws.com`", "aws:SourceArn"}, ""},
			{"service principal", at(t, hoverPolicy, `cognito-idp`, 0, 1, enc), []string{"service principal documented with SES"}, ""},
		}
		for _, tt := range tests {
			text, r := hoverText(t, c, u, tt.pos)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s: hover lacks %q:\n%s", tt.name, w, text)
				}
			}
			if tt.wantRange != "" {
				want := document.RangeOf([]byte(hoverPolicy), strings.Index(hoverPolicy, tt.wantRange), strings.Index(hoverPolicy, tt.wantRange)+len(tt.wantRange), enc)
				if r == nil || *r != want {
					t.Errorf("%s: range %v, want %s", tt.name, r, rangeString(want))
				}
			}
		}
		// Nothing to say: between tokens, out of range, inside the
		// emoji, and in a document that is not open.
		for _, pos := range []protocol.Position{
			{Line: 0, Character: 0},
			{Line: 500, Character: 3},
			{Line: 1, Character: 900},
		} {
			if text, _ := hoverText(t, c, u, pos); text != "" {
				t.Errorf("hover at %v: %q", pos, text)
			}
		}
		if enc == document.UTF16 {
			inside := at(t, hoverPolicy, "📧", 0, 0, enc)
			inside.Character++
			hoverText(t, c, u, inside) // no error, whatever it says
		}
		if text, _ := hoverText(t, c, uri("closed.json"), protocol.Position{}); text != "" {
			t.Errorf("hover in an unopened document: %q", text)
		}
		c.shutdown()
	})
}

// TestHoverEmbedded hovers inside the Policy string of a PutIdentityPolicy
// request, where file offsets and policy offsets differ.
func TestHoverEmbedded(t *testing.T) {
	_, uri := workspace(t, nil)
	c := newClient(t, Options{Engine: onlyRules("SES003")})
	c.initialize(protocol.ClientCapabilities{})
	text := `{"Identity": "example.com", "PolicyName": "P📧", "Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"ses:SendRawEmail\", \"Resource\": \"*\"}]}"}`
	u := uri("request.json")
	c.open(u, text)
	c.waitPublish(u)
	got, r := hoverText(t, c, u, at(t, text, "ses:SendRawEmail", 0, 3, document.UTF16))
	if !strings.Contains(got, "**ses:SendRawEmail**") {
		t.Errorf("hover in an embedded policy: %q", got)
	}
	i := strings.Index(text, `\"ses:SendRawEmail\"`)
	if want := document.RangeOf([]byte(text), i, i+len(`\"ses:SendRawEmail\"`), document.UTF16); r == nil || *r != want {
		t.Errorf("range %v, want %s", r, rangeString(want))
	}
	c.shutdown()
}

func labels(items []protocol.CompletionItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

// TestCompletion asks for completion in half-typed policies: the text
// after the cursor is cut off, as it is while typing.
func TestCompletion(t *testing.T) {
	_, uri := workspace(t, nil)
	c := newClient(t, Options{})
	c.initialize(protocol.ClientCapabilities{TextDocument: &protocol.TextDocumentClientCapabilities{
		Completion: &protocol.CompletionClientCapabilities{CompletionItem: &protocol.CompletionItemClientCapabilities{SnippetSupport: true}},
	}})
	stmt := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"📧\", "
	tests := []struct {
		name     string
		text     string // the cursor is at the end
		want     []string
		not      []string
		newText  string // of the item labelled want[0]
		replaced string // the text the edit replaces
	}{
		{"top-level key", "{\n  \"", []string{"Version", "Statement"}, []string{"Allow"}, "Version", ""},
		{"version", "{\n  \"Version\": \"20", []string{"2012-10-17", "2008-10-17"}, nil, "2012-10-17", "20"},
		{"version unquoted", "{\n  \"Version\": ", []string{"2012-10-17"}, nil, `"2012-10-17"`, ""},
		{"statement key", stmt + "\"Ef", []string{"Effect", "Action", "Condition"}, []string{"Version"}, "Effect", "Ef"},
		{"effect", stmt + "\"Effect\": \"", []string{"Allow", "Deny"}, nil, "Allow", ""},
		{"effect bare word", stmt + "\"Effect\": Al", []string{"Allow"}, nil, `"Allow"`, "Al"},
		{"action", stmt + "\"Effect\": \"Allow\", \"Action\": \"ses:Se", []string{"ses:SendEmail", "ses:SendRawEmail"}, []string{"Allow"}, "ses:SendEmail", "ses:Se"},
		{"action in a list", stmt + "\"Action\": [\"ses:SendEmail\", \"", []string{"ses:SendRawEmail"}, nil, "ses:SendRawEmail", ""},
		{"statement as an object", "{\"Statement\": {\"NotAction\": [\"", []string{"ses:SendEmail"}, nil, "ses:SendEmail", ""},
		{"principal key", stmt + "\"Principal\": {\"", []string{"AWS", "Service"}, nil, "AWS", ""},
		{"service principal", stmt + "\"Principal\": {\"Service\": \"", []string{"cognito-idp.amazonaws.com", "email.cognito-idp.amazonaws.com"}, nil, "cognito-idp.amazonaws.com", ""},
		{"operator", stmt + "\"Condition\": {\"Str", []string{"StringEquals", "StringLikeIfExists", "ForAnyValue:StringEquals"}, []string{"aws:SourceAccount"}, "StringEquals", "Str"},
		{"condition key", stmt + "\"Condition\": {\"StringEquals\": {\"aws:", []string{"aws:SourceAccount", "ses:FromAddress", "aws:ResourceTag/${TagKey}"}, []string{"StringEquals"}, "aws:SourceAccount", "aws:"},
		{"tag key snippet", stmt + "\"Condition\": {\"StringEquals\": {\"aws:", []string{"aws:ResourceTag/${TagKey}"}, nil, "aws:ResourceTag/${1:TagKey}", "aws:"},
		{"bool value", stmt + "\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"", []string{"true", "false"}, nil, "true", ""},
		{"second condition key", stmt + "\"Condition\": {\"StringEquals\": {\"ses:FromAddress\": \"a@b.c\", \"", []string{"ses:FromDisplayName"}, nil, "ses:FromDisplayName", ""},
		{"resource", stmt + "\"Resource\": \"", []string{"arn:aws:ses:REGION:ACCOUNT:identity/example.com"}, nil, "arn:${1:aws}:ses:${2:us-east-1}:${3:111122223333}:identity/${4:example.com}", ""},
		{"after a complete value", stmt + "\"Effect\": \"Allow\"", nil, []string{"Allow", "Effect"}, "", ""},
		{"inside a Sid", stmt[:len(stmt)-5], nil, []string{"Allow", "Effect"}, "", ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := uri(fmt.Sprintf("example.com/P%d.json", i))
			// The rest of the document follows the cursor, broken, as
			// while typing.
			full := tt.text + "\n  ]\n}\n"
			c.open(u, full)
			pos := document.PositionOf([]byte(full), len(tt.text), document.UTF16)
			var list protocol.CompletionList
			c.result(protocol.MethodCompletion, protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
				TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos,
			}}, &list)
			got := labels(list.Items)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q in %v", w, got)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("unexpected %q", n)
				}
			}
			if len(tt.want) == 0 {
				if len(got) != 0 {
					t.Errorf("got %v, want nothing", got)
				}
				return
			}
			item := list.Items[slices.Index(got, tt.want[len(tt.want)-1])]
			if tt.name != "tag key snippet" {
				item = list.Items[slices.Index(got, tt.want[0])]
			}
			if item.TextEdit == nil || item.TextEdit.NewText != tt.newText {
				t.Fatalf("edit of %q: %+v, want new text %q", item.Label, item.TextEdit, tt.newText)
			}
			start, _ := document.OffsetOf([]byte(full), item.TextEdit.Range.Start, document.UTF16)
			end, _ := document.OffsetOf([]byte(full), item.TextEdit.Range.End, document.UTF16)
			if replaced := full[start:end]; replaced != tt.replaced || end != len(tt.text) {
				t.Errorf("replaces %q up to %d, want %q up to %d", replaced, end, tt.replaced, len(tt.text))
			}
		})
	}
	// Documents that get no completion.
	for name, lang := range map[string]string{"package.json": "json", "notes.txt": "plaintext"} {
		u := uri(name)
		text := `{"Statement": [{"`
		c.notify(protocol.MethodDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: lang, Version: 1, Text: text}})
		var list protocol.CompletionList
		c.result(protocol.MethodCompletion, protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 0, Character: uint32(len(text))},
		}}, &list)
		if len(list.Items) != 0 {
			t.Errorf("%s: %v", name, labels(list.Items))
		}
	}
	var list protocol.CompletionList
	c.result(protocol.MethodCompletion, protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri("nope.json")},
	}}, &list)
	if len(list.Items) != 0 {
		t.Errorf("completion in an unopened document: %v", labels(list.Items))
	}
	c.shutdown()
}

// TestCompletionNoSnippets checks the plain skeleton for clients without
// snippets.
func TestCompletionNoSnippets(t *testing.T) {
	_, uri := workspace(t, nil)
	c := newClient(t, Options{})
	c.initialize(protocol.ClientCapabilities{})
	text := "{\"Statement\": [{\"Resource\": \""
	u := uri("alerts@example.org/P.json")
	c.open(u, text)
	var list protocol.CompletionList
	c.result(protocol.MethodCompletion, protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Character: uint32(len(text))},
	}}, &list)
	if len(list.Items) != 1 || list.Items[0].TextEdit.NewText != "arn:aws:ses:REGION:ACCOUNT:identity/alerts@example.org" ||
		list.Items[0].InsertTextFormat != protocol.InsertTextPlain {
		t.Errorf("%+v", list.Items)
	}
	c.shutdown()
}

// TestCodeAction asks for the quick fixes on the emoji line, applies the
// one for "allow" as a client would, and checks the finding goes away.
func TestCodeAction(t *testing.T) {
	inEachEncoding(t, Options{Engine: onlyRules("SES002", "SES003")}, func(t *testing.T, enc document.Encoding, c *client, uri func(string) protocol.DocumentURI) {
		u := uri("p.json")
		d := c.open(u, badPolicy)
		p := c.waitPublish(u)
		effect := find(p.Diagnostics, "SES003")
		var actions []protocol.CodeAction
		c.result(protocol.MethodCodeAction, protocol.CodeActionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: u},
			Range:        effect.Range,
			Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{*effect}},
		}, &actions)
		if len(actions) != 1 {
			t.Fatalf("actions: %+v", actions)
		}
		a := actions[0]
		if a.Kind != protocol.QuickFix || !a.IsPreferred || a.Title != `Change to "Allow" (SES003)` ||
			len(a.Diagnostics) != 1 || a.Diagnostics[0].Range != effect.Range {
			t.Errorf("action: %+v", a)
		}
		edits := a.Edit.Changes[u]
		if len(edits) != 1 || edits[0].Range != badPolicyRanges[enc]["SES003"] || edits[0].NewText != `"Allow"` {
			t.Fatalf("edits: %+v", edits)
		}
		// Only quick fixes in a range that holds no finding: none.
		c.result(protocol.MethodCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: rng(0, 0, 0, 1)}, &actions)
		if len(actions) != 0 {
			t.Errorf("actions away from findings: %+v", actions)
		}
		c.result(protocol.MethodCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: effect.Range,
			Context: protocol.CodeActionContext{Only: []protocol.CodeActionKind{"refactor"}}}, &actions)
		if len(actions) != 0 {
			t.Errorf("actions when only refactorings are asked for: %+v", actions)
		}

		d.edit(enc, edits...)
		p = c.waitPublish(u)
		if find(p.Diagnostics, "SES003") != nil || !strings.Contains(string(d.text), `"Effect": "Allow"`) {
			t.Errorf("after the fix:\n%s\n%s", summary(p.Diagnostics), d.text)
		}
		if find(p.Diagnostics, "SES002") == nil {
			t.Error("the fix removed another finding")
		}
		c.result(protocol.MethodCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri("closed.json")}}, &actions)
		if len(actions) != 0 {
			t.Errorf("actions in an unopened document: %+v", actions)
		}
		c.shutdown()
	})
}

func rawFrame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// TestRobustness sends what a broken client might, and checks the server
// answers or ignores each and keeps serving.
func TestRobustness(t *testing.T) {
	_, uri := workspace(t, nil)
	c := newClient(t, Options{})
	c.initialize(protocol.ClientCapabilities{})
	frames := []string{
		"Content-Length: 5\r\n\r\n{oops",                   // invalid JSON
		"Content-Length: nine\r\n\r\n{}",                   // bad length
		"Content-Type: application/json\r\n\r\n{}",         // missing length
		"Content-Length: 9223372036854775807\r\n\r\n{}",    // a huge length
		"Content-Length: 2\r\n\r\n[]",                      // a batch
		rawFrame(`{"jsonrpc":"2.0","id":{},"method":"x"}`), // bad id
	}
	for _, f := range frames {
		if _, err := c.raw.Write([]byte(f)); err != nil {
			t.Fatal(err)
		}
		c.sync() // still serving
	}
	var answered int
	for _, m := range c.drain() {
		if m.IsResponse() && m.Error != nil {
			answered++
		}
	}
	if answered != len(frames) {
		t.Errorf("%d of %d malformed frames answered with an error", answered, len(frames))
	}

	// Documents that are not JSON, or barely.
	for name, text := range map[string]string{
		"a.json": "not JSON at all 📧",
		"b.json": "",
		"c.json": "\xff\xfe{\"Statement\"",
		"d.json": strings.Repeat("[", 10000),
	} {
		u := uri(name)
		c.open(u, text)
		c.waitPublish(u)
		pos := protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 0, Character: 3}}
		for _, method := range []string{protocol.MethodHover, protocol.MethodCompletion} {
			if m := c.call(method, protocol.HoverParams{TextDocumentPositionParams: pos}); m.Error != nil {
				t.Errorf("%s in %s: %v", method, name, m.Error)
			}
		}
		if m := c.call(protocol.MethodCodeAction, protocol.CodeActionParams{TextDocument: pos.TextDocument, Range: rng(0, 0, 9, 9)}); m.Error != nil {
			t.Errorf("codeAction in %s: %v", name, m.Error)
		}
	}
	// Changes to a document that is not open, and a close of one.
	c.notify(protocol.MethodDidChange, protocol.DidChangeTextDocumentParams{TextDocument: protocol.VersionedTextDocumentIdentifier{URI: uri("nope.json"), Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{{Text: "{}"}}})
	c.notify(protocol.MethodDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri("nope.json")}})
	c.notify(protocol.MethodDidOpen, map[string]any{"textDocument": "wrong"})
	c.notify(protocol.MethodDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri("nope.json")}})
	if m := c.call(protocol.MethodCodeAction, map[string]any{"range": "bad"}); errCode(m) != jsonrpc.InvalidParams {
		t.Errorf("codeAction with bad params: %+v", m.Error)
	}
	if m := c.call(protocol.MethodCompletion, nil); errCode(m) != jsonrpc.InvalidParams {
		t.Errorf("completion without params: %+v", m.Error)
	}
	if c.shutdown() != 0 {
		t.Error("exit code")
	}
}

// TestEveryQuickFix applies, one at a time as a user would, the quick fix of
// every finding that has one, with every registered rule, on a policy that
// has the mistakes the issue names (a misspelt action, operator and key,
// "AWS:" for "aws:", "allow", no Version), next to an emoji. Each fix must
// make its finding go away.
func TestEveryQuickFix(t *testing.T) {
	text := "{\n  \"Statement\": [\n" +
		`    {"Sid": "📧", "Effect": "allow", "Principal": {"AWS": "111122223333"}, "Action": ["ses:SendEmails"], "Resource": "arn:aws:ses:us-east-1:111122223333:identity/example.com",` + "\n" +
		`     "Condition": {"StringEqual": {"AWS:SourceAccount": "111122223333", "ses:FromAdress": "📨@example.com"}}}` +
		"\n  ]\n}\n"
	wantFixed := []string{"SES003", "SES007", "SES401", "SES501", "SES502"}
	inEachEncoding(t, Options{}, func(t *testing.T, enc document.Encoding, c *client, uri func(string) protocol.DocumentURI) {
		u := uri("example.com/Fix.json")
		d := c.open(u, text)
		p := c.waitPublish(u)
		var fixed []string
		for range 20 {
			var applied bool
			for _, diag := range p.Diagnostics {
				var actions []protocol.CodeAction
				c.result(protocol.MethodCodeAction, protocol.CodeActionParams{
					TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: diag.Range,
					Context: protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{diag}},
				}, &actions)
				i := slices.IndexFunc(actions, func(a protocol.CodeAction) bool { return a.Diagnostics[0].Code == diag.Code })
				if i < 0 {
					continue
				}
				count := func(ds []protocol.Diagnostic) int {
					return len(slices.DeleteFunc(slices.Clone(ds), func(x protocol.Diagnostic) bool { return x.Code != diag.Code }))
				}
				before := count(p.Diagnostics)
				d.edit(enc, actions[i].Edit.Changes[u]...)
				p = c.waitPublish(u)
				// A fix may uncover other findings, but not leave its own.
				if count(p.Diagnostics) >= before {
					t.Errorf("the fix %q left its finding:\n%s\n%s", actions[i].Title, summary(p.Diagnostics), d.text)
				}
				fixed = append(fixed, string(diag.Code))
				applied = true
				break
			}
			if !applied {
				break
			}
		}
		for _, code := range wantFixed {
			if !slices.Contains(fixed, code) {
				t.Errorf("no fix applied for %s; applied %v", code, fixed)
			}
			if find(p.Diagnostics, code) != nil {
				t.Errorf("%s remains after the fixes:\n%s", code, summary(p.Diagnostics))
			}
		}
		for _, want := range []string{`"Version": "2012-10-17"`, `"Effect": "Allow"`, `"ses:SendEmail"`, `"StringEquals"`, `"aws:SourceAccount"`, `"ses:FromAddress"`, "📧", "📨"} {
			if !strings.Contains(string(d.text), want) {
				t.Errorf("the fixed text lacks %s:\n%s", want, d.text)
			}
		}
		var v any
		if err := json.Unmarshal(d.text, &v); err != nil {
			t.Errorf("the fixed text is not JSON: %v\n%s", err, d.text)
		}
		c.shutdown()
	})
}

func TestPrincipalTypeDoc(t *testing.T) {
	for key, want := range map[string]string{
		"AWS":       "12-digit account ID",
		"Service":   "`cognito-idp.amazonaws.com`",
		"Federated": "is not accepted in an SES identity policy: ",
		"Aws":       "use `AWS` or `Service`",
	} {
		if got := principalTypeDoc(key); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", key, got, want)
		}
	}
}
