// Package gen writes deterministic corpora of realistic SES
// sending-authorization policies for the benchmarks: one folder per
// identity (so the path convention names the identity and the policy), one
// to five statements per policy, cross-account principals, sending actions,
// the identity's exact ARN and ses:FromAddress / ses:Recipients conditions,
// 0.5 to 3 KB each. A corpus may carry injected defects; the generator
// records which defect it put in which file, so a benchmark can check that
// every one is found.
//
// The output depends only on the options: the random source is a
// splitmix64 written here, not math/rand, whose sequences may change
// between Go releases.
package gen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/seslint/seslint/internal/awsdata"
)

// Options choose a corpus.
type Options struct {
	// Files is the number of files.
	Files int
	// Seed selects the corpus; the same options give the same bytes.
	Seed uint64
	// DefectEvery puts a defect in every DefectEvery-th file (0: none).
	DefectEvery int
}

// File is one generated file; Path is slash-separated and relative to the
// corpus root.
type File struct {
	Path string
	Text []byte
}

// Defect is an injected defect and the rule that must find it.
type Defect struct {
	Path string
	Rule string
	Kind string
}

// PoliciesPerIdentity is how many files share an identity folder; it stays
// under SES's limit of 20 policies per identity (SES103).
const PoliciesPerIdentity = 16

// Corpus generates the files and the defects injected into them, in path
// order.
func Corpus(o Options) ([]File, []Defect) {
	var files []File
	var defects []Defect
	var id identity
	for i := range o.Files {
		if i%PoliciesPerIdentity == 0 {
			id = newIdentity(o.Seed, i/PoliciesPerIdentity)
		}
		r := newRand(o.Seed, uint64(i)+1<<32)
		name := policyName(r, i%PoliciesPerIdentity)
		p := newPolicy(r, id)
		path := id.name + "/" + name + ".json"
		text := p.render()
		if o.DefectEvery > 0 && i%o.DefectEvery == o.DefectEvery-1 {
			j := i / o.DefectEvery
			for id.email && domainOnly[defectKinds[j%len(defectKinds)].name] {
				j++
			}
			k := defectKinds[j%len(defectKinds)]
			text = k.inject(r, p, id)
			defects = append(defects, Defect{Path: path, Rule: k.rule, Kind: k.name})
		}
		files = append(files, File{Path: path, Text: text})
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(defects, func(a, b Defect) int { return strings.Compare(a.Path, b.Path) })
	return files, defects
}

// Write generates a corpus into dir (which must not exist or be empty)
// and, when manifest is not "", the list of defects as tab-separated
// path, rule and kind.
func Write(dir, manifest string, o Options) error {
	files, defects := Corpus(o)
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Text, 0o644); err != nil {
			return err
		}
	}
	if manifest == "" {
		return nil
	}
	return os.WriteFile(manifest, Manifest(defects), 0o644)
}

// Manifest renders defects as the tab-separated list Write stores.
func Manifest(defects []Defect) []byte {
	var b bytes.Buffer
	for _, d := range defects {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", d.Path, d.Rule, d.Kind)
	}
	return b.Bytes()
}

// ReadManifest parses what Manifest wrote.
func ReadManifest(text []byte) ([]Defect, error) {
	var out []Defect
	for i, line := range strings.Split(strings.TrimRight(string(text), "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("manifest line %d: want path, rule and kind separated by tabs", i+1)
		}
		out = append(out, Defect{Path: f[0], Rule: f[1], Kind: f[2]})
	}
	return out, nil
}

// rng is splitmix64: small, fast and the same on every Go release.
type rng struct{ s uint64 }

