package lint

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seslint/seslint/internal/config"
)

// refExpand is expand as it was, with filepath.WalkDir: the reference the
// walker must agree with.
func refExpand(paths []string, o Options) ([]Input, []FileError) {
	o = o.withCwd()
	var inputs []Input
	var errs []FileError
	seen := map[string]bool{}
	add := func(in Input) {
		if !seen[in.Path] {
			seen[in.Path] = true
			inputs = append(inputs, in)
		}
	}
	for _, p := range paths {
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

// walkNames are the names a generated tree is made of: policies, other
// files, the default excludes, dot files, unicode and spaces, and names
// that sort around each other.
var walkNames = []string{
	"a.json", "b.tf", ".h.json", "node_modules", ".git", ".terraform", "ünï.json", "x", "vendor",
	"Z.json", "a b.json", "-.json", "a.json.bak", "B", "é", "p.JSON", "x.json",
}

// buildTree makes a tree under root from bytes, three per entry: what it
// is, the folder it goes in and its name. Entries are files, folders,
// symbolic links to files, folders, nothing or themselves, and folders
// that cannot be read (when not running as root).
func buildTree(t *testing.T, root string, data []byte) {
	dirs, files := []string{root}, []string{}
	for ; len(data) >= 3; data = data[3:] {
		dir := dirs[int(data[1])%len(dirs)]
		p := filepath.Join(dir, walkNames[int(data[2])%len(walkNames)])
		if _, err := os.Lstat(p); err == nil {
			continue
		}
		var err error
		switch data[0] % 8 {
		case 0, 1:
			if err = os.WriteFile(p, []byte(`{"Version":"2012-10-17","Statement":[]}`), 0o644); err == nil {
				files = append(files, p)
			}
		case 2, 3:
			if err = os.Mkdir(p, 0o755); err == nil {
				dirs = append(dirs, p)
			}
		case 4:
			if len(files) > 0 {
				err = os.Symlink(files[int(data[1])%len(files)], p)
			}
		case 5:
			err = os.Symlink(filepath.Join(dir, "missing"), p)
		case 6:
			if data[2]%2 == 0 {
				err = os.Symlink(dirs[int(data[2])%len(dirs)], p)
			} else {
				err = os.Symlink(p, p) // a loop: Stat fails
			}
		case 7:
			if err = os.Mkdir(p, 0o755); err == nil {
				err = os.WriteFile(filepath.Join(p, "in.json"), nil, 0o644)
			}
			if err == nil {
				err = os.Chmod(p, 0)
				t.Cleanup(func() { os.Chmod(p, 0o755) })
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// walkConfigs are the configs a walk is tried with: the defaults and
// globs of other shapes, in the working directory, below it and above it.
func walkConfig(t *testing.T, which uint8, cwd string) *config.Config {
	parse := func(dir, text string) *config.Config {
		c, err := config.Parse(".seslint.yaml", dir, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	switch which % 6 {
	case 1:
		return parse(cwd, "include: ['**/*.json']\nexclude: ['vendor/**', '**/x/**', 't/B', '**/*.bak']\n")
	case 2:
		return config.Default(filepath.Join(cwd, "t"))
	case 3:
		return config.Default(filepath.Dir(cwd))
	case 4:
		return parse(filepath.Join(cwd, "t", "x"), "include: ['**/*.tf', 'B/**']\nexclude: ['**/*.tf/**', 'é']\n")
	case 5:
		return parse(cwd, "exclude: ['t/x', '**/B']\n")
	}
	return config.Default(cwd)
}

// walkRoots are the paths a walk is asked for, as a user might name them.
func walkRoots(cwd string) []string {
	return []string{
		"t", ".", "t/", "./t/../t", filepath.Join(cwd, "t"), "t/x", "tlink", "t/B",
		filepath.Join("..", filepath.Base(cwd), "t"), "t/a.json", "missing", "t//x/",
	}
}

// FuzzWalk checks that the walker finds what filepath.WalkDir found, in
// the same order, with the same paths and errors, for generated trees,
// configs and paths.
func FuzzWalk(f *testing.F) {
	f.Add([]byte("\x00\x00\x00\x02\x00\x07\x00\x01\x01\x04\x00\x0b\x05\x01\x02\x06\x00\x00\x02\x00\x03\x00\x02\x00"), uint8(0), uint16(1))
	f.Add([]byte("\x02\x00\x08\x02\x00\x0f\x00\x01\x00\x00\x02\x06\x07\x00\x07\x04\x01\x0e\x06\x01\x01"), uint8(1), uint16(3))
	f.Add([]byte("\x02\x00\x07\x02\x01\x0d\x00\x02\x01\x00\x00\x0a\x02\x00\x0c\x00\x01\x05"), uint8(4), uint16(0x0fff))
	// And a tree of every kind of entry at several depths, with every
	// config and root.
	var rich []byte
	for i := range 96 {
		rich = append(rich, byte(i*5+i/8), byte(i*7), byte(i*3+1))
	}
	for cfg := range uint8(6) {
		f.Add(rich, cfg, uint16(0xffff))
		f.Add(rich, cfg, uint16(1<<cfg))
	}
	f.Fuzz(func(t *testing.T, tree []byte, cfg uint8, roots uint16) {
		top := t.TempDir()
		t.Chdir(top)
		cwd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir("t", 0o755); err != nil {
			t.Fatal(err)
		}
		buildTree(t, filepath.Join(cwd, "t"), tree)
		if err := os.Symlink("t", "tlink"); err != nil {
			t.Fatal(err)
		}
		var paths []string
		for i, r := range walkRoots(cwd) {
			if roots&(1<<i) != 0 {
				paths = append(paths, r)
			}
		}
		o := Options{Config: walkConfig(t, cfg, cwd)}
		got, gotErrs := Expand(paths, o)
		want, wantErrs := refExpand(paths, o)
		if !sameOrEmpty(got, want) || !sameOrEmpty(gotErrs, wantErrs) {
			t.Fatalf("Expand(%q) found\n%v\n%v\nWalkDir found\n%v\n%v", paths, got, gotErrs, want, wantErrs)
		}
	})
}

func sameOrEmpty[T any](a, b []T) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}

// The walk finds files the way the table says, so that FuzzWalk's
// agreement with WalkDir means something.
func TestWalk(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, p := range []string{"t/node_modules", "t/sub/x", "t/sub/.git", "t/é"} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"t/a.json", "t/b.tf", "t/c.txt", "t/node_modules/n.json", "t/sub/x/y.json", "t/sub/.git/g.json", "t/é/ü.json", "t/.d.json"} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"t/l.json": "a.json", "t/broken.json": "nothing", "t/ldir": "sub", "t/l.txt": "a.json"} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	cwd, _ := os.Getwd()
	inputs, errs := Expand([]string{"t/"}, Options{Config: config.Default(cwd)})
	var got []string
	for _, in := range inputs {
		got = append(got, in.Path)
	}
	want := []string{"t/.d.json", "t/a.json", "t/b.tf", "t/l.json", "t/sub/x/y.json", "t/é/ü.json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("found %q, want %q", got, want)
	}
	if wantErrs := []FileError{{Path: "t/broken.json", Message: "broken symbolic link: its target does not exist"}}; !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors %v, want %v", errs, wantErrs)
	}
}

// BenchmarkExpand walks 1,000 policies in 50 folders, as a command line
// naming a folder does.
func BenchmarkExpand(b *testing.B) {
	b.Chdir(b.TempDir())
	for i := range 1000 {
		dir := fmt.Sprintf("c/example%02d.com", i%50)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(fmt.Sprintf("%s/Policy%04d.json", dir, i), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cwd, _ := os.Getwd()
	o := Options{Config: config.Default(cwd)}
	b.ReportAllocs()
	for b.Loop() {
		if inputs, _ := Expand([]string{"c"}, o); len(inputs) != 1000 {
			b.Fatal(len(inputs))
		}
	}
}

// A folder that cannot be read is reported, and the walk goes on. Even
// as root, a folder whose path is longer than the system takes cannot be
// opened; os.Root makes it one name at a time.
func TestWalkUnreadableFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	r, err := os.OpenRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	deep := "t/a"
	for range 17 {
		deep += "/" + strings.Repeat("d", 250)
	}
	if err := r.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("t/z.json", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cwd, _ := os.Getwd()
	o := Options{Config: config.Default(cwd)}
	inputs, errs := Expand([]string{"t"}, o)
	if len(inputs) != 1 || inputs[0].Path != "t/z.json" {
		t.Errorf("found %v, want t/z.json", inputs)
	}
	if len(errs) != 1 || len(errs[0].Path) <= 4096 || errs[0].Message != "file name too long" {
		t.Errorf("errors %v, want the deepest folder's", errs)
	}
	if want, wantErrs := refExpand([]string{"t"}, o); !sameOrEmpty(inputs, want) || !sameOrEmpty(errs, wantErrs) {
		t.Errorf("WalkDir found %v %v", want, wantErrs)
	}
}
