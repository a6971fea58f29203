// Which catalog files make up each part, per language. A language's catalogs load only when it is chosen;
// `rest` loads right after the first render (with the generator and before any lazily loaded view), so
// only what the first render shows weighs on the first load.
import type { Messages } from '@lingui/core'
import type { Locale } from './translator.ts'

/** `start`: the field labels and the form around them. `rest`: everything else. */
export type CatalogPart = 'start' | 'rest'

type CatalogModule = { default: Record<string, unknown> }
const merge = (modules: CatalogModule[]): Messages =>
  Object.assign({}, ...modules.map((m) => m.default)) as Messages

export const CATALOG_LOADERS: Record<Locale, Record<CatalogPart, () => Promise<Messages>>> = {
  en: {
    start: () =>
      Promise.all([import('./catalogs/en/fields.json'), import('./catalogs/en/wizard.json')]).then(merge),
    rest: () =>
      Promise.all([
        import('./catalogs/en/field-problems.json'),
        import('./catalogs/en/views.json'),
        import('./catalogs/en/findings.json'),
        import('./catalogs/en/files.json'),
        import('./catalogs/en/runbook.json'),
      ]).then(merge),
  },
  es: {
    start: () =>
      Promise.all([import('./catalogs/es/fields.json'), import('./catalogs/es/wizard.json')]).then(merge),
    rest: () =>
      Promise.all([
        import('./catalogs/es/field-problems.json'),
        import('./catalogs/es/views.json'),
        import('./catalogs/es/findings.json'),
        import('./catalogs/es/files.json'),
        import('./catalogs/es/runbook.json'),
      ]).then(merge),
  },
}
