// Reads the input: a config file (JSON), a permalink, or `-` (standard input holding either). Strict where
// the page is lenient: a value the page would ignore or repair makes the input unusable here, because a
// pipeline must not deploy a guess.
import { readFileSync, statSync } from 'node:fs'
import { parse, type ValueNode } from '@humanwhocodes/momoa'
import { decodePermalink } from '../config/permalink.ts'
import { readConfig, type WizardConfig } from '../config/schema.ts'
import type { FieldIssue } from '../config/schema-kit.ts'
// The CLI speaks English (docs/decisions/011-i18n-lingui.md): pipelines and their logs read the same words.
import { english } from '../i18n/english.ts'
import { CliError, reason } from './exit-codes.ts'
import { terminalSafe } from './terminal.ts'

/** A config file or a link is small; anything much larger is not one (and is not read into memory). */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024

/** One reason the input cannot be used, against the field (dotted path) it concerns; `code` is stable. */
export interface InputIssue {
  field: string
  code: string
  message: string
}

export type Input =
  | { usable: true; name: string; config: WizardConfig; baseUrl?: string }
  | { usable: false; name: string; issues: InputIssue[] }

export interface Stdin {
  isTTY: boolean
  read(limit: number): Promise<Buffer>
}

// A scheme of two letters or more (so C:\config.json stays a path), or the fragment or query of a link.
const LINK = /^(?:[a-z][a-z0-9+.-]+:\/\/|#|\/?\?)/i

const looksLikeLink = (text: string) => LINK.test(text.trim())

/** The wizard's address in a full http(s) link (origin and path, as the page computes it), or undefined. */
export function linkBaseUrl(link: string): string | undefined {
  const text = link.trim()
  if (!/^https?:\/\//i.test(text)) return undefined
  try {
    const url = new URL(text)
    return `${url.origin}${url.pathname}`
  } catch {
    return undefined
  }
}

const fromIssues = (issues: FieldIssue[]): InputIssue[] =>
  issues.map((issue) => ({ field: issue.field, code: issue.message.key, message: english.t(issue.message) }))

function fromLink(name: string, link: string): Input {
  const { config, issues } = decodePermalink(link)
  if (issues.length > 0) return { usable: false, name, issues: fromIssues(issues) }
  const baseUrl = linkBaseUrl(link)
  return baseUrl === undefined ? { usable: true, name, config } : { usable: true, name, config, baseUrl }
}

/** Every key that appears twice in one object, by dotted path, with where both are. */
function duplicateKeys(node: ValueNode, path: string[], out: InputIssue[]): InputIssue[] {
  if (node.type === 'Object') {
    const seen = new Map<string, { line: number; column: number }>()
    for (const member of node.members) {
      const key = member.name.type === 'String' ? member.name.value : member.name.name
      const at = member.name.loc.start
      const first = seen.get(key)
      if (first)
        out.push({
          field: [...path, key].join('.'),
          code: 'cli.input.duplicateKey',
          message: `"${key}" appears twice in the same object (line ${at.line}, column ${at.column}; first at line ${first.line}, column ${first.column}); JSON readers disagree on which one counts.`,
        })
      else seen.set(key, { line: at.line, column: at.column })
      duplicateKeys(member.value, [...path, key], out)
    }
  } else if (node.type === 'Array') {
    node.elements.forEach((element, i) => duplicateKeys(element.value, [...path, String(i)], out))
  }
  return out
}

/**
 * Parses strict JSON with @humanwhocodes/momoa, whose syntax tree keeps every member (JSON.parse keeps the
 * last of two equal keys, silently); docs/decisions/013-command-line-for-pipelines.md.
 */
function fromJson(name: string, text: string): Input {
  let body: ValueNode
  try {
    body = parse(text, { mode: 'json' }).body
  } catch (error) {
    const message = `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    return { usable: false, name, issues: [{ field: '', code: 'cli.input.notJson', message }] }
  }
  const duplicates = duplicateKeys(body, [], [])
  if (duplicates.length > 0) return { usable: false, name, issues: duplicates }
  // JSON.parse of text that momoa accepted as strict JSON gives the same value, without its tree.
  const { config, issues } = readConfig(JSON.parse(text), 'json')
  return issues.length > 0
    ? { usable: false, name, issues: fromIssues(issues) }
    : { usable: true, name, config }
}

/** Text from a file or stdin: a link if it reads as one, else a JSON config. */
function fromText(name: string, text: string): Input {
  // Editors on Windows may start a UTF-8 file with a byte order mark.
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '')
    return { usable: false, name, issues: [{ field: '', code: 'cli.input.empty', message: 'It is empty.' }] }
  return looksLikeLink(body) ? fromLink(name, body) : fromJson(name, body)
}

const tooLarge = (name: string): Input => ({
  usable: false,
  name,
  issues: [
    {
      field: '',
      code: 'cli.input.tooLarge',
      message: `It is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; a config file or a link is much smaller.`,
    },
  ],
})

/** Reads the input named on the command line. I/O problems throw a CliError (exit 4). */
export async function readInput(input: string, stdin: Stdin): Promise<Input> {
  if (input === '-') {
    const name = 'standard input'
    if (stdin.isTTY)
      throw new CliError(
        '- reads the config or link from standard input, which is a terminal here (pipe one in)',
      )
    let bytes: Buffer
    try {
      bytes = await stdin.read(MAX_INPUT_BYTES + 1)
    } catch (error) {
      throw new CliError(`cannot read standard input: ${reason(error)}`)
    }
    if (bytes.length > MAX_INPUT_BYTES) return tooLarge(name)
    return fromText(name, bytes.toString('utf8'))
  }
  if (looksLikeLink(input)) return fromLink('the link', input)
  const shown = terminalSafe(input)
  let text: string
  try {
    const stat = statSync(input)
    if (stat.isDirectory()) throw new CliError(`cannot read ${shown}: it is a directory, not a config file`)
    if (stat.size > MAX_INPUT_BYTES) return tooLarge(input)
    text = readFileSync(input, 'utf8')
  } catch (error) {
    if (error instanceof CliError) throw error
    const hint =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (a permalink starts with https://, # or ?)' : ''
    throw new CliError(`cannot read ${shown}: ${reason(error)}${hint}`)
  }
  return fromText(input, text)
}
