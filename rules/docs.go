package rules

import (
	"embed"
	"strings"
)

// pages are the rule pages, one Markdown file per rule ID.
//
//go:embed docs/*.md
var pages embed.FS

// Page returns the rule's documentation page, or "".
func Page(id string) string {
	b, err := pages.ReadFile("docs/" + id + ".md")
	if err != nil {
		return ""
	}
	return string(b)
}

// PageSummary returns the page's first paragraph after the title, for
// places that want one short description (SARIF fullDescription).
func PageSummary(id string) string {
	page := Page(id)
	if i := strings.Index(page, "\n\n"); i >= 0 {
		page = page[i+2:]
	}
	for _, para := range strings.Split(page, "\n\n") {
		para = strings.TrimSpace(para)
		if para != "" && !strings.HasPrefix(para, "#") && !strings.HasPrefix(para, "|") && !strings.HasPrefix(para, "Severity") {
			return strings.Join(strings.Fields(para), " ")
		}
	}
	return ""
}
