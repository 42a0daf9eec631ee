import { IANAZone } from 'luxon';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';

/** Windows zone names by their lower-case spelling: tools write them in any case. CLDR's `001` row is the zone's own. */
const WINDOWS = new Map(WINDOWS_TO_IANA_MAP.filter((entry) => entry.territory === '001').map((entry) => [entry.windowsName.toLowerCase(), entry.iana[0]!]));

/** The IANA zone a Windows zone name (`W. Europe Standard Time`) or an IANA name stands for; undefined when none. */
export function ianaZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (IANAZone.isValidZone(trimmed)) return trimmed;
  return WINDOWS.get(trimmed.toLowerCase());
}
