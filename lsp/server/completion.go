package server

import (
	"fmt"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/lsp/document"
	"github.com/seslint/seslint/lsp/jsonrpc"
	"github.com/seslint/seslint/lsp/protocol"
)

// versionDoc explains awsdata's policy versions.
var versionDoc = map[string]string{
	awsdata.CurrentPolicyVersion: "The current policy language version. Use it: policy variables need it.",
	awsdata.LegacyPolicyVersion:  "The older policy language version, without policy variables.",
}

var topLevelKeys = []struct{ key, doc string }{
	{"Version", "The policy language version, `2012-10-17`."},
	{"Id", "An optional identifier of the policy."},
	{"Statement", "The list of statements: who may do what with the identity, and when."},
}

var statementKeys = []struct{ key, doc string }{
	{"Sid", "An identifier of the statement, unique in the policy."},
	{"Effect", "`Allow` or `Deny`."},
	{"Principal", "Who the statement applies to: `AWS` accounts, users and roles, or `Service` principals."},
	{"NotPrincipal", "Everyone except these principals. Rarely right: prefer `Principal` with conditions."},
	{"Action", "The SES actions the statement allows or denies, such as `ses:SendEmail`."},
	{"NotAction", "Every action except these."},
	{"Resource", "The identity's ARN: `arn:aws:ses:REGION:ACCOUNT:identity/IDENTITY`."},
	{"NotResource", "Every resource except these."},
	{"Condition", "When the statement applies: operators, each with condition keys and values."},
}

// completion answers textDocument/completion from a tolerant scan of the
// text before the cursor, so it works in half-typed JSON.
func (s *Server) completion(p protocol.CompletionParams) (any, *jsonrpc.Error) {
	empty := protocol.CompletionList{}
	doc, ok := s.docs.Get(p.TextDocument.URI)
	if !ok {
		return empty, nil
	}
	path, _ := uriPath(doc.URI)
	name := path
	if name == "" {
		name = string(doc.URI)
	}
	if !isJSON(name, doc.LanguageID) || isNeverLinted(name) {
		return empty, nil
	}
	off, err := document.OffsetOf(doc.Text, p.Position, s.enc)
	if err != nil {
		return empty, nil
	}
	ctx := scanContext(doc.Text, off)
	cands := s.candidates(ctx, path)
	if len(cands) == 0 {
		return empty, nil
	}
	start := ctx.Start
	if ctx.Quoted {
		start++ // replace what is inside the quotes
	}
	rng := document.RangeOf(doc.Text, start, off, s.enc)
	items := make([]protocol.CompletionItem, 0, len(cands))
	for i, c := range cands {
		text, format := c.insert, protocol.InsertTextPlain
		if text == "" {
			text = c.label
		}
		if c.snippet != "" && s.snippets {
			text, format = c.snippet, protocol.InsertTextSnippet
		}
		if !ctx.Quoted {
			text = `"` + text + `"`
		}
		item := protocol.CompletionItem{
			Label:            c.label,
			Kind:             c.kind,
			Detail:           c.detail,
			SortText:         fmt.Sprintf("%d%04d", c.rank, i),
			InsertTextFormat: format,
			TextEdit:         &protocol.TextEdit{Range: rng, NewText: text},
		}
		if c.doc != "" {
			item.Documentation = &protocol.MarkupContent{Kind: protocol.Markdown, Value: c.doc}
		}
		items = append(items, item)
	}
	return protocol.CompletionList{Items: items}, nil
}

// candidate is one completion before it is placed in the document.
type candidate struct {
	label   string
	insert  string // text to insert without quotes; label when empty
	snippet string // snippet form of insert, used when the client takes snippets
	kind    protocol.CompletionItemKind
	detail  string
	doc     string
	rank    int // lower sorts first
}

// candidates returns what fits where the cursor is.
func (s *Server) candidates(ctx cursorContext, path string) []candidate {
	keys := ctx.Keys()
	isPrincipal := func(k string) bool { return k == "Principal" || k == "NotPrincipal" }
	switch ctx.Kind {
	case slotKey:
		switch {
		case len(keys) == 0:
			return keyCandidates(topLevelKeys)
		case matchPath(keys, "Statement"):
			return keyCandidates(statementKeys)
		case matchPath(keys, "Statement", "Condition"):
			return operatorCandidates()
		case matchPath(keys, "Statement", "Condition", "*"):
			return conditionKeyCandidates()
		case matchPath(keys, "Statement", "*") && isPrincipal(keys[1]):
			var out []candidate
			for _, typ := range awsdata.PrincipalTypes() {
				out = append(out, candidate{label: typ, kind: protocol.CompletionItemKindProperty, detail: "principal type", doc: principalTypeDoc(typ)})
			}
			return out
		}
	case slotValue:
		switch {
		case matchPath(keys, "Version"):
			var out []candidate
			for i, v := range awsdata.PolicyVersions() {
				out = append(out, candidate{label: v, kind: protocol.CompletionItemKindEnumMember, detail: "policy version", doc: versionDoc[v], rank: i})
			}
			return out
		case matchPath(keys, "Statement", "Effect"):
			return []candidate{
				{label: "Allow", kind: protocol.CompletionItemKindEnumMember, detail: "effect"},
				{label: "Deny", kind: protocol.CompletionItemKindEnumMember, detail: "effect"},
			}
		case matchPath(keys, "Statement", "Action"), matchPath(keys, "Statement", "NotAction"):
			return actionCandidates()
		case matchPath(keys, "Statement", "Resource"), matchPath(keys, "Statement", "NotResource"):
			return []candidate{s.resourceCandidate(path)}
		case matchPath(keys, "Statement", "*", "Service") && isPrincipal(keys[1]):
			var out []candidate
			for _, p := range awsdata.ServicePrincipals() {
				if p.Regional {
					continue // a pattern, not a value
				}
				doc, _ := servicePrincipalDoc(p.Name)
				out = append(out, candidate{label: p.Name, kind: protocol.CompletionItemKindValue, detail: "service principal", doc: doc})
			}
			return out
		case matchPath(keys, "Statement", "Condition", "*", "*"):
			if op, err := awsdata.ParseOperator(keys[2]); err == nil &&
				(op.Base.Category == awsdata.OpCategoryBool || op.Base.Category == awsdata.OpCategoryNull) {
				return []candidate{
					{label: "true", kind: protocol.CompletionItemKindValue},
					{label: "false", kind: protocol.CompletionItemKindValue},
				}
			}
		}
	}
	return nil
}

