// --help. Its examples are run as written by src/cli/cli.test.ts (against the built executable).
import { EXIT } from './exit-codes.ts'
import { MANIFEST } from './safe-write.ts'

/** The executable's name: package.json's "name" and its "bin" key (checked by a test). */
export const PROGRAM = 'ecs-task-role-wizard'

export const HELP = `Usage: ${PROGRAM} render <input> (--out <dir> | --check <dir> | --json) [options]
       ${PROGRAM} --help | --version

Renders the files of the ECS task role setup wizard for a configuration, the same bytes as the page.
Strict where the page is lenient: a value the page would ignore or repair makes the input unusable.

Input:
  config.json          a config file: the link's settings as JSON (a key given twice is refused)
  'https://…/#/?v=1&…' a link copied from the wizard, quoted; its address goes into the file headers
  -                    a config or a link from standard input

Options:
  --out <dir>          write the files into <dir>, created if missing (see Writing)
  --check <dir>        write nothing: compare <dir> with the rendered files, each difference as a diff
  --json               print one JSON document on stdout: files with SHA-256, findings with codes, link
  --fail-on <level>    error (default) or warning: findings at that level or above fail the run
  --allow-errors       with --out: write even when the findings fail the run (the exit status stays 1)
  --base-url <url>     the wizard's address for the file headers (default: the input link's own)
  -h, --help           show this text
  -v, --version        print the version

Output: written files and the summary on stdout; findings, notes and errors on stderr. Every printed
value has its control and bidi characters escaped (\\u001B, \\u202E).

Exit status:
  ${EXIT.ok}  written; with --check, the folder matches
  ${EXIT.findings}  the findings hold errors (or warnings, with --fail-on warning): nothing is written
     unless --allow-errors
  ${EXIT.input}  the input cannot be used (not JSON, a duplicate key, or values listed by field)
  ${EXIT.drift}  --check: files are missing, extra or different
  ${EXIT.io}  an I/O or usage error, on one line
  ${EXIT.internal}  a bug in this tool, on one line

Writing: each file is written to a temporary file and renamed into place, .sh files with mode 0755 and
the others 0644. ${MANIFEST} in <dir> lists what was written: the next render there
removes a listed file it no longer produces if that file is unchanged, and touches nothing else. A
symbolic link anywhere inside <dir> stops the run before anything is written.

Examples:
  npx ${PROGRAM} render 'https://example.com/#/?v=1&os=windows' --out out/
  npx ${PROGRAM} render 'https://example.com/#/?v=1&os=windows' --check out/
  echo '{"version": 1, "os": "linux", "networkMode": "host"}' | npx ${PROGRAM} render - --json
`
