// The English catalogs are the source: every key is one of theirs, and every other catalog is checked
// against them (catalogs.test.ts, and catalog-types.ts for tsc).
import type fields from './catalogs/en/fields.json'
import type wizard from './catalogs/en/wizard.json'
import type findings from './catalogs/en/findings.json'
import type files from './catalogs/en/files.json'
import type runbook from './catalogs/en/runbook.json'

/** The catalogs the page needs for its first render. */
export type PageCatalog = typeof fields & typeof wizard
/** The catalogs the output needs: they load with the generator. */
export type OutputCatalog = typeof findings & typeof files & typeof runbook

export type MessageKey = keyof PageCatalog | keyof OutputCatalog
