// The page-level notice about edits (edits-notice.tsx shows it when there is something to say): every file of
// this configuration that differs from its generated text, with what became of it after a change; edits that
// could not be saved; and edits kept for other configurations, which are offered, never used.
import type { GenerateResult } from '../generator/types.ts'
import { msg } from '../i18n/message.ts'
import { Text, useT } from '../ui/i18n.tsx'
import { EDIT_STATE_TEXT, editState } from './edit-state.ts'
import { configKey, moved, NO_EDITS, useConfigEdits, useEditsStore, withEdits } from './edits-store.ts'

/** Copies another configuration's edits of `paths` here (the user asked); that configuration keeps them. */
const bring = (from: string, to: string, paths: readonly string[]) =>
  useEditsStore.setState((s) => ({ byConfig: moved(s.byConfig, from, to, paths, true) }))
const discard = (key: string) =>
  useEditsStore.setState((s) => ({ byConfig: withEdits(s.byConfig, key, NO_EDITS) }))
import { useUiStore } from './ui-store.ts'

export default function EditsNoticeList({ result }: { result: GenerateResult }) {
  const key = configKey(result.permalink)
  const edits = useConfigEdits(key)
  const byConfig = useEditsStore((s) => s.byConfig)
  const unsaved = useEditsStore((s) => s.unsaved)
  const select = useUiStore((s) => s.select)
  const t = useT()
  const paths: readonly string[] = result.files.map((f) => f.path)
  const edited = result.files.filter((f) => edits[f.path] !== undefined)
  const others = Object.entries(byConfig)
    .filter(([k]) => k !== key)
    .sort(([, a], [, b]) => b.at - a.at)
  if (edited.length === 0 && others.length === 0 && !unsaved) return null

  const open = (path: string) => {
    select(path)
    document.getElementById('file-panel')?.scrollIntoView({ block: 'nearest' })
  }
  return (
    <section className="notice notice-warning edits-notice" aria-label={t('wizard.edits.label')}>
      {edited.length > 0 && (
        <>
          <h2>{t('wizard.edits.title', { count: edited.length })}</h2>
          <p>{t('wizard.edits.intro', { count: edited.length })}</p>
          <ul>
            {edited.map((f) => (
              <li key={f.path}>
                <Text
                  message={msg('wizard.edits.item', {
                    path: f.path,
                    state: EDIT_STATE_TEXT[editState(edits[f.path]!, f.text)],
                  })}
                  components={{ 0: <button type="button" className="link" onClick={() => open(f.path)} /> }}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {unsaved && <p role="alert">{t('wizard.edits.unsaved')}</p>}
      {others.length > 0 && (
        <details>
          <summary>
            {t('wizard.edits.others', {
              edits: others.reduce((n, [, c]) => n + Object.keys(c.edits).length, 0),
              configurations: others.length,
            })}
          </summary>
          <ul>
            {others.map(([other, { edits: theirs }]) => {
              const files = Object.keys(theirs)
              const applicable = files.filter((p) => paths.includes(p) && edits[p] === undefined)
              return (
                <li key={other}>
                  <Text
                    message={msg('wizard.edits.otherItem', { files })}
                    components={{ 0: <a href={other} /> }}
                  />{' '}
                  <button
                    type="button"
                    disabled={applicable.length === 0}
                    onClick={() => bring(other, key, applicable)}
                  >
                    {t('wizard.edits.apply', { count: applicable.length })}
                  </button>{' '}
                  <button type="button" onClick={() => discard(other)}>
                    {t('wizard.edits.discard')}
                  </button>
                </li>
              )
            })}
          </ul>
        </details>
      )}
    </section>
  )
}
