package lint

import (
	"fmt"

	"github.com/seslint/seslint/internal/config"
	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/rules"
)

// EngineSettings turns the config's rules section, plus --enable and
// --disable, into engine settings, after checking that every rule the config
// names exists. The command line, the language server and the tests all
// build their engine through it, so a config means the same everywhere.
func EngineSettings(cfg *config.Config, enable, disable []string) (rules.Settings, error) {
	s := rules.Settings{Enable: enable, Disable: disable, Severity: map[string]finding.Severity{}}
	for _, ig := range cfg.Ignores {
		if _, ok := rules.Lookup(ig.Rule); !ok {
			return s, &config.Error{Path: cfg.Path, Line: ig.Line, Column: ig.Column, Msg: fmt.Sprintf("ignore names unknown rule %q", ig.Rule)}
		}
	}
	for name, rs := range cfg.Rules {
		r, ok := rules.Lookup(name)
		if !ok {
			return s, &config.Error{Path: cfg.Path, Line: rs.Line, Column: 3, Msg: fmt.Sprintf("unknown rule %q (see `seslint rules`)", name)}
		}
		if rs.SeveritySet {
			s.Severity[r.ID] = rs.Severity
		}
		if rs.Threshold > 0 {
			s.Options.NearSizeRatio = rs.Threshold
		}
	}
	return s, nil
}
