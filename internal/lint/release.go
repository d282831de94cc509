package lint

import (
	"cmp"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seslint/seslint/internal/finding"
	"github.com/seslint/seslint/internal/input"
	"github.com/seslint/seslint/internal/source"
	"github.com/seslint/seslint/rules"
)

// release is what a linted policy or request file leaves behind for the
// rest of the run: its findings, its line index when it has findings, and
// what the set rules need of it (rules.SetUnit), none of which shares the
// file's text or tree. A run over 10,000 files would otherwise hold every
// file's bytes and tree (some 15 KB a file) until the end; this way memory
// stays flat (docs/performance.md). The tree goes back to the worker's
// arena for the next file: findings hold no node (only spans and strings,
// which share the text, not the tree).
func release(u *input.Unit, fs []finding.Finding) fileOutcome {
	oc := keepForSet(u)
	if len(fs) > 0 {
		if oc.more == nil {
			oc.more = &outcomeDetail{}
		}
		oc.more.findings, oc.more.lines = fs, u.File.Lines()
	}
	u.File.Release()
	if u.Policy != nil && u.Policy != u.File {
		u.Policy.Release() // a request's policy, for the worker's next one
	}
	return oc
}

// keepForSet keeps what the set rules need of u. Most files keep no more
// than the outcome's two words: a policy whose identity and policy name
// are its path's (`<identity>/<PolicyName>.json`) keeps where its root
// starts, and the path gives the rest again at the end of the run.
func keepForSet(u *input.Unit) fileOutcome {
	root := u.File.Root
	switch {
	case !u.Identity.Known:
		return fileOutcome{set: noIdentity}
	case u.PolicyName.Known && u.PolicyName.Node == nil && pathNames(u.Path) == [2]string{u.Identity.Value, u.PolicyName.Value} &&
		(root == nil || root.Span.Start <= math.MaxInt32):
		oc := fileOutcome{set: fromPath, at: -1}
		if root != nil {
			oc.at = int32(root.Span.Start)
		}
		return oc
	}
	s := rules.SetUnitOf(u)
	// The strings may share the file's bytes, which the next file
	// overwrites or which would stay alive for them.
	s.Identity, s.PolicyName, s.Value = strings.Clone(s.Identity), strings.Clone(s.PolicyName), strings.Clone(s.Value)
	return fileOutcome{set: inDetail, more: &outcomeDetail{set: s}}
}

// pathNames returns the names that input.FromPathConvention would read in
// path (the parent folder's, and the file's without its extension),
// without checking that the first names an identity: keepForSet asks
// only of a unit that has them already.
func pathNames(path string) [2]string {
	slashed := filepath.ToSlash(path)
	slash := strings.LastIndexByte(slashed, '/')
	base, dir := slashed[slash+1:], slashed[:max(slash, 0)]
	return [2]string{dir[strings.LastIndexByte(dir, '/')+1:], strings.TrimSuffix(base, filepath.Ext(base))}
}

// runUnits are the units of a run as the set rules see them: first one
// per input, in input order (without identity unless it is a released
// file), then the units kept whole.
type runUnits struct {
	inputs   *inputList
	outcomes []fileOutcome
	whole    []*input.Unit
}

func (r *runUnits) Len() int { return len(r.outcomes) + len(r.whole) }

func (r *runUnits) Path(i int) string {
	if i < len(r.outcomes) {
		return r.inputs.path(i)
	}
	return r.whole[i-len(r.outcomes)].Path
}

func (r *runUnits) Unit(i int) rules.SetUnit {
	if i >= len(r.outcomes) {
		return rules.SetUnitOf(r.whole[i-len(r.outcomes)])
	}
	path := r.inputs.path(i)
	switch oc := &r.outcomes[i]; oc.set {
	case fromPath:
		names := pathNames(path)
		u := rules.SetUnit{Path: path, Identity: names[0], PolicyName: names[1], PolicyNameKnown: true}
		if oc.at >= 0 {
			u.At = source.Span{Start: int(oc.at), End: int(oc.at) + 1}
		}
		return u
	case inDetail:
		return oc.more.set
	}
	return rules.SetUnit{Path: path}
}

// addLines gives a line index to each file that has a finding but none
// yet: a file whose only findings come from set rules, which run after its
// text was released. Its text is read again (or taken from its input).
func addLines(res *Result, inputs *inputList) {
	var need map[string]bool
	for i := range res.Findings {
		f := &res.Findings[i]
		if i > 0 && res.Findings[i-1].File == f.File {
			continue // findings are sorted by file
		}
		if j := fileIndex(res.Files, f.File); j >= 0 && res.Files[j].Lines == nil {
			if need == nil {
				need = map[string]bool{}
			}
			need[f.File] = true
		}
	}
	if need == nil {
		return
	}
	texts := map[string][]byte{}
	for _, in := range inputs.inMemory { // the last of a path wins
		if need[in.Path] {
			texts[in.Path] = in.Text
		}
	}
	for j := range res.Files {
		f := &res.Files[j]
		if !need[f.Path] {
			continue
		}
		text, ok := texts[f.Path]
		if !ok {
			var err error
			if text, err = os.ReadFile(f.Path); err != nil {
				continue // the positions fall back to offsets on line 1
			}
		}
		f.Lines = source.NewLines(text)
	}
}

// fileIndex finds a path in files sorted by path, or -1.
func fileIndex(files []File, path string) int {
	i, ok := slices.BinarySearchFunc(files, path, func(f File, p string) int { return cmp.Compare(f.Path, p) })
	if !ok {
		return -1
	}
	return i
}
