// Real tools nobody here wrote, run on generated text: shellcheck, tree-sitter-powershell, the AWS CLI's
// own parameter validation, an IAM policy validator, the TypeScript compiler with the AWS SDK's types.
import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { Language, Parser, type Node } from 'web-tree-sitter'
import { validateIdentityPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy'
import type { Artifact } from '../generator/types.ts'
import { runCommand } from './run-command.ts'

const run = promisify(execFile)
const require = createRequire(import.meta.url)

/** Debian's AWS CLI v2; the first `aws` on PATH may be an unrelated v1 (DEVELOPERS.md). */
export const AWS_CLI = process.env.AWS_CLI_PATH ?? '/usr/bin/aws'

export function writeTree(dir: string, files: readonly Pick<Artifact, 'path' | 'text'>[]): void {
  for (const file of files) {
    const target = join(dir, file.path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, file.text)
  }
}

export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `ecs-wizard-${name}-`))

export interface ShellcheckComment {
  file: string
  line: number
  level: string
  code: number
  message: string
}

/** shellcheck over many files in one process; returns every comment of severity warning or above. */
export async function shellcheck(paths: string[]): Promise<ShellcheckComment[]> {
  const comments: ShellcheckComment[] = []
  // Chunks keep the command line short; two at a time use both cores.
  const chunks: string[][] = []
  for (let i = 0; i < paths.length; i += 300) chunks.push(paths.slice(i, i + 300))
  const runChunk = async (chunk: string[]) => {
    const result = await run('shellcheck', ['-f', 'json1', '-S', 'warning', ...chunk], {
      maxBuffer: 64 << 20,
    }).catch((error: { stdout?: string; code?: number }) => {
      // shellcheck exits 1 when it has comments; anything else is a failure of the tool itself.
      if (error.code === 1 && error.stdout) return { stdout: error.stdout }
      throw error
    })
    const parsed = JSON.parse(result.stdout) as { comments: ShellcheckComment[] }
    comments.push(...parsed.comments)
  }
  for (let i = 0; i < chunks.length; i += 2) await Promise.all(chunks.slice(i, i + 2).map(runChunk))
  return comments
}

let parserPromise: Promise<Parser> | undefined
function powershellParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init()
    const language = await Language.load(
      require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'),
    )
    const parser = new Parser()
    parser.setLanguage(language)
    return parser
  })()
  return parserPromise
}

/** EC2Launch runs what is between the <powershell> tags; the tags themselves are not PowerShell. */
export function stripUserDataTags(text: string): string {
  return text.replace(/^<powershell>\n/, '').replace(/<\/powershell>\n$/, '')
}

export interface ParseProblem {
  line: number
  kind: 'error' | 'missing'
  text: string
}

/** Parses PowerShell with tree-sitter-powershell; returns every ERROR and MISSING node. */
export async function parsePowerShell(text: string): Promise<{ problems: ParseProblem[]; root: Node }> {
  const parser = await powershellParser()
  const tree = parser.parse(text)
  if (!tree) throw new Error('tree-sitter returned no tree')
  const problems: ParseProblem[] = []
  const walk = (node: Node) => {
    if (node.isError || node.isMissing)
      problems.push({
        line: node.startPosition.row + 1,
        kind: node.isError ? 'error' : 'missing',
        text: node.text.slice(0, 80),
      })
    for (const child of node.children) if (child) walk(child)
  }
  walk(tree.rootNode)
  return { problems, root: tree.rootNode }
}

/** Validates an IAM document with @cloud-copilot/iam-policy: structure, keys, action and ARN shapes. */
export function validateIamDocument(path: string, text: string): string[] {
  const json: unknown = JSON.parse(text)
  const errors = path.includes('trust-policy') ? validateTrustPolicy(json) : validateIdentityPolicy(json)
  return errors.map((e) => `${e.path}: ${e.message}`)
}

/** A TCP port on 127.0.0.1 that nothing listens on: bound, then closed again. */
export async function closedLocalPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return address.port
}

/**
 * A stand-in `aws` for scripts: it runs the real CLI against a closed local port, so every call stops
 * after parameter validation. "Could not connect" means the parameters passed; the wrapper then answers 0
 * and logs the call. Any other failure (252: parameter validation) is passed on, and set -e stops the script.
 * Every call's arguments are also kept, one file per call (AWS_WRAPPER_ARGV), so a test can see which
 * resource a call named and the exact documents it passed.
 */
