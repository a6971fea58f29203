import { useWizard } from '../fields.tsx'
import { ConfigSummary, WeakeningList, weakenings } from '../config-summary.tsx'
import { FindingsList } from '../findings-list.tsx'
import { goToField } from '../go-to-field.ts'
import { useInvalidFields } from '../invalid-fields.ts'

export function ReviewStep() {
  const { config, findings } = useWizard()
  const invalid = useInvalidFields()
  const weak = weakenings(config)
  return (
    <>
      {invalid.length > 0 && (
        <section className="notice notice-error" aria-labelledby="invalid-title">
          <h3 id="invalid-title">
            {invalid.length === 1 ? 'A field is not valid yet' : `${invalid.length} fields are not valid yet`}
          </h3>
          <p>
            The link and the files below hold the last valid value of each, not what you typed. Copy and
            download say so before they run.
          </p>
          <ul className="invalid-fields">
            {invalid.map((f) => (
              <li key={f.field}>
                <strong>{f.label}</strong> ({f.step}): you typed <q>{f.text}</q>. {f.message}{' '}
                {f.used ? (
                  <>
                    The files use <code>{f.used}</code>.
                  </>
                ) : (
                  'The files leave it out.'
                )}{' '}
                <button type="button" className="link" onClick={() => goToField(f.field)}>
                  Go to {f.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfigSummary config={config} />
      {weak.length > 0 && (
        <>
          <h3>Weaker than the safe defaults</h3>
          <WeakeningList items={weak} />
        </>
      )}
      <h3>Findings</h3>
      <FindingsList findings={findings} />
      <p>The files are on the right (below on a narrow screen); “Apply steps” lists them in order.</p>
    </>
  )
}
