package protocol

import "encoding/json"

// Method names.
const (
	MethodInitialize             = "initialize"
	MethodInitialized            = "initialized"
	MethodShutdown               = "shutdown"
	MethodExit                   = "exit"
	MethodCancelRequest          = "$/cancelRequest"
	MethodDidOpen                = "textDocument/didOpen"
	MethodDidChange              = "textDocument/didChange"
	MethodDidSave                = "textDocument/didSave"
	MethodDidClose               = "textDocument/didClose"
	MethodPublishDiagnostics     = "textDocument/publishDiagnostics"
	MethodDiagnostic             = "textDocument/diagnostic"
	MethodHover                  = "textDocument/hover"
	MethodCompletion             = "textDocument/completion"
	MethodCodeAction             = "textDocument/codeAction"
	MethodDidChangeWatchedFiles  = "workspace/didChangeWatchedFiles"
	MethodDidChangeConfiguration = "workspace/didChangeConfiguration"
	MethodLogMessage             = "window/logMessage"
	MethodShowMessage            = "window/showMessage"
)

// ClientInfo names the client in InitializeParams.
type ClientInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ServerInfo names the server in InitializeResult.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// WorkspaceFolder is a root folder open in the client.
type WorkspaceFolder struct {
	URI  URI    `json:"uri"`
	Name string `json:"name"`
}

// InitializeParams is the parameter of initialize. ProcessID and RootURI are
// pointers because the specification requires them and allows null.
type InitializeParams struct {
	ProcessID             *int32             `json:"processId"`
	ClientInfo            *ClientInfo        `json:"clientInfo,omitempty"`
	Locale                string             `json:"locale,omitempty"`
	RootURI               *DocumentURI       `json:"rootUri"`
	InitializationOptions json.RawMessage    `json:"initializationOptions,omitempty"`
	Capabilities          ClientCapabilities `json:"capabilities"`
	Trace                 string             `json:"trace,omitempty"`
	WorkspaceFolders      []WorkspaceFolder  `json:"workspaceFolders,omitempty"`
}

// ClientCapabilities is the part of the client's capabilities the server reads.
type ClientCapabilities struct {
	Workspace    *WorkspaceClientCapabilities    `json:"workspace,omitempty"`
	TextDocument *TextDocumentClientCapabilities `json:"textDocument,omitempty"`
	General      *GeneralClientCapabilities      `json:"general,omitempty"`
}

// GeneralClientCapabilities carries the position encodings the client
// offers, most preferred first. When absent, only UTF-16 is offered.
type GeneralClientCapabilities struct {
	PositionEncodings []PositionEncodingKind `json:"positionEncodings,omitempty"`
}

// WorkspaceClientCapabilities says what the client does for the workspace.
type WorkspaceClientCapabilities struct {
	WorkspaceFolders       bool                 `json:"workspaceFolders,omitempty"`
	Configuration          bool                 `json:"configuration,omitempty"`
	DidChangeConfiguration *DynamicRegistration `json:"didChangeConfiguration,omitempty"`
	DidChangeWatchedFiles  *DynamicRegistration `json:"didChangeWatchedFiles,omitempty"`
	// Diagnostics is present when the client pulls diagnostics and can be
	// asked to pull them again.
	Diagnostics *DiagnosticWorkspaceClientCapabilities `json:"diagnostics,omitempty"`
}

// DynamicRegistration says whether a feature may be registered later.
type DynamicRegistration struct {
	DynamicRegistration bool `json:"dynamicRegistration,omitempty"`
}

// TextDocumentClientCapabilities says what the client does for documents.
type TextDocumentClientCapabilities struct {
	Hover              *HoverClientCapabilities              `json:"hover,omitempty"`
	Completion         *CompletionClientCapabilities         `json:"completion,omitempty"`
	CodeAction         *CodeActionClientCapabilities         `json:"codeAction,omitempty"`
	PublishDiagnostics *PublishDiagnosticsClientCapabilities `json:"publishDiagnostics,omitempty"`
	// Diagnostic is present when the client pulls diagnostics (3.17).
	Diagnostic *DiagnosticClientCapabilities `json:"diagnostic,omitempty"`
}

// HoverClientCapabilities lists the markup the client renders in hovers.
type HoverClientCapabilities struct {
	ContentFormat []MarkupKind `json:"contentFormat,omitempty"`
}

// CompletionClientCapabilities says what completion items may hold.
type CompletionClientCapabilities struct {
	CompletionItem *CompletionItemClientCapabilities `json:"completionItem,omitempty"`
}

// CompletionItemClientCapabilities says what completion items may hold.
type CompletionItemClientCapabilities struct {
	SnippetSupport      bool         `json:"snippetSupport,omitempty"`
	DocumentationFormat []MarkupKind `json:"documentationFormat,omitempty"`
}

