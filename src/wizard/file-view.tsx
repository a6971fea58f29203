// One generated file: where it goes, copy and download, the text (highlighted and read-only until the
// user asks to edit, then Monaco), the user's edit with its diff and reset, and why each line is there.
import { lazy, Suspense, useEffect, useState } from 'react'
import type { Artifact } from '../generator/types.ts'
import { highlight } from '../ui/highlight.tsx'
import { copyText, downloadText } from '../ui/transfer.ts'
import { usePrefersDark } from '../ui/use-prefers-dark.ts'
import { noteEditIntent, noteEditorReady } from './perf.ts'
import { useEditStore } from './ui-store.ts'
import { CopyFallback } from './copy-fallback.tsx'
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

export function FileView({ file }: { file: Artifact }) {
  const edit = useEditStore((s) => s.edits[file.path])
  const setEdit = useEditStore((s) => s.setEdit)
  const resetEdit = useEditStore((s) => s.resetEdit)
  const dark = usePrefersDark()
  const [editing, setEditing] = useState(false)
  const [showDiff, setShowDiff] = useState(false)
  const [editorReady, setEditorReady] = useState(false)
  const [copyFallback, setCopyFallback] = useState(false)
  const [status, setStatus] = useState('')
  const text = edit?.text ?? file.text
  const configChanged = edit !== undefined && edit.generatedFrom !== file.text
  const problem = file.language === 'json' && edit ? jsonProblem(text) : undefined
  const editorOpen = editing || showDiff

  // Another file, another editor: start read-only again.
  useEffect(() => {
    setEditing(false)
    setShowDiff(false)
    setEditorReady(false)
    setCopyFallback(false)
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
    if (next === file.text) resetEdit(file.path)
    else setEdit(file.path, { text: next, generatedFrom: edit?.generatedFrom ?? file.text })
  }

  return (
    <article className="file-view" aria-labelledby="file-title">
      <header className="file-header">
        <h3 id="file-title">
          {file.title} <code className="file-path">{file.path}</code>
          {edit && <span className="badge badge-edited">edited</span>}
        </h3>
        <div className="file-actions">
          <button
            type="button"
            onClick={() => {
              void copyText(text).then((ok) => {
                if (ok) setStatus(`Copied ${file.path}`)
                else setCopyFallback(true)
              })
            }}
          >
            Copy
          </button>
          <button type="button" onClick={() => downloadText(fileName(file.path), text)}>
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
              <button type="button" onClick={() => resetEdit(file.path)}>
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
      {copyFallback && (
        <CopyFallback text={text} label={`Text of ${file.path}`} onClose={() => setCopyFallback(false)} />
      )}
      {configChanged && (
        <div className="notice notice-warning" role="status">
          <p>
            The configuration changed since you edited this file: the generated text is different now. Your
            edit is kept.
          </p>
          <button type="button" onClick={() => setShowDiff(true)}>
            Compare with the new generated text
          </button>{' '}
          <button type="button" onClick={() => setEdit(file.path, { text, generatedFrom: file.text })}>
            Keep my edit
          </button>{' '}
          <button type="button" onClick={() => resetEdit(file.path)}>
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
          <pre
            className={`code code-${file.language}`}
            tabIndex={0}
            aria-label={`${file.path}${edit ? ' (edited)' : ''}`}
            onDoubleClick={startEditing}
            onKeyDown={(e) => {
              if (e.key === 'Enter') startEditing()
            }}
          >
            <code>{highlight(text, file.language)}</code>
          </pre>
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
      {file.sources.length > 0 && (
        <details className="sources">
          <summary>Why these lines ({file.sources.length})</summary>
          <ul>
            {file.sources.map((s, i) => (
              <li key={i}>
                <strong>Line {s.line}:</strong> {s.note} {s.source && <cite>{s.source}</cite>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  )
}
