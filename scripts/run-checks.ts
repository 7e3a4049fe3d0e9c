/** `npm run checks`: typecheck, lint and the format check at once (scripts/checks.ts). */
import { CHECKS, report, runCheck } from './checks.ts';

process.exit(report(await Promise.all(Object.values(CHECKS).map(runCheck))));
