// Monaco, bundled locally: the slim 0.57 entry points (monaco-editor 0.56+ `exports` map), workers served from this
// origin. Imported only through the lazy code editor, so the first page load never pays for it.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker?worker'
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/codicon/register' // else icons render as boxes
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/bracketMatching/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/wordHighlighter/register'
import 'monaco-editor/features/documentSymbols/register' // the diff editor needs IOutlineModelService
// The JSON language (loaded with the first JSON file) brings editor contributions that need these services; a
// service registered after the first editor exists is unknown to later ones (the diff editor logged
// "depends on UNKNOWN service ICodeLensCache / ISuggestMemories / treeViewsDndService").
import 'monaco-editor/features/codelens/register'
import 'monaco-editor/features/suggest/register'
import 'monaco-editor/features/dropOrPasteInto/register'
import 'monaco-editor/languages/definitions/shell/register'
import 'monaco-editor/languages/definitions/powershell/register'
import 'monaco-editor/languages/definitions/ini/register'
import 'monaco-editor/languages/definitions/yaml/register'
import 'monaco-editor/languages/definitions/hcl/register'
import 'monaco-editor/languages/features/json/register' // JSON validation as you type (json worker)

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    // An explicit editor worker: without it the diff editor times out, and no editor worker is emitted.
    return label === 'json' ? new JsonWorker() : new EditorWorker()
  },
}

export { monaco }
