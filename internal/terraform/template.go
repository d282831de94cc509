package terraform

import (
	"strconv"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
)

// template reads a policy written as a heredoc or a quoted string: the
// decoded text is parsed as JSON, each byte mapped back to the HCL source
// that produced it. An interpolation whose value is known is put in as
// Terraform would; one that is not becomes a placeholder string whose
// node is marked Unknown.
func (m *module) template(e *evaluator, f *file, x *hclsyntax.TemplateExpr, u *input.Unit) built {
	quoted := m.doc.Text[f.base+x.Range().Start.Byte] == '"'
	var t jsonText
	var holes []source.Span // placeholders, in the decoded text
	structural := false     // a placeholder outside a JSON string
	for _, part := range x.Parts {
		sp := m.span(f, part.Range())
		if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && !lit.Val.IsNull() {
			val := lit.Val.AsString()
			t.add([]byte(val), literalOffsets(m.doc.Text[sp.Start:sp.End], sp.Start, val, quoted))
			continue
		}
		v := e.eval(f, part)
		if !v.Unknown && (v.Kind == source.String || v.Kind == source.Number || v.Kind == source.Bool) {
			t.addAt([]byte(v.Text), sp.Start)
			continue
		}
		if !v.Unknown {
			e.unknown(sp)
		}
		ph := source.EscapeStringContent("${" + m.srcText(sp) + "}")
		start := len(t.text)
		if t.inString {
			t.addAt([]byte(ph), sp.Start)
		} else {
			structural = true
			t.addAt([]byte(`"`+ph+`"`), sp.Start)
		}
		holes = append(holes, source.Span{Start: start, End: len(t.text)})
	}
	end := m.span(f, x.Range()).End
	if n := len(x.Parts); n > 0 {
		end = m.span(f, x.Parts[n-1].Range()).End
	}
	t.offsets = append(t.offsets, end)
	doc := source.ParseMapped(m.doc, t.text, t.offsets)
	if structural && len(doc.Problems) > 0 {
		// The JSON is put together by interpolations: a placeholder can
		// break it where the real value would not.
		m.note(u, m.span(f, x.Range()), "the policy of %s is JSON put together from values not known until Terraform plans it; lint the plan (terraform show -json) to check it", u.Address)
		return built{}
	}
	if doc.Root != nil {
		doc.Root.Walk(func(n *source.Node) {
			if len(n.Members) == 0 && len(n.Elems) == 0 && overlaps(n.Span, holes) {
				n.Unknown = true
			}
			for i := range n.Members {
				if overlaps(n.Members[i].KeySpan, holes) {
					markUnknown(n.Members[i].Value)
				}
			}
		})
	}
	return built{root: doc.Root, doc: doc, home: f}
}

func overlaps(s source.Span, holes []source.Span) bool {
	for _, h := range holes {
		if s.Start < h.End && h.Start < s.End {
			return true
		}
	}
	return false
}

// jsonText is decoded text with the file offset of each byte, tracking
// whether its end is inside a JSON string.
type jsonText struct {
	text     []byte
	offsets  []int
	inString bool
	escaped  bool
}

func (t *jsonText) add(b []byte, offsets []int) {
	t.text = append(t.text, b...)
	t.offsets = append(t.offsets, offsets...)
	for _, c := range b {
		switch {
		case t.escaped:
			t.escaped = false
		case t.inString && c == '\\':
			t.escaped = true
		case c == '"':
			t.inString = !t.inString
		}
	}
}

// addAt adds bytes that all come from one place of the file.
func (t *jsonText) addAt(b []byte, offset int) {
	offsets := make([]int, len(b))
	for i := range offsets {
		offsets[i] = offset
	}
	t.add(b, offsets)
}

// literalOffsets maps each byte of val, the decoded value of an HCL string
// literal whose source is src (at offset base of the file), to the source
// character that produced it. It follows HCL's decoding: backslash escapes
// in quoted strings, $${ and %%{ everywhere, and the indentation a <<-
// heredoc strips (source bytes that produce nothing are skipped). Should
// the two ever disagree, the rest maps to the end of the literal.
func literalOffsets(src []byte, base int, val string, quoted bool) []int {
	out := make([]int, 0, len(val))
	i, j := 0, 0
	for j < len(val) && i < len(src) {
		at := base + i
		if quoted && src[i] == '\\' && i+1 < len(src) {
			if r, n := hclEscape(src[i:]); n > 0 {
				enc := string(r)
				if len(val)-j >= len(enc) && val[j:j+len(enc)] == enc {
					for range len(enc) {
						out = append(out, at)
					}
					i, j = i+n, j+len(enc)
					continue
				}
			}
		}
		if i+2 < len(src) && (src[i] == '$' || src[i] == '%') && src[i+1] == src[i] && src[i+2] == '{' &&
			j+1 < len(val) && val[j] == src[i] && val[j+1] == '{' {
			out = append(out, at, at)
			i, j = i+3, j+2
			continue
		}
		if src[i] == val[j] {
			out = append(out, at)
			i++
			j++
			continue
		}
		i++ // stripped indentation or a trimmed space
	}
	for ; j < len(val); j++ {
		out = append(out, base+len(src))
	}
	return out
}

// hclEscape decodes the backslash escape at the start of b, returning the
// rune and the escape's length, or 0 when it is not one.
func hclEscape(b []byte) (rune, int) {
	switch b[1] {
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case '"':
		return '"', 2
	case '\\':
		return '\\', 2
	case 'u', 'U':
		n := 4
		if b[1] == 'U' {
			n = 8
		}
		if len(b) < 2+n {
			return 0, 0
		}
		v, err := strconv.ParseUint(string(b[2:2+n]), 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return 0, 0
		}
		return rune(v), 2 + n
	}
	return 0, 0
}
