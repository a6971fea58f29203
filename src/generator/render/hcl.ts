// HCL (Terraform) rendering. The only place that quotes for HCL: every string value is written as a quoted
// string with HCL's escapes (or a heredoc for multi-line text), and the only other expressions are built
// here from checked parts (references, function calls, templates of references), so user text can only ever
// be one literal string (docs/decisions/015-terraform-hcl-written-by-hand.md). The layout is what
// `terraform fmt` writes: two-space indent, and the `=` of consecutive one-line attributes aligned.
// HCL's native syntax: https://github.com/hashicorp/hcl/blob/v2.23.0/hclsyntax/spec.md
import { formatCitation, type Citation } from '../../knowledge/sources.ts'
import type { Message } from '../../i18n/message.ts'
import type { LineSource } from '../types.ts'
import { commentLines } from './comment.ts'

/** An HCL identifier: a resource type, a label, an attribute or function name, a reference part. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/
/** Object keys written bare; any other key is quoted. The keywords would start an expression instead. */
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'endif', 'endfor', 'else'])

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not an HCL identifier: ${JSON.stringify(name)}`)
  return name
}

/** An expression that is not a literal value: only this module makes one, from checked parts. */
export class HclExpression {
  private constructor(
    readonly kind: 'reference' | 'call' | 'heredoc' | 'template',
    readonly parts: readonly string[],
    readonly args: readonly HclValue[] = [],
  ) {}

  /** `aws_iam_role.task.arn`: each part an identifier. */
  static reference(...parts: string[]): HclExpression {
    if (parts.length < 2) throw new Error('a reference names at least an object and an attribute')
    return new HclExpression('reference', parts.map(identifier))
  }

  /** `jsonencode(value)`: the function's name is an identifier, its arguments are values. */
  static call(name: string, ...args: HclValue[]): HclExpression {
    return new HclExpression('call', [identifier(name)], args)
  }

  /** `"arn:${data.aws_partition.current.partition}:…"`: literal text (escaped) and references, in order. */
  static template(...parts: (string | HclExpression)[]): HclExpression {
    for (const part of parts)
      if (typeof part !== 'string' && part.kind !== 'reference')
        throw new Error('a string template interpolates references only')
    return new HclExpression('template', [], parts)
  }

  /** Multi-line text as a heredoc (`<<EOT`), which keeps every byte; see heredocFits for when it can. */
  static heredoc(text: string): HclExpression {
    return new HclExpression('heredoc', [text])
  }
}
export const reference = (...parts: string[]) => HclExpression.reference(...parts)
export const call = (name: string, ...args: HclValue[]) => HclExpression.call(name, ...args)
export const heredoc = (text: string) => HclExpression.heredoc(text)
export const template = (...parts: (string | HclExpression)[]) => HclExpression.template(...parts)

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclExpression
  | readonly HclValue[]
  | { readonly [key: string]: HclValue }

/** `${` and `%{` start an interpolation or a directive in every HCL string: `$${` and `%%{` are literal. */
const escapeTemplate = (text: string) => text.replace(/([$%])\{/g, '$1$1{')

/**
 * A quoted HCL string whose value is exactly `value`. Besides the quote, backslash and the template
 * escapes: line breaks, control and format characters (a bidi override could hide code in a review) as
 * `\uNNNN`, so a value never leaves its line.
 */
export function hclString(value: string): string {
  return `"${quotedText(value)}"`
}

/** The inside of a quoted string whose value is `value`. */
function quotedText(value: string): string {
  return escapeTemplate(value).replace(/["\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => {
    switch (c) {
      case '"':
        return '\\"'
      case '\\':
        return '\\\\'
      case '\n':
        return '\\n'
      case '\r':
        return '\\r'
      case '\t':
        return '\\t'
      default: {
        const code = c.codePointAt(0)!
        return code > 0xffff
          ? `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`
          : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
      }
    }
  })
}

/**
 * Whether a heredoc carries `text` byte for byte: it has to end with a line break (the heredoc's value
 * does), and a heredoc has no escapes for control or format characters other than the tab.
 */
export function heredocFits(text: string): boolean {
  return text.endsWith('\n') && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text.replace(/[\n\t]/g, ''))
}

/** A heredoc delimiter that no line equals: the closing marker may be indented, so lines are trimmed. */
function delimiterFor(text: string): string {
  const lines = new Set(text.split('\n').map((l) => l.trim()))
  let delimiter = 'EOT'
  for (let n = 1; lines.has(delimiter); n++) delimiter = `EOT_${n}`
  return delimiter
}

const isScalar = (value: HclValue): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (value instanceof HclExpression && (value.kind === 'reference' || value.kind === 'template'))

/** Scalar lists this short stay on one line: `["EC2"]`. */
const INLINE_LIST_WIDTH = 80

/**
 * The lines of a value at `indent` (the indent of the line it starts on): the first line is what follows
 * `name = `, the others are complete lines.
 */
function valueLines(value: HclValue, indent: string): string[] {
  if (typeof value === 'string') return [hclString(value)]
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not an HCL number: ${value}`)
    return [String(value)]
  }
  if (typeof value === 'boolean' || value === null) return [String(value)]
  if (value instanceof HclExpression) {
    switch (value.kind) {
      case 'reference':
        return [value.parts.join('.')]
      case 'template':
        return [
          `"${value.args
            .map((part) =>
              typeof part === 'string' ? quotedText(part) : `\${${(part as HclExpression).parts.join('.')}}`,
            )
            .join('')}"`,
        ]
      case 'heredoc': {
        const text = value.parts[0]!
        if (!heredocFits(text)) return [hclString(text)]
        const delimiter = delimiterFor(text)
        return [`<<${delimiter}`, ...escapeTemplate(text).replace(/\n$/, '').split('\n'), delimiter]
      }
      case 'call': {
        const args = value.args.map((arg) => valueLines(arg, indent))
        if (args.every((lines) => lines.length === 1))
          return [`${value.parts[0]}(${args.map((lines) => lines[0]).join(', ')})`]
        if (args.length !== 1) throw new Error('a multi-line argument must be the only one')
        const lines = args[0]!
        // `f({` … `})`; a heredoc ends on its own line, so the parenthesis goes on the next one.
        const heredocArg = value.args[0] instanceof HclExpression && value.args[0].kind === 'heredoc'
        return heredocArg
          ? [`${value.parts[0]}(${lines[0]}`, ...lines.slice(1), `${indent})`]
          : [`${value.parts[0]}(${lines[0]}`, ...lines.slice(1, -1), `${lines.at(-1)})`]
      }
    }
  }
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    const items = value as readonly HclValue[]
    if (items.length === 0) return ['[]']
    if (items.every(isScalar)) {
      const inline = `[${items.map((item) => valueLines(item, indent)[0]).join(', ')}]`
      if (inline.length <= INLINE_LIST_WIDTH) return [inline]
    }
    const lines = ['[']
    for (const item of items) {
      // A heredoc's closing marker must end its line, where the list's comma goes: quote it instead.
      const itemLines =
        item instanceof HclExpression && item.kind === 'heredoc'
          ? [hclString(item.parts[0]!)]
          : valueLines(item, inner)
      lines.push(`${inner}${itemLines[0]}`, ...itemLines.slice(1))
      lines[lines.length - 1] += ','
    }
    return [...lines, `${indent}]`]
  }
  const entries = Object.entries(value as { readonly [key: string]: HclValue })
  if (entries.length === 0) return ['{}']
  const key = (name: string) => (BARE_KEY.test(name) && !KEYWORDS.has(name) ? name : hclString(name))
  return [
    '{',
    ...assignments(
      entries.map(([name, v]) => [key(name), v]),
      inner,
    ).lines,
    `${indent}}`,
  ]
}

