package cli

import (
	"github.com/seslint/seslint/schemas"
)

var schemaFiles = map[string]string{"policy": schemas.PolicySchemaFile, "output": "output.schema.json"}

// runSchema prints an embedded schema, so editors can be pointed at a file
// that matches the installed seslint.
func runSchema(args []string, env Env) error {
	name := "policy"
	if len(args) > 1 {
		return usagef("schema takes at most one argument: policy or output")
	}
	if len(args) == 1 {
		name = args[0]
	}
	file, ok := schemaFiles[name]
	if !ok {
		return usagef("unknown schema %q: want policy or output", name)
	}
	data, err := schemas.Files.ReadFile(file)
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(data)
	return err
}
