// Entry used when running from TypeScript sources (tests, CLI and web mode via tsx): worker
// threads start without the parent's loader, so tsx is registered here before the worker loads.
import { register } from 'tsx/esm/api';

register();
await import('./docx-worker.ts');