// CodeActionClientCapabilities says which code actions the client accepts.
type CodeActionClientCapabilities struct {
	// CodeActionLiteralSupport is set when the client accepts CodeAction
	// literals rather than bare commands.
	CodeActionLiteralSupport json.RawMessage `json:"codeActionLiteralSupport,omitempty"`
	IsPreferredSupport       bool            `json:"isPreferredSupport,omitempty"`
}

// PublishDiagnosticsClientCapabilities says which diagnostic members the
// client understands.
type PublishDiagnosticsClientCapabilities struct {
	RelatedInformation     bool `json:"relatedInformation,omitempty"`
	VersionSupport         bool `json:"versionSupport,omitempty"`
	CodeDescriptionSupport bool `json:"codeDescriptionSupport,omitempty"`
	DataSupport            bool `json:"dataSupport,omitempty"`
}

// DiagnosticClientCapabilities describes the client's pull diagnostics.
type DiagnosticClientCapabilities struct {
	DynamicRegistration    bool `json:"dynamicRegistration,omitempty"`
	RelatedDocumentSupport bool `json:"relatedDocumentSupport,omitempty"`
}

// InitializeResult is the answer to initialize.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   *ServerInfo        `json:"serverInfo,omitempty"`
}

// ServerCapabilities is what the server offers.
type ServerCapabilities struct {
	// PositionEncoding is the encoding the server picked from the client's
	// offer; omitted means UTF-16.
	PositionEncoding   PositionEncodingKind     `json:"positionEncoding,omitempty"`
	TextDocumentSync   *TextDocumentSyncOptions `json:"textDocumentSync,omitempty"`
	HoverProvider      bool                     `json:"hoverProvider,omitempty"`
	CompletionProvider *CompletionOptions       `json:"completionProvider,omitempty"`
	CodeActionProvider *CodeActionOptions       `json:"codeActionProvider,omitempty"`
	DiagnosticProvider *DiagnosticOptions       `json:"diagnosticProvider,omitempty"`
}

// TextDocumentSyncKind is how the client sends document changes.
type TextDocumentSyncKind int

// Sync kinds.
const (
	SyncNone        TextDocumentSyncKind = 0
	SyncFull        TextDocumentSyncKind = 1
	SyncIncremental TextDocumentSyncKind = 2
)

// TextDocumentSyncOptions says which document notifications the server wants.
type TextDocumentSyncOptions struct {
	OpenClose bool                 `json:"openClose,omitempty"`
	Change    TextDocumentSyncKind `json:"change,omitempty"`
	Save      *SaveOptions         `json:"save,omitempty"`
}

// SaveOptions asks for didSave, with the text when IncludeText is set.
type SaveOptions struct {
	IncludeText bool `json:"includeText,omitempty"`
}

// CompletionOptions describes the server's completion.
type CompletionOptions struct {
	TriggerCharacters []string `json:"triggerCharacters,omitempty"`
	ResolveProvider   bool     `json:"resolveProvider,omitempty"`
}

// CodeActionOptions describes the server's code actions.
type CodeActionOptions struct {
	CodeActionKinds []CodeActionKind `json:"codeActionKinds,omitempty"`
	ResolveProvider bool             `json:"resolveProvider,omitempty"`
}

// DiagnosticOptions describes the server's pull diagnostics. The two
// booleans are required members, so they are always written.
type DiagnosticOptions struct {
	Identifier            string `json:"identifier,omitempty"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

// InitializedParams is the (empty) parameter of initialized.
type InitializedParams struct{}

// MessageType is the severity of a log or show message.
type MessageType int

// Message types. MessageDebug is new in 3.18.
const (
	MessageError   MessageType = 1
	MessageWarning MessageType = 2
	MessageInfo    MessageType = 3
	MessageLog     MessageType = 4
	MessageDebug   MessageType = 5
)

// LogMessageParams is the parameter of window/logMessage.
type LogMessageParams struct {
	Type    MessageType `json:"type"`
	Message string      `json:"message"`
}

// ShowMessageParams is the parameter of window/showMessage.
type ShowMessageParams struct {
	Type    MessageType `json:"type"`
	Message string      `json:"message"`
}

// DidChangeConfigurationParams carries the client's settings, in whatever
// shape the server documented.
type DidChangeConfigurationParams struct {
	Settings json.RawMessage `json:"settings"`
}

// FileChangeType is what happened to a watched file.
type FileChangeType int

// File change types.
const (
	FileCreated FileChangeType = 1
	FileChanged FileChangeType = 2
	FileDeleted FileChangeType = 3
)

// FileEvent is one change to a watched file.
type FileEvent struct {
	URI  DocumentURI    `json:"uri"`
	Type FileChangeType `json:"type"`
}

// DidChangeWatchedFilesParams is the parameter of workspace/didChangeWatchedFiles.
type DidChangeWatchedFilesParams struct {
	Changes []FileEvent `json:"changes"`
}
