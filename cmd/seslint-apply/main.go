// Command seslint-apply is `seslint apply`: it plans and applies SES
// sending-authorization policies through the AWS SDK. It is a program of
// its own so that seslint, which runs it for `seslint apply`, does not link
// the SDK; its arguments are apply's (seslint-apply [flags] PATH...), and
// it speaks as seslint apply.
package main

import (
	"os"

	"golang.org/x/term"

	"github.com/seslint/seslint/internal/apply/awsses"
	"github.com/seslint/seslint/internal/cli"
)

func main() {
	os.Exit(cli.Run(append([]string{"apply"}, os.Args[1:]...), cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		StdinIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		AWS:              &cli.AWS{Connect: awsses.ConnectSES},
	}))
}
