// English, complete and synchronous: what the CLI prints and what the zip's README says, whatever language
// the page is in, so a link gives every reader the same bytes. Loaded by the CLI, tests and the download.
import fieldProblems from './catalogs/en/field-problems.json' with { type: 'json' }
import fields from './catalogs/en/fields.json' with { type: 'json' }
import files from './catalogs/en/files.json' with { type: 'json' }
import findings from './catalogs/en/findings.json' with { type: 'json' }
import runbook from './catalogs/en/runbook.json' with { type: 'json' }
import views from './catalogs/en/views.json' with { type: 'json' }
import wizard from './catalogs/en/wizard.json' with { type: 'json' }
import { createTranslator } from './translator.ts'

export const english = createTranslator('en', fields, fieldProblems, wizard, views, findings, files, runbook)
