// The language switch against the catalogs that load in parts: a choice made while a part loads stays the
// choice, and words that arrive re-render what shows them.
import { beforeAll, describe, expect, it, vi } from 'vitest'

const storage = new Map<string, string>()
beforeAll(() => {
  vi.stubGlobal('document', { documentElement: { lang: 'en' } })
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    },
  })
})

describe('choosing a language while the rest of the catalogs load', () => {
  it('keeps the choice, loads the rest in it, and shows its words', async () => {
    const { chooseLocale, requireCatalogPart, useLocaleStore } = await import('./i18n.tsx')
    const choice = chooseLocale('es')
    // A lazy view asks for the rest of the words before Spanish has arrived (idle prefetch, a click).
    const rest = requireCatalogPart('rest')
    await Promise.all([choice, rest])
    const { translator } = useLocaleStore.getState()
    expect(translator.locale).toBe('es')
    expect(document.documentElement.lang).toBe('es')
    expect(storage.get('ecs-task-role-wizard.language')).toBe('es')
    expect(translator.t({ key: 'wizard.output.downloadAllZip' })).toBe('Descargar todo (.zip)')
    expect(translator.t({ key: 'finding.accountId.example' })).not.toBe('')

    // Back to English: the parts already wanted load for it too; asking again changes nothing.
    await chooseLocale('en')
    const english = useLocaleStore.getState()
    expect(english.translator.t({ key: 'wizard.output.downloadAllZip' })).toBe('Download all (.zip)')
    await requireCatalogPart('rest')
    expect(useLocaleStore.getState().revision).toBe(english.revision)
  })

  it('shows a word that has not arrived as nothing, never as its key', async () => {
    const { createPageTranslator } = await import('../i18n/translator.ts')
    expect(createPageTranslator('en').t({ key: 'wizard.output.downloadAllZip' })).toBe('')
  })
})
