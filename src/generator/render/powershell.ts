// PowerShell rendering. The only place that quotes for PowerShell: template text is trusted code; every
// interpolated value becomes a single-quoted literal, where nothing expands.
import { formatCitation, type Citation } from '../../knowledge/sources.ts'
import type { Message } from '../../i18n/message.ts'
import type { LineSource } from '../types.ts'
import { commentLines } from './comment.ts'

// PowerShell treats the typographic single quotes as quotes too; each is escaped by doubling it.
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g

export function psQuote(value: string): string {
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`
}

export class PsRaw {
  constructor(readonly text: string) {}
}
export const psRaw = (text: string) => new PsRaw(text)

type PsValue = string | number | PsRaw

export function ps(strings: TemplateStringsArray, ...values: PsValue[]): PsRaw {
  return new PsRaw(
    strings.reduce((out, part, i) => {
      const value = values[i]
      const rendered =
        value === undefined
          ? ''
          : value instanceof PsRaw
            ? value.text
            : typeof value === 'number'
              ? String(value)
              : psQuote(value)
      return out + part + rendered
    }, ''),
  )
}

export type PsBlock =
  | { kind: 'comment'; text: string }
  | { kind: 'line'; line: PsRaw; note?: Message; citation?: Citation }
  | { kind: 'blank' }

export const psComment = (text: string): PsBlock => ({ kind: 'comment', text })
export const psBlank: PsBlock = { kind: 'blank' }
/** A command line; `note` (why it is there) is shown beside the file, in the reader's language, never in it. */
export const psLine = (text: PsRaw, note?: Message, citation?: Citation): PsBlock => ({
  kind: 'line',
  line: text,
  note,
  citation,
})

export interface PsScript {
  /** EC2 user data wraps the script in <powershell> tags. */
  userDataTags: boolean
  blocks: PsBlock[]
}

// Comments also never close the <powershell> tag of EC2 user data.
const psCommentLines = (text: string) => commentLines(text.replace(/</g, '(').replace(/>/g, ')'))

export function renderPowerShell(script: PsScript): { text: string; sources: LineSource[] } {
  const out: string[] = script.userDataTags ? ['<powershell>'] : []
  const sources: LineSource[] = []
  for (const block of script.blocks) {
    if (block.kind === 'comment') out.push(...psCommentLines(block.text))
    else if (block.kind === 'blank') out.push('')
    else {
      // A line source is its note: a citation alone has nothing to show beside the line.
      if (block.note)
        sources.push({
          line: out.length + 1,
          note: block.note,
          source: block.citation ? formatCitation(block.citation) : '',
        })
      // One physical line per command: a wrapped parameter loses its argument.
      if (/[\r\n]/.test(block.line.text)) throw new Error('PowerShell commands must stay on one line')
      out.push(block.line.text)
    }
  }
  if (script.userDataTags) out.push('</powershell>')
  return { text: `${out.join('\n')}\n`, sources }
}
