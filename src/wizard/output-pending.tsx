// What the output shows in the moment before the generator, the output panel and their words arrive
// (they load together, right after the first render: use-generate.ts), or when they could not be loaded.
import { useT } from '../ui/i18n.tsx'
import { retryGenerate, useGenerateFailed } from './use-generate.ts'

export function OutputPending() {
  const t = useT()
  const failed = useGenerateFailed()
  return (
    <section className="output" aria-labelledby="output-title" aria-busy={!failed}>
      <div className="output-header">
        <h2 id="output-title">{t('wizard.output.title')}</h2>
      </div>
      {failed ? (
        <div role="alert">
          <p>{t('wizard.output.loadFailed')}</p>
          <button type="button" onClick={retryGenerate}>
            {t('wizard.output.retry')}
          </button>
        </div>
      ) : (
        <p className="hint" role="status">
          {t('wizard.output.preparing')}
        </p>
      )}
    </section>
  )
}
