package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/lint"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/rules"
)

// SARIF 2.1.0 constants. The schema URI is the OASIS errata01 schema, the
// one kept in testdata and validated against.
const (
	SARIFVersion   = "2.1.0"
	SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// InformationURI is the tool's home page.
	InformationURI = "https://github.com/seslint/seslint"
	// FingerprintKey names seslint's partial fingerprint. The version
	// suffix changes whenever the recipe does, never the recipe alone.
	FingerprintKey = "seslint/v1"
	// srcRoot is the uriBaseId of relative paths: the repository root
	// (code scanning's checkout), from where seslint is run.
	srcRoot = "%SRCROOT%"
)

// SARIFOptions are what a SARIF log needs beyond the result.
type SARIFOptions struct {
	// Version is seslint's version, for tool.driver.version.
	Version string
	// Category becomes runAutomationDetails.id, so that several runs (one
	// per folder, say) can be uploaded side by side to code scanning.
	Category string
	// Rules are listed in tool.driver.rules in this order; results refer
	// to them by index. The command line passes every registered rule.
	Rules []RuleDoc
}

// RuleDoc is a rule as SARIF describes it: its metadata and its page.
type RuleDoc struct {
	ID, Name         string
	Severity         finding.Severity
	Summary          string // one line: shortDescription
	Description      string // the page's first paragraph, Markdown: fullDescription
	Page             string // the whole page, Markdown: help
	HelpURI          string
	Security         bool
	SecuritySeverity string
	Precision        string
}

// RuleDocs describes rules with their metadata and pages.
func RuleDocs(rs []*rules.Rule) []RuleDoc {
	out := make([]RuleDoc, 0, len(rs))
	for _, r := range rs {
		out = append(out, RuleDoc{
			ID: r.ID, Name: r.Name, Severity: r.Severity, Summary: r.Summary,
			Description: rules.PageSummary(r.ID), Page: rules.Page(r.ID), HelpURI: r.HelpURI(),
			Security: r.Security, SecuritySeverity: r.SecuritySeverity, Precision: r.Precision,
		})
	}
	return out
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool               `json:"tool"`
	AutomationDetails *sarifAutomationDetails `json:"automationDetails,omitempty"`
	Invocations       []sarifInvocation       `json:"invocations"`
	ColumnKind        string                  `json:"columnKind"`
	Results           []sarifResult           `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision,omitempty"`
	ProblemSeverity  string   `json:"problem.severity"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

type sarifAutomationDetails struct {
	ID string `json:"id"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []sarifSuppress   `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppress struct {
	Kind          string         `json:"kind"`
	Status        string         `json:"status"`
	Justification string         `json:"justification,omitempty"`
	Location      *sarifLocation `json:"location,omitempty"`
}

// SARIF writes a SARIF 2.1.0 log for GitHub code scanning and other SARIF
// consumers: one run, every rule in tool.driver.rules, one result per
// finding with UTF-16 columns, and ignored findings kept with a suppression.
func SARIF(w io.Writer, res *lint.Result, o SARIFOptions) error {
	index := map[string]int{}
	driver := sarifDriver{
		Name: "seslint", InformationURI: InformationURI, Rules: []sarifRule{},
	}
	driver.Version, driver.SemanticVersion = sarifToolVersion(o.Version)
	for i, r := range o.Rules {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "utf16CodeUnits", Results: []sarifResult{}}
	if o.Category != "" {
		run.AutomationDetails = &sarifAutomationDetails{ID: automationID(o.Category)}
	}

	inv := sarifInvocation{ExecutionSuccessful: len(res.Errors) == 0}
	for _, e := range res.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:     "error",
			Message:   sarifText{Text: e.Path + ": " + e.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifactLocation(e.Path)}}},
		})
	}
	run.Invocations = []sarifInvocation{inv}

	seen := map[string]int{}
	for i := range res.Findings {
		f := &res.Findings[i]
		lines := linesOf(res, f.File)
		r := sarifResult{
			RuleID:  f.RuleID,
			Level:   sarifLevel(f.Severity),
			Message: sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: artifactLocation(f.File), Region: region(lines, f.Span),
			}}},
		}
		if n, ok := index[f.RuleID]; ok {
			r.RuleIndex = &n
		}
		for j, rel := range f.Related {
			id := j + 1
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{
				ID: &id,
				PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: artifactLocation(f.File), Region: region(lines, rel.Span),
				},
				Message: &sarifText{Text: rel.Message},
			})
		}
		fp := fingerprint(f)
		seen[fp]++
		r.PartialFingerprints = map[string]string{FingerprintKey: fp + ":" + strconv.Itoa(seen[fp])}
		if s := f.Suppressed; s != nil {
			r.Suppressions = []sarifSuppress{{
				Kind: "external", Status: "accepted", Justification: s.Reason, Location: ignoreLocation(s.Source),
			}}
		}
		run.Results = append(run.Results, r)
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchemaURI, Version: SARIFVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(r RuleDoc) sarifRule {
	tags := []string{"correctness"}
	if r.Security {
		tags = []string{"security"}
	}
	props := sarifRuleProps{Tags: tags, Precision: r.Precision, ProblemSeverity: problemSeverity(r.Severity)}
	if r.Security {
		props.SecuritySeverity = r.SecuritySeverity
	}
	desc := r.Description
	if desc == "" {
		desc = r.Summary
	}
	help := sarifText{Text: plainText(r.Page), Markdown: r.Page}
	if r.Page == "" {
		help = sarifText{Text: r.Summary + "; see " + r.HelpURI}
	}
	return sarifRule{
		ID: r.ID, Name: r.Name,
		ShortDescription:     sarifText{Text: r.Summary},
		FullDescription:      sarifText{Text: strings.ReplaceAll(desc, "`", ""), Markdown: desc},
		Help:                 help,
		HelpURI:              r.HelpURI,
		DefaultConfiguration: sarifRuleLevel{Level: sarifLevel(r.Severity)},
		Properties:           props,
	}
}

