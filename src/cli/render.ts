// `ecs-task-role-wizard render <input> (--out <dir> | --check <dir> | --json)`: the wizard's files for a
// saved configuration, for pipelines (README "Command line", docs/decisions/013-command-line-for-pipelines.md).
// Everything it prints is collected here and written by main.ts; every value in it is terminal-safe.
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { generate } from '../generator/generate.ts'
import type { Finding, GenerateResult } from '../generator/types.ts'
import { english } from '../i18n/english.ts'
import { TOOL_VERSION } from '../knowledge/tool.ts'
import { parseArgs, type FailOn, type RenderOptions } from './args.ts'
import { checkOutput, drifted, type CheckReport } from './check.ts'
import { CliError, EXIT, reason, type ExitCode } from './exit-codes.ts'
import { HELP, PROGRAM } from './help.ts'
import { readInput, type InputIssue, type Stdin } from './input.ts'
import { MANIFEST, modeOf, sha256, writeOutput, type WriteReport } from './safe-write.ts'
import { jsonSafe, terminalSafe } from './terminal.ts'

export interface CliIo {
  stdin: Stdin
}

export interface CliResult {
  code: ExitCode
  stdout: string
  stderr: string
}

/** The --json document (README "Command line" describes it). */
interface JsonReport {
  tool: { name: string; version: string }
  exitCode: ExitCode
  outcome: 'written' | 'rendered' | 'matches' | 'differs' | 'findings' | 'input' | 'error'
  error?: string
  input?: string
  permalink?: string
  files?: { path: string; sha256: string; bytes: number; mode: string; status?: string }[]
  removed?: string[]
  kept?: { path: string; why: string }[]
  findings?: {
    code: string
    severity: Finding['severity']
    field?: string
    message: string
    params?: unknown
    source: string
  }[]
  inputIssues?: InputIssue[]
  check?: CheckReport & { dir: string }
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const
const fails = (finding: Finding, failOn: FailOn) => SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[failOn]

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const safe = terminalSafe

/** The wizard's address given with --base-url: an http(s) URL, kept as origin and path like the page's. */
function baseUrlOption(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new CliError(`--base-url ${safe(value)} is not a URL (see --help)`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CliError(`--base-url must be an http or https address, not ${safe(value)} (see --help)`)
  return `${url.origin}${url.pathname}`
}

class Output {
  readonly stdout: string[] = []
  readonly stderr: string[] = []
  readonly report: JsonReport = {
    tool: { name: PROGRAM, version: TOOL_VERSION },
    exitCode: EXIT.ok,
    outcome: 'rendered',
  }
  constructor(readonly json: boolean) {}
  /** A line for stdout, dropped with --json (the document replaces it). */
  line(text: string) {
    if (!this.json) this.stdout.push(text)
  }
  problem(text: string) {
    this.stderr.push(text)
  }
}

function printFindings(out: Output, findings: readonly Finding[]) {
  out.report.findings = findings.map((f) => ({
    code: f.message.key,
    severity: f.severity,
    ...(f.field === undefined ? {} : { field: f.field }),
    message: english.t(f.message),
    ...(f.message.params === undefined ? {} : { params: f.message.params }),
    source: f.source,
  }))
  for (const f of out.report.findings) {
    const field = f.field ? `${safe(f.field)}: ` : ''
    out.problem(`${f.severity}: ${field}${safe(f.message)} [${safe(f.code)}]`)
    if (f.source) out.problem(`  source: ${safe(f.source)}`)
  }
}

function fileEntries(result: GenerateResult, status?: (path: string) => string) {
  return result.files.map((f) => ({
    path: f.path,
    sha256: sha256(f.text),
    bytes: Buffer.byteLength(f.text),
    mode: `0${modeOf(f.path).toString(8)}`,
    ...(status ? { status: status(f.path) } : {}),
  }))
}

function printWrite(out: Output, shownDir: string, written: WriteReport, result: GenerateResult) {
  const shown = (path: string) => safe(`${shownDir.replace(/\/+$/, '')}/${path}`)
  for (const path of written.written) out.line(`wrote ${shown(path)}`)
  for (const path of written.unchanged) out.line(`unchanged ${shown(path)}`)
  for (const path of written.removed) out.line(`removed ${shown(path)}`)
  for (const { path, why } of written.kept)
    out.problem(`note: kept ${shown(path)}, which this input no longer produces: ${safe(why)}`)
  if (written.manifestProblem)
    out.problem(
      `note: ${shown(MANIFEST)} could not be read (${safe(written.manifestProblem)}); nothing was removed`,
    )
  out.line(
    `${plural(result.files.length, 'file')} in ${safe(shownDir)} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed) for ${safe(result.permalink)}`,
  )
  const status = new Map<string, string>([
    ...written.written.map((p) => [p, 'written'] as const),
    ...written.unchanged.map((p) => [p, 'unchanged'] as const),
  ])
  out.report.files = fileEntries(result, (p) => status.get(p) ?? 'written')
  out.report.removed = written.removed
  if (written.kept.length > 0) out.report.kept = written.kept
}

function printCheck(out: Output, shownDir: string, check: CheckReport, result: GenerateResult) {
  const shown = (path: string) => safe(`${shownDir.replace(/\/+$/, '')}/${path}`)
  const different = new Set(check.different.map((d) => d.path))
  const missing = new Set(check.missing)
  for (const { path, diff } of check.different) {
    out.line(`different: ${shown(path)}`)
    // Each line escaped on its own, so the diff keeps its lines and a hostile file cannot reach the terminal.
    for (const line of diff.replace(/\n$/, '').split('\n')) out.line(safe(line))
  }
  for (const path of check.missing) out.line(`missing: ${shown(path)}`)
  for (const path of check.extra) out.line(`extra: ${shown(path)}`)
  if (drifted(check))
    out.line(
      `${safe(shownDir)} differs from the rendered files: ${check.different.length} different, ${check.missing.length} missing, ${check.extra.length} extra`,
    )
  else out.line(`${plural(result.files.length, 'file')} in ${safe(shownDir)} match ${safe(result.permalink)}`)
  out.report.files = fileEntries(result, (p) =>
    different.has(p) ? 'different' : missing.has(p) ? 'missing' : 'same',
  )
  out.report.check = { dir: shownDir, ...check }
}

/** A wrong folder is a usage error, reported before anything else (writeOutput and checkOutput check again). */
function checkFolders(options: RenderOptions) {
  if (options.check !== undefined) {
    let stat
    try {
      stat = statSync(options.check)
    } catch (error) {
      throw new CliError(`cannot check ${safe(options.check)}: ${reason(error)}`)
    }
    if (!stat.isDirectory()) throw new CliError(`--check ${safe(options.check)} is not a directory`)
  }
  if (options.out !== undefined) {
    const stat = statSync(options.out, { throwIfNoEntry: false })
    if (stat && !stat.isDirectory())
      throw new CliError(`--out ${safe(options.out)} is not a directory (nothing was written)`)
  }
}

async function render(options: RenderOptions, io: CliIo, out: Output): Promise<ExitCode> {
  const explicitBase = options.baseUrl === undefined ? undefined : baseUrlOption(options.baseUrl)
  checkFolders(options)
  const input = await readInput(options.input, io.stdin)
  out.report.input = input.name
  if (!input.usable) {
    out.report.outcome = 'input'
    out.report.inputIssues = input.issues
    // The config's own messages say what the page does with such a value ("… was ignored"); here it stops.
    const fromPage = input.issues.some((issue) => !issue.code.startsWith('cli.'))
    out.problem(
      `${PROGRAM}: ${safe(input.name)} cannot be used${fromPage ? ' as it is (the page would ignore or repair these values; the command line renders nothing from a guess)' : ''}:`,
    )
    for (const issue of input.issues)
      out.problem(
        `  ${issue.field ? `${safe(issue.field)}: ` : ''}${safe(issue.message)} [${safe(issue.code)}]`,
      )
    return EXIT.input
  }

  const baseUrl = explicitBase ?? input.baseUrl
  const result = generate(input.config, baseUrl === undefined ? {} : { baseUrl })
  out.report.permalink = result.permalink
  printFindings(out, result.findings)
  const failing = result.findings.filter((f) => fails(f, options.failOn)).length
  const failText = `${plural(failing, 'finding')} at ${options.failOn} level${options.failOn === 'warning' ? ' or above' : ''} (--fail-on ${options.failOn})`

  if (options.out !== undefined) {
    if (failing > 0 && !options.allowErrors) {
      out.problem(`${PROGRAM}: ${failText}: nothing was written (--allow-errors writes anyway)`)
      out.report.outcome = 'findings'
      out.report.files = fileEntries(result)
      return EXIT.findings
    }
    const written = writeOutput(resolve(options.out), options.out, result.files)
    printWrite(out, options.out, written, result)
    if (failing > 0) out.problem(`${PROGRAM}: ${failText}: written anyway (--allow-errors)`)
    out.report.outcome = failing > 0 ? 'findings' : 'written'
    return failing > 0 ? EXIT.findings : EXIT.ok
  }

  if (options.check !== undefined) {
    const check = checkOutput(resolve(options.check), options.check, result.files)
    printCheck(out, options.check, check, result)
    if (failing > 0) out.problem(`${PROGRAM}: ${failText}`)
    if (drifted(check))
      out.problem(`${PROGRAM}: ${safe(options.check)} is not what the input renders (see the diff on stdout)`)
    out.report.outcome = failing > 0 ? 'findings' : drifted(check) ? 'differs' : 'matches'
    return failing > 0 ? EXIT.findings : drifted(check) ? EXIT.drift : EXIT.ok
  }

  // --json alone: render in memory, print the document, write nothing.
  out.report.files = fileEntries(result)
  if (failing > 0) {
    out.problem(`${PROGRAM}: ${failText}`)
    out.report.outcome = 'findings'
    return EXIT.findings
  }
  return EXIT.ok
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''

/** Runs the command line; never throws, never prints a stack trace. */
export async function runCli(args: readonly string[], io: CliIo): Promise<CliResult> {
  const out = new Output(args.includes('--json'))
  let code: ExitCode
  try {
    const command = parseArgs(args)
    if (command.kind === 'help') return { code: EXIT.ok, stdout: HELP, stderr: '' }
    if (command.kind === 'version') return { code: EXIT.ok, stdout: `${TOOL_VERSION}\n`, stderr: '' }
    code = await render(command.options, io, out)
  } catch (error) {
    if (error instanceof CliError) {
      code = error.code
      out.problem(`${PROGRAM}: ${error.message}`)
      out.report.outcome = 'error'
      out.report.error = error.message
    } else {
      code = EXIT.internal
      const message = `internal error: ${safe(firstLine(error))} (a bug in ${PROGRAM} ${TOOL_VERSION}; please report it)`
      out.problem(`${PROGRAM}: ${message}`)
      out.report.outcome = 'error'
      out.report.error = message
    }
  }
  out.report.exitCode = code
  if (out.json) out.stdout.push(jsonSafe(JSON.stringify(out.report, null, 2)))
  const text = (lines: string[]) => (lines.length > 0 ? `${lines.join('\n')}\n` : '')
  return { code, stdout: text(out.stdout), stderr: text(out.stderr) }
}
