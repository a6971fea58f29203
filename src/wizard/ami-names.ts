// The AMIs by the names the page shows, in the reader's language (knowledge/amis.ts keeps the English label
// for the CLI and the generated files).
import type { AmiId } from '../knowledge/amis.ts'
import { msg, type Message, type MessageKey } from '../i18n/message.ts'

const AMI_NAMES: Record<AmiId, MessageKey> = {
  al2023: 'wizard.ami.al2023',
  al2: 'wizard.ami.al2',
  al1: 'wizard.ami.al1',
  'ecs-init': 'wizard.ami.ecsInit',
  'manual-agent': 'wizard.ami.manualAgent',
  'windows-2025': 'wizard.ami.windows2025',
  'windows-2022': 'wizard.ami.windows2022',
  'windows-2019': 'wizard.ami.windows2019',
  'windows-2016': 'wizard.ami.windows2016',
}

export const amiName = (id: AmiId): Message => msg(AMI_NAMES[id])
