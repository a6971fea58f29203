import { msg } from '../../i18n/message.ts'
import { Text, useT } from '../../ui/i18n.tsx'
import { useWizard } from '../fields.tsx'
import { ConfigSummary, WeakeningList, weakenings } from '../config-summary.tsx'
import { FindingsList } from '../findings-list.tsx'
import { goToField } from '../go-to-field.ts'
import { useInvalidFields } from '../invalid-fields.ts'
import { STEP_NAMES } from '../ui-store.ts'

export function ReviewStep() {
  const { config, findings } = useWizard()
  const t = useT()
  const invalid = useInvalidFields()
  const weak = weakenings(config)
  return (
    <>
      {invalid.length > 0 && (
        <section className="notice notice-error" aria-labelledby="invalid-title">
          <h3 id="invalid-title">{t('wizard.invalid.title', { count: invalid.length })}</h3>
          <p>{t('wizard.invalid.reviewIntro')}</p>
          <ul className="invalid-fields">
            {invalid.map((f) => (
              <li key={f.field}>
                <Text
                  message={msg('wizard.invalid.reviewItem', {
                    label: f.label,
                    step: msg(STEP_NAMES[f.step]),
                    text: f.text,
                    problem: f.message ?? '',
                    kept: f.used ? 'value' : 'none',
                    used: f.used,
                  })}
                  components={{ 0: <strong />, 1: <q />, 2: <code /> }}
                />{' '}
                <button type="button" className="link" onClick={() => goToField(f.field)}>
                  {t('wizard.goTo', { field: f.label })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfigSummary config={config} />
      {weak.length > 0 && (
        <>
          <h3>{t('wizard.review.weaker')}</h3>
          <WeakeningList items={weak} />
        </>
      )}
      <h3>{t('wizard.review.findings')}</h3>
      <FindingsList findings={findings} />
      <p>{t('wizard.review.where')}</p>
    </>
  )
}
