// Errors, warnings and notes, each with its sources (links users can open) and a link to the field it concerns.
import type { Finding } from '../generator/types.ts'
import { useT } from '../ui/i18n.tsx'
import { SourceLinks } from '../ui/source-links.tsx'
import { fieldLabel } from './config-paths.ts'
import { SEVERITY_NAMES } from './fields.tsx'
import { goToField } from './go-to-field.ts'

export function FindingsList({ findings }: { findings: Finding[] }) {
  const t = useT()
  if (findings.length === 0) return <p>{t('wizard.findings.none')}</p>
  return (
    <ul className="findings">
      {findings.map((f, i) => (
        <li key={i} className={`finding finding-${f.severity}`}>
          <span className={`badge badge-${f.severity}`}>{t(SEVERITY_NAMES[f.severity])}</span> {t(f.message)}{' '}
          {f.field && (
            <button type="button" className="link" onClick={() => goToField(f.field!)}>
              {t('wizard.goTo', { field: fieldLabel(f.field) })}
            </button>
          )}
          {f.source && (
            <small className="finding-source">
              {t('wizard.findings.source')} <SourceLinks source={f.source} />
            </small>
          )}
        </li>
      ))}
    </ul>
  )
}