/**
 * `name = value` lines at `indent`, with the `=` of consecutive one-line assignments aligned, as terraform
 * fmt does: a value that opens a bracket on its first line ends the run (hclwrite's formatCells). Also
 * returns the index of each assignment's first line.
 */
function assignments(
  items: readonly (readonly [name: string, value: HclValue])[],
  indent: string,
): { lines: string[]; starts: number[] } {
  const rendered = items.map(([name, value]) => ({ name, lines: valueLines(value, indent) }))
  const inRun = (lines: string[]) => lines.length === 1 || lines[0]!.startsWith('<<')
  const out: string[] = []
  const starts: number[] = []
  for (let i = 0; i < rendered.length;) {
    let end = i
    while (end < rendered.length && inRun(rendered[end]!.lines)) end++
    const run = end > i ? rendered.slice(i, end) : rendered.slice(i, i + 1)
    const width = Math.max(...run.map((r) => [...r.name].length))
    for (const { name, lines } of run) {
      starts.push(out.length)
      out.push(`${indent}${name}${' '.repeat(width - [...name].length)} = ${lines[0]}`, ...lines.slice(1))
    }
    i += run.length
  }
  return { lines: out, starts }
}

export type HclItem =
  | { kind: 'attribute'; name: string; value: HclValue; note?: Message; citation?: Citation }
  | {
      kind: 'block'
      type: string
      labels: readonly string[]
      body: readonly HclItem[]
      note?: Message
      citation?: Citation
    }
  | { kind: 'comment'; text: string }
  | { kind: 'blank' }

