// Errors, warnings and notes, each with its source and a link to the field it concerns.
import { configSchema } from '../config/schema.ts'
import { labelAt } from '../config/schema-kit.ts'
import type { Finding } from '../generator/types.ts'
import { stepOfField } from './config-paths.ts'
import { useUiStore } from './ui-store.ts'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function FindingsList({ findings, compact }: { findings: Finding[]; compact?: boolean }) {
  const goToField = useUiStore((s) => s.goToField)
  const errors = findings.filter((f) => f.severity === 'error').length
  const warnings = findings.filter((f) => f.severity === 'warning').length
  const notes = findings.length - errors - warnings
  const summary =
    findings.length === 0
      ? 'No findings'
      : [plural(errors, 'error'), plural(warnings, 'warning'), plural(notes, 'note')].join(', ')
  const list = (
    <ul className="findings">
      {findings.map((f, i) => {
        const label = f.field ? labelAt(configSchema, f.field) : undefined
        return (
          <li key={i} className={`finding finding-${f.severity}`}>
            <span className={`badge badge-${f.severity}`}>{f.severity}</span> {f.message}{' '}
            {f.field && label && (
              <button
                type="button"
                className="link"
                onClick={() => goToField(f.field!, stepOfField(f.field))}
              >
                Go to {label}
              </button>
            )}
            <small className="finding-source">Source: {f.source}</small>
          </li>
        )
      })}
    </ul>
  )
  if (!compact) return findings.length === 0 ? <p>No findings: nothing needs your attention.</p> : list
  return (
    <details className={`findings-summary${errors > 0 ? ' has-errors' : ''}`} open={errors > 0}>
      <summary>Findings: {summary}</summary>
      {list}
    </details>
  )
}
