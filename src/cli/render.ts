// npm run render -- <permalink URL | config.json> --out <dir>
// Turns a saved config or a permalink into the same files the wizard shows. Strict where the page is
// lenient: any ignored or repaired value is an error here, because a pipeline must not deploy a guess.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { decodePermalink } from '../config/permalink.ts'
import { readConfig, type WizardConfig } from '../config/schema.ts'
import { withoutControlCharacters, type FieldIssue } from '../config/schema-kit.ts'
import { generate } from '../generator/generate.ts'
// The CLI speaks English (issue 9): pipelines and their logs read the same words everywhere.
import { english } from '../i18n/english.ts'
import { compileMessage } from '@lingui/message-utils/compileMessage'

// Run by tsx, the catalogs arrive as ICU text (the page's build compiles them): Lingui compiles such text
// by itself only when NODE_ENV is not "production", which CI and containers often set.
english.i18n.setMessagesCompiler(compileMessage)

const USAGE = `Usage: npm run render -- <permalink URL | config.json> --out <dir> [--base-url <url>] [--allow-errors]

  <permalink URL>   a link copied from the wizard, e.g. 'https://example.org/#/?v=1&os=windows' (quote it)
  <config.json>     a config file (the same fields as the permalink, as JSON)
  --out <dir>       where to write the files (created if missing)
  --base-url <url>  the wizard's address, so script headers carry a full link instead of the fragment
  --allow-errors    write the files even when the findings include errors

Exit status: 0 written, 1 findings with errors (nothing written), 2 bad input or usage.`

export interface CliResult {
  code: number
  stdout: string[]
  stderr: string[]
}

interface Options {
  input: string
  out: string
  baseUrl?: string
  allowErrors: boolean
}

function parseArgs(args: string[]): Options | string {
  let input: string | undefined
  let out: string | undefined
  let baseUrl: string | undefined
  let allowErrors = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--out' || arg === '--base-url') {
      const value = args[++i]
      if (value === undefined) return `${arg} needs a value.`
      if (arg === '--out') out = value
      else baseUrl = value
    } else if (arg === '--allow-errors') allowErrors = true
    else if (arg === '--help' || arg === '-h') return ''
    else if (arg.startsWith('--')) return `Unknown option ${arg}.`
    else if (input === undefined) input = arg
    else return 'Give one permalink or config file.'
  }
  if (input === undefined) return 'Give a permalink or a config file.'
  if (out === undefined) return 'Give --out <dir>.'
  return { input, out, baseUrl, allowErrors }
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Terminal-safe text: a hostile link must not be able to send escape sequences to the terminal. */
const clean = withoutControlCharacters

const formatIssue = (issue: FieldIssue) =>
  `  ${issue.field ? `${clean(issue.field)}: ` : ''}${clean(english.t(issue.message))}`

function readInput(input: string): { config: WizardConfig; issues: FieldIssue[]; what: string } | string {
  if (isFile(input)) {
    let json: unknown
    try {
      json = JSON.parse(readFileSync(input, 'utf8'))
    } catch (error) {
      return `${input} is not valid JSON: ${(error as Error).message}`
    }
    return { ...readConfig(json, 'json'), what: 'config file' }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || input.startsWith('#') || input.startsWith('?'))
    return { ...decodePermalink(input), what: 'permalink' }
  return `${input} is neither a file nor a permalink (a link holds "#/?v=…").`
}

export function runCli(args: string[]): CliResult {
  const stdout: string[] = []
  const stderr: string[] = []
  const options = parseArgs(args)
  if (typeof options === 'string') {
    if (options) stderr.push(options)
    ;(options ? stderr : stdout).push(USAGE)
    return { code: options ? 2 : 0, stdout, stderr }
  }
  const read = readInput(options.input)
  if (typeof read === 'string') return { code: 2, stdout, stderr: [read] }
  if (read.issues.length > 0) {
    stderr.push(`The ${read.what} has values that cannot be used:`, ...read.issues.map(formatIssue))
    return { code: 2, stdout, stderr }
  }
  const result = generate(read.config, options.baseUrl ? { baseUrl: options.baseUrl } : {})
  for (const f of result.findings)
    (f.severity === 'error' ? stderr : stdout).push(
      `${f.severity}: ${f.field ? `${f.field}: ` : ''}${clean(english.t(f.message))}\n    source: ${f.source}`,
    )
  const errors = result.findings.filter((f) => f.severity === 'error').length
  if (errors > 0 && !options.allowErrors) {
    stderr.push(
      `${errors} error${errors === 1 ? '' : 's'}: nothing was written (--allow-errors writes anyway).`,
    )
    return { code: 1, stdout, stderr }
  }
  const outDir = resolve(options.out)
  for (const file of result.files) {
    const target = join(outDir, file.path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, file.text, { mode: file.path.endsWith('.sh') ? 0o755 : 0o644 })
    stdout.push(`wrote ${join(options.out, file.path)}`)
  }
  stdout.push(`${result.files.length} files for ${result.permalink}`)
  return { code: errors > 0 ? 1 : 0, stdout, stderr }
}

// Run when executed directly (not when imported by tests).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { code, stdout, stderr } = runCli(process.argv.slice(2))
  if (stdout.length) process.stdout.write(`${stdout.join('\n')}\n`)
  if (stderr.length) process.stderr.write(`${stderr.join('\n')}\n`)
  process.exitCode = code
}
