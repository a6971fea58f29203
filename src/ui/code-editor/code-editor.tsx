// The editor, loaded on intent (React.lazy): Monaco for one file, or a diff of the user's edit against
// the generated text. The only component that touches Monaco.
import { useEffect, useRef } from 'react'
import type { Language } from '../../generator/types.ts'
import { monaco } from './monaco-setup.ts'

const MONACO_LANGUAGE: Record<Language, string> = {
  json: 'json',
  shell: 'shell',
  powershell: 'powershell',
  ini: 'ini',
  yaml: 'yaml',
  hcl: 'hcl',
}

export interface CodeEditorProps {
  path: string
  value: string
  language: Language
  /** With `original`, a diff editor: the generated text on the left, the editable text on the right. */
  original?: string
  dark: boolean
  label: string
  onChange: (text: string) => void
  onReady?: () => void
}

const OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  lineHeight: 20,
  wordWrap: 'on',
  padding: { top: 12, bottom: 12 },
  renderLineHighlight: 'none',
  tabSize: 2,
} as const

export default function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const latest = useRef(props)
  latest.current = props
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const originalRef = useRef<monaco.editor.ITextModel | null>(null)
  const diffMode = props.original !== undefined

  useEffect(() => {
    const element = host.current!
    const { value, language, original, path, label } = latest.current
    const model = monaco.editor.createModel(
      value,
      MONACO_LANGUAGE[language],
      monaco.Uri.parse(`inmemory://edited/${path}`),
    )
    let dispose: () => void
    if (original === undefined) {
      const editor = monaco.editor.create(element, { ...OPTIONS, model, ariaLabel: label })
      editorRef.current = editor
      dispose = () => editor.dispose()
    } else {
      const originalModel = monaco.editor.createModel(
        original,
        MONACO_LANGUAGE[language],
        monaco.Uri.parse(`inmemory://generated/${path}`),
      )
      const diff = monaco.editor.createDiffEditor(element, {
        ...OPTIONS,
        renderSideBySide: element.clientWidth > 700,
        originalEditable: false,
        ariaLabel: label,
      })
      diff.setModel({ original: originalModel, modified: model })
      editorRef.current = diff.getModifiedEditor()
      originalRef.current = originalModel
      dispose = () => {
        diff.dispose()
        originalModel.dispose()
        originalRef.current = null
      }
    }
    const subscription = model.onDidChangeContent(() => latest.current.onChange(model.getValue()))
    latest.current.onReady?.()
    // The layer becomes visible once the parent has re-rendered for onReady; a hidden element takes no focus.
    // Both frames stay cancellable: an editor disposed between them must not be focused.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => editorRef.current?.focus())
    })
    return () => {
      cancelAnimationFrame(frame)
      subscription.dispose()
      dispose()
      model.dispose()
      editorRef.current = null
    }
    // Recreated only for another file or another mode; text changes flow through the effects below.
  }, [diffMode, props.path])

  // Follow outside changes (reset, a new generated text) without fighting the user's typing.
  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (model && model.getValue() !== props.value) model.setValue(props.value)
  }, [props.value])

  useEffect(() => {
    const model = originalRef.current
    if (model && props.original !== undefined && model.getValue() !== props.original)
      model.setValue(props.original)
  }, [props.original])

  useEffect(() => {
    monaco.editor.setTheme(props.dark ? 'vs-dark' : 'vs')
  }, [props.dark])

  // The label follows the page's language without recreating the editor.
  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: props.label })
  }, [props.label])

  return <div ref={host} className="code-editor" data-testid="code-editor" />
}
