// A citation names its sources by id; their titles and links (sources.ts, a long table) are looked up
// only where a citation is shown. So the form's naming rules can cite without putting the table into the
// first load.
import type { SourceId } from './sources.ts'

/** A citation: the public sources behind a line, a finding or a rule. */
export interface Citation {
  sources: readonly SourceId[]
}

export function cite(...sources: SourceId[]): Citation {
  return { sources }
}
