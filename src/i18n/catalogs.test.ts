// The catalogs as a whole: every language has exactly the English keys, the same placeholders and tags,
// valid ICU, and no empty text. A key added to English alone fails here (and in tsc: catalog-types.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage'
import { describe, expect, it } from 'vitest'
import { LOCALES } from './translator.ts'

const CATALOG_DIR = join(import.meta.dirname, 'catalogs')
const PREFIX: Record<string, string> = {
  fields: 'field.',
  'field-problems': 'field.',
  wizard: 'wizard.',
  views: 'wizard.',
  findings: 'finding.',
  files: 'file.',
  runbook: 'runbook.',
}

const read = (locale: string, part: string) =>
  JSON.parse(readFileSync(join(CATALOG_DIR, locale, `${part}.json`), 'utf8')) as Record<string, string>

const parts = readdirSync(join(CATALOG_DIR, 'en')).map((f) => f.replace(/\.json$/, ''))

/** Argument names with their kind (`n:plural`), and markup tags (`<0>`), in a message. */
function placeholders(message: string): string[] {
  const found = new Set<string>()
  const walk = (tokens: CompiledMessage) => {
    for (const token of tokens) {
      if (typeof token === 'string') continue
      const [name, type, format] = token
      found.add(type ? `${name}:${type}` : name)
      if (format && typeof format === 'object')
        for (const [choice, branch] of Object.entries(format))
          if (choice !== 'offset' && Array.isArray(branch)) walk(branch as CompiledMessage)
    }
  }
  walk(compileMessageOrThrow(message))
  for (const tag of message.matchAll(/<\/?(\d+)\s*\/?>/g)) found.add(`<${tag[1]}>`)
  return [...found].sort()
}

describe('message catalogs', () => {
  it('has the same parts in every language', () => {
    for (const locale of LOCALES)
      expect(readdirSync(join(CATALOG_DIR, locale)).sort(), locale).toEqual(
        parts.map((p) => `${p}.json`).sort(),
      )
    expect(parts.sort()).toEqual(Object.keys(PREFIX).sort())
  })

  for (const part of parts) {
    describe(part, () => {
      const english = read('en', part)

      it(`keys start with ${PREFIX[part]}, each in one file only`, () => {
        for (const other of parts.filter((p) => p !== part)) {
          const both = Object.keys(read('en', other)).filter((key) => key in english)
          expect(both, `keys in both ${part} and ${other}`).toEqual([])
        }
        const stray = Object.keys(english).filter((key) => !key.startsWith(PREFIX[part]!))
        expect(stray).toEqual([])
      })

      for (const locale of LOCALES) {
        const catalog = read(locale, part)
        it(`${locale}: every English key, no other, none empty`, () => {
          expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort())
          expect(Object.entries(catalog).filter(([, text]) => text.trim() === '')).toEqual([])
        })
        it(`${locale}: valid ICU with the English placeholders and tags`, () => {
          const mismatched = Object.entries(catalog).flatMap(([key, text]) => {
            let mine: string[]
            try {
              mine = placeholders(text)
            } catch (error) {
              return [`${key}: ${(error as Error).message}`]
            }
            const source = english[key]
            if (source === undefined) return []
            const theirs = placeholders(source)
            return JSON.stringify(mine) === JSON.stringify(theirs)
              ? []
              : [`${key}: ${mine.join(' ')} ≠ English ${theirs.join(' ')}`]
          })
          expect(mismatched).toEqual([])
        })
      }
    })
  }
})