func keyCandidates(list []struct{ key, doc string }) []candidate {
	out := make([]candidate, 0, len(list))
	for _, k := range list {
		out = append(out, candidate{label: k.key, kind: protocol.CompletionItemKindProperty, doc: k.doc})
	}
	return out
}

// actionCandidates are the actions an identity policy can grant: those
// that take the identity as their resource.
func actionCandidates() []candidate {
	var out []candidate
	for _, a := range awsdata.IdentityPolicyActions() {
		rank := 2
		switch {
		case a.ClassicSending:
			rank = 0
		case a.Sending:
			rank = 1
		}
		out = append(out, candidate{
			label: a.FullName(), kind: protocol.CompletionItemKindFunction,
			detail: fmt.Sprintf("%s · %s", a.Access, a.Families), doc: actionDoc(a), rank: rank,
		})
	}
	return out
}

func operatorCandidates() []candidate {
	var out []candidate
	for _, op := range awsdata.Operators() {
		doc := operatorDoc(op.Name)
		detail := op.Category.String() + " operator"
		out = append(out, candidate{label: op.Name, kind: protocol.CompletionItemKindOperator, detail: detail, doc: doc})
		if op.IfExistsAllowed {
			out = append(out, candidate{label: op.Name + "IfExists", kind: protocol.CompletionItemKindOperator, detail: detail, doc: operatorDoc(op.Name + "IfExists"), rank: 1})
		}
		if op.SetQualifiers {
			for _, q := range []string{"ForAllValues:", "ForAnyValue:"} {
				out = append(out, candidate{label: q + op.Name, kind: protocol.CompletionItemKindOperator, detail: detail, doc: operatorDoc(q + op.Name), rank: 2})
			}
		}
	}
	return out
}

func conditionKeyCandidates() []candidate {
	var out []candidate
	for _, k := range awsdata.ConditionKeys() {
		rank := 3
		switch {
		case k.Legacy:
			rank = 4
		case k.Origin == awsdata.OriginSES:
			rank = 0
		case k.SESImplemented:
			rank = 1
		case k.Origin == awsdata.OriginGlobal:
			rank = 2
		}
		c := candidate{
			label: k.Name, kind: protocol.CompletionItemKindField,
			detail: fmt.Sprintf("%s · %s key", k.Type, k.Origin), doc: conditionKeyDoc(k.Name), rank: rank,
		}
		if k.TagPrefix != "" {
			c.insert = k.TagPrefix
			c.snippet = k.TagPrefix + "${1:TagKey}"
		}
		out = append(out, c)
	}
	return out
}

// resourceCandidate is the identity ARN skeleton, with the identity filled
// in when the config or the file's folder names it.
func (s *Server) resourceCandidate(path string) candidate {
	identity := ""
	if path != "" {
		cfg, _, _, _ := s.configs.For(path, s.rootFor(path))
		if m, ok := cfg.MappingFor(path); ok && m.Identity != "" {
			identity = m.Identity
		} else if id, _, ok := input.FromPathConvention(path); ok {
			identity = id
		}
	}
	if strings.HasPrefix(identity, "arn:") {
		return candidate{label: identity, kind: protocol.CompletionItemKindValue, detail: "identity ARN"}
	}
	plainID, snippetID := "IDENTITY", "${4:example.com}"
	if identity != "" {
		plainID, snippetID = identity, "${4:"+snippetEscape(identity)+"}"
	}
	return candidate{
		label:   "arn:aws:ses:REGION:ACCOUNT:identity/" + plainID,
		snippet: "arn:${1:aws}:ses:${2:us-east-1}:${3:111122223333}:identity/" + snippetID,
		kind:    protocol.CompletionItemKindSnippet,
		detail:  "identity ARN",
		doc:     "The ARN of the SES identity (a domain or an email address) the policy is attached to.",
	}
}

// snippetEscape escapes the characters a snippet gives meaning to.
func snippetEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "$", `\$`, "}", `\}`).Replace(s)
}
