// POSIX shell rendering. The only place that quotes for the shell: template text is trusted code written
// in this repository; every interpolated value is quoted, so user text can only ever be one literal word.
import { formatCitation, type Citation } from '../../knowledge/sources.ts'
import type { Message } from '../../i18n/message.ts'
import type { LineSource } from '../types.ts'
import { commentLines } from './comment.ts'

const BARE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/

/** One shell word whose value is exactly `value`: bare when safe, else single-quoted ('\'' for quotes). */
export function shellQuote(value: string): string {
  if (BARE_WORD.test(value) && !value.startsWith('=')) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** Trusted shell text, inserted as is. Only for literals written in this repository. */
export class ShellRaw {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new ShellRaw(text)

type ShellValue = string | number | ShellRaw | readonly string[]

function renderValue(value: ShellValue): string {
  if (value instanceof ShellRaw) return value.text
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return shellQuote(value)
  return value.map(shellQuote).join(' ')
}

/** A command line: `sh\`iptables -I DOCKER-USER 1 -d ${address}\``; values are quoted, lists become words. */
export function sh(strings: TemplateStringsArray, ...values: ShellValue[]): ShellRaw {
  return new ShellRaw(
    strings.reduce((out, part, i) => out + part + (i < values.length ? renderValue(values[i]!) : ''), ''),
  )
}

/** `--name value`, or `--name=value` when the value starts with "-", which the AWS CLI would read as an option. */
export function option(name: string, value: string): string[] {
  return value.startsWith('-') ? [`${name}=${value}`] : [name, value]
}

export type ShellBlock =
  | { kind: 'comment'; text: string; indent?: string }
  | { kind: 'line'; line: ShellRaw; note?: Message; citation?: Citation; indent?: string }
  | { kind: 'heredoc'; before: ShellRaw; after: ShellRaw; body: string; note?: Message; citation?: Citation }
  | { kind: 'blank' }

export const comment = (text: string): ShellBlock => ({ kind: 'comment', text })
export const blank: ShellBlock = { kind: 'blank' }
/** A command line; `note` (why it is there) is shown beside the file, in the reader's language, never in it. */
export const line = (text: ShellRaw, note?: Message, citation?: Citation): ShellBlock => ({
  kind: 'line',
  line: text,
  note,
  citation,
})

/** Indents comments and lines (for case branches); heredoc bodies are never touched. */
export function indented(blocks: ShellBlock[], indent = '    '): ShellBlock[] {
  return blocks.map((b) =>
    b.kind === 'comment' || b.kind === 'line' ? { ...b, indent: (b.indent ?? '') + indent } : b,
  )
}

export interface ShellScript {
  interpreter: '/bin/bash' | '/bin/sh'
  blocks: ShellBlock[]
}

/** A heredoc terminator that no body line equals, so the body cannot end the heredoc early. */
function delimiterFor(body: string): string {
  const lines = new Set(body.split('\n'))
  let delimiter = 'EOF'
  for (let n = 1; lines.has(delimiter); n++) delimiter = `EOF_${n}`
  return delimiter
}

export function renderShell(script: ShellScript): { text: string; sources: LineSource[] } {
  const out: string[] = [`#!${script.interpreter}`]
  const sources: LineSource[] = []
  // A line source is its note: a citation alone has nothing to show beside the line.
  const cite = (note: Message | undefined, citation: Citation | undefined) => {
    if (note) sources.push({ line: out.length + 1, note, source: citation ? formatCitation(citation) : '' })
  }
  for (const block of script.blocks) {
    switch (block.kind) {
      case 'comment':
        out.push(...commentLines(block.text, block.indent))
        break
      case 'blank':
        out.push('')
        break
      case 'line':
        cite(block.note, block.citation)
        out.push((block.indent ?? '') + block.line.text)
        break
      case 'heredoc': {
        const delimiter = delimiterFor(block.body)
        cite(block.note, block.citation)
        // The quoted delimiter turns off expansion: the body reaches the file byte for byte.
        out.push(`${block.before.text} <<'${delimiter}'${block.after.text ? ` ${block.after.text}` : ''}`)
        out.push(...block.body.replace(/\n$/, '').split('\n'), delimiter)
        break
      }
    }
  }
  return { text: `${out.join('\n')}\n`, sources }
}
