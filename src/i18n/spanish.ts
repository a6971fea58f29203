// Spanish, complete and synchronous, for tests and tools (the page loads it in parts, src/ui/i18n.tsx).
import fieldProblems from './catalogs/es/field-problems.json'
import fields from './catalogs/es/fields.json'
import files from './catalogs/es/files.json'
import findings from './catalogs/es/findings.json'
import runbook from './catalogs/es/runbook.json'
import views from './catalogs/es/views.json'
import wizard from './catalogs/es/wizard.json'
import { createTranslator } from './translator.ts'

export const spanish = createTranslator('es', fields, fieldProblems, wizard, views, findings, files, runbook)
