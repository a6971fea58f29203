// Which characters of a generated script are inert literal text: the property test uses this to prove that
// user text only ever appears where the shell or PowerShell cannot interpret it.

const lineEndAt = (text: string, i: number) => {
  const end = text.indexOf('\n', i)
  return end === -1 ? text.length : end
}
const isCommentLine = (text: string, i: number) => /^\s*#/.test(text.slice(i, lineEndAt(text, i)))

/** Marks the line starting at `i` as literal; returns where the next line starts. */
function markLine(text: string, i: number, mask: boolean[]): number {
  const end = lineEndAt(text, i)
  for (let k = i; k < end; k++) mask[k] = true
  return end + 1
}

/** What a language adds to the common walk: both return the index to go on from, or undefined. */
interface Scanner {
  /** At the start of a line, before comments are looked for. */
  line?: (text: string, i: number, mask: boolean[]) => number | undefined
  /** At any other character: marks a literal that starts here. */
  literal: (text: string, i: number, mask: boolean[]) => number | undefined
}

/** Walks a script line by line: comment lines are literal, the rest is left to the scanner. */
function scan(text: string, scanner: Scanner): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false)
  let i = 0
  let lineStart = true
  while (i < text.length) {
    if (lineStart) {
      const next =
        scanner.line?.(text, i, mask) ?? (isCommentLine(text, i) ? markLine(text, i, mask) : undefined)
      if (next !== undefined) {
        i = next
        continue
      }
      lineStart = false
    }
    if (text[i] === '\n') {
      lineStart = true
      i++
    } else i = scanner.literal(text, i, mask) ?? i + 1
  }
  return mask
}

/**
 * For POSIX shell: true at each character of a literal unit: a single-quoted string with its quotes, a
 * backslash with the character it escapes, a line of a heredoc with a quoted delimiter (<<'EOF'), a comment.
 */
export function shellLiteralMask(text: string): boolean[] {
  let heredocDelimiter: string | undefined
  return scan(text, {
    line: (t, i, mask) => {
      if (heredocDelimiter === undefined) return undefined
      if (t.slice(i, lineEndAt(t, i)) !== heredocDelimiter) return markLine(t, i, mask)
      heredocDelimiter = undefined
      return lineEndAt(t, i) + 1
    },
    literal: (t, i, mask) => {
      if (t[i] === '\\') {
        mask[i] = mask[i + 1] = true
        return i + 2
      }
      if (t[i] === "'") {
        const close = t.indexOf("'", i + 1)
        if (close === -1) throw new Error('unterminated single quote')
        for (let k = i; k <= close; k++) mask[k] = true
        return close + 1
      }
      if (t.startsWith("<<'", i)) {
        const close = t.indexOf("'", i + 3)
        heredocDelimiter = t.slice(i + 3, close)
        return close + 1
      }
      return undefined
    },
  })
}

const PS_QUOTE = /['\u2018\u2019\u201A\u201B]/

/** For PowerShell: true at each character of a verbatim (single-quoted) string with its quotes, and of comments. */
export function powershellLiteralMask(text: string): boolean[] {
  return scan(text, {
    literal: (t, i, mask) => {
      if (!PS_QUOTE.test(t[i]!)) return undefined
      // Verbatim string (PowerShell language spec 2.3.5.2.2, https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02): two quote characters in a row stand for one.
      mask[i] = true
      let k = i + 1
      for (; k < t.length; k++) {
        mask[k] = true
        if (PS_QUOTE.test(t[k]!)) {
          if (t[k + 1] !== undefined && PS_QUOTE.test(t[k + 1]!)) mask[++k] = true
          else break
        }
      }
      return k + 1
    },
  })
}

/**
 * The script's syntax with every run of literal units collapsed into one marker. Two scripts with the same
 * skeleton differ only inside literals: whatever the literal text, the shell parses them alike.
 */
export function syntaxSkeleton(text: string, mask: boolean[]): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    if (!mask[i]) out += text[i]
    else if (i === 0 || !mask[i - 1]) out += '\u0000'
  }
  return out
}