/** `name = value`; `note` (why it is there) is shown beside the file, in the reader's language, never in it. */
export const attribute = (name: string, value: HclValue, note?: Message, citation?: Citation): HclItem => ({
  kind: 'attribute',
  name: identifier(name),
  value,
  note,
  citation,
})
/** `type "label" … { body }`: labels are quoted strings. */
export const block = (
  type: string,
  labels: readonly string[],
  body: readonly HclItem[],
  note?: Message,
  citation?: Citation,
): HclItem => ({ kind: 'block', type: identifier(type), labels, body, note, citation })
export const comment = (text: string): HclItem => ({ kind: 'comment', text })
export const blank: HclItem = { kind: 'blank' }

/** A Terraform file: the items in order, with the notes of the lines they start on. */
export function renderHcl(items: readonly HclItem[]): { text: string; sources: LineSource[] } {
  const out: string[] = []
  const sources: LineSource[] = []
  const noteAt = (line: number, note: Message | undefined, citation: Citation | undefined) => {
    if (note) sources.push({ line, note, source: citation ? formatCitation(citation) : '' })
  }
  const body = (list: readonly HclItem[], indent: string) => {
    // Consecutive attributes are rendered together, so their `=` can be aligned.
    for (let i = 0; i < list.length;) {
      const item = list[i]!
      if (item.kind === 'attribute') {
        const run: Extract<HclItem, { kind: 'attribute' }>[] = []
        for (; i < list.length && list[i]!.kind === 'attribute'; i++)
          run.push(list[i] as Extract<HclItem, { kind: 'attribute' }>)
        const { lines, starts } = assignments(
          run.map((a) => [a.name, a.value]),
          indent,
        )
        run.forEach((a, n) => noteAt(out.length + starts[n]! + 1, a.note, a.citation))
        out.push(...lines)
        continue
      }
      i++
      switch (item.kind) {
        case 'comment':
          out.push(...commentLines(item.text, indent))
          break
        case 'blank':
          out.push('')
          break
        case 'block': {
          noteAt(out.length + 1, item.note, item.citation)
          const head = [item.type, ...item.labels.map(hclString)].join(' ')
          if (item.body.length === 0) out.push(`${indent}${head} {}`)
          else {
            out.push(`${indent}${head} {`)
            body(item.body, `${indent}  `)
            out.push(`${indent}}`)
          }
          break
        }
      }
    }
  }
  body(items, '')
  return { text: `${out.join('\n')}\n`, sources }
}

/** Every reference the items' values make (`data.aws_partition.current.partition`, …), in order. */
export function referencesIn(items: readonly HclItem[]): string[] {
  const found: string[] = []
  const visit = (value: HclValue): void => {
    if (value instanceof HclExpression) {
      if (value.kind === 'reference') found.push(value.parts.join('.'))
      value.args.forEach(visit)
    } else if (Array.isArray(value)) (value as readonly HclValue[]).forEach(visit)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit)
  }
  for (const item of items)
    if (item.kind === 'attribute') visit(item.value)
    else if (item.kind === 'block') found.push(...referencesIn(item.body))
  return found
}
