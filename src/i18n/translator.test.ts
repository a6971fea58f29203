import { describe, expect, it } from 'vitest'
import type { MessageKey } from './message.ts'
import { createTranslator } from './translator.ts'

// Test-only messages: the real catalogs are checked in catalogs.test.ts.
const key = (k: string) => k as MessageKey

describe('createTranslator', () => {
  const messages = {
    en: {
      files: '{count, plural, one {# file} other {# files}} for {names}',
      outer: 'Check {inner}.',
      inner: 'the role {name}',
    },
    es: {
      files: '{count, plural, one {# archivo} other {# archivos}} para {names}',
      outer: 'Compruebe {inner}.',
      inner: 'el rol {name}',
    },
  }

  it('formats plurals, lists joined the language’s way, and nested messages', () => {
    const en = createTranslator('en', messages.en)
    const es = createTranslator('es', messages.es)
    const files = { key: key('files'), params: { count: 3, names: ['a', 'b', 'c'] } }
    expect(en.t(files)).toBe('3 files for a, b, and c')
    expect(es.t(files)).toBe('3 archivos para a, b y c')
    expect(es.t({ key: key('files'), params: { count: 1, names: ['a'] } })).toBe('1 archivo para a')
    const outer = {
      key: key('outer'),
      params: { inner: { key: key('inner'), params: { name: 'ecsTaskRole' } } },
    }
    expect(en.t(outer)).toBe('Check the role ecsTaskRole.')
    expect(es.t(outer)).toBe('Compruebe el rol ecsTaskRole.')
  })

  it('keeps parameters verbatim: a value with ICU syntax is not interpreted', () => {
    const en = createTranslator('en', messages.en)
    expect(en.t({ key: key('inner'), params: { name: "{x} '#' <0>" } })).toBe("the role {x} '#' <0>")
    // Lingui decodes \u and \x escapes in its result; a typed backslash must survive, nested too.
    const typed = 'a\\u0041 C:\\x64 \\'
    expect(en.t({ key: key('inner'), params: { name: typed } })).toBe(`the role ${typed}`)
    const nested = { key: key('outer'), params: { inner: { key: key('inner'), params: { name: typed } } } }
    expect(en.t(nested)).toBe(`Check the role ${typed}.`)
  })
})
