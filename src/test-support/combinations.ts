// Every platform combination the form allows, for tests that sweep them all.
import { AMI_IDS, HOST_FAMILIES, NETWORK_MODES, type WizardConfig } from '../config/schema.ts'
import { amiInfo } from '../knowledge/amis.ts'

/**
 * Every AMI × host family (where the AMI asks) × network mode × instance-metadata blocking, on `base`; the
 * none mode without port mappings (it allows none).
 */
export function platformCombinations(base: WizardConfig): WizardConfig[] {
  return AMI_IDS.flatMap((ami) =>
    (amiInfo(ami).asksHostFamily ? HOST_FAMILIES : (['rhel'] as const)).flatMap((hostFamily) =>
      NETWORK_MODES.flatMap((networkMode) =>
        [true, false].map((blockInstanceMetadata) => ({
          ...base,
          os: amiInfo(ami).os,
          ami,
          hostFamily,
          networkMode,
          blockInstanceMetadata,
          task: { ...base.task, portMappings: networkMode === 'none' ? [] : base.task.portMappings },
        })),
      ),
    ),
  )
}
