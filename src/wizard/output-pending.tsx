// What the output shows in the moment before the generator, the output panel and their words arrive
// (they load together, right after the first render: use-generate.ts).
import { useT } from '../ui/i18n.tsx'

export function OutputPending() {
  const t = useT()
  return (
    <section className="output" aria-labelledby="output-title" aria-busy="true">
      <div className="output-header">
        <h2 id="output-title">{t('wizard.output.title')}</h2>
      </div>
      <p className="hint" role="status">
        {t('wizard.output.preparing')}
      </p>
    </section>
  )
}
