// The English catalogs are the source: every key is one of theirs, and every other catalog is checked
// against them (catalogs.test.ts, and catalog-types.ts for tsc).
import type fieldProblems from './catalogs/en/field-problems.json'
import type fields from './catalogs/en/fields.json'
import type files from './catalogs/en/files.json'
import type findings from './catalogs/en/findings.json'
import type runbook from './catalogs/en/runbook.json'
import type views from './catalogs/en/views.json'
import type wizard from './catalogs/en/wizard.json'

/** What the first render needs: the field labels and the form around them. */
export type StartCatalog = typeof fields & typeof wizard
/** The rest: field problems, the views loaded later, findings, files and the runbook. */
export type RestCatalog = typeof fieldProblems &
  typeof views &
  typeof findings &
  typeof files &
  typeof runbook

export type MessageKey = keyof StartCatalog | keyof RestCatalog
