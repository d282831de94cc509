package server

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/lsp/protocol"
	"github.com/seslint/seslint/rules"
)

// DefaultEngine builds the engine for a config as the command line does
// without --enable or --disable.
func DefaultEngine(cfg *config.Config) (*rules.Engine, error) {
	s, err := DefaultSettings(cfg)
	if err != nil {
		return nil, err
	}
	return rules.New(s)
}

// DefaultSettings are the engine settings of a config, built as the command
// line builds them.
func DefaultSettings(cfg *config.Config) (rules.Settings, error) {
	return lint.EngineSettings(cfg, nil, nil)
}

// loaded is a config with the engine built from it.
type loaded struct {
	cfg    *config.Config
	engine *rules.Engine
}

// configCache holds the configs of the open documents, keyed by the config
// file's path ("" for the defaults). A config that fails to load keeps the
// last good version of the same file, if there was one, so a typo in the
// middle of editing .seslint.yaml does not flood the editor with findings
// the config had turned off.
type configCache struct {
	build func(*config.Config) (*rules.Engine, error)

	mu       sync.Mutex
	found    map[string]string  // document folder → config path, "" for none
	byPath   map[string]*loaded // config path → config
	lastGood map[string]*loaded // survives reload
	errs     map[string]error   // config path → why it did not load
	defaults *rules.Engine
}

func newConfigCache(build func(*config.Config) (*rules.Engine, error)) *configCache {
	c := &configCache{build: build, lastGood: map[string]*loaded{}}
	c.reset()
	return c
}

// reset forgets every config, so the next lint reads them again.
func (c *configCache) reset() {
	c.found = map[string]string{}
	c.byPath = map[string]*loaded{}
	c.errs = map[string]error{}
}

// Reload forgets every config and returns the paths of those that had
// failed, so their diagnostics can be cleared if they now load.
func (c *configCache) Reload() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var failed []string
	for p := range c.errs {
		failed = append(failed, p)
	}
	c.reset()
	return failed
}

// For returns the config that applies to a document at path, and the path
// of its file: the nearest .seslint.yaml from the document's folder up, as
// the command line finds one from its working folder, or the defaults
// anchored at root (and a config path of ""). A document path of "" (a
// document that is not a file) gets the defaults. The error, when there is
// one, is why the config file did not load; the config returned is then the
// last good one or the defaults, and is still usable.
func (c *configCache) For(path, root string) (cfg *config.Config, engine *rules.Engine, cfgPath string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if path != "" {
		dir := filepath.Dir(path)
		var ok bool
		if cfgPath, ok = c.found[dir]; !ok {
			cfgPath = config.Find(dir)
			c.found[dir] = cfgPath
		}
	}
	if cfgPath == "" {
		return config.Default(root), c.defaultEngine(), "", nil
	}
	if l, ok := c.byPath[cfgPath]; ok {
		return l.cfg, l.engine, cfgPath, c.errs[cfgPath]
	}
	l, err := c.load(cfgPath)
	if err != nil {
		c.errs[cfgPath] = err
		if good, ok := c.lastGood[cfgPath]; ok {
			l = good
		} else {
			l = &loaded{cfg: config.Default(filepath.Dir(cfgPath)), engine: c.defaultEngine()}
		}
	} else {
		c.lastGood[cfgPath] = l
	}
	c.byPath[cfgPath] = l
	return l.cfg, l.engine, cfgPath, err
}

func (c *configCache) load(path string) (*loaded, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	engine, err := c.build(cfg)
	if err != nil {
		return nil, err
	}
	return &loaded{cfg: cfg, engine: engine}, nil
}

func (c *configCache) defaultEngine() *rules.Engine {
	if c.defaults == nil {
		e, err := c.build(config.Default(""))
		if err != nil { // the defaults name no rule, so this cannot fail
			panic(fmt.Sprintf("seslint: the default engine does not build: %v", err))
		}
		c.defaults = e
	}
	return c.defaults
}

// configDiagnostics turns a config error into diagnostics on the config
// file. An error without a position is put on the first line.
func configDiagnostics(err error) []protocol.Diagnostic {
	var out []protocol.Diagnostic
	for _, e := range flatten(err) {
		d := protocol.Diagnostic{Severity: protocol.SeverityError, Source: "seslint", Message: e.Error()}
		var ce *config.Error
		if errors.As(e, &ce) {
			d.Message = ce.Msg
			if ce.Line > 0 {
				line := uint32(ce.Line - 1)
				col := uint32(max(ce.Column-1, 0))
				// YAML columns count characters; the span is cosmetic, so
				// the line from the column to its end is close enough.
				d.Range = protocol.Range{Start: protocol.Position{Line: line, Character: col}, End: protocol.Position{Line: line + 1}}
			}
		}
		out = append(out, d)
	}
	return out
}

// flatten unwraps errors.Join.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// isConfigFile reports whether a URI names a seslint config file.
func isConfigFile(uri protocol.DocumentURI) bool {
	return strings.HasSuffix(string(uri), "/"+config.FileName)
}
