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
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, FileError{Path: path, Message: describeIOError(path, err)})
				return nil
			}
			if d.IsDir() {
				if path != p && o.Config.Excluded(o.abs(path)) {
					return filepath.SkipDir
				}
				return nil
			}
			if !o.Config.Included(o.abs(path)) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if _, err := os.Stat(path); err != nil {
					errs = append(errs, FileError{Path: path, Message: describeIOError(path, err)})
					return nil
				}
			}
			add(Input{Path: path, Walked: true})
			return nil
		})
		if walkErr != nil {
			errs = append(errs, FileError{Path: p, Message: walkErr.Error()})
		}
	}
	return inputs, errs
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
