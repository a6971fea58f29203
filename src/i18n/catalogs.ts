// Which catalog files make up each part, per language. A language's catalogs load only when it is chosen,
// and the output's only with the generator, so neither weighs on the first load.
import type { Messages } from '@lingui/core'
import type { Locale } from './translator.ts'

/** `page`: what the form needs for its first render. `output`: findings, files and the runbook. */
export type CatalogPart = 'page' | 'output'

type CatalogModule = { default: Record<string, unknown> }
const merge = (modules: CatalogModule[]): Messages =>
  Object.assign({}, ...modules.map((m) => m.default)) as Messages

export const CATALOG_LOADERS: Record<Locale, Record<CatalogPart, () => Promise<Messages>>> = {
  en: {
    page: () =>
      Promise.all([import('./catalogs/en/fields.json'), import('./catalogs/en/wizard.json')]).then(merge),
    output: () =>
      Promise.all([
        import('./catalogs/en/findings.json'),
        import('./catalogs/en/files.json'),
        import('./catalogs/en/runbook.json'),
      ]).then(merge),
  },
  es: {
    page: () =>
      Promise.all([import('./catalogs/es/fields.json'), import('./catalogs/es/wizard.json')]).then(merge),
    output: () =>
      Promise.all([
        import('./catalogs/es/findings.json'),
        import('./catalogs/es/files.json'),
        import('./catalogs/es/runbook.json'),
      ]).then(merge),
  },
}
