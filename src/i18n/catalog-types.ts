// tsc fails when a Spanish catalog lacks a key of its English source (catalogs.test.ts also catches extra
// keys and mismatched placeholders). Type-only: nothing here reaches the bundle.
import type enFieldProblems from './catalogs/en/field-problems.json'
import type enFields from './catalogs/en/fields.json'
import type enFiles from './catalogs/en/files.json'
import type enFindings from './catalogs/en/findings.json'
import type enRunbook from './catalogs/en/runbook.json'
import type enViews from './catalogs/en/views.json'
import type enWizard from './catalogs/en/wizard.json'
import type esFieldProblems from './catalogs/es/field-problems.json'
import type esFields from './catalogs/es/fields.json'
import type esFiles from './catalogs/es/files.json'
import type esFindings from './catalogs/es/findings.json'
import type esRunbook from './catalogs/es/runbook.json'
import type esViews from './catalogs/es/views.json'
import type esWizard from './catalogs/es/wizard.json'

type Covers<Source, Translation extends Record<keyof Source, string>> = Translation

export type SpanishCatalogsCoverEnglish = [
  Covers<typeof enFields, typeof esFields>,
  Covers<typeof enFieldProblems, typeof esFieldProblems>,
  Covers<typeof enWizard, typeof esWizard>,
  Covers<typeof enViews, typeof esViews>,
  Covers<typeof enFindings, typeof esFindings>,
  Covers<typeof enFiles, typeof esFiles>,
  Covers<typeof enRunbook, typeof esRunbook>,
]