// sarifLevel maps a severity to SARIF's level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	case finding.Note:
		return "note"
	}
	return "none"
}

// problemSeverity is GitHub's problem.severity: error, warning or recommendation.
func problemSeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "recommendation"
}

var numericVersion = regexp.MustCompile(`^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

// sarifToolVersion returns driver.version and, when the version is semantic,
// driver.semanticVersion. SARIF consumers compare versions, so a version
// must start with a number: a development build ("dev") is "0.0.0-dev".
func sarifToolVersion(v string) (version, semantic string) {
	if m := numericVersion.FindStringSubmatch(v); m != nil {
		return m[1], m[1]
	}
	v = strings.TrimPrefix(v, "v")
	if v != "" && v[0] >= '0' && v[0] <= '9' {
		return v, ""
	}
	clean := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, v)
	if clean == "" {
		clean = "unknown"
	}
	return "0.0.0-" + clean, ""
}

// automationID makes a category into runAutomationDetails.id. Code scanning
// takes everything up to the last "/" as the category, so a bare name gets
// a trailing slash, as upload-sarif's own category input does.
func automationID(category string) string {
	if strings.HasSuffix(category, "/") {
		return category
	}
	return category + "/"
}

// artifactLocation makes a path as shown into a URI: relative paths are
// relative to %SRCROOT%, the repository root; absolute ones are file URIs.
func artifactLocation(p string) sarifArtifactLocation {
	slash := filepath.ToSlash(p)
	if filepath.IsAbs(p) || strings.HasPrefix(slash, "/") {
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash // C:/x → /C:/x
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: slash}).String()}
	}
	slash = path.Clean(slash)
	return sarifArtifactLocation{URI: (&url.URL{Path: slash}).String(), URIBaseID: srcRoot}
}

// region is a span in lines and UTF-16 columns; SARIF's end column is
// exclusive, like the span's end.
func region(l *source.Lines, s finding.Span) *sarifRegion {
	start, end := l.Position(s.Start), l.Position(s.End)
	if end.Offset < start.Offset {
		end = start
	}
	return &sarifRegion{StartLine: start.Line, StartColumn: start.Column16, EndLine: end.Line, EndColumn: end.Column16}
}

// fingerprint identifies a finding across runs without its line or column:
// a hash of the rule, the file, where it is in the policy (its statement's
// Sid, or its JSON pointer when the statement has none) and the offending
// value. Inserting or removing unrelated lines leaves it unchanged. Findings
// that share one are told apart by their order, counted from 1 in the log.
func fingerprint(f *finding.Finding) string {
	where := "pointer:" + f.Pointer
	if f.Sid != "" {
		where = "sid:" + f.Sid
	}
	h := sha256.New()
	for _, part := range []string{f.RuleID, filepath.ToSlash(f.File), where, f.Value} {
		fmt.Fprintf(h, "%d:%s\n", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// ignoreLocation points at the ignore in the config, from a suppression
// source such as ".seslint.yaml:12"; nil when it says no line.
func ignoreLocation(src string) *sarifLocation {
	i := strings.LastIndexByte(src, ':')
	if i <= 0 {
		return nil
	}
	line, err := strconv.Atoi(src[i+1:])
	if err != nil || line < 1 {
		return nil
	}
	return &sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: artifactLocation(src[:i]), Region: &sarifRegion{StartLine: line},
	}}
}

// plainText renders a rule page for consumers that show text only: code
// fences dropped, headings without their marks.
func plainText(md string) string {
	var b strings.Builder
	for line := range strings.Lines(md) {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			continue
		case strings.HasPrefix(trimmed, "#"):
			line = strings.TrimLeft(trimmed, "# ") + "\n"
		}
		b.WriteString(line)
	}
	return strings.TrimSpace(b.String())
}
