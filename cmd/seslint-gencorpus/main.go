// Command seslint-gencorpus writes the benchmark corpora (see
// docs/performance.md) and checks that seslint found every injected defect.
//
//	seslint-gencorpus -n 10000 [-seed 1] [-defect-every 10 -manifest defects.tsv] DIR
//	seslint --format json DIR | seslint-gencorpus check -manifest defects.tsv -root DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/seslint/seslint/internal/bench/gen"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "check" {
		os.Exit(check(os.Args[2:]))
	}
	n := flag.Int("n", 1000, "number of files")
	seed := flag.Uint64("seed", 1, "corpus seed")
	every := flag.Int("defect-every", 0, "inject a defect into every N-th file (0: none)")
	manifest := flag.String("manifest", "", "write the injected defects to this file")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: seslint-gencorpus [-n N] [-seed S] [-defect-every K -manifest FILE] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "seslint-gencorpus: %s is not empty\n", dir)
		os.Exit(2)
	}
	if err := gen.Write(dir, *manifest, gen.Options{Files: *n, Seed: *seed, DefectEvery: *every}); err != nil {
		fmt.Fprintln(os.Stderr, "seslint-gencorpus:", err)
		os.Exit(1)
	}
}

// check reads seslint's JSON output on standard input and reports every
// injected defect that has no finding of its rule in its file.
func check(args []string) int {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	manifest := fs.String("manifest", "", "the defects file written by the generator")
	root := fs.String("root", "", "the corpus folder as it was passed to seslint")
	fs.Parse(args)
	text, err := os.ReadFile(*manifest)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seslint-gencorpus check:", err)
		return 2
	}
	defects, err := gen.ReadManifest(text)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seslint-gencorpus check:", err)
		return 2
	}
	var out struct {
		Findings []struct {
			ID   string `json:"id"`
			File string `json:"file"`
		} `json:"findings"`
		Errors  []json.RawMessage `json:"errors"`
		Summary struct {
			Files int `json:"files"`
		} `json:"summary"`
	}
	data, err := io.ReadAll(os.Stdin)
	if err == nil {
		err = json.Unmarshal(data, &out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "seslint-gencorpus check: reading seslint's JSON output:", err)
		return 2
	}
	found := map[string]bool{}
	for _, f := range out.Findings {
		found[filepath.ToSlash(f.File)+"\t"+f.ID] = true
	}
	prefix := strings.TrimSuffix(filepath.ToSlash(*root), "/") + "/"
	missed := 0
	for _, d := range defects {
		if !found[prefix+d.Path+"\t"+d.Rule] {
			fmt.Printf("missed: %s %s (%s)\n", d.Path, d.Rule, d.Kind)
			missed++
		}
	}
	fmt.Printf("defects: %d injected, %d found, %d missed; %d files linted, %d unreadable\n",
		len(defects), len(defects)-missed, missed, out.Summary.Files, len(out.Errors))
	if missed > 0 {
		return 1
	}
	return 0
}
