// English, complete and synchronous: what the CLI prints and what the zip's README says, whatever language
// the page is in, so a link gives every reader the same bytes. Loaded by the CLI, tests and the download.
import fieldProblems from './catalogs/en/field-problems.json'
import fields from './catalogs/en/fields.json'
import files from './catalogs/en/files.json'
import findings from './catalogs/en/findings.json'
import runbook from './catalogs/en/runbook.json'
import views from './catalogs/en/views.json'
import wizard from './catalogs/en/wizard.json'
import { createTranslator } from './translator.ts'

export const english = createTranslator('en', fields, fieldProblems, wizard, views, findings, files, runbook)
