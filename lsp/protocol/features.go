package protocol

import "encoding/json"

// DiagnosticSeverity is how serious a diagnostic is.
type DiagnosticSeverity int

// Severities.
const (
	SeverityError       DiagnosticSeverity = 1
	SeverityWarning     DiagnosticSeverity = 2
	SeverityInformation DiagnosticSeverity = 3
	SeverityHint        DiagnosticSeverity = 4
)

// DiagnosticTag marks a diagnostic for special rendering.
type DiagnosticTag int

// Diagnostic tags.
const (
	TagUnnecessary DiagnosticTag = 1
	TagDeprecated  DiagnosticTag = 2
)

// Diagnostic is one finding in a document.
type Diagnostic struct {
	Range              Range                          `json:"range"`
	Severity           DiagnosticSeverity             `json:"severity,omitempty"`
	Code               IntegerOrString                `json:"code,omitempty"`
	CodeDescription    *CodeDescription               `json:"codeDescription,omitempty"`
	Source             string                         `json:"source,omitempty"`
	Message            string                         `json:"message"`
	Tags               []DiagnosticTag                `json:"tags,omitempty"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
	// Data is kept from publish to code action, so a quick fix can find
	// what it needs without linting again.
	Data json.RawMessage `json:"data,omitempty"`
}

// CodeDescription links a diagnostic's code to its documentation.
type CodeDescription struct {
	Href URI `json:"href"`
}

// DiagnosticRelatedInformation points at another place that matters to a
// diagnostic, such as the first of two duplicate Sids.
type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// PublishDiagnosticsParams is the parameter of textDocument/publishDiagnostics.
type PublishDiagnosticsParams struct {
	URI         DocumentURI  `json:"uri"`
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// MarshalJSON writes a nil Diagnostics as [], which clears the document's
// diagnostics; null is not a valid value.
func (p PublishDiagnosticsParams) MarshalJSON() ([]byte, error) {
	return p.AppendJSON(nil)
}

// DocumentDiagnosticParams is the parameter of textDocument/diagnostic.
type DocumentDiagnosticParams struct {
	TextDocument     TextDocumentIdentifier `json:"textDocument"`
	Identifier       string                 `json:"identifier,omitempty"`
	PreviousResultID string                 `json:"previousResultId,omitempty"`
}

// DocumentDiagnosticReportKind tells a full report from an unchanged one.
type DocumentDiagnosticReportKind string

// Report kinds.
const (
	ReportFull      DocumentDiagnosticReportKind = "full"
	ReportUnchanged DocumentDiagnosticReportKind = "unchanged"
)

// DocumentDiagnosticReport is a full answer to textDocument/diagnostic.
// Only "full" is modelled: linting a policy is cheap enough that the server
// never needs to answer "unchanged".
type DocumentDiagnosticReport struct {
	Kind     DocumentDiagnosticReportKind `json:"kind"`
	ResultID string                       `json:"resultId,omitempty"`
	Items    []Diagnostic                 `json:"items"`
}

// MarshalJSON fills in kind "full" and writes nil Items as [].
func (r DocumentDiagnosticReport) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(nil)
}

// HoverParams is the parameter of textDocument/hover.
type HoverParams struct {
	TextDocumentPositionParams
}

// Hover is the answer to textDocument/hover.
type Hover struct {
	Contents MarkupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

// CompletionTriggerKind says why completion was asked for.
type CompletionTriggerKind int

// Completion trigger kinds.
const (
	CompletionInvoked                         CompletionTriggerKind = 1
	CompletionTriggerCharacter                CompletionTriggerKind = 2
	CompletionTriggerForIncompleteCompletions CompletionTriggerKind = 3
)

// CompletionContext says how completion was triggered.
type CompletionContext struct {
	TriggerKind      CompletionTriggerKind `json:"triggerKind"`
	TriggerCharacter string                `json:"triggerCharacter,omitempty"`
}

// CompletionParams is the parameter of textDocument/completion.
type CompletionParams struct {
	TextDocumentPositionParams
	Context *CompletionContext `json:"context,omitempty"`
}

// CompletionItemKind picks the icon a client shows beside an item.
type CompletionItemKind int

// Completion item kinds.
const (
	CompletionItemKindText          CompletionItemKind = 1
	CompletionItemKindMethod        CompletionItemKind = 2
	CompletionItemKindFunction      CompletionItemKind = 3
	CompletionItemKindConstructor   CompletionItemKind = 4
	CompletionItemKindField         CompletionItemKind = 5
	CompletionItemKindVariable      CompletionItemKind = 6
	CompletionItemKindClass         CompletionItemKind = 7
	CompletionItemKindInterface     CompletionItemKind = 8
	CompletionItemKindModule        CompletionItemKind = 9
	CompletionItemKindProperty      CompletionItemKind = 10
	CompletionItemKindUnit          CompletionItemKind = 11
	CompletionItemKindValue         CompletionItemKind = 12
	CompletionItemKindEnum          CompletionItemKind = 13
	CompletionItemKindKeyword       CompletionItemKind = 14
	CompletionItemKindSnippet       CompletionItemKind = 15
	CompletionItemKindColor         CompletionItemKind = 16
	CompletionItemKindFile          CompletionItemKind = 17
	CompletionItemKindReference     CompletionItemKind = 18
	CompletionItemKindFolder        CompletionItemKind = 19
	CompletionItemKindEnumMember    CompletionItemKind = 20
	CompletionItemKindConstant      CompletionItemKind = 21
	CompletionItemKindStruct        CompletionItemKind = 22
	CompletionItemKindEvent         CompletionItemKind = 23
	CompletionItemKindOperator      CompletionItemKind = 24
	CompletionItemKindTypeParameter CompletionItemKind = 25
)

// InsertTextFormat says whether InsertText is plain or a snippet.
type InsertTextFormat int

// Insert text formats.
const (
	InsertTextPlain   InsertTextFormat = 1
	InsertTextSnippet InsertTextFormat = 2
)

// CompletionItem is one completion proposal. Documentation is always
// MarkupContent here, though the specification also allows a string.
type CompletionItem struct {
	Label            string             `json:"label"`
	Kind             CompletionItemKind `json:"kind,omitempty"`
	Detail           string             `json:"detail,omitempty"`
	Documentation    *MarkupContent     `json:"documentation,omitempty"`
	SortText         string             `json:"sortText,omitempty"`
	FilterText       string             `json:"filterText,omitempty"`
	InsertText       string             `json:"insertText,omitempty"`
	InsertTextFormat InsertTextFormat   `json:"insertTextFormat,omitempty"`
	TextEdit         *TextEdit          `json:"textEdit,omitempty"`
}

// CompletionList is the answer to textDocument/completion.
type CompletionList struct {
	IsIncomplete bool             `json:"isIncomplete"`
	Items        []CompletionItem `json:"items"`
}

// MarshalJSON writes nil Items as [].
func (l CompletionList) MarshalJSON() ([]byte, error) {
	type plain CompletionList
	if l.Items == nil {
		l.Items = []CompletionItem{}
	}
	return json.Marshal(plain(l))
}

// CodeActionKind classifies code actions.
type CodeActionKind string

// Code action kinds.
const (
	QuickFix     CodeActionKind = "quickfix"
	SourceFixAll CodeActionKind = "source.fixAll"
)

// CodeActionTriggerKind says why code actions were asked for.
type CodeActionTriggerKind int

// Code action trigger kinds.
const (
	CodeActionInvoked   CodeActionTriggerKind = 1
	CodeActionAutomatic CodeActionTriggerKind = 2
)

// CodeActionContext carries the diagnostics under the range.
type CodeActionContext struct {
	Diagnostics []Diagnostic          `json:"diagnostics"`
	Only        []CodeActionKind      `json:"only,omitempty"`
	TriggerKind CodeActionTriggerKind `json:"triggerKind,omitempty"`
}

// CodeActionParams is the parameter of textDocument/codeAction.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      CodeActionContext      `json:"context"`
}

// CodeAction is a change the client may apply, such as a quick fix.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        CodeActionKind `json:"kind,omitempty"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}
