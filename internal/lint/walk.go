package lint

// The folder walk: how the paths on the command line become the inputs of
// a run, and how the config's globs are matched against the files found.

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seslint/seslint/internal/config"
)

// withCwd returns o with the working directory looked up, and cleaned
// (os.Getwd may return $PWD as it is written).
func (o Options) withCwd() Options {
	if o.cwd == "" {
		if cwd, err := os.Getwd(); err == nil {
			o.cwd = filepath.Clean(cwd)
		}
	}
	return o
}

// abs makes path absolute against the run's working directory, as
// filepath.Abs does, without asking the system each time.
func (o *Options) abs(path string) string {
	if o.cwd == "" || filepath.IsAbs(path) {
		return path
	}
	if cleanRelative(path) && o.cwd != "/" && filepath.Separator == '/' {
		// A walked path is clean already: joined, it needs no Clean, whose
		// scan of the whole absolute path is most of filepath.Join's cost.
		return o.cwd + "/" + path
	}
	return filepath.Join(o.cwd, path)
}

// cleanRelative reports whether a slashed relative path is made of plain
// names only (none empty, "." or ".."), so that filepath.Clean leaves it,
// and a clean folder followed by it, as it is.
func cleanRelative(p string) bool {
	if p == "" {
		return false
	}
	for p != "" {
		name, rest, more := strings.Cut(p, "/")
		if name == "" || name == "." || name == ".." || (more && rest == "") {
			return false
		}
		p = rest
	}
	return true
}

// Expand resolves paths into inputs, walking folders.
func Expand(paths []string, o Options) ([]Input, []FileError) {
	l, errs := expand(paths, o)
	inputs := make([]Input, len(l.files))
	for i := range inputs {
		inputs[i] = l.at(i)
	}
	return inputs, errs
}

func expand(paths []string, o Options) (*inputList, []FileError) {
	o = o.withCwd()
	inputs := &inputList{}
	var errs []FileError
	var dirs dirReader // its buffers serve every walk
	// One path names each file once (a walk visits each entry once);
	// several may name a file twice.
	var seen map[string]bool
	if len(paths) > 1 {
		seen = map[string]bool{}
	}
	add := func(in Input) {
		if seen == nil {
			inputs.add(in)
		} else if !seen[in.Path] {
			seen[in.Path] = true
			inputs.add(in)
		}
	}
	for _, p := range paths {
		if p == "-" {
			name := cmp.Or(o.StdinName, "<stdin>")
			var text []byte
			var err error
			if o.Stdin != nil {
				text, err = o.Stdin()
			}
			if err != nil {
				errs = append(errs, FileError{Path: name, Message: "cannot read standard input: " + err.Error()})
				continue
			}
			add(Input{Path: name, Text: text})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, FileError{Path: p, Message: describeIOError(p, err)})
			continue
		}
		if !st.IsDir() {
			add(Input{Path: filepath.Clean(p)})
			continue
		}
		w := walker{o: &o, add: add, errs: &errs, r: &dirs}
		w.walk(p)
	}
	inputs.seal()
	return inputs, errs
}

// walker finds the included files under a folder named on the command
// line. It visits what filepath.WalkDir would, in the same order and with
// the same paths, without WalkDir's Clean of every path it joins, and
// matches each path by its place under the config's folder rather than
// making it absolute and then relative again (FuzzWalk). Its dirReader
// lists the folders (readdir_*.go).
type walker struct {
	o    *Options
	m    *config.Matcher
	add  func(Input)
	errs *[]FileError
	r    *dirReader
	// When the root lies in the config's folder, a path under it is
	// matched as relPrefix followed by its path below the root, which
	// is the path with rootPrefix cut off.
	rootPrefix, relPrefix string
	under                 bool
}

// slashOS is set where filepath.Join of a clean folder and a name is
// plain concatenation (see childPrefix); elsewhere the walk joins as
// WalkDir does.
const slashOS = filepath.Separator == '/'

func (w *walker) walk(root string) {
	info, err := os.Lstat(root)
	if err != nil {
		w.fail(root, err)
		return
	}
	if !info.IsDir() {
		// A symbolic link to a folder: WalkDir does not follow it, and
		// visits the root as a file.
		if w.o.Config.Included(w.o.abs(root)) {
			w.file(root, info.Mode().Type())
		}
		return
	}
	w.m = w.o.Config.Matcher()
	clean := filepath.Clean(root)
	w.rootPrefix = childPrefix(clean)
	if w.o.cwd != "" && slashOS {
		var base string
		if base, w.under = w.o.Config.RelDir(w.o.abs(clean)); w.under {
			w.relPrefix = childPrefix(base)
		}
	}
	w.dir(root, w.rootPrefix)
}

// childPrefix is what filepath.Join puts before a name in a clean folder:
// for "." nothing, for "/" itself, else the folder and a separator.
func childPrefix(dir string) string {
	switch {
	case dir == ".":
		return ""
	case os.IsPathSeparator(dir[len(dir)-1]):
		return dir
	}
	return dir + string(filepath.Separator)
}

// dir visits a folder's entries in lexical order; prefix is what is put
// before their names.
func (w *walker) dir(path, prefix string) {
	mark := w.r.mark()
	defer w.r.release(mark)
	entries, err := w.r.read(path)
	if err != nil {
		w.fail(path, err) // and go on with the entries read, as WalkDir does
	}
	for _, e := range entries {
		p := w.r.join(path, prefix, e)
		switch {
		case !e.IsDir():
			if w.included(p) {
				w.file(p, e.Type())
			}
		case !w.excluded(p):
			w.dir(p, p+string(filepath.Separator))
		}
	}
}

// file adds an included file, unless it is a broken symbolic link.
func (w *walker) file(path string, typ fs.FileMode) {
	if typ&fs.ModeSymlink != 0 {
		if _, err := os.Stat(path); err != nil {
			w.fail(path, err)
			return
		}
	}
	w.add(Input{Path: path, Walked: true})
}

func (w *walker) fail(path string, err error) {
	*w.errs = append(*w.errs, FileError{Path: path, Message: describeIOError(path, err)})
}

func (w *walker) included(path string) bool {
	if rel, ok := w.rel(path); ok {
		return w.m.IncludedRel(rel)
	}
	return w.o.Config.Included(w.o.abs(path))
}

func (w *walker) excluded(path string) bool {
	if rel, ok := w.rel(path); ok {
		return w.m.ExcludedRel(rel)
	}
	return w.o.Config.Excluded(w.o.abs(path))
}

// rel returns the config-relative path of a path under the root, when
// the root lies in the config's folder.
func (w *walker) rel(path string) (string, bool) {
	switch {
	case !w.under:
		return "", false
	case w.relPrefix == w.rootPrefix:
		return path, true // a relative root with the config in the working directory
	}
	return w.relPrefix + path[len(w.rootPrefix):], true
}

func describeIOError(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(path); lerr == nil {
			return "broken symbolic link: its target does not exist"
		}
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}
