// Errors, warnings and notes, each with its sources (links users can open) and a link to the field it concerns.
import type { Finding } from '../generator/types.ts'
import { SourceLinks } from '../ui/source-links.tsx'
import { fieldLabel } from './config-paths.ts'
import { goToField } from './go-to-field.ts'

export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p>No findings: nothing needs your attention.</p>
  return (
    <ul className="findings">
      {findings.map((f, i) => (
        <li key={i} className={`finding finding-${f.severity}`}>
          <span className={`badge badge-${f.severity}`}>{f.severity}</span> {f.message}{' '}
          {f.field && (
            <button type="button" className="link" onClick={() => goToField(f.field!)}>
              Go to {fieldLabel(f.field)}
            </button>
          )}
          {f.source && (
            <small className="finding-source">
              Source: <SourceLinks source={f.source} />
            </small>
          )}
        </li>
      ))}
    </ul>
  )
}