func newRand(seed, stream uint64) *rng {
	r := &rng{s: seed*0x9E3779B97F4A7C15 ^ stream}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// n returns a number in [0, k).
func (r *rng) n(k int) int { return int(r.next() % uint64(k)) }

func pick[T any](r *rng, xs []T) T { return xs[r.n(len(xs))] }

// account returns a 12-digit account ID that is not a documentation sample.
func (r *rng) account() string {
	for {
		id := strconv.Itoa(2+r.n(8)) + fmt.Sprintf("%011d", r.next()%100_000_000_000)
		if !awsdata.IsSampleAccount(id) {
			return id
		}
	}
}

var (
	brands   = []string{"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne", "soylent", "vandelay", "contoso", "fabrikam", "northwind", "tailspin"}
	tlds     = []string{"com", "net", "org", "io", "co.uk", "de"}
	regions  = []string{"us-east-1", "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ca-central-1"}
	teams    = []string{"Billing", "Marketing", "Support", "Alerts", "Onboarding", "Security", "Receipts", "Newsletter", "Payroll", "Shipping", "Identity", "Reports"}
	purposes = []string{"Sending", "Delegation", "Notifications", "Invoices", "Campaigns", "Digest", "Password", "Orders"}
	roles    = []string{"mailer", "sender", "notifier", "campaign-runner", "ses-delegate", "billing-bot", "alerts-service", "app-backend"}
	locals   = []string{"noreply", "billing", "support", "alerts", "news", "receipts", "security", "hello", "team", "orders"}
	partners = []string{"customers.example.net", "partner.example.org", "clients.example.com", "members.example.net"}
)

type identity struct {
	name    string // the folder name: a domain or an email address
	domain  string // the domain part
	email   bool
	account string
	region  string
}

func (id identity) arn() string {
	return "arn:aws:ses:" + id.region + ":" + id.account + ":identity/" + id.name
}

func newIdentity(seed uint64, n int) identity {
	r := newRand(seed, uint64(n))
	domain := fmt.Sprintf("%s%d.%s", pick(r, brands), n, pick(r, tlds))
	if r.n(3) == 0 {
		domain = "mail." + domain
	}
	id := identity{name: domain, domain: domain, account: r.account(), region: pick(r, regions)}
	if r.n(5) == 0 {
		id.email, id.name = true, pick(r, locals)+"@"+domain
	}
	return id
}

func policyName(r *rng, n int) string {
	return fmt.Sprintf("%s%s%02d", pick(r, teams), pick(r, purposes), n)
}

// The JSON is built as ordered objects and rendered with two-space
// indentation, the way people and tools write policies.
type kv struct {
	k string
	v any // string, []string, obj, []obj
}

type obj []kv

type policy struct {
	version    string
	statements []obj
}

func (p *policy) render() []byte {
	o := obj{}
	if p.version != "" {
		o = append(o, kv{"Version", p.version})
	}
	o = append(o, kv{"Statement", p.statements})
	var b bytes.Buffer
	writeJSON(&b, o, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func writeJSON(b *bytes.Buffer, v any, depth int) {
	indent := func(d int) { b.WriteByte('\n'); b.WriteString(strings.Repeat("  ", d)) }
	switch v := v.(type) {
	case string:
		b.WriteString(strconv.Quote(v))
	case []string:
		if len(v) == 1 {
			b.WriteString(strconv.Quote(v[0]))
			return
		}
		b.WriteByte('[')
		for i, s := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(s))
		}
		b.WriteByte(']')
	case obj:
		b.WriteByte('{')
		for i, m := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(depth + 1)
			b.WriteString(strconv.Quote(m.k))
			b.WriteString(": ")
			writeJSON(b, m.v, depth+1)
		}
		indent(depth)
		b.WriteByte('}')
	case []obj:
		b.WriteByte('[')
		for i, o := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(depth + 1)
			writeJSON(b, o, depth+1)
		}
		indent(depth)
		b.WriteByte(']')
	default:
		panic(fmt.Sprintf("gen: cannot write %T", v))
	}
}

// newPolicy builds a sound policy of one to five statements whose rendered
// size is drawn between 0.5 and 3 KB, about 1.5 KB on average.
func newPolicy(r *rng, id identity) *policy {
	p := &policy{version: "2012-10-17"}
	target := 700 + (r.n(2300)+r.n(2300))/2
	b := &builder{id: id, sids: map[string]bool{}, from: fromAddresses(r, id)}
	for len(p.statements) < 5 {
		p.statements = append(p.statements, b.statement(r, len(p.statements)))
		if n := len(p.render()); n > target && len(p.statements) > 1 {
			p.statements = p.statements[:len(p.statements)-1]
			break
		}
	}
	if len(p.render()) < 512 {
		p.statements = append(p.statements, b.statement(r, len(p.statements)))
	}
	return p
}

// builder keeps what the statements of one policy share: the identity,
// the Sids used so far, and the addresses the policy lets delegates send
// from.
type builder struct {
	id     identity
	sids   map[string]bool
	from   []string
	denied bool
}