export function awsWrapperDir(port: number): string {
  const dir = tempDir('aws-wrapper')
  const wrapper = join(dir, 'aws')
  mkdirSync(join(dir, 'validated'))
  writeFileSync(
    wrapper,
    `#!/bin/bash
# Each call's arguments, NUL-terminated, in a file numbered in call order.
if [ -n "\${AWS_WRAPPER_ARGV:-}" ]; then
  printf '%s\\0' "$@" > "$AWS_WRAPPER_ARGV/$(printf '%06d' "$(find "$AWS_WRAPPER_ARGV" -type f | wc -l)")"
fi
# A call with exactly these arguments passed validation before: the answer cannot differ, skip the real CLI.
key=$(printf '%s\\0' "$@" | sha256sum | cut -c1-64)
if [ -f "${dir}/validated/$key" ]; then
  out='Could not connect to the endpoint URL'; rc=255
else
out=$(AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=example AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard \\
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER= \\
  "${AWS_CLI}" "$@" --endpoint-url "http://127.0.0.1:${port}" --cli-connect-timeout 2 2>&1)
rc=$?
checked=yes
fi
if [ "$rc" -eq 255 ] && printf '%s' "$out" | grep -q 'Could not connect to the endpoint URL'; then
  if [ "\${checked:-no}" = yes ]; then : > "${dir}/validated/$key"; fi
  printf '%s\\n' "passed: $1 $2" >> "$AWS_WRAPPER_LOG"
  # The parameters passed; answer as AWS would for this test: AWS_WRAPPER_FAKE/<service>-<operation>[.rc], or
  # <service>-<operation>@<value of the first option> (e.g. iam-get-role@ecsTaskRole) for one resource ("/" as "%").
  fake="\${AWS_WRAPPER_FAKE:-/nonexistent}/$1-$2"
  named="$fake@$(printf '%s' "\${4:-}" | tr / %)"
  if [ -f "$named" ] || [ -f "$named.rc" ]; then fake=$named; fi
  if [ -f "$fake" ]; then cat "$fake"; fi
  if [ -f "$fake.rc" ]; then exit "$(cat "$fake.rc")"; fi
  exit 0
fi
printf '%s\\n' "failed($rc): $1 $2: $out" >> "$AWS_WRAPPER_LOG"
printf '%s\\n' "$out" >&2
exit "$rc"
`,
  )
  chmodSync(wrapper, 0o755)
  return dir
}

export interface ScriptRun {
  status: number | null
  stderr: string
  calls: string[]
  /** Every call's arguments, in order (passed or not): `['iam', 'create-role', '--role-name', …]`. */
  invocations: string[][]
}

/**
 * What the stand-in answers after a call passed validation: stdout and exit status per "service operation",
 * or per "service operation@name" for the call whose first option has that value (one role, one profile).
 */
export type FakeAnswers = Record<string, { stdout?: string; status?: number }>

/** The calls of one operation ("iam create-role"), with their arguments. */
export const invocationsOf = (run: Pick<ScriptRun, 'invocations'>, operation: string): string[][] =>
  run.invocations.filter((args) => `${args[0]} ${args[1]}` === operation)

/** The value an option had in a call: `optionValue(args, '--role-name')`. */
export function optionValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i >= 0) return args[i + 1]
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1)
}

/** Runs a generated script with the `aws` stand-in first on PATH. */
export async function runWithAwsWrapper(
  script: string,
  args: string[],
  wrapperDir: string,
  answers: FakeAnswers = {},
  cwd?: string,
): Promise<ScriptRun & { stdout: string }> {
  const logDir = tempDir('aws-log')
  const log = join(logDir, 'calls.log')
  writeFileSync(log, '')
  const fake = join(logDir, 'fake')
  mkdirSync(fake)
  const argv = join(logDir, 'argv')
  mkdirSync(argv)
  for (const [call, answer] of Object.entries(answers)) {
    const name = call.replace(' ', '-').replace(/\//g, '%')
    if (answer.stdout !== undefined) writeFileSync(join(fake, name), answer.stdout)
    if (answer.status !== undefined) writeFileSync(join(fake, `${name}.rc`), String(answer.status))
  }
  const env = {
    PATH: `${wrapperDir}:/usr/bin:/bin`,
    AWS_WRAPPER_LOG: log,
    AWS_WRAPPER_FAKE: fake,
    AWS_WRAPPER_ARGV: argv,
    HOME: tmpdir(),
  }
  const { status, stderr, stdout } = await runCommand('bash', [script, ...args], {
    cwd,
    env,
    timeout: 300_000,
  })
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean)
  const invocations = readdirSync(argv)
    .sort()
    .map((file) => readFileSync(join(argv, file), 'utf8').split('\0').slice(0, -1))
  return { status, stderr, stdout, calls, invocations }
}
