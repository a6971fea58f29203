// Opening a link shows what it sets before anything is copied: the configuration in a few lines, and every
// value that is weaker than the safe defaults, each leading to its field. Open (not collapsed) until the user
// says they have read it. Loaded only when a link with settings is opened.
import { useT } from '../ui/i18n.tsx'
import { ConfigSummary, WeakeningList, weakenings } from './config-summary.tsx'
import { useConfigStore } from './use-config.ts'

export default function LinkSummary() {
  const opened = useConfigStore((s) => s.opened)
  const t = useT()
  if (!opened) return null
  const weak = weakenings(opened)
  return (
    <section
      className={`notice link-summary ${weak.length > 0 ? 'notice-warning' : 'notice-info'}`}
      aria-labelledby="link-summary-title"
    >
      <h2 id="link-summary-title">{t('wizard.linkSummary.title')}</h2>
      <ConfigSummary config={opened} />
      {weak.length > 0 ? (
        <>
          <h3>{t('wizard.linkSummary.weaker', { count: weak.length })}</h3>
          <WeakeningList items={weak} />
        </>
      ) : (
        <p>{t('wizard.linkSummary.safe')}</p>
      )}
      <button
        type="button"
        className="secondary"
        onClick={() => useConfigStore.setState({ opened: undefined })}
      >
        {t('wizard.linkSummary.hide')}
      </button>
    </section>
  )
}
