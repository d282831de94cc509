package server

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/seslint/seslint/lsp/protocol"
)

// uriPath returns the file system path of a file: URI.
func uriPath(uri protocol.DocumentURI) (string, bool) {
	u, err := url.Parse(string(uri))
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	p := u.Path
	// file:///C:/x has the path /C:/x.
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.Clean(filepath.FromSlash(p)), true
}

// pathURI returns the file: URI of an absolute path.
func pathURI(path string) protocol.DocumentURI {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return protocol.DocumentURI((&url.URL{Scheme: "file", Path: p}).String())
}
