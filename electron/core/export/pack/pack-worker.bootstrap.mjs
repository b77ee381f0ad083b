// Entry used when running from TypeScript sources (tests, CLI via tsx): worker threads start
// without the parent's loader, so tsx is registered here before the worker module loads.
import { register } from 'tsx/esm/api';

register();
await import('./pack-worker.ts');
