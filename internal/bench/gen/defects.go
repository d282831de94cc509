package gen

import (
	"bytes"
	"slices"
)

// A defectKind turns a sound policy into the text of a broken file that
// the rule must report. Each one is a mistake seen in real policy
// repositories: hand edits, copies from documentation, template output.
type defectKind struct {
	name   string
	rule   string
	inject func(r *rng, p *policy, id identity) []byte
}

// domainOnly are the defects that exist only for domain identities: an
// address identity fixes the sender by itself.
var domainOnly = map[string]bool{"no-from-address": true}

// with returns a copy of the policy with its first statement changed by edit.
func (p *policy) with(edit func(st obj) obj) *policy {
	q := &policy{version: p.version, statements: make([]obj, len(p.statements))}
	copy(q.statements, p.statements)
	q.statements[0] = edit(append(obj(nil), p.statements[0]...))
	return q
}

// set replaces (or appends) key k of an object.
func set(o obj, k string, v any) obj {
	for i := range o {
		if o[i].k == k {
			o[i].v = v
			return o
		}
	}
	return append(o, kv{k, v})
}

func del(o obj, k string) obj {
	out := o[:0]
	for _, m := range o {
		if m.k != k {
			out = append(out, m)
		}
	}
	return out
}

// replaceOnce changes the first occurrence of old in the rendered policy.
func replaceOnce(p *policy, old, new string) []byte {
	text := p.render()
	if !bytes.Contains(text, []byte(old)) {
		panic("gen: defect anchor " + old + " not in policy")
	}
	return bytes.Replace(text, []byte(old), []byte(new), 1)
}

var defectKinds = []defectKind{
	{"truncated", "SES001", func(r *rng, p *policy, _ identity) []byte {
		text := p.render()
		return text[:len(text)/2+r.n(len(text)/4)]
	}},
	{"trailing-comma", "SES001", func(_ *rng, p *policy, _ identity) []byte {
		return replaceOnce(p, "}\n  ]", "},\n  ]")
	}},
	{"byte-order-mark", "SES001", func(_ *rng, p *policy, _ identity) []byte {
		return append([]byte("\uFEFF"), p.render()...)
	}},
	{"not-utf8", "SES001", func(_ *rng, p *policy, _ identity) []byte {
		return replaceOnce(p, `"Sid": "`, "\"Sid\": \"\xff")
	}},
	{"empty-file", "SES001", func(*rng, *policy, identity) []byte { return []byte{} }},
	{"duplicate-key", "SES002", func(_ *rng, p *policy, _ identity) []byte {
		return replaceOnce(p, `"Effect": "Allow",`, `"Effect": "Allow", "Effect": "Deny",`)
	}},
	{"lower-case-effect", "SES003", func(_ *rng, p *policy, _ identity) []byte {
		return replaceOnce(p, `"Effect": "Allow"`, `"Effect": "allow"`)
	}},
	{"missing-effect", "SES003", func(_ *rng, p *policy, _ identity) []byte {
		return p.with(func(st obj) obj { return del(st, "Effect") }).render()
	}},
	{"too-large", "SES004", func(r *rng, p *policy, id identity) []byte {
		q := &policy{version: p.version}
		b := &builder{id: id, sids: map[string]bool{}, from: fromAddresses(r, id)}
		for len(q.render()) <= 4096 {
			q.statements = append(q.statements, b.statement(r, 0))
		}
		return q.render()
	}},
	{"bad-version", "SES006", func(_ *rng, p *policy, _ identity) []byte {
		return replaceOnce(p, `"2012-10-17"`, `"2012-10-18"`)
	}},
	{"missing-version", "SES007", func(_ *rng, p *policy, _ identity) []byte {
		q := *p
		q.version = ""
		return q.render()
	}},
	{"terraform-variable", "SES009", func(_ *rng, p *policy, id identity) []byte {
		return replaceOnce(p, ":"+id.account+":identity/", ":${var.account_id}:identity/")
	}},
	{"resource-not-arn", "SES201", func(_ *rng, p *policy, id identity) []byte {
		return p.with(func(st obj) obj { return set(st, "Resource", "ses:identity/"+id.name) }).render()
	}},
	{"other-identity", "SES202", func(_ *rng, p *policy, id identity) []byte {
		return p.with(func(st obj) obj {
			return set(st, "Resource", "arn:aws:ses:"+id.region+":"+id.account+":identity/other-"+id.domain)
		}).render()
	}},
	{"wildcard-resource", "SES203", func(_ *rng, p *policy, id identity) []byte {
		return p.with(func(st obj) obj {
			return set(st, "Resource", "arn:aws:ses:"+id.region+":"+id.account+":identity/*")
		}).render()
	}},
	{"public-principal", "SES302", func(_ *rng, p *policy, _ identity) []byte {
		return p.with(func(st obj) obj { return del(set(st, "Principal", "*"), "Condition") }).render()
	}},
	{"sample-account", "SES307", func(_ *rng, p *policy, _ identity) []byte {
		return p.with(func(st obj) obj {
			return set(st, "Principal", obj{{"AWS", []string{"arn:aws:iam::123456789012:root"}}})
		}).render()
	}},
	{"misspelt-action", "SES401", func(_ *rng, p *policy, _ identity) []byte {
		return p.with(func(st obj) obj { return set(st, "Action", []string{"ses:SendEmails"}) }).render()
	}},
	{"misspelt-operator", "SES501", func(_ *rng, p *policy, _ identity) []byte {
		return replaceOnce(p, `"StringEquals": {`, `"StringEqual": {`)
	}},
	{"misspelt-condition-key", "SES502", func(_ *rng, p *policy, _ identity) []byte {
		return replaceOnce(p, `"ses:FromAddress"`, `"ses:FromAdress"`)
	}},
	{"recipients-without-qualifier", "SES504", func(r *rng, p *policy, id identity) []byte {
		return p.with(func(st obj) obj {
			return set(st, "Condition", obj{
				{"StringEquals", obj{{"ses:FromAddress", fromAddresses(r, id)}}},
				{"StringLike", obj{{"ses:Recipients", []string{"*@" + partners[0]}}}},
			})
		}).render()
	}},
	{"wildcard-in-string-equals", "SES508", func(_ *rng, p *policy, id identity) []byte {
		return p.with(func(st obj) obj {
			return set(st, "Condition", obj{{"StringEquals", obj{{"ses:FromAddress", []string{"*@" + id.domain}}}}})
		}).render()
	}},
	{"no-from-address", "SES601", func(_ *rng, p *policy, _ identity) []byte {
		// The policy's Deny of other addresses would restrict the sender
		// too, so it goes with the condition.
		q := p.with(func(st obj) obj {
			return set(st, "Condition", obj{{"ForAllValues:StringLike", obj{{"ses:Recipients", []string{"*@" + partners[1]}}}}})
		})
		q.statements = slices.DeleteFunc(q.statements, func(st obj) bool { return st[1].v == "Deny" })
		return q.render()
	}},
	{"duplicate-sid", "SES602", func(_ *rng, p *policy, id identity) []byte {
		q := p.with(func(st obj) obj { return st })
		dup := append(obj(nil), q.statements[0]...)
		dup = set(dup, "Action", []string{"ses:SendRawEmail"})
		q.statements = append(q.statements, dup)
		return q.render()
	}},
	{"sid-with-dashes", "SES603", func(_ *rng, p *policy, _ identity) []byte {
		return p.with(func(st obj) obj { return set(st, "Sid", "allow-partner-sending") }).render()
	}},
}
