package lint

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"testing"

	"github.com/seslint/seslint/internal/config"
)

// A walk allocates the paths it keeps and little else: no entry or name
// per file, and no copies of the list as it grows, which would all stay
// in the peak memory of a run (docs/performance.md, memory).
func TestWalkAllocatesPaths(t *testing.T) {
	t.Chdir(t.TempDir())
	const folders, files = 20, 2000
	for i := range files {
		dir := fmt.Sprintf("c/example%02d.com", i%folders)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fmt.Sprintf("%s/Policy%04d.json", dir, i), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cwd, _ := os.Getwd()
	o := Options{Config: config.Default(cwd)}
	walk := func() {
		if l, _ := expand([]string{"c"}, o); len(l.files) != files {
			t.Fatal(len(l.files))
		}
	}
	allocs := testing.AllocsPerRun(5, walk)
	// A path per file and folder, a prefix per folder, and some tens for
	// the stat of the root, the matcher and the growth of the buffers.
	if limit := float64(files + 2*folders + 100); allocs > limit {
		t.Errorf("the walk made %.0f allocations, want at most %.0f", allocs, limit)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	walk()
	runtime.ReadMemStats(&after)
	// Per file: its path (48 bytes), its chunk slot (16), its File (24) and
	// flag; and the reader's buffers.
	if bytes, limit := after.TotalAlloc-before.TotalAlloc, uint64(files*(48+16+24+1)+24<<10); bytes > limit {
		t.Errorf("the walk allocated %d bytes, want at most %d", bytes, limit)
	}
}

// The reader lists a folder as os.ReadDir does: the same names, types and
// order, "." and ".." left out.
func TestDirReaderReadDir(t *testing.T) {
	dir := t.TempDir()
	for _, name := range walkNames {
		if err := os.WriteFile(dir+"/"+name, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"d", ".e", "Ω"} {
		if err := os.Mkdir(dir+"/"+name, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("d", dir+"/l"); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var r dirReader
	outer := r.mark()
	r.names = append(r.names, "above"...) // an outer folder's entry stays
	r.ents = append(r.ents, dirEnt{end: 5})
	m := r.mark()
	got, err := r.read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d entries, want %d", len(got), len(want))
	}
	for i, e := range got {
		if name := string(r.name(e)); name != want[i].Name() || e.Type() != want[i].Type() {
			t.Errorf("entry %d: %q %v, want %q %v", i, name, e.Type(), want[i].Name(), want[i].Type())
		}
	}
	r.release(m)
	if !slices.Equal(r.ents, []dirEnt{{end: 5}}) || string(r.names) != "above" {
		t.Errorf("release left %v %q, want the outer entry", r.ents, r.names)
	}
	r.release(outer)
	if len(r.ents) != 0 || len(r.names) != 0 {
		t.Errorf("release left %v %q", r.ents, r.names)
	}
}
