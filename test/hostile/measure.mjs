// Preloaded into the binary by the hostile-input harness: records the process's peak memory when it exits,
// so that a test can assert a bound without a platform tool such as /usr/bin/time.
import { writeFileSync } from 'node:fs';

const target = process.env.CXLINT_PEAK_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
