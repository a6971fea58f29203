// Spanish, complete and synchronous, for tests and tools (the page loads it in parts, src/ui/i18n.tsx).
import fieldProblems from './catalogs/es/field-problems.json' with { type: 'json' }
import fields from './catalogs/es/fields.json' with { type: 'json' }
import files from './catalogs/es/files.json' with { type: 'json' }
import findings from './catalogs/es/findings.json' with { type: 'json' }
import runbook from './catalogs/es/runbook.json' with { type: 'json' }
import views from './catalogs/es/views.json' with { type: 'json' }
import wizard from './catalogs/es/wizard.json' with { type: 'json' }
import { createTranslator } from './translator.ts'

export const spanish = createTranslator('es', fields, fieldProblems, wizard, views, findings, files, runbook)
