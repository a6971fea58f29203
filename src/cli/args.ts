// The command line's arguments: `render <input> (--out <dir> | --check <dir> | --json) [options]`, plus
// --help and --version. Any mistake is a usage error (one line, exit 4) naming what was wrong.
import { CliError } from './exit-codes.ts'
import { terminalSafe } from './terminal.ts'

export const FAIL_ON = ['error', 'warning'] as const
export type FailOn = (typeof FAIL_ON)[number]

export interface RenderOptions {
  /** A config file, a permalink, or `-` for standard input. */
  input: string
  out?: string
  check?: string
  json: boolean
  failOn: FailOn
  allowErrors: boolean
  baseUrl?: string
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'render'; options: RenderOptions }

const VALUE_OPTIONS = ['--out', '--check', '--fail-on', '--base-url'] as const
type ValueOption = (typeof VALUE_OPTIONS)[number]
const isValueOption = (name: string): name is ValueOption =>
  (VALUE_OPTIONS as readonly string[]).includes(name)

const usage = (text: string) => new CliError(`${text} (see --help)`)

/** Reads the arguments after the program name. Throws a CliError on a usage error. */
export function parseArgs(args: readonly string[]): Command {
  const positionals: string[] = []
  const values: Partial<Record<ValueOption, string>> = {}
  let json = false
  let allowErrors = false
  let help = false
  let version = false
  let onlyPositionals = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    // "-" alone is standard input; after "--" everything is a positional.
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg)
      continue
    }
    if (arg === '--') {
      onlyPositionals = true
      continue
    }
    const equals = arg.indexOf('=')
    const name = equals > 0 && arg.startsWith('--') ? arg.slice(0, equals) : arg
    if (isValueOption(name)) {
      const value = equals > 0 ? arg.slice(equals + 1) : args[++i]
      if (value === undefined || value === '') throw usage(`${name} needs a value`)
      if (values[name] !== undefined) throw usage(`${name} is given twice`)
      values[name] = value
      continue
    }
    if (equals > 0) throw usage(`${terminalSafe(name)} takes no value`)
    if (arg === '--json') json = true
    else if (arg === '--allow-errors') allowErrors = true
    else if (arg === '--help' || arg === '-h') help = true
    else if (arg === '--version' || arg === '-v') version = true
    else throw usage(`unknown option ${terminalSafe(arg)}`)
  }
  if (help) return { kind: 'help' }
  if (version) return { kind: 'version' }

  const [command, input, ...rest] = positionals
  if (command === undefined) throw usage('give a command: render')
  if (command !== 'render') throw usage(`unknown command ${terminalSafe(command)}; the command is render`)
  if (input === undefined) throw usage('render needs an input: a config file, a permalink, or - for stdin')
  if (rest.length > 0) throw usage(`give one input, not also ${terminalSafe(rest[0]!)}`)

  const { '--out': out, '--check': check, '--base-url': baseUrl } = values
  const failOn = values['--fail-on'] ?? 'error'
  if (!(FAIL_ON as readonly string[]).includes(failOn))
    throw usage(`--fail-on takes error or warning, not ${terminalSafe(failOn)}`)
  if (out !== undefined && check !== undefined) throw usage('give --out or --check, not both')
  if (out === undefined && check === undefined && !json)
    throw usage('give --out <dir> to write the files, --check <dir> to compare, or --json')
  if (allowErrors && out === undefined) throw usage('--allow-errors only applies with --out')
  return {
    kind: 'render',
    options: { input, out, check, json, failOn: failOn as FailOn, allowErrors, baseUrl },
  }
}
