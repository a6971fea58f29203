// Opening a link shows what it sets before anything is copied: the configuration in a few lines, and every
// value that is weaker than the safe defaults, each leading to its field. Open (not collapsed) until the user
// says they have read it. Loaded only when a link with settings is opened.
import { ConfigSummary, WeakeningList, weakenings } from './config-summary.tsx'
import { useConfigStore } from './use-config.ts'

export default function LinkSummary() {
  const opened = useConfigStore((s) => s.opened)
  if (!opened) return null
  const weak = weakenings(opened)
  return (
    <section
      className={`notice link-summary ${weak.length > 0 ? 'notice-warning' : 'notice-info'}`}
      aria-labelledby="link-summary-title"
    >
      <h2 id="link-summary-title">What this link sets</h2>
      <ConfigSummary config={opened} />
      {weak.length > 0 ? (
        <>
          <h3>
            {weak.length === 1
              ? 'One setting is weaker than the safe defaults'
              : `${weak.length} settings are weaker than the safe defaults`}
          </h3>
          <WeakeningList items={weak} />
        </>
      ) : (
        <p>It keeps every safe default.</p>
      )}
      <button
        type="button"
        className="secondary"
        onClick={() => useConfigStore.setState({ opened: undefined })}
      >
        Hide this summary
      </button>
    </section>
  )
}
