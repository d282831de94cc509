package server

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

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

// pathCache remembers uriPath for the URIs the server lints, so that a
// document's URI is parsed once rather than at every lint.
type pathCache struct {
	mu    sync.Mutex
	paths map[protocol.DocumentURI]pathOK
}

type pathOK struct {
	path string
	ok   bool
}

// maxCachedPaths bounds the cache: past it, it starts again empty.
const maxCachedPaths = 1024

func (c *pathCache) get(uri protocol.DocumentURI) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.paths[uri]; ok {
		return p.path, p.ok
	}
	if c.paths == nil || len(c.paths) >= maxCachedPaths {
		c.paths = make(map[protocol.DocumentURI]pathOK)
	}
	path, ok := uriPath(uri)
	c.paths[uri] = pathOK{path, ok}
	return path, ok
}

func (c *pathCache) forget(uri protocol.DocumentURI) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.paths, uri)
}
