// Command seslint lints Amazon SES sending-authorization policies.
package main

import (
	"os"

	"golang.org/x/term"

	"github.com/seslint/seslint/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		StdinIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
	}))
}
