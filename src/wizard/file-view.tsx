// One generated file: where it goes, copy and download, the text (highlighted and read-only until the
// user asks to edit, then Monaco), the user's edit with its diff and reset, and why each line is there.
import { lazy, Suspense, useEffect, useState } from 'react'
import type { Artifact } from '../generator/types.ts'
import { msg, type Message } from '../i18n/message.ts'
import { CodeView } from '../ui/code-view.tsx'
import { Text, useT } from '../ui/i18n.tsx'
import { downloadText } from '../ui/transfer.ts'
import { usePrefersDark } from '../ui/use-prefers-dark.ts'
import { noteEditIntent, noteEditorReady } from './perf.ts'
import { editState } from './edit-state.ts'
import { useEditsStore, type FileEdit } from './edits-store.ts'
import { CopyButton, useCopy } from './copy-button.tsx'
import { guard } from './invalid-fields.ts'
import './file-view.css'

const loadEditor = () => import('../ui/code-editor/code-editor.tsx')
const CodeEditor = lazy(loadEditor)

export const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1)

/** The JSON parse error of an edited file, or undefined. The parser's own words come from the browser. */
function jsonProblem(text: string): Message | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    return msg('wizard.file.invalidJson', { error: (error as Error).message })
  }
}

/** The file of the configuration `configKey` (edits-store.ts): its edit is that configuration's only. */
export function FileView({ file, configKey }: { file: Artifact; configKey: string }) {
  const edit = useEditsStore((s) => s.byConfig[configKey]?.edits[file.path])
  const storeEdit = useEditsStore((s) => s.setEdit)
  const setEdit = (next: FileEdit | undefined) => storeEdit(configKey, file.path, next)
  const resetEdit = () => setEdit(undefined)
  const dark = usePrefersDark()
  const [editing, setEditing] = useState(false)
  const [showDiff, setShowDiff] = useState(false)
  /** Reset by the user's choice: back to the generated text, and out of the diff, which would compare it with itself. */
  const discardEdit = () => {
    setShowDiff(false)
    resetEdit()
  }
  const [editorReady, setEditorReady] = useState(false)
  const t = useT()
  const [status, setStatus] = useState<Message>()
  const text = edit?.text ?? file.text
  const edited = edit ? 'yes' : 'no'
  const fileCopy = useCopy({
    text: () => text,
    fallbackLabel: t('wizard.file.textOf', { path: file.path }),
    done: t('wizard.file.copied', { path: file.path, edited }),
  })
  const state = edit && editState(edit, file.text)
  const problem = file.language === 'json' && edit ? jsonProblem(text) : undefined
  const editorOpen = editing || showDiff

  // Another file, another editor: start read-only again.
  useEffect(() => {
    setEditing(false)
    setShowDiff(false)
    setEditorReady(false)
    fileCopy.reset()
    setStatus(undefined)
  }, [file.path])

  useEffect(() => {
    if (editorReady) noteEditorReady()
  }, [editorReady])

  const startEditing = () => {
    noteEditIntent()
    if (!editorOpen) setEditorReady(false)
    setEditing(true)
  }
  const onChange = (next: string) => {
    if (next === file.text) resetEdit()
    // Typing keeps the edit's base and any conflict: only the user's choice below settles a conflict.
    else
      setEdit(edit ? { ...edit, text: next, reapplied: undefined } : { text: next, generatedFrom: file.text })
  }

  return (
    <article className="file-view" aria-labelledby="file-title">
      <header className="file-header">
        <h3 id="file-title">
          {t(file.title)} <code className="file-path">{file.path}</code>
          {edit && <span className="badge badge-edited">{t('wizard.file.editedBadge')}</span>}
        </h3>
        <div className="file-actions">
          <CopyButton action={fileCopy}>{t('wizard.copy.button')}</CopyButton>
          {/* With fields that are not valid yet, Download asks first (invalid-fields.ts). */}
          <button
            type="button"
            onClick={() =>
              guard('wizard.file.download', () => {
                downloadText(fileName(file.path), text)
                setStatus(msg('wizard.file.downloaded', { name: fileName(file.path), edited }))
              })
            }
          >
            {t('wizard.file.download')}
          </button>
          {!editing ? (
            <button
              type="button"
              onPointerEnter={() => void loadEditor()}
              onFocus={() => void loadEditor()}
              onClick={startEditing}
            >
              {t('wizard.file.edit')}
            </button>
          ) : (
            <button type="button" onClick={() => setEditing(false)}>
              {t('wizard.file.doneEditing')}
            </button>
          )}
          {edit && (
            <>
              <button type="button" aria-pressed={showDiff} onClick={() => setShowDiff(!showDiff)}>
                {t(showDiff ? 'wizard.file.hideChanges' : 'wizard.file.showChanges')}
              </button>
              <button type="button" onClick={discardEdit}>
                {t('wizard.file.reset')}
              </button>
            </>
          )}
        </div>
      </header>
      {/* A label, then its text (never parsed for markup: usage names buckets, check is a command). */}
      <p className="usage">
        <strong>{t('wizard.file.whereLabel')}</strong> {t(file.usage)}
      </p>
      {file.check && (
        <p className="usage">
          <strong>{t('wizard.file.checkLabel')}</strong> <code>{file.check}</code>
        </p>
      )}
      <p className="visually-hidden" role="status">
        {status && t(status)}
      </p>
      {fileCopy.fallback}
      {edit && (
        <p className="usage edit-note">
          <Text message={msg('wizard.file.editedNote')} components={{ 0: <strong /> }} />
        </p>
      )}
      {state === 'pending' && (
        <p className="notice notice-warning" role="status">
          {t('wizard.file.pending')}
        </p>
      )}
      {state === 'reapplied' && (
        <div className="notice notice-warning" role="status">
          <p>{t('wizard.file.reapplied')}</p>
          <button type="button" onClick={() => setShowDiff(true)}>
            {t('wizard.file.compare')}
          </button>{' '}
          <button type="button" onClick={() => setEdit({ text, generatedFrom: file.text })}>
            {t('wizard.file.itIsRight')}
          </button>
        </div>
      )}
      {state === 'conflict' && edit && (
        <div className="notice notice-error" role="status">
          <p>
            {t('wizard.file.conflict', {
              count: edit.conflictLines?.length ?? 0,
              lines: (edit.conflictLines ?? []).map(String),
            })}
          </p>
          <button type="button" onClick={() => setShowDiff(true)}>
            {t('wizard.file.compare')}
          </button>{' '}
          <button type="button" onClick={() => setEdit({ text, generatedFrom: file.text })}>
            {t('wizard.file.keepMine')}
          </button>{' '}
          <button type="button" onClick={discardEdit}>
            {t('wizard.file.useGenerated')}
          </button>
        </div>
      )}
      {problem && (
        <p className="message message-error" role="alert">
          {t(problem)}
        </p>
      )}
      <div className="code-frame">
        {(!editorOpen || !editorReady) && (
          // Read-only: a double-click selects text; Enter (or Edit) opens the editor. Each line's reason sits
          // next to it; for an edit the reasons, which number the generated text's lines, are left out.
          <CodeView
            text={text}
            language={file.language}
            notes={edit ? [] : file.sources}
            label={t('wizard.file.viewLabel', { path: file.path, edited })}
            onEnter={startEditing}
            idPrefix="file"
          />
        )}
        {editorOpen && (
          <Suspense fallback={null}>
            <div className={`editor-layer${editorReady ? ' ready' : ''}`}>
              <CodeEditor
                path={file.path}
                value={text}
                language={file.language}
                original={showDiff ? file.text : undefined}
                dark={dark}
                label={t('wizard.file.editorLabel', { path: file.path })}
                onChange={onChange}
                onReady={() => setEditorReady(true)}
              />
            </div>
          </Suspense>
        )}
      </div>
    </article>
  )
}
