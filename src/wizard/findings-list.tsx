// Errors, warnings and notes, each with its source and a link to the field it concerns.
import { configSchema } from '../config/schema.ts'
import { labelAt } from '../config/schema-kit.ts'
import type { Finding } from '../generator/types.ts'
import { stepOfField } from './config-paths.ts'
import { useUiStore } from './ui-store.ts'

export function FindingsList({ findings }: { findings: Finding[] }) {
  const goToField = useUiStore((s) => s.goToField)
  if (findings.length === 0) return <p>No findings: nothing needs your attention.</p>
  return (
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
}
