package protocol

// Methods the server sends to the client.
const (
	MethodRegisterCapability         = "client/registerCapability"
	MethodWorkspaceDiagnosticRefresh = "workspace/diagnostic/refresh"
)

// DiagnosticWorkspaceClientCapabilities says whether the client accepts
// workspace/diagnostic/refresh, the request that makes it pull diagnostics
// for every open document again (after a config change, say).
type DiagnosticWorkspaceClientCapabilities struct {
	RefreshSupport bool `json:"refreshSupport,omitempty"`
}

// Registration asks the client to enable a feature dynamically.
type Registration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions,omitempty"`
}

// RegistrationParams is the parameter of client/registerCapability.
type RegistrationParams struct {
	Registrations []Registration `json:"registrations"`
}

// WatchKind is a bit set of the file events a watcher reports.
type WatchKind uint32

// Watch kinds. A watcher without a kind reports all three.
const (
	WatchCreate WatchKind = 1
	WatchChange WatchKind = 2
	WatchDelete WatchKind = 4
)

// FileSystemWatcher names files the client should report changes to. Only
// the string form of GlobPattern is modelled: every client supports it.
type FileSystemWatcher struct {
	GlobPattern string    `json:"globPattern"`
	Kind        WatchKind `json:"kind,omitempty"`
}

// DidChangeWatchedFilesRegistrationOptions are the options of a dynamic
// registration of workspace/didChangeWatchedFiles.
type DidChangeWatchedFilesRegistrationOptions struct {
	Watchers []FileSystemWatcher `json:"watchers"`
}
