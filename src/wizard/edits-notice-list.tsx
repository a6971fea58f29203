// The page-level notice about edits (edits-notice.tsx shows it when there is something to say): every file of
// this configuration that differs from its generated text, with what became of it after a change; edits that
// could not be saved; and edits kept for other configurations, which are offered, never used.
import type { GenerateResult } from '../generator/types.ts'
import { EDIT_STATE_TEXT, editState } from './edit-state.ts'
import { configKey, moved, NO_EDITS, useConfigEdits, useEditsStore, withEdits } from './edits-store.ts'

/** Copies another configuration's edits of `paths` here (the user asked); that configuration keeps them. */
const bring = (from: string, to: string, paths: readonly string[]) =>
  useEditsStore.setState((s) => ({ byConfig: moved(s.byConfig, from, to, paths, true) }))
const discard = (key: string) =>
  useEditsStore.setState((s) => ({ byConfig: withEdits(s.byConfig, key, NO_EDITS) }))
import { useUiStore } from './ui-store.ts'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export default function EditsNoticeList({ result }: { result: GenerateResult }) {
  const key = configKey(result.permalink)
  const edits = useConfigEdits(key)
  const byConfig = useEditsStore((s) => s.byConfig)
  const unsaved = useEditsStore((s) => s.unsaved)
  const select = useUiStore((s) => s.select)
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
    <section className="notice notice-warning edits-notice" aria-label="Edited files">
      {edited.length > 0 && (
        <>
          <h2>
            {plural(edited.length, 'file')} {edited.length === 1 ? 'differs' : 'differ'} from the generated
            text
          </h2>
          <p>Copy, Download and Download all give your text for {edited.length === 1 ? 'it' : 'them'}:</p>
          <ul>
            {edited.map((f) => (
              <li key={f.path}>
                <button type="button" className="link" onClick={() => open(f.path)}>
                  {f.path}
                </button>
                : {EDIT_STATE_TEXT[editState(edits[f.path]!, f.text)]}
              </li>
            ))}
          </ul>
        </>
      )}
      {unsaved && (
        <p role="alert">
          Your edits could not be saved in this browser (its storage is full or blocked): they are lost when
          this page closes. Download all keeps them in the .zip.
        </p>
      )}
      {others.length > 0 && (
        <details>
          <summary>
            {plural(
              others.reduce((n, [, c]) => n + Object.keys(c.edits).length, 0),
              'edit',
            )}{' '}
            from {others.length === 1 ? 'another configuration' : `${others.length} other configurations`}:
            not used here
          </summary>
          <ul>
            {others.map(([other, { edits: theirs }]) => {
              const files = Object.keys(theirs)
              const applicable = files.filter((p) => paths.includes(p) && edits[p] === undefined)
              return (
                <li key={other}>
                  <a href={other}>That configuration</a> edited {files.join(', ')}.{' '}
                  <button
                    type="button"
                    disabled={applicable.length === 0}
                    onClick={() => bring(other, key, applicable)}
                  >
                    Apply {applicable.length === 1 ? 'it' : 'them'} here
                  </button>{' '}
                  <button type="button" onClick={() => discard(other)}>
                    Discard
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