func sid(r *rng, sids map[string]bool, prefix string) string {
	for {
		s := prefix + pick(r, teams) + pick(r, purposes)
		if !sids[s] {
			sids[s] = true
			return s
		}
		prefix += strconv.Itoa(r.n(10))
	}
}

func principals(r *rng, owner string) []string {
	acct := r.account()
	for acct == owner {
		acct = r.account()
	}
	var out []string
	for range 1 + r.n(3) {
		switch r.n(4) {
		case 0:
			out = append(out, "arn:aws:iam::"+acct+":root")
		case 1:
			out = append(out, "arn:aws:iam::"+acct+":user/"+pick(r, roles))
		default:
			out = append(out, "arn:aws:iam::"+acct+":role/"+pick(r, roles)+"-"+strconv.Itoa(r.n(100)))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func fromAddresses(r *rng, id identity) []string {
	if id.email {
		return []string{id.name}
	}
	var out []string
	for range 1 + r.n(3) {
		out = append(out, pick(r, locals)+"@"+id.domain)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// someFrom returns a non-empty subset of the policy's sender addresses.
func (b *builder) someFrom(r *rng) []string {
	var out []string
	for _, a := range b.from {
		if r.n(3) > 0 {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = b.from[r.n(len(b.from)):][:1]
	}
	return out
}

func (b *builder) statement(r *rng, n int) obj {
	id, sids := b.id, b.sids
	if n > 0 && !b.denied && r.n(3) == 0 {
		b.denied = true
		// Deny sending from any other address, for every caller.
		return obj{
			{"Sid", sid(r, sids, "Deny")},
			{"Effect", "Deny"},
			{"Principal", "*"},
			{"Action", []string{"ses:SendEmail", "ses:SendRawEmail"}},
			{"Resource", id.arn()},
			{"Condition", obj{{"StringNotEquals", obj{{"ses:FromAddress", b.from}}}}},
		}
	}
	actions := pick(r, [][]string{
		{"ses:SendEmail", "ses:SendRawEmail"},
		{"ses:SendRawEmail"},
		{"ses:SendEmail"},
		{"ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail"},
		{"ses:SendBulkTemplatedEmail", "ses:SendTemplatedEmail"},
	})
	cond := obj{{"StringEquals", obj{{"ses:FromAddress", b.someFrom(r)}}}}
	if r.n(2) == 0 {
		var to []string
		for range 1 + r.n(2) {
			to = append(to, "*@"+pick(r, partners))
		}
		slices.Sort(to)
		cond = append(cond, kv{"ForAllValues:StringLike", obj{{"ses:Recipients", slices.Compact(to)}}})
	}
	if r.n(4) == 0 {
		cond = append(cond, kv{"DateGreaterThan", obj{{"aws:CurrentTime", fmt.Sprintf("20%02d-%02d-01T00:00:00Z", 24+r.n(3), 1+r.n(12))}}})
	}
	return obj{
		{"Sid", sid(r, sids, "Allow")},
		{"Effect", "Allow"},
		{"Principal", obj{{"AWS", principals(r, id.account)}}},
		{"Action", actions},
		{"Resource", id.arn()},
		{"Condition", cond},
	}
}

// exampleMin and exampleMax bound the sizes Example takes: the policies
// the generator writes are 512 to 2,964 bytes (over 200,000 of them).
const exampleMin, exampleMax = 500, 3000

// Example returns a policy of about size bytes (the first generated one
// within 10% of it) for in-process benchmarks, broken by the defect of
// that kind when kind is not "". The generator writes 0.5 to 3 KB, so
// size must be within that range; outside it Example panics rather than
// search for ever.
func Example(size int, kind string) File {
	if size < exampleMin || size > exampleMax {
		panic(fmt.Sprintf("gen: Example(%d): the generator writes policies of %d to %d bytes", size, exampleMin, exampleMax))
	}
	for i := 0; ; i++ {
		id := newIdentity(1, i)
		r := newRand(1, uint64(i)+1<<40)
		p := newPolicy(r, id)
		text := p.render()
		if d := len(text) - size; d < -size/10 || d > size/10 || id.email {
			continue
		}
		path := id.name + "/" + policyName(r, 0) + ".json"
		if kind == "" {
			return File{Path: path, Text: text}
		}
		for _, k := range defectKinds {
			if k.name == kind {
				return File{Path: path, Text: k.inject(r, p, id)}
			}
		}
		panic("gen: no defect kind " + kind)
	}
}
