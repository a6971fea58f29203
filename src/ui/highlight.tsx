// A small highlighter for the read-only view that shows before Monaco is loaded (it loads only when the
// user wants to edit): a few sticky regular expressions per language, enough to read the files.
import type { ReactNode } from 'react'
import type { Language } from '../generator/types.ts'

type Rule = readonly [className: string, pattern: RegExp]

const RULES: Record<Language, readonly Rule[]> = {
  json: [
    ['tok-key', /"(?:[^"\\]|\\.)*"(?=\s*:)/y],
    ['tok-string', /"(?:[^"\\]|\\.)*"/y],
    ['tok-number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
    ['tok-keyword', /\b(?:true|false|null)\b/y],
  ],
  shell: [
    ['tok-comment', /(?<![^\s;])#.*/y],
    ['tok-string', /'[^']*'/y],
    ['tok-string', /"(?:[^"\\]|\\.)*"/y],
    ['tok-variable', /\$(?:\{[^}]*\}|\(|[A-Za-z_][A-Za-z0-9_]*|[?#@*0-9])/y],
    ['tok-keyword', /\b(?:if|then|else|elif|fi|case|esac|for|in|do|done|while|until|set|exit|echo)\b/y],
    ['tok-option', /(?<=\s)--?[A-Za-z][A-Za-z0-9-]*/y],
  ],
  powershell: [
    ['tok-comment', /#.*/y],
    ['tok-tag', /<\/?powershell>/y],
    ['tok-string', /'(?:[^']|'')*'/y],
    ['tok-string', /"(?:[^"`]|`.)*"/y],
    ['tok-variable', /\$[A-Za-z_][A-Za-z0-9_:]*/y],
    ['tok-keyword', /\b(?:if|else|try|catch|exit|foreach|in)\b/y],
    ['tok-command', /\b[A-Z][a-z]+-[A-Z][A-Za-z]+\b/y],
    ['tok-option', /(?<=\s)-[A-Za-z][A-Za-z0-9]*/y],
  ],
  ini: [
    ['tok-comment', /^#.*/y],
    ['tok-key', /^[A-Z][A-Z0-9_]*(?==)/y],
  ],
  yaml: [
    ['tok-comment', /(?<![^\s])#.*/y],
    ['tok-key', /(?<=^\s*(?:-\s+)?)(?:[A-Za-z0-9_:.-]+|"(?:[^"\\]|\\.)*")(?=:(?:\s|$))/y],
    ['tok-command', /(?<![^\s[,])![A-Za-z0-9:]+/y],
    ['tok-string', /"(?:[^"\\]|\\.)*"/y],
    ['tok-string', /'(?:[^']|'')*'/y],
    ['tok-number', /(?<![^\s[,])-?\d+(?:\.\d+)?(?=\s*(?:$|[,\]]))/y],
    ['tok-keyword', /(?<![^\s[,])(?:true|false|null)(?=\s*(?:$|[,\]]))/y],
  ],
  hcl: [
    ['tok-comment', /(?:#|\/\/).*/y],
    ['tok-string', /"(?:[^"\\]|\\.)*"/y],
    ['tok-key', /(?<=^\s*)[A-Za-z_][A-Za-z0-9_-]*(?=\s*=(?!=))/y],
    [
      'tok-keyword',
      /\b(?:terraform|provider|resource|data|variable|output|locals|module|true|false|null)\b/y,
    ],
    ['tok-number', /\b\d+(?:\.\d+)?\b/y],
  ],
}

function highlightLine(line: string, rules: readonly Rule[], key: number): ReactNode[] {
  const out: ReactNode[] = []
  let plain = ''
  let i = 0
  while (i < line.length) {
    let matched = false
    for (const [className, pattern] of rules) {
      pattern.lastIndex = i
      const m = pattern.exec(line)
      if (m && m[0].length > 0) {
        if (plain) out.push(plain)
        plain = ''
        out.push(
          <span key={`${key}-${i}`} className={className}>
            {m[0]}
          </span>,
        )
        i += m[0].length
        matched = true
        break
      }
    }
    if (!matched) plain += line[i++]
  }
  if (plain) out.push(plain)
  return out
}

/** The text's lines (split at "\n"), each as highlighted parts. */
export function highlightLines(text: string, language: Language): ReactNode[][] {
  const rules = RULES[language]
  return text.split('\n').map((line, n) => highlightLine(line, rules, n))
}
