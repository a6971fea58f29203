// One generated file: where it goes, copy and download, the text (highlighted and read-only until the
// user asks to edit, then Monaco), the user's edit with its diff and reset, and why each line is there.
import { lazy, Suspense, useEffect, useState } from 'react'
import type { Artifact } from '../generator/types.ts'
import { CodeView } from '../ui/code-view.tsx'
import { downloadText } from '../ui/transfer.ts'
import { usePrefersDark } from '../ui/use-prefers-dark.ts'
import { noteEditIntent, noteEditorReady } from './perf.ts'
import { EDIT_STATE_TEXT, editState } from './edit-state.ts'
import { useEditsStore, type FileEdit } from './edits-store.ts'
import { CopyButton, useCopy } from './copy-button.tsx'
import { guard } from './invalid-fields.ts'
import './file-view.css'

const loadEditor = () => import('../ui/code-editor/code-editor.tsx')
const CodeEditor = lazy(loadEditor)

export const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1)

/** The JSON parse error of an edited file, as a sentence, or undefined. */
function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`
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
  const [status, setStatus] = useState('')
  const text = edit?.text ?? file.text
  const fileCopy = useCopy({
    text: () => text,
    fallbackLabel: `Text of ${file.path}`,
    done: `Copied ${file.path}${edit ? ` (${EDIT_STATE_TEXT.edited}, not the generated text)` : ''}`,
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
    setStatus('')
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
          {file.title} <code className="file-path">{file.path}</code>
          {edit && <span className="badge badge-edited">edited</span>}
        </h3>
        <div className="file-actions">
          <CopyButton action={fileCopy}>Copy</CopyButton>
          {/* With fields that are not valid yet, Download asks first (invalid-fields.ts). */}
          <button
            type="button"
            onClick={() =>
              guard('Download', () => {
                downloadText(fileName(file.path), text)
                setStatus(`Downloaded ${fileName(file.path)}${edit ? ` (${EDIT_STATE_TEXT.edited})` : ''}`)
              })
            }
          >
            Download
          </button>
          {!editing ? (
            <button
              type="button"
              onPointerEnter={() => void loadEditor()}
              onFocus={() => void loadEditor()}
              onClick={startEditing}
            >
              Edit
            </button>
          ) : (
            <button type="button" onClick={() => setEditing(false)}>
              Done editing
            </button>
          )}
          {edit && (
            <>
              <button type="button" aria-pressed={showDiff} onClick={() => setShowDiff(!showDiff)}>
                {showDiff ? 'Hide changes' : 'Show changes'}
              </button>
              <button type="button" onClick={discardEdit}>
                Reset to generated
              </button>
            </>
          )}
        </div>
      </header>
      <p className="usage">
        <strong>Where this goes: </strong>
        {file.usage}
      </p>
      {file.check && (
        <p className="usage">
          <strong>Check: </strong>
          <code>{file.check}</code>
        </p>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {fileCopy.fallback}
      {edit && (
        <p className="usage edit-note">
          <strong>Edited: </strong>
          Copy, Download and Download all give your text, not the generated text.
        </p>
      )}
      {state === 'pending' && (
        <p className="notice notice-warning" role="status">
          The configuration changed since you edited this file: re-applying your edit to the new generated
          text…
        </p>
      )}
      {state === 'reapplied' && (
        <div className="notice notice-warning" role="status">
          <p>
            The configuration changed since you edited this file: your edit was re-applied to the new
            generated text. Check the result.
          </p>
          <button type="button" onClick={() => setShowDiff(true)}>
            Compare with the new generated text
          </button>{' '}
          <button type="button" onClick={() => setEdit({ text, generatedFrom: file.text })}>
            It is right
          </button>
        </div>
      )}
      {state === 'conflict' && edit && (
        <div className="notice notice-error" role="status">
          <p>
            The configuration changed since you edited this file, and your edit conflicts with the new
            generated text
            {edit.conflictLines?.length
              ? ` at line${edit.conflictLines.length === 1 ? '' : 's'} ${edit.conflictLines.join(', ')}`
              : ''}
            : it was not re-applied. Copy, Download and Download all give your edit as you wrote it.
          </p>
          <button type="button" onClick={() => setShowDiff(true)}>
            Compare with the new generated text
          </button>{' '}
          <button type="button" onClick={() => setEdit({ text, generatedFrom: file.text })}>
            Keep my edit
          </button>{' '}
          <button type="button" onClick={discardEdit}>
            Use the new generated text
          </button>
        </div>
      )}
      {problem && (
        <p className="message message-error" role="alert">
          {problem}
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
            label={`${file.path}${edit ? ' (edited)' : ''}`}
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
                label={`Edit ${file.path}`}
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
